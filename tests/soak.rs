//! A fault soak: a few thousand payments, captures, refunds and vaulting sessions through the
//! client, 16 at a time, against the mock Antom with faults drawn at random from a fixed seed
//! (dropped connections before and after processing, timeouts, `U` answers, unsigned gateway
//! errors, corrupt and missing signatures), checked against the mock's ledger of what it
//! processed:
//!
//! - the client resends only the identical body under a call's own key: nothing is processed
//!   twice, and no key ever sees another body;
//! - every call that processed something ended with its result or an unknown-outcome error,
//!   never a plain failure; no call that processed nothing ended in success;
//! - no call succeeded on a tampered or unsigned answer;
//! - every unknown outcome was settled by the API's inquiry (`Client::settle`), itself under
//!   the same faults, within its bounded backoff: a final status for a request that was
//!   processed, the page's `ORDER_NOT_EXIST` for one that never was (lost before it arrived).
//!
//! Bounded by count (`ANTOM_SOAK_CALLS`, default 2000) and by the client's timeouts; the
//! figures are printed to standard error, past the test harness's capture.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use antom::payments::{Capture, Pay, Refund};
use antom::resolve::{Backoff, Inquirable, Settled};
use antom::vaults::CreateVaultingSession;
use antom::{Client, Error, PrivateKey, PublicKey, ResultCode, RetryPolicy, Uncertainty};
use antom_mock::{Fault, MockAntom, keys};
use serde_json::Value;

/// A call: its API, its key, how it ended, and how settling an unknown outcome ended.
struct Call {
    api: &'static str,
    key: String,
    outcome: Result<(), Error>,
    settled: Option<Result<bool, Error>>,
}

/// Calls `A` with its page's example request under `key` (in `field`); after an unknown
/// outcome, settles it by the API's inquiry.
async fn call<A: Inquirable>(
    client: &Client,
    field: &str,
    key: &str,
) -> (Result<(), Error>, Option<Result<bool, Error>>) {
    let mut body: Value = serde_json::from_str(A::EXAMPLE_REQUESTS[0]).unwrap();
    body[field] = Value::String(key.to_owned());
    let request: A::Request = serde_json::from_value(body).unwrap();
    let outcome = client
        .call::<A>(&request)
        .await
        .map(|_| ())
        .map_err(Error::into_any);
    let settled = match &outcome {
        Err(e) if e.is_outcome_unknown() => {
            let backoff = Backoff::new(vec![Duration::from_millis(2); 8]);
            Some(
                client
                    .settle::<A>(&request, &backoff)
                    .await
                    .map(|s| matches!(s, Settled::Final(_))),
            )
        }
        _ => None,
    };
    (outcome, settled)
}

