//! Whether a page documents a request or a notification, from what the page says of itself.

use super::Page;
use super::front::Front;
use super::phrases;
use crate::spec::{ApiKind, Endpoint, Parameter};

impl Page<'_> {
    /// The page's kind and endpoint. A notification says so in two ways: its summary says that
    /// Antom sends it to the merchant, and its response is only the fixed acknowledgement (one
    /// object whose every field the page fixes). A page with either sign and no endpoint is a
    /// notification; the acknowledgement makes a page a notification even with a path line,
    /// which is then ignored with a warning. A summary that reads like a notification's on a
    /// page with an endpoint and a real response is a request, with a warning. A page with no
    /// endpoint and neither sign is a notification, unless its one path line was no Antom path:
    /// then nothing on the page says what it is, an error.
    pub(super) fn kind(
        &mut self,
        front: &Front,
        response: &[Parameter],
    ) -> (ApiKind, Option<Endpoint>) {
        let said = phrases::says_antom_sends(&front.summary);
        let acknowledgement = matches!(response, [only] if only.fixed_fields().is_some());
        match &front.endpoint {
            Some(endpoint) if acknowledgement => {
                let why = if said {
                    "its summary says Antom sends it, and its response is only the fixed acknowledgement"
                } else {
                    "its response is only the fixed acknowledgement"
                };
                self.warn(
                    endpoint.line,
                    format!(
                        "the page is a notification ({why}): its path line `{} {}` is ignored",
                        endpoint.method, endpoint.path
                    ),
                );
                (ApiKind::Notification, None)
            }
            Some(endpoint) => {
                if said {
                    self.warn(
                        endpoint.line,
                        format!(
                            "the summary says Antom sends this to the merchant, as a notification's does, but the page has the endpoint `{} {}` and a response other than the fixed acknowledgement: read as a request",
                            endpoint.method, endpoint.path
                        ),
                    );
                }
                (ApiKind::Request, front.endpoint.clone())
            }
            None => {
                if let (Some(line), false, false) = (front.rejected_path, said, acknowledgement) {
                    self.error(
                        line,
                        "the page's path line is no Antom path, and nothing else says whether the page is a request or a notification: expected `POST /v1/...`, or a notification's summary (`Antom sends this notification ...`) and fixed acknowledgement",
                    );
                }
                (ApiKind::Notification, None)
            }
        }
    }
}
