//! The running mock: its address, and what tests ask of it (requests, faults, ledger).

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use antom::Api;
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

use crate::fault::{Fault, RandomFaults};
use crate::http::{Shared, serve};
use crate::ledger::LedgerEntry;
use crate::recording::RecordedRequest;

/// A running mock; it stops when dropped.
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    task: JoinHandle<()>,
    /// The runtime of [`MockAntom::start_blocking`](crate::MockAntom::start_blocking), if the
    /// mock runs on one of its own.
    runtime: Option<Runtime>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
        if let Some(runtime) = self.runtime.take() {
            // Without waiting: the drop may happen inside another runtime.
            runtime.shutdown_background();
        }
    }
}

impl MockServer {
    /// Serves `listener`, bound to `addr`, on the current runtime.
    pub(crate) fn spawn(listener: TcpListener, addr: SocketAddr, shared: Shared) -> Self {
        let shared = Arc::new(shared);
        let task = tokio::spawn(serve(listener, Arc::clone(&shared)));
        MockServer {
            shared,
            addr,
            task,
            runtime: None,
        }
    }

    /// The mock, owning `runtime`, the one it runs on: shut down when the mock is dropped.
    pub(crate) fn with_runtime(mut self, runtime: Runtime) -> Self {
        self.runtime = Some(runtime);
        self
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URL, without a path prefix: `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.recording.all()
    }

    /// The requests received so far for API `A`.
    pub fn requests_for<A: Api>(&self) -> Vec<RecordedRequest> {
        self.shared.recording.for_api(A::NAME)
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.recording.clear();
    }

    /// Queues `fault` for the next request to any API (after those queued for that API).
    pub fn push_fault(&self, fault: Fault) {
        self.shared.faults().push(None, fault);
    }

    /// Queues `fault` for the next request to API `A`.
    pub fn push_fault_for<A: Api>(&self, fault: Fault) {
        self.shared.faults().push(Some(A::NAME), fault);
    }

    /// Applies `fault` to every request that finds no queued fault, until set to `None`.
    pub fn set_fault(&self, fault: Option<Fault>) {
        self.shared.faults().set_always(fault);
    }

    /// Draws a fault at random for `percent` % of the requests that find no queued fault,
    /// equally among `kinds`, reproducibly from `seed`; `percent` 0 stops it.
    pub fn set_random_faults(&self, seed: u64, percent: u8, kinds: Vec<Fault>) {
        let random = (percent > 0).then(|| RandomFaults::new(seed, percent, kinds));
        self.shared.faults().set_random(random);
    }

    /// What the mock processed, one entry per (API, idempotency key), in API then key order.
    ///
    /// Like Antom, the mock processes a request once per idempotency key (the request ID the
    /// schema marks `idempotency_key`): the identical request again gets the same answer
    /// (a replay); another body under the same key gets `REPEAT_REQ_INCONSISTENT`. Answers
    /// `U` (`Fault::Unknown`) and requests dropped before processing process nothing.
    pub fn ledger(&self) -> Vec<LedgerEntry> {
        self.shared.ledger.entries()
    }

    /// Drops every queued and standing fault.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// Stops the server (as dropping it does).
    pub fn shutdown(self) {}
}
