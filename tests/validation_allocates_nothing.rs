//! Validating a valid request allocates nothing: paths are only rendered for violations.
//! (Its own test binary, because it installs a counting global allocator.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use antom::{Api, Validate, payments::Pay, payments::PayOneTimePaymentsRequest};

struct Counting;

thread_local! {
    /// Allocations made by this thread (the test harness's own threads are not counted).
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

// SAFETY: every call is forwarded to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn validating_a_valid_request_allocates_nothing() {
    let cashier = Pay::EXAMPLE_REQUESTS
        .iter()
        .find(|e| e.contains("CASHIER_PAYMENT"))
        .unwrap();
    let mut request: PayOneTimePaymentsRequest = serde_json::from_str(cashier).unwrap();
    // Many nested goods, so that the walk covers arrays of objects.
    let goods = request.order.goods.clone().unwrap();
    request.order.goods = Some(goods.iter().cycle().take(50).cloned().collect());

    let before = allocations();
    let result = request.validate();
    let after = allocations();
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(after - before, 0, "validation allocated");

    // An invalid request does allocate: the counter works.
    request.payment_request_id.clear();
    let before = allocations();
    assert!(request.validate().is_err());
    assert!(allocations() > before);
}
