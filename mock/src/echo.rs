//! Echoing a request's IDs into a page's example response.
//!
//! The rule: every field of the response whose name ends in `Id` (so also `RequestId`), at any
//! depth, takes the value the request has at the **same JSON path**, when the request has a
//! string there. Everything else keeps the example's value.
//!
//! So the merchant's own IDs come back as sent (`vaultingRequestId`, `paymentRequestId`, the
//! `paymentId` a refund names), while IDs Antom assigns and the request does not carry
//! (`vaultingSessionId`, `refundId`) keep the page's example value. Matching by path rather than
//! by name alone keeps a field of one object from leaking into an unrelated object that happens
//! to use the same name.

use serde_json::Value;

/// Whether a field name is an ID that the mock echoes.
fn is_id(name: &str) -> bool {
    name.ends_with("Id")
}

/// Replaces, in `response`, every `…Id` field that `request` has at the same path.
pub fn echo_ids(response: &mut Value, request: &Value) {
    match (response, request) {
        (Value::Object(response), Value::Object(request)) => {
            for (name, value) in response.iter_mut() {
                let Some(sent) = request.get(name) else {
                    continue;
                };
                if is_id(name) {
                    if let (Value::String(_), Value::String(sent)) = (&*value, sent) {
                        *value = Value::String(sent.clone());
                        continue;
                    }
                }
                echo_ids(value, sent);
            }
        }
        (Value::Array(response), Value::Array(request)) => {
            for (value, sent) in response.iter_mut().zip(request) {
                echo_ids(value, sent);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn echoes_ids_at_the_same_path_only() {
        let mut response = json!({
            "result": {"resultStatus": "S"},
            "refundRequestId": "example-refund",
            "refundId": "antom-assigned",
            "paymentId": "example-payment",
            "order": {"referenceOrderId": "example-order", "note": "kept"},
            "goods": [{"goodsId": "g0"}, {"goodsId": "g1"}],
            "other": {"paymentId": "not the request's"}
        });
        let request = json!({
            "refundRequestId": "mine-1",
            "paymentId": "pay-9",
            "order": {"referenceOrderId": "order-3", "note": "not an id"},
            "goods": [{"goodsId": "sent-0"}],
            "other": "a string, not an object"
        });
        echo_ids(&mut response, &request);
        assert_eq!(
            response,
            json!({
                "result": {"resultStatus": "S"},
                "refundRequestId": "mine-1",
                "refundId": "antom-assigned",
                "paymentId": "pay-9",
                "order": {"referenceOrderId": "order-3", "note": "kept"},
                "goods": [{"goodsId": "sent-0"}, {"goodsId": "g1"}],
                "other": {"paymentId": "not the request's"}
            })
        );
    }

    #[test]
    fn non_string_values_are_not_echoed() {
        let mut response = json!({"customerId": "example"});
        echo_ids(&mut response, &json!({"customerId": 5}));
        assert_eq!(response, json!({"customerId": "example"}));
    }
}
