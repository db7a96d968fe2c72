//! What the SDK costs on the payment path, against floors that no SDK can beat:
//!
//! - `validate()` plus `serde_json::to_vec` of a generated `PayOneTimePaymentsRequest` with 50 goods, against
//!   `serde_json::to_vec` of a hand-written serde struct of the same shape (same JSON bytes);
//! - deserializing a large `InquiryPaymentResponse` (200 transactions), plainly and as the client
//!   does (`decode_response`), against the hand-written struct;
//! - signing a request and verifying it through `antom::signing`, against one raw aws-lc-rs
//!   RSA-2048 sign and one verify of the same bytes.
//!
//! `cargo bench --bench runtime`; the summary at the end gives each figure as a ratio to its
//! floor measured in the same run (see benches/README.md).

mod handwritten;
mod report;

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use antom::signing::{ContentToSign, Direction, PrivateKey, PublicKey};
use antom::{
    Api, Validate, payments::InquiryPayment, payments::InquiryPaymentResponse, payments::Pay,
    payments::PayOneTimePaymentsRequest,
};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, KeyPair, ParsedPublicKey, RsaKeyPair};
use base64::Engine;
use criterion::{BenchmarkGroup, Criterion, measurement::WallTime};
use serde_json::{Value, json};

use report::{Results, Row, benchmarking, paired};

/// Goods in the pay request.
const GOODS: usize = 50;
/// Transactions in the inquiry response.
const TRANSACTIONS: usize = 200;

/// The page's pay request example, with `GOODS` goods.
fn pay_request_json() -> Value {
    let cashier = Pay::EXAMPLE_REQUESTS
        .iter()
        .find(|e| e.contains("CASHIER_PAYMENT"))
        .unwrap();
    let mut request: Value = serde_json::from_str(cashier).unwrap();
    let goods: Vec<Value> = (0..GOODS)
        .map(|i| {
            json!({
                "referenceGoodsId": format!("GOODS_{:05}", 10_000 + i),
                "goodsName": format!("Bluetooth earphones, model {i}"),
                "goodsCategory": "Electronics/Audio",
                "goodsUnitAmount": { "currency": "USD", "value": format!("{}", 500 + 25 * i) },
                "goodsQuantity": format!("{}", 1 + i % 3),
            })
        })
        .collect();
    request["order"]["goods"] = Value::Array(goods);
    request
}

/// The page's successful inquiry response example, with `TRANSACTIONS` transactions.
fn inquiry_response_json() -> Vec<u8> {
    let mut response: Value = serde_json::from_str(InquiryPayment::EXAMPLE_RESPONSES[0]).unwrap();
    let first = response["transactions"][0].clone();
    let transactions: Vec<Value> = (0..TRANSACTIONS)
        .map(|i| {
            let mut t = first.clone();
            t["transactionId"] = json!(format!("2025061219401080010018882021{:07}", i));
            t["transactionRequestId"] = json!(format!("refund_20250612_{i:04}"));
            t["transactionAmount"]["value"] = json!(format!("{}", 100 + i));
            t["transactionType"] = json!(if i % 2 == 0 { "REFUND" } else { "CAPTURE" });
            t
        })
        .collect();
    response["transactions"] = Value::Array(transactions);
    serde_json::to_vec(&response).unwrap()
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
}

fn serialize(c: &mut Criterion) {
    let json = serde_json::to_vec(&pay_request_json()).unwrap();
    let generated: PayOneTimePaymentsRequest = serde_json::from_slice(&json).unwrap();
    let hand: handwritten::PayRequest = serde_json::from_slice(&json).unwrap();
    generated.validate().expect("the request is valid");
    // The same JSON, and as many bytes: the floor writes what the generated code writes (its
    // fields in the page's order, which moves when a page does; the values decide).
    let (generated_bytes, hand_bytes) = (
        serde_json::to_vec(&generated).unwrap(),
        serde_json::to_vec(&hand).unwrap(),
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&generated_bytes).unwrap(),
        serde_json::from_slice::<Value>(&hand_bytes).unwrap(),
        "the hand-written request does not give the same JSON"
    );
    assert_eq!(generated_bytes.len(), hand_bytes.len());

    let mut group = c.benchmark_group("pay request, 50 goods");
    configure(&mut group);
    group.bench_function("floor: hand-written to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&hand)).unwrap())
    });
    group.bench_function("validate + to_vec", |b| {
        b.iter(|| {
            let request = black_box(&generated);
            request.validate().unwrap();
            serde_json::to_vec(request).unwrap()
        })
    });
    group.bench_function("to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&generated)).unwrap())
    });
    group.bench_function("validate", |b| {
        b.iter(|| black_box(&generated).validate().unwrap())
    });
    group.finish();
}

