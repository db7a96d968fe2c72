//! What the client records through `tracing`: one `antom.call` span per call with the API, the
//! idempotency key, the attempts, the HTTP status, the result status and code and the latency,
//! events for resends and rejected signatures, and nothing sensitive: no card data, no key, no
//! signature, no body.

mod support;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use antom::vaults::{VaultPaymentMethod, VaultPaymentMethodRequest};
use antom::{Api, Error};
use serde_json::Value;
use support::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::{LookupSpan, Registry};

/// Every span (name and fields, as recorded) and event (message and fields), as text.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<String>>>);

impl Captured {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

/// Whether `text` holds `secret` as a whole (not inside a longer word or number: a three-digit
/// CVV may well be the end of a request ID).
fn holds(text: &str, secret: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(secret).any(|(at, _)| {
        !word(text[..at].chars().next_back()) && !word(text[at + secret.len()..].chars().next())
    })
}

/// What this crate records (the HTTP stack's own events are not its doing).
fn ours(metadata: &tracing::Metadata<'_>) -> bool {
    metadata.target().starts_with("antom")
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Captured {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        if !ours(attrs.metadata()) {
            return;
        }
        let mut line = format!("span {}:", attrs.metadata().name());
        attrs.record(&mut Fields(&mut line));
        self.0.lock().unwrap().push(line);
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        if !context.span(id).is_some_and(|span| ours(span.metadata())) {
            return;
        }
        let mut line = "record:".to_owned();
        values.record(&mut Fields(&mut line));
        self.0.lock().unwrap().push(line);
    }
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if !ours(event.metadata()) {
            return;
        }
        let mut line = format!("event {}:", event.metadata().level());
        event.record(&mut Fields(&mut line));
        self.0.lock().unwrap().push(line);
    }
}

/// Every string in `value`, recursively.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn a_call_is_one_span_with_its_outcome_and_nothing_sensitive() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(Registry::default().with(captured.clone()));
    let request: VaultPaymentMethodRequest =
        serde_json::from_str(VaultPaymentMethod::EXAMPLE_REQUESTS[0]).unwrap();
    let request_id = VaultPaymentMethod::idempotency_key(&request)
        .expect("vaultingRequestId is the page's idempotency field")
        .to_owned();
    let antom = ScriptedAntom::start(vec![
        Reply::result("UNKNOWN_EXCEPTION", "U", "try again"),
        Reply::example::<VaultPaymentMethod>(),
        Reply::example::<VaultPaymentMethod>().signing(Signing::Corrupt),
    ])
    .await;
    let client = antom.client();

    client
        .vaults()
        .vault_payment_method(&request)
        .await
        .expect("U, then success");
    let error = client
        .vaults()
        .vault_payment_method(&request)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseSignature { .. }),
        "{error:?}"
    );

    let lines = captured.lines();
    let text = lines.join("\n");
    println!("{text}");
    assert!(holds("cvv=123 x", "123") && !holds("id_000123", "123"));
    // The first call: its span, the resend, then what it ended in.
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("span antom.call:"))
            .count(),
        2,
        "{text}"
    );
    assert!(
        lines[0].contains("api=vaultPaymentMethod")
            && lines[0].contains(&format!("idempotency_key={request_id}")),
        "{text}"
    );
    for expected in [
        "attempts=2",
        "http_status=200",
        "result_status=S",
        "latency_ms=",
        "resending the identical request",
        "reason=result status U: UNKNOWN_EXCEPTION",
        "the response's signature is rejected",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }

    // Nothing sensitive: no value of the request's card data, no body, no signature, no key.
    let mut secrets = Vec::new();
    let body: Value = serde_json::from_str(VaultPaymentMethod::EXAMPLE_REQUESTS[0]).unwrap();
    strings(&body["paymentMethodDetail"], &mut secrets);
    secrets.retain(|s| s.len() >= 3 && s != "CARD");
    assert!(
        secrets.len() >= 3,
        "the example carries card data: {secrets:?}"
    );
    let received = antom.received();
    secrets.push(String::from_utf8(received[0].body.to_vec()).unwrap());
    for r in &received {
        let signature = r.header("signature");
        secrets.push(signature[signature.rfind('=').unwrap() - 20..].to_owned());
    }
    for pem in [MERCHANT_PRIVATE_KEY, ANTOM_PUBLIC_KEY] {
        secrets.extend(
            pem.lines()
                .filter(|l| l.len() > 40)
                .map(|l| l[..40].to_owned()),
        );
    }
    for secret in &secrets {
        assert!(!holds(&text, secret), "`{secret}` was recorded:\n{text}");
    }
}
