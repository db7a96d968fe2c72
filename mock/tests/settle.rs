//! Settling an unknown outcome by the inquiry its page names (`antom::resolve`), against the
//! mock: each inquiry signed and verified, resent while the answer is not final, bounded.

use std::time::Duration;

use antom::payments::{InquiryPayment, Pay, PayRequest};
use antom::resolve::{Backoff, Settled};
use antom::{Api, Client, Error, PrivateKey, PublicKey, RetryPolicy};
use antom_mock::{Fault, MockAntom, MockServer, keys};
use serde_json::Value;

async fn setup() -> (MockServer, Client) {
    let server = MockAntom::new().all_apis().start().await.unwrap();
    let private: PrivateKey = keys::MERCHANT_PRIVATE_KEY.parse().unwrap();
    let antom: PublicKey = keys::ANTOM_PUBLIC_KEY.parse().unwrap();
    let client = Client::builder(server.base_url(), "SANDBOX_SETTLE", private, antom)
        .retry(RetryPolicy::new(
            2,
            Duration::from_millis(1),
            Duration::from_millis(2),
        ))
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    (server, client)
}

fn pay(id: &str) -> PayRequest {
    let mut body: Value = serde_json::from_str(Pay::EXAMPLE_REQUESTS[0]).unwrap();
    body["paymentRequestId"] = Value::String(id.into());
    serde_json::from_value(body).unwrap()
}

fn quick(n: usize) -> Backoff {
    Backoff::new(vec![Duration::from_millis(1); n])
}

/// The inquiry's example answer with `paymentStatus` set to `status`.
fn inquiry_answer(status: &str) -> Vec<u8> {
    let mut body: Value = serde_json::from_str(InquiryPayment::EXAMPLE_RESPONSES[0]).unwrap();
    body["paymentStatus"] = Value::String(status.into());
    serde_json::to_vec(&body).unwrap()
}

#[tokio::test]
async fn an_unknown_payment_is_settled_by_inquiring_until_it_is_final() {
    let (server, client) = setup().await;
    // The payment takes effect, but no answer comes back.
    server.push_fault_for::<Pay>(Fault::DropAfterProcessing);
    server.push_fault_for::<Pay>(Fault::DropAfterProcessing);
    let request = pay("settle-1");
    let error = client.payments().pay(&request).await.unwrap_err();
    assert!(matches!(error, Error::OutcomeUnknown { .. }), "{error:?}");

    // The first inquiry says PROCESSING, the second is lost, the third is final.
    server.push_fault_for::<InquiryPayment>(Fault::Body(inquiry_answer("PROCESSING")));
    server.push_fault_for::<InquiryPayment>(Fault::GatewayError(503));
    server.push_fault_for::<InquiryPayment>(Fault::GatewayError(503));
    let settled = client.settle::<Pay>(&request, &quick(5)).await.unwrap();
    match settled {
        Settled::Final(answer) => assert_eq!(answer.payment_status.unwrap().to_string(), "SUCCESS"),
        other => panic!("{other:?}"),
    }
    let inquiries = server.requests_for::<InquiryPayment>();
    assert_eq!(inquiries.len(), 4, "PROCESSING, 503 twice (resent), final");
    for inquiry in &inquiries {
        let body = inquiry.json().unwrap();
        assert_eq!(
            body["paymentRequestId"], "settle-1",
            "the pay's own request ID"
        );
    }
}