fn deserialize(c: &mut Criterion) {
    let body = inquiry_response_json();
    let generated: InquiryPaymentResponse = serde_json::from_slice(&body).unwrap();
    let hand: handwritten::InquiryPaymentResponse = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        serde_json::to_value(&generated).unwrap(),
        serde_json::to_value(&hand).unwrap(),
        "the hand-written response does not read the same data"
    );

    let mut group = c.benchmark_group("inquiry response, 200 transactions");
    configure(&mut group);
    group.bench_function("floor: hand-written from_slice", |b| {
        b.iter(|| {
            serde_json::from_slice::<handwritten::InquiryPaymentResponse>(black_box(&body)).unwrap()
        })
    });
    group.bench_function("from_slice", |b| {
        b.iter(|| serde_json::from_slice::<InquiryPaymentResponse>(black_box(&body)).unwrap())
    });
    group.bench_function("decode_response", |b| {
        b.iter(|| antom::decode_response::<InquiryPayment>(black_box(&body)).unwrap())
    });
    group.finish();
}

/// The request the signing cases sign and verify: the pay request with 50 goods, with the same
/// key through the SDK and straight through aws-lc-rs.
struct Signing {
    key: PrivateKey,
    public: PublicKey,
    body: Vec<u8>,
    message: Vec<u8>,
    pair: RsaKeyPair,
    parsed: ParsedPublicKey,
    rng: SystemRandom,
}

const METHOD: &str = "POST";
const PATH: &str = "/ams/api/v1/payments/pay";
const CLIENT_ID: &str = "SANDBOX_5YEZ0000000000000";
const TIME: &str = "1700000000000";

impl Signing {
    fn new() -> Signing {
        let der_text = include_str!("../tests/data/merchant_private_key.b64");
        let key = PrivateKey::parse(der_text).unwrap();
        let public = key.public_key();
        let body = serde_json::to_vec(&pay_request_json()).unwrap();
        let der = base64::engine::general_purpose::STANDARD
            .decode(der_text.split_whitespace().collect::<String>())
            .unwrap();
        let pair = RsaKeyPair::from_pkcs8(&der).unwrap();
        assert_eq!(pair.public_modulus_len() * 8, 2048);
        let parsed = ParsedPublicKey::new(
            &signature::RSA_PKCS1_2048_8192_SHA256,
            pair.public_key().as_ref(),
        )
        .unwrap();
        let mut signing = Signing {
            key,
            public,
            message: Vec::new(),
            body,
            pair,
            parsed,
            rng: SystemRandom::new(),
        };
        signing.message = signing.content().to_bytes();
        signing
    }

    fn content(&self) -> ContentToSign<'_> {
        ContentToSign {
            method: METHOD,
            path: PATH,
            client_id: CLIENT_ID,
            time: TIME,
            body: &self.body,
        }
    }

    /// The floor: one RSA-2048 PKCS#1 v1.5 SHA-256 signature of the content to sign, and its
    /// verification, straight through aws-lc-rs.
    fn raw(&self, signature: &mut [u8]) {
        self.pair
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &self.rng,
                black_box(&self.message),
                signature,
            )
            .unwrap();
        self.parsed
            .verify_sig(black_box(&self.message), signature)
            .unwrap();
    }

    /// The SDK: the signed headers of the request, then their verification.
    fn sdk(&self) {
        let headers = self
            .key
            .signed_headers(Direction::Request, black_box(&self.content()), 1)
            .unwrap();
        self.public
            .verify_headers(
                Direction::Request,
                METHOD,
                PATH,
                Some(CLIENT_ID),
                &headers,
                black_box(&self.body),
            )
            .unwrap();
    }
}

fn sign(c: &mut Criterion) {
    let signing = Signing::new();
    let mut signature = vec![0; signing.pair.public_modulus_len()];
    let mut group = c.benchmark_group("sign + verify, RSA-2048");
    configure(&mut group);
    group.bench_function("floor: aws-lc-rs sign + verify", |b| {
        b.iter(|| signing.raw(&mut signature))
    });
    group.bench_function("signed_headers + verify_headers", |b| {
        b.iter(|| signing.sdk())
    });
    group.finish();
}

