//! The builder: which APIs the mock serves, with which keys and options, and starting it.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Mutex;

use antom::resolve::Inquirable;
use antom::{Api, ApiVisitor, Notification};
use tokio::net::TcpListener;

use crate::http::Shared;
use crate::keys;
use crate::ledger::Ledger;
use crate::recording::Recording;
use crate::routes::{Route, link_inquiry};
use crate::server::MockServer;
use crate::signature::{KeyError, SigningKey, VerifyingKey};

/// Builds a mock Antom server: which APIs it serves and with which keys.
///
/// [`MockAntom`] implements [`ApiVisitor`], so `antom::visit_apis(&mut mock)` registers every
/// API generated from `spec/`.
pub struct MockAntom {
    routes: Vec<Route>,
    problems: Vec<StartError>,
    merchant_key: VerifyingKey,
    signing_key: SigningKey,
    /// A key that is not Antom's, for [`Fault::WrongKey`](crate::Fault::WrongKey).
    other_key: SigningKey,
    key_version: u32,
    log: bool,
}

impl fmt::Debug for MockAntom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockAntom")
            .field(
                "apis",
                &self.routes.iter().map(|r| r.name).collect::<Vec<_>>(),
            )
            .field("key_version", &self.key_version)
            .finish_non_exhaustive()
    }
}

impl Default for MockAntom {
    fn default() -> Self {
        Self::new()
    }
}

impl MockAntom {
    /// A mock serving no API yet, with the TEST-ONLY keys of [`keys`]: it verifies requests
    /// with [`keys::MERCHANT_PUBLIC_KEY`] and signs responses with [`keys::ANTOM_PRIVATE_KEY`]
    /// (key version 1).
    pub fn new() -> Self {
        MockAntom {
            routes: Vec::new(),
            problems: Vec::new(),
            merchant_key: VerifyingKey::from_text(keys::MERCHANT_PUBLIC_KEY)
                .expect("the bundled merchant public key parses"),
            signing_key: SigningKey::from_text(keys::ANTOM_PRIVATE_KEY)
                .expect("the bundled mock private key parses"),
            // The merchant's key: certainly not the one a client trusts as Antom's.
            other_key: SigningKey::from_text(keys::MERCHANT_PRIVATE_KEY)
                .expect("the bundled merchant private key parses"),
            key_version: 1,
            log: false,
        }
    }

    /// Verifies requests with this merchant public key (PEM or bare base64) instead.
    pub fn merchant_public_key(mut self, key: &str) -> Result<Self, KeyError> {
        self.merchant_key = VerifyingKey::from_text(key)?;
        Ok(self)
    }

    /// Signs responses with this private key (PKCS#8, PEM or bare base64) instead.
    pub fn signing_key(mut self, key: &str) -> Result<Self, KeyError> {
        self.signing_key = SigningKey::from_text(key)?;
        Ok(self)
    }

    /// The `keyVersion` the mock puts in its response signatures (default 1).
    pub fn key_version(mut self, version: u32) -> Self {
        self.key_version = version;
        self
    }

    /// Writes one line per request to standard error: method, path, answer and fault.
    pub fn log_requests(mut self, log: bool) -> Self {
        self.log = log;
        self
    }

    /// Serves API `A` as well.
    pub fn api<A: Api + 'static>(mut self) -> Self {
        self.register::<A>();
        self
    }

    /// Serves API `A` as well (the form [`ApiVisitor`] needs).
    pub fn register<A: Api + 'static>(&mut self) {
        match Route::new::<A>() {
            Ok(route) => self.routes.push(route),
            Err(reason) => self.problems.push(StartError::Api {
                api: A::NAME,
                reason,
            }),
        }
    }

    /// Serves every API generated from `spec/` (through [`antom::visit_apis`]).
    pub fn all_apis(mut self) -> Self {
        antom::visit_apis(&mut self);
        self
    }

    /// The APIs registered so far, as (name, path below the prefix), in registration order.
    pub fn apis(&self) -> Vec<(&'static str, &'static str)> {
        self.routes.iter().map(|r| (r.name, r.path)).collect()
    }

    /// Starts serving on `127.0.0.1` on a free port.
    pub async fn start(self) -> Result<MockServer, StartError> {
        self.start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
    }

    /// Starts serving on `127.0.0.1` on a free port, on a runtime of its own, for tests that are
    /// not async. Call it outside any async runtime (it blocks while binding).
    pub fn start_blocking(self) -> Result<MockServer, StartError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("antom-mock")
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let server = runtime.block_on(self.start())?;
        Ok(server.with_runtime(runtime))
    }

    /// Starts serving on `addr`.
    ///
    /// Fails if an API could not be registered (its page has no usable example response), if
    /// two APIs share a path, or if `addr` cannot be bound.
    pub async fn start_on(self, addr: SocketAddr) -> Result<MockServer, StartError> {
        if let Some(problem) = self.problems.into_iter().next() {
            return Err(problem);
        }
        let mut routes: HashMap<&'static str, Route> = HashMap::with_capacity(self.routes.len());
        for route in self.routes {
            if let Some(existing) = routes.get(route.path) {
                return Err(StartError::DuplicatePath {
                    path: route.path,
                    first: existing.name,
                    second: route.name,
                });
            }
            routes.insert(route.path, route);
        }
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| StartError::Bind { addr, source })?;
        let shared = Shared {
            routes,
            merchant_key: self.merchant_key,
            signing_key: self.signing_key,
            other_key: self.other_key,
            key_version: self.key_version,
            log: self.log,
            faults: Mutex::default(),
            recording: Recording::default(),
            ledger: Ledger::default(),
        };
        Ok(MockServer::spawn(listener, addr, shared))
    }
}

impl ApiVisitor for MockAntom {
    fn visit<A: Api + 'static>(&mut self) {
        self.register::<A>();
    }

    fn visit_notification<N: Notification + 'static>(&mut self) {
        // Notifications go from Antom to the merchant: the mock builds them with
        // [`crate::Notifier`] rather than serving them.
    }

    fn visit_inquirable<A: Inquirable + 'static>(&mut self) {
        link_inquiry::<A>(&mut self.routes);
    }
}

/// Why the mock could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// An API cannot be served.
    #[error("cannot serve API {api}: {reason}")]
    Api {
        /// The API's name.
        api: &'static str,
        /// Why.
        reason: String,
    },
    /// Two APIs have the same path.
    #[error("APIs {first} and {second} both have the path {path}")]
    DuplicatePath {
        /// The path.
        path: &'static str,
        /// The API registered first.
        first: &'static str,
        /// The API registered second.
        second: &'static str,
    },
    /// The runtime of [`MockAntom::start_blocking`] cannot be made.
    #[error("cannot start a runtime for the mock: {0}")]
    Runtime(io::Error),
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The operating system's error.
        source: io::Error,
    },
}
