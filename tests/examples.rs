//! Every page's examples, through the generated types: with no test written per page, a page
//! dropped into `spec/` brings its own tests.
//!
//! For each API and notification that `visit_apis` lists:
//! - each request example deserializes into `{Api}Request`, passes validation, and serializes
//!   back to JSON equal to the example;
//! - each response example decodes with `decode_response`: a successful one into
//!   `{Api}Response`, serializing back to JSON equal to the example; a failed one to a result
//!   code the page lists (and, when it carries a whole response, round-trips as well).

use antom::{
    Api, ApiVisitor, Notification, Outcome, ResultCode, Validate, decode_response, visit_apis,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

#[derive(Default)]
struct Examples {
    checked: usize,
    apis: usize,
    failures: Vec<String>,
}

impl Examples {
    /// Reads `example` as a `T` and writes it back; records a failure unless the JSON is equal.
    fn round_trip<T: Serialize + DeserializeOwned>(
        &mut self,
        what: &str,
        example: &str,
    ) -> Option<T> {
        self.checked += 1;
        let expected: Value = match serde_json::from_str(example) {
            Ok(v) => v,
            Err(e) => {
                self.failures
                    .push(format!("{what}: the example is not JSON: {e}"));
                return None;
            }
        };
        let value: T = match serde_json::from_str(example) {
            Ok(v) => v,
            Err(e) => {
                self.failures
                    .push(format!("{what}: does not deserialize: {e}"));
                return None;
            }
        };
        let actual = serde_json::to_value(&value).expect("generated types serialize");
        if actual != expected {
            self.failures.push(format!(
                "{what}: serializes differently\n  expected: {expected}\n  actual:   {actual}"
            ));
        }
        Some(value)
    }

    fn request<T: Serialize + DeserializeOwned + Validate>(&mut self, what: &str, example: &str) {
        if let Some(request) = self.round_trip::<T>(what, example) {
            if let Err(e) = request.validate() {
                self.failures
                    .push(format!("{what}: the example is invalid: {e}"));
            }
        }
    }
}

impl ApiVisitor for Examples {
    fn visit<A: Api + 'static>(&mut self) {
        self.apis += 1;
        for (i, example) in A::EXAMPLE_REQUESTS.iter().enumerate() {
            self.request::<A::Request>(&format!("{} request example {}", A::NAME, i + 1), example);
        }
        for (i, example) in A::EXAMPLE_RESPONSES.iter().enumerate() {
            let what = format!("{} response example {}", A::NAME, i + 1);
            match decode_response::<A>(example.as_bytes()) {
                Ok(Outcome::Success(_)) => {
                    self.round_trip::<A::Response>(&what, example);
                }
                Ok(Outcome::NotSuccess(result)) => {
                    if result.code.status().is_none() {
                        self.failures.push(format!(
                            "{what}: result code {} is not in the page's table",
                            result.code
                        ));
                    }
                    // A failed call's body may carry only `result`; when it carries the whole
                    // response (`PAYMENT_IN_PROCESS` with its URLs), that must round-trip too.
                    if serde_json::from_str::<A::Response>(example).is_ok() {
                        self.round_trip::<A::Response>(&what, example);
                    } else {
                        self.checked += 1;
                    }
                }
                Err(e) => self.failures.push(format!("{what}: does not decode: {e}")),
            }
        }
    }

    fn visit_notification<N: Notification + 'static>(&mut self) {
        self.apis += 1;
        for (i, example) in N::EXAMPLE_REQUESTS.iter().enumerate() {
            self.request::<N::Request>(
                &format!("{} notification example {}", N::NAME, i + 1),
                example,
            );
        }
        for (i, example) in N::EXAMPLE_RESPONSES.iter().enumerate() {
            self.round_trip::<N::Response>(
                &format!("{} acknowledgement example {}", N::NAME, i + 1),
                example,
            );
        }
    }
}

#[test]
fn every_page_example_round_trips_through_the_generated_types() {
    let mut examples = Examples::default();
    visit_apis(&mut examples);
    assert!(
        examples.apis > 0,
        "visit_apis visited no API: is spec/ empty?"
    );
    assert!(examples.checked > 0, "no page has examples");
    assert!(
        examples.failures.is_empty(),
        "{} of {} examples failed:\n{}",
        examples.failures.len(),
        examples.checked,
        examples.failures.join("\n")
    );
    println!(
        "{} examples of {} APIs round-trip",
        examples.checked, examples.apis
    );
}
