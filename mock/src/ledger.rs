//! The idempotency ledger: what the mock processed, once per idempotency key as Antom does, and
//! what inquiries find of it (a request never processed is not found).

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use antom::ResultStatus;
use hyper::StatusCode;
use serde_json::Value;

use crate::answer::Answer;
use crate::echo::echo_ids;
use crate::routes::Route;

/// What the mock processed under one idempotency key: see
/// [`MockServer::ledger`](crate::MockServer::ledger).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LedgerEntry {
    /// The API: `pay`.
    pub api: &'static str,
    /// The idempotency key: the request's `paymentRequestId`, for instance.
    pub key: String,
    /// The result code the processing gave.
    pub result_code: String,
    /// How many times the identical request came again and got the same answer.
    pub replays: u32,
    /// How many times another body came under the same key (answered `REPEAT_REQ_INCONSISTENT`).
    pub inconsistent: u32,
}

/// What the mock processed, and what the inquiries find of it.
#[derive(Default)]
pub(crate) struct Ledger(Mutex<Books>);

/// What [`Ledger`] guards.
#[derive(Default)]
struct Books {
    /// What was processed, per (API, idempotency key): Antom's idempotency.
    processed: HashMap<(&'static str, String), Processed>,
    /// What the inquiries find, as (inquiry, field, value): the values that processed requests
    /// gave the fields the inquiry carries from them.
    findable: HashSet<(&'static str, &'static str, String)>,
}

/// A request processed under an idempotency key, and what became of the key since.
struct Processed {
    body: Vec<u8>,
    answer: Answer,
    replays: u32,
    inconsistent: u32,
}

impl Ledger {
    fn books(&self) -> MutexGuard<'_, Books> {
        crate::lock(&self.0)
    }

    /// Processes a valid request to `route`'s API as Antom does: once per idempotency key (the
    /// identical request again gets the same answer, another body under the key
    /// `REPEAT_REQ_INCONSISTENT`); an inquiry of a request never processed gets its page's
    /// not-found code; any other request gets the page's example, with the request's IDs.
    pub(crate) fn process(&self, route: &Route, body: &[u8]) -> Answer {
        let key = (route.key)(body);
        if let Some(key) = &key {
            let mut books = self.books();
            if let Some(processed) = books.processed.get_mut(&(route.name, key.clone())) {
                if processed.body == body {
                    processed.replays += 1;
                    return processed.answer.clone();
                }
                processed.inconsistent += 1;
                return Answer::result(
                    StatusCode::OK,
                    ResultStatus::Failure,
                    "REPEAT_REQ_INCONSISTENT",
                    &route.page_message(
                        "REPEAT_REQ_INCONSISTENT",
                        "The request ID was used before for a different request.",
                    ),
                );
            }
        }
        if let Some(code) = self.never_processed(route, body) {
            return Answer::result(
                StatusCode::OK,
                ResultStatus::Failure,
                code,
                &route.page_message(code, "The inquired request does not exist."),
            );
        }
        let processed = example_answer(route, body);
        // With an idempotency key or without (a product's page may name none).
        self.findable(route, body);
        if let Some(key) = key {
            self.books().processed.insert(
                (route.name, key),
                Processed {
                    body: body.to_vec(),
                    answer: processed.clone(),
                    replays: 0,
                    inconsistent: 0,
                },
            );
        }
        processed
    }

    /// Records what the inquiries that settle `route`'s API will find of this processed
    /// request: the values of the fields they carry from it.
    fn findable(&self, route: &Route, body: &[u8]) {
        let Ok(request) = serde_json::from_slice::<Value>(body) else {
            return;
        };
        let mut books = self.books();
        for (inquiry, fields) in &route.found_by {
            for field in *fields {
                if let Some(value) = request.get(*field).and_then(Value::as_str) {
                    books.findable.insert((inquiry, field, value.to_owned()));
                }
            }
        }
    }

    /// For an inquiry of a request that the mock never processed, its page's code for a
    /// request that does not exist. The inquiry names the request by the fields it carries
    /// from it (`paymentRequestId`); the request exists when a processed request of an API the
    /// inquiry settles gave one of those fields the same value (a `pay` or a `capture` of that
    /// payment). `None` for an inquiry that names no request so (by `paymentId` alone, say),
    /// and for every other API.
    fn never_processed(&self, route: &Route, body: &[u8]) -> Option<&'static str> {
        let code = route.not_found?;
        let request: Value = serde_json::from_slice(body).ok()?;
        let named: Vec<(&'static str, &str)> = route
            .names
            .iter()
            .filter_map(|field| Some((*field, request.get(*field)?.as_str()?)))
            .collect();
        if named.is_empty() {
            return None;
        }
        let books = self.books();
        let found = named.iter().any(|(field, value)| {
            books
                .findable
                .contains(&(route.name, *field, (*value).to_owned()))
        });
        (!found).then_some(code)
    }

    /// One entry per (API, idempotency key), in API then key order.
    pub(crate) fn entries(&self) -> Vec<LedgerEntry> {
        let books = self.books();
        let mut entries: Vec<LedgerEntry> = books
            .processed
            .iter()
            .map(|((api, key), p)| LedgerEntry {
                api,
                key: key.clone(),
                result_code: p.answer.code.clone(),
                replays: p.replays,
                inconsistent: p.inconsistent,
            })
            .collect();
        entries.sort_by(|a, b| (a.api, &a.key).cmp(&(b.api, &b.key)));
        entries
    }
}

/// What processing a valid request answers: the page's example, with the request's IDs.
fn example_answer(route: &Route, body: &[u8]) -> Answer {
    let mut response = route.example.clone();
    if let Ok(request) = serde_json::from_slice::<Value>(body) {
        echo_ids(&mut response, &request);
    }
    Answer {
        http_status: StatusCode::OK,
        // Checked when the route was made.
        status: response["result"]["resultStatus"]
            .as_str()
            .and_then(ResultStatus::from_letter)
            .unwrap_or(ResultStatus::Success),
        code: response["result"]["resultCode"]
            .as_str()
            .unwrap_or("SUCCESS")
            .to_owned(),
        body: serde_json::to_vec(&response).expect("a JSON value serializes"),
    }
}