/// `ANTOM_PROFILE_RUNTIME=<case>` runs one case 100 times and stops: for
/// `valgrind --tool=callgrind`, whose instruction counts compare the cases repeatably on a busy
/// machine. Cases: `setup` (nothing but the fixtures), `hand_to_vec`, `validate_to_vec`,
/// `hand_from_slice`, `from_slice`, `decode_response`, `raw_sign_verify`, `sign_verify`.
fn profile(case: &str) {
    let request = serde_json::to_vec(&pay_request_json()).unwrap();
    let generated: PayOneTimePaymentsRequest = serde_json::from_slice(&request).unwrap();
    let hand: handwritten::PayRequest = serde_json::from_slice(&request).unwrap();
    let body = inquiry_response_json();
    let signing = Signing::new();
    let mut signature = vec![0; signing.pair.public_modulus_len()];
    for _ in 0..100 {
        match case {
            "hand_to_vec" => drop(black_box(serde_json::to_vec(black_box(&hand)).unwrap())),
            "validate_to_vec" => {
                let request = black_box(&generated);
                request.validate().unwrap();
                drop(black_box(serde_json::to_vec(request).unwrap()));
            }
            "hand_from_slice" => drop(black_box(
                serde_json::from_slice::<handwritten::InquiryPaymentResponse>(black_box(&body))
                    .unwrap(),
            )),
            "from_slice" => drop(black_box(
                serde_json::from_slice::<InquiryPaymentResponse>(black_box(&body)).unwrap(),
            )),
            "decode_response" => drop(black_box(
                antom::decode_response::<InquiryPayment>(black_box(&body)).unwrap(),
            )),
            "raw_sign_verify" => signing.raw(&mut signature),
            "sign_verify" => signing.sdk(),
            // The fixtures alone, to subtract from the other cases.
            "setup" => {}
            other => panic!("no case `{other}`"),
        }
    }
}

fn main() {
    if let Ok(case) = std::env::var("ANTOM_PROFILE_RUNTIME") {
        return profile(&case);
    }
    let start = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    serialize(&mut c);
    deserialize(&mut c);
    sign(&mut c);
    c.final_summary();
    if !benchmarking() {
        // `cargo test --benches` ran each case once, to check it works: no figures.
        return;
    }

    let results = Results::read(start);
    let pay = |label, id, target| Row {
        label,
        id,
        floor: "pay request, 50 goods/floor: hand-written to_vec",
        target,
    };
    let inquiry = |label, id, target| Row {
        label,
        id,
        floor: "inquiry response, 200 transactions/floor: hand-written from_slice",
        target,
    };
    results.print(
        "Runtime (ratio to the floor measured in the same run)",
        &[
            pay(
                "pay request: validate + to_vec",
                "pay request, 50 goods/validate + to_vec",
                Some(1.3),
            ),
            pay("pay request: to_vec", "pay request, 50 goods/to_vec", None),
            pay(
                "pay request: validate",
                "pay request, 50 goods/validate",
                None,
            ),
            inquiry(
                "inquiry response: from_slice",
                "inquiry response, 200 transactions/from_slice",
                Some(1.2),
            ),
            inquiry(
                "inquiry response: decode_response",
                "inquiry response, 200 transactions/decode_response",
                Some(1.2),
            ),
            Row {
                label: "sign + verify (signed_headers, verify_headers)",
                id: "sign + verify, RSA-2048/signed_headers + verify_headers",
                floor: "sign + verify, RSA-2048/floor: aws-lc-rs sign + verify",
                target: Some(1.05),
            },
        ],
    );
    paired_summary();
}

/// The targets again, each as a ratio timed in alternation with its floor (see
/// [`report::paired`]): what to trust when the machine's speed drifts during the run.
fn paired_summary() {
    const ROUNDS: usize = 31;
    let request = serde_json::to_vec(&pay_request_json()).unwrap();
    let generated: PayOneTimePaymentsRequest = serde_json::from_slice(&request).unwrap();
    let hand: handwritten::PayRequest = serde_json::from_slice(&request).unwrap();
    let body = inquiry_response_json();
    let signing = Signing::new();
    let mut signature = vec![0; signing.pair.public_modulus_len()];
    let hand_from_slice = || {
        black_box(
            serde_json::from_slice::<handwritten::InquiryPaymentResponse>(black_box(&body))
                .unwrap(),
        );
    };
    let rows = [
        (
            "pay request: validate + to_vec",
            paired(
                || drop(black_box(serde_json::to_vec(black_box(&hand)).unwrap())),
                || {
                    let request = black_box(&generated);
                    request.validate().unwrap();
                    drop(black_box(serde_json::to_vec(request).unwrap()));
                },
                ROUNDS,
            ),
            1.3,
        ),
        (
            "inquiry response: from_slice",
            paired(
                hand_from_slice,
                || {
                    black_box(
                        serde_json::from_slice::<InquiryPaymentResponse>(black_box(&body)).unwrap(),
                    );
                },
                ROUNDS,
            ),
            1.2,
        ),
        (
            "inquiry response: decode_response",
            paired(
                hand_from_slice,
                || {
                    black_box(antom::decode_response::<InquiryPayment>(black_box(&body)).unwrap());
                },
                ROUNDS,
            ),
            1.2,
        ),
        (
            "sign + verify",
            paired(|| signing.raw(&mut signature), || signing.sdk(), ROUNDS),
            1.05,
        ),
    ];
    println!("\nPaired ratios (case and floor timed in alternating rounds; median of {ROUNDS})");
    for (label, ratio, target) in rows {
        let verdict = if ratio <= target { "ok" } else { "MISSED" };
        println!("  {label:<44} {ratio:>7.3}x <= {target} {verdict}");
    }
}