/// What an outcome is, for the figures.
fn kind(outcome: &Result<(), Error>) -> String {
    match outcome {
        Ok(()) => "success".into(),
        Err(Error::OutcomeUnknown { reason, .. }) => match reason {
            Uncertainty::Status { code, .. } => format!("unknown: U {code}"),
            Uncertainty::Timeout => "unknown: timeout".into(),
            Uncertainty::Transport(_) => "unknown: connection lost".into(),
            Uncertainty::HttpStatus(s) => format!("unknown: HTTP {s}"),
            _ => "unknown: other".into(),
        },
        Err(Error::ResponseSignature { .. }) => "unknown: answer not trusted".into(),
        Err(e) => format!("other: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_calls_under_faults_lose_no_payment() {
    let calls: usize = std::env::var("ANTOM_SOAK_CALLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let server = MockAntom::new().all_apis().start().await.unwrap();
    server.set_random_faults(
        20261202,
        30,
        vec![
            Fault::Unknown,
            Fault::DropBeforeProcessing,
            Fault::DropAfterProcessing,
            Fault::GatewayError(503),
            Fault::CorruptSignature,
            Fault::OmitSignature,
            Fault::delay_ms(400),
        ],
    );
    let private: PrivateKey = keys::MERCHANT_PRIVATE_KEY.parse().unwrap();
    let antom: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    let client = Client::builder(server.base_url(), "SANDBOX_SOAK", private, antom)
        .retry(RetryPolicy::new(
            4,
            Duration::from_millis(1),
            Duration::from_millis(4),
        ))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let started = Instant::now();
    let limit = Arc::new(tokio::sync::Semaphore::new(16));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..calls {
        let client = client.clone();
        let permit = Arc::clone(&limit).acquire_owned().await.unwrap();
        tasks.spawn(async move {
            let key = format!("soak-{i:05}");
            let (api, (outcome, settled)) = match i % 4 {
                0 => ("pay", call::<Pay>(&client, "paymentRequestId", &key).await),
                1 => (
                    "capture",
                    call::<Capture>(&client, "captureRequestId", &key).await,
                ),
                2 => (
                    "refund",
                    call::<Refund>(&client, "refundRequestId", &key).await,
                ),
                _ => (
                    "createVaultingSession",
                    call::<CreateVaultingSession>(&client, "vaultingRequestId", &key).await,
                ),
            };
            drop(permit);
            Call {
                api,
                key,
                outcome,
                settled,
            }
        });
    }
    let mut done = Vec::with_capacity(calls);
    while let Some(call) = tasks.join_next().await {
        done.push(call.unwrap());
    }
    let elapsed = started.elapsed();

    let ledger: HashMap<(&str, String), _> = server
        .ledger()
        .into_iter()
        .map(|e| ((e.api, e.key.clone()), e))
        .collect();
    // The last answer each key's requests got, and the faults taken by kind.
    let requests = server.requests();
    let mut last_fault = HashMap::new();
    let mut faults: BTreeMap<String, usize> = BTreeMap::new();
    for r in &requests {
        let key = r.json().and_then(|body| {
            [
                "paymentRequestId",
                "captureRequestId",
                "refundRequestId",
                "vaultingRequestId",
            ]
            .iter()
            .find_map(|f| body[f].as_str().map(str::to_owned))
        });
        let fault = r.answer.as_ref().and_then(|a| a.fault.clone());
        if let Some(f) = &fault {
            let name = f.to_string();
            *faults
                .entry(name.split(':').next().unwrap().to_owned())
                .or_default() += 1;
        }
        if let (Some(api), Some(key)) = (r.api, key) {
            last_fault.insert((api, key), fault);
        }
    }

    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for c in &done {
        *outcomes.entry(kind(&c.outcome)).or_default() += 1;
        let id = (c.api, c.key.clone());
        let processed = ledger.get(&id);
        if let Some(entry) = processed {
            if entry.inconsistent > 0 {
                problems.push(format!("{}: another body was sent under its key", c.key));
            }
        }
        match (&c.outcome, processed) {
            (Ok(()), None) => {
                problems.push(format!("{}: success, but nothing was processed", c.key))
            }
            (Err(e), Some(_)) if !e.is_outcome_unknown() => problems.push(format!(
                "{}: processed, but reported as a plain failure: {e}",
                c.key
            )),
            _ => {}
        }
        if c.outcome.is_ok() {
            if let Some(Some(fault)) = last_fault.get(&id) {
                problems.push(format!(
                    "{}: succeeded on an answer with fault {fault}",
                    c.key
                ));
            }
        }
    }
    let unknown = done.iter().filter(|c| c.settled.is_some()).count();
    let converged = done
        .iter()
        .filter(|c| matches!(c.settled, Some(Ok(true))))
        .count();
    // The inquiry said the request does not exist: right only for one that was never processed.
    let said_absent = |c: &Call| match &c.settled {
        Some(Err(e)) => e.result_code().map(|code| code.code()) == Some("ORDER_NOT_EXIST"),
        _ => false,
    };
    let mut absent = 0;
    for c in &done {
        let processed = ledger.contains_key(&(c.api, c.key.clone()));
        match &c.settled {
            Some(Ok(false)) => problems.push(format!("{}: the inquiries did not settle it", c.key)),
            Some(Err(_)) if said_absent(c) && !processed => absent += 1,
            Some(Err(e)) => problems.push(format!("{}: settling failed: {e}", c.key)),
            _ => {}
        }
    }
    // What the calls processed (the inquiries are in the ledger too).
    let called = ["pay", "capture", "refund", "createVaultingSession"];
    let processed: Vec<_> = ledger
        .values()
        .filter(|e| called.contains(&e.api))
        .collect();
    let replays: u32 = processed.iter().map(|e| e.replays).sum();
    // Nothing was processed that no call asked for: every resend kept its call's key.
    let keys: std::collections::HashSet<(&str, &str)> =
        done.iter().map(|c| (c.api, c.key.as_str())).collect();
    for e in &processed {
        if !keys.contains(&(e.api, e.key.as_str())) {
            problems.push(format!(
                "{} {}: processed, but no call has this key",
                e.api, e.key
            ));
        }
    }
    // Straight to standard error, past the test harness's capture: CI shows the figures.
    let mut figures = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(
        figures,
        "soak: {calls} calls, {} requests (inquiries included), {} processed (each once; {replays} replays of an \
         identical resend) in {:.1} s",
        requests.len(),
        processed.len(),
        elapsed.as_secs_f64()
    );
    let _ = writeln!(
        figures,
        "unknown outcomes settled by their inquiry: {} of {unknown} ({converged} final, {absent} never processed)",
        converged + absent
    );
    let _ = writeln!(figures, "faults taken: {faults:?}");
    let _ = writeln!(figures, "outcomes: {outcomes:?}");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), figures.as_bytes());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        faults.len() >= 6,
        "every kind of fault was drawn: {faults:?}"
    );
    assert!(
        outcomes.get("success").copied().unwrap_or(0) > calls / 4,
        "{outcomes:?}"
    );
}