#[tokio::test]
async fn inquiries_are_bounded_and_a_payment_still_going_on_stays_unknown() {
    let (server, client) = setup().await;
    server.set_fault(Some(Fault::Body(inquiry_answer("PENDING"))));
    let settled = client
        .settle::<Pay>(&pay("settle-2"), &quick(3))
        .await
        .unwrap();
    match settled {
        Settled::StillUnknown {
            last: Some(last),
            inquiries: 3,
        } => assert_eq!(last.payment_status.unwrap().to_string(), "PENDING"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests_for::<InquiryPayment>().len(), 3);
    // An inquiry Antom refuses ends it with its typed code.
    server.set_fault(Some(Fault::fail("ORDER_NOT_EXIST")));
    let error = client
        .settle::<Pay>(&pay("settle-3"), &quick(3))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Failed { code, .. } if code.to_string() == "ORDER_NOT_EXIST"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_payment_that_stays_unknown_is_cancelled_on_request_and_never_after_a_final_answer() {
    use antom::payments::Cancel;
    use antom::resolve::SettledOrCancelled;
    let (server, client) = setup().await;
    // Final at the first inquiry: nothing is cancelled.
    let _ = client.payments().pay(&pay("cancel-1")).await;
    let settled = client
        .settle_or_cancel::<Pay>(&pay("cancel-1"), &quick(3))
        .await
        .unwrap();
    assert!(
        matches!(settled, SettledOrCancelled::Final(_)),
        "{settled:?}"
    );
    assert!(server.requests_for::<Cancel>().is_empty());

    // Still going on at every inquiry: cancelled, with the pay's request ID.
    server.push_fault_for::<InquiryPayment>(Fault::Body(inquiry_answer("PROCESSING")));
    server.push_fault_for::<InquiryPayment>(Fault::Body(inquiry_answer("PENDING")));
    let _ = client.payments().pay(&pay("cancel-2")).await;
    let settled = client
        .settle_or_cancel::<Pay>(&pay("cancel-2"), &quick(2))
        .await
        .unwrap();
    assert!(
        matches!(settled, SettledOrCancelled::Cancelled(_)),
        "{settled:?}"
    );
    let cancels = server.requests_for::<Cancel>();
    assert_eq!(cancels.len(), 1);
    assert_eq!(cancels[0].json().unwrap()["paymentRequestId"], "cancel-2");
}

#[tokio::test]
async fn an_inquiry_of_a_payment_never_processed_says_it_does_not_exist() {
    let (server, client) = setup().await;
    // The request was lost before Antom took it, at each of the client's two attempts: the
    // inquiry page's code for no such payment.
    server.push_fault_for::<Pay>(Fault::DropBeforeProcessing);
    server.push_fault_for::<Pay>(Fault::DropBeforeProcessing);
    let lost = client.payments().pay(&pay("lost-1")).await;
    assert!(
        lost.as_ref().is_err_and(Error::is_outcome_unknown),
        "{lost:?}"
    );
    let error = client
        .settle::<Pay>(&pay("lost-1"), &quick(3))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Failed { code, .. } if code.to_string() == "ORDER_NOT_EXIST"),
        "{error:?}"
    );
    assert_eq!(server.requests_for::<InquiryPayment>().len(), 1);
    // Sent again, the same request is processed, and then it is found.
    assert!(server.ledger().iter().all(|e| e.key != "lost-1"));
    let _ = client.payments().pay(&pay("lost-1")).await;
    let settled = client
        .settle::<Pay>(&pay("lost-1"), &quick(3))
        .await
        .unwrap();
    assert!(matches!(settled, Settled::Final(_)), "{settled:?}");
}

#[tokio::test]
async fn a_session_of_a_product_whose_page_names_no_idempotency_field_is_found_too() {
    use antom::payments::{
        CreatePaymentSession, CreatePaymentSessionRequest, InquiryPaymentRequest,
    };
    let (_server, client) = setup().await;
    // The EasySafePay page's example: its product has no idempotency key, so no ledger entry.
    let example = CreatePaymentSession::EXAMPLE_REQUESTS
        .iter()
        .map(|text| serde_json::from_str::<CreatePaymentSessionRequest>(text).unwrap())
        .find(|r| matches!(r, CreatePaymentSessionRequest::EasySafePay(_)))
        .expect("an EasySafePay example");
    let CreatePaymentSessionRequest::EasySafePay(session) = &example else {
        unreachable!()
    };
    let id = session.payment_request_id.clone();
    let inquiry = InquiryPaymentRequest::new().payment_request_id(&id);
    assert!(client.payments().inquiry_payment(&inquiry).await.is_err());
    client
        .payments()
        .create_payment_session(&example)
        .await
        .unwrap();
    // Now the inquiry finds the payment the session is for.
    let answer = client.payments().inquiry_payment(&inquiry).await.unwrap();
    assert_eq!(answer.payment_request_id.as_deref(), Some(id.as_str()));
}
