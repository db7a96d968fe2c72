//! Request recording: every request the mock receives, and how it answered, for tests to read.

use std::sync::{Mutex, MutexGuard};

use antom::ResultStatus;
use hyper::Method;
use hyper::header::HeaderMap;
use serde_json::Value;

use crate::answer::Answer;
use crate::fault::Fault;

/// A request the mock received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The number of the request in order of arrival, from 0; never reused, not even after
    /// [`MockServer::clear_requests`](crate::MockServer::clear_requests).
    pub id: u64,
    /// The HTTP method.
    pub method: String,
    /// The request path, with its prefix (and query string, if any):
    /// `/ams/sandbox/api/v1/vaults/createVaultingSession`.
    pub path: String,
    /// The name of the API the path belongs to, if any.
    pub api: Option<&'static str>,
    /// The headers, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
    /// How the mock answered, once it has decided.
    pub answer: Option<RecordedAnswer>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// How the mock answered a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedAnswer {
    /// The HTTP status.
    pub http_status: u16,
    /// The result status in the body.
    pub result_status: ResultStatus,
    /// The result code in the body.
    pub result_code: String,
    /// The fault the request took, if any.
    pub fault: Option<Fault>,
    /// The body answered (signed as it is, unless the fault says otherwise).
    pub body: Vec<u8>,
}

/// The record of the requests received so far.
#[derive(Default)]
pub(crate) struct Recording(Mutex<Records>);

/// What [`Recording`] guards.
#[derive(Default)]
struct Records {
    /// The requests, in order of arrival.
    requests: Vec<RecordedRequest>,
    /// The ID of the next request.
    next_id: u64,
}

impl Recording {
    fn records(&self) -> MutexGuard<'_, Records> {
        crate::lock(&self.0)
    }

    /// Records a request as received, not answered yet; returns its ID.
    pub(crate) fn received(
        &self,
        method: &Method,
        path: &str,
        api: Option<&'static str>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> u64 {
        let mut records = self.records();
        let id = records.next_id;
        records.next_id += 1;
        records.requests.push(RecordedRequest {
            id,
            method: method.to_string(),
            path: path.to_owned(),
            api,
            headers: headers
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.to_vec(),
            answer: None,
        });
        id
    }

    /// Records how request `id` was answered (`None`: not at all). Found by ID: the test may
    /// have cleared the requests meanwhile.
    pub(crate) fn answered(&self, id: u64, answer: Option<&Answer>, fault: Option<&Fault>) {
        let mut records = self.records();
        let Some(record) = records.requests.iter_mut().rev().find(|r| r.id == id) else {
            return;
        };
        record.answer = Some(match answer {
            Some(answer) => RecordedAnswer {
                http_status: answer.http_status.as_u16(),
                result_status: answer.status,
                result_code: answer.code.clone(),
                fault: fault.cloned(),
                body: answer.body.clone(),
            },
            None => RecordedAnswer {
                http_status: 0,
                result_status: ResultStatus::Unknown,
                result_code: String::new(),
                fault: fault.cloned(),
                body: Vec::new(),
            },
        });
    }

    /// Every request received so far, in order of arrival.
    pub(crate) fn all(&self) -> Vec<RecordedRequest> {
        self.records().requests.clone()
    }

    /// The requests received so far for the API named `api`.
    pub(crate) fn for_api(&self, api: &str) -> Vec<RecordedRequest> {
        self.records()
            .requests
            .iter()
            .filter(|r| r.api == Some(api))
            .cloned()
            .collect()
    }

    /// Forgets the requests received so far (not their count: IDs are never reused).
    pub(crate) fn clear(&self) {
        self.records().requests.clear();
    }
}
