//! Faults a test can make the mock commit, the stage of a request's journey at which each
//! applies, and where they are queued.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// A way for the mock to misbehave on one request (or on every request, see
/// [`MockServer::set_fault`](crate::MockServer::set_fault)).
///
/// A fault is taken by a request to a registered API once that request's method and path are
/// known; a request whose signature is wrong is still answered `INVALID_SIGNATURE` (the fault
/// cannot make a badly signed request look processed), but it uses up the fault.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer as usual: a gap in a queue of faults, for a script such as "the second request
    /// only".
    AsUsual,
    /// Answer result status `U` with `UNKNOWN_EXCEPTION`: the outcome is unknown, the merchant
    /// must resend the same request or inquire.
    Unknown,
    /// Answer result status `F` with this result code; the message is the page's message for
    /// the code, or a generic one if the page does not list it.
    Fail(String),
    /// Wait this long, then answer as usual: lets a test exercise client timeouts.
    Delay(Duration),
    /// Answer as usual, but with a signature that does not verify.
    CorruptSignature,
    /// Answer as usual, but without a `Signature` header.
    OmitSignature,
    /// Answer this HTTP status unsigned, as a gateway in front of Antom does (502, 503...),
    /// without processing the request.
    GatewayError(u16),
    /// Close the connection without answering, before processing the request.
    DropBeforeProcessing,
    /// Process the request, then close the connection without answering: it took effect and
    /// the merchant was not told.
    DropAfterProcessing,
    /// Process the request, then answer these bytes as the body, signed.
    Body(Vec<u8>),
    /// Answer as usual, signed with a key that is not the mock's (not Antom's).
    WrongKey,
    /// Answer as usual, signed, then alter one byte of the body.
    TamperedBody,
    /// Answer `307 Temporary Redirect` to this location, unsigned, without processing.
    Redirect(String),
}

impl Fault {
    /// [`Fault::Fail`] with `code`: `Fault::fail("PROCESS_FAIL")`.
    pub fn fail(code: impl Into<String>) -> Self {
        Fault::Fail(code.into())
    }

    /// [`Fault::Delay`] of `millis` milliseconds.
    pub fn delay_ms(millis: u64) -> Self {
        Fault::Delay(Duration::from_millis(millis))
    }

    /// The one stage at which the fault applies; `None` for [`Fault::AsUsual`], which applies
    /// at none.
    pub(crate) fn stage(&self) -> Option<Stage> {
        match self {
            Fault::AsUsual => None,
            Fault::DropBeforeProcessing | Fault::GatewayError(_) | Fault::Redirect(_) => {
                Some(Stage::Gateway)
            }
            Fault::Unknown | Fault::Fail(_) => Some(Stage::Process),
            Fault::Body(_) => Some(Stage::Answer),
            Fault::DropAfterProcessing
            | Fault::Delay(_)
            | Fault::CorruptSignature
            | Fault::OmitSignature
            | Fault::WrongKey
            | Fault::TamperedBody => Some(Stage::Deliver),
        }
    }
}

/// The stages of a request's journey through the mock at which faults apply, in order.
///
/// The whole journey is receive → route → gateway → verify → process → answer → deliver; a
/// request takes its fault (if any) once routed to an API, and receive, route and verify apply
/// none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// A gateway in front of Antom passes the request on, or answers in Antom's stead
    /// (unsigned), or closes the connection.
    Gateway,
    /// Antom processes the verified request, or answers without processing it.
    Process,
    /// The answer is settled, and recorded.
    Answer,
    /// The answer is sent: signed, in time, or not, or not at all.
    Deliver,
}

/// The spelling of a fault on the command line that [`Fault`]'s `FromStr` did not understand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown fault `{0}`: expected as-usual, unknown, fail:<RESULT_CODE>, delay:<MILLISECONDS>, \
     corrupt-signature, omit-signature, gateway:<HTTP_STATUS>, drop-before, drop-after, \
     body:<TEXT>, wrong-key, tampered-body or redirect:<LOCATION>"
)]
pub struct ParseFaultError(String);

impl FromStr for Fault {
    type Err = ParseFaultError;

    /// Reads `as-usual`, `unknown`, `fail:<RESULT_CODE>`, `delay:<MILLISECONDS>`, `corrupt-signature`,
    /// `omit-signature`, `gateway:<HTTP_STATUS>`, `drop-before`, `drop-after`, `body:<TEXT>`,
    /// `wrong-key`, `tampered-body` or `redirect:<LOCATION>`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseFaultError(text.to_owned());
        match text.split_once(':') {
            None => match text {
                "as-usual" => Ok(Fault::AsUsual),
                "unknown" => Ok(Fault::Unknown),
                "corrupt-signature" => Ok(Fault::CorruptSignature),
                "omit-signature" => Ok(Fault::OmitSignature),
                "drop-before" => Ok(Fault::DropBeforeProcessing),
                "drop-after" => Ok(Fault::DropAfterProcessing),
                "wrong-key" => Ok(Fault::WrongKey),
                "tampered-body" => Ok(Fault::TamperedBody),
                _ => Err(error()),
            },
            Some(("gateway", status)) => match status.parse() {
                Ok(status @ 100..=599) => Ok(Fault::GatewayError(status)),
                _ => Err(error()),
            },
            Some(("body", text)) => Ok(Fault::Body(text.as_bytes().to_vec())),
            Some(("redirect", location)) if !location.is_empty() => {
                Ok(Fault::Redirect(location.to_owned()))
            }
            Some(("fail", code)) if !code.is_empty() => Ok(Fault::fail(code)),
            Some(("delay", millis)) => millis.parse().map(Fault::delay_ms).map_err(|_| error()),
            Some(_) => Err(error()),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::AsUsual => f.write_str("as-usual"),
            Fault::Unknown => f.write_str("unknown"),
            Fault::Fail(code) => write!(f, "fail:{code}"),
            Fault::Delay(delay) => write!(f, "delay:{}", delay.as_millis()),
            Fault::CorruptSignature => f.write_str("corrupt-signature"),
            Fault::OmitSignature => f.write_str("omit-signature"),
            Fault::GatewayError(status) => write!(f, "gateway:{status}"),
            Fault::DropBeforeProcessing => f.write_str("drop-before"),
            Fault::DropAfterProcessing => f.write_str("drop-after"),
            Fault::Body(bytes) => write!(f, "body:{}", String::from_utf8_lossy(bytes)),
            Fault::WrongKey => f.write_str("wrong-key"),
            Fault::TamperedBody => f.write_str("tampered-body"),
            Fault::Redirect(location) => write!(f, "redirect:{location}"),
        }
    }
}

/// The faults waiting to be taken.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    /// Per API (by name), taken first, in order.
    per_api: HashMap<&'static str, VecDeque<Fault>>,
    /// For any API, taken next, in order.
    queue: VecDeque<Fault>,
    /// Drawn for requests that find no queued fault, until cleared.
    random: Option<RandomFaults>,
    /// Applied to every request that finds no queued or drawn fault, until cleared.
    always: Option<Fault>,
}

/// Faults drawn at random, reproducibly from a seed.
#[derive(Debug, Clone)]
pub(crate) struct RandomFaults {
    /// The generator's state (splitmix64).
    state: u64,
    /// The chance, in percent, that a request takes a fault.
    percent: u8,
    /// The faults drawn from, equally likely.
    kinds: Vec<Fault>,
}

impl RandomFaults {
    pub(crate) fn new(seed: u64, percent: u8, kinds: Vec<Fault>) -> Self {
        RandomFaults {
            state: seed,
            percent: percent.min(100),
            kinds,
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn draw(&mut self) -> Option<Fault> {
        if self.kinds.is_empty() || self.next() % 100 >= u64::from(self.percent) {
            return None;
        }
        let index = (self.next() % self.kinds.len() as u64) as usize;
        Some(self.kinds[index].clone())
    }
}

impl Faults {
    pub(crate) fn push(&mut self, api: Option<&'static str>, fault: Fault) {
        match api {
            Some(api) => self.per_api.entry(api).or_default().push_back(fault),
            None => self.queue.push_back(fault),
        }
    }

    pub(crate) fn set_always(&mut self, fault: Option<Fault>) {
        self.always = fault;
    }

    pub(crate) fn set_random(&mut self, random: Option<RandomFaults>) {
        self.random = random;
    }

    pub(crate) fn clear(&mut self) {
        *self = Faults::default();
    }

    /// The fault for the next request to `api`, if any.
    pub(crate) fn take(&mut self, api: &'static str) -> Option<Fault> {
        self.per_api
            .get_mut(api)
            .and_then(VecDeque::pop_front)
            .or_else(|| self.queue.pop_front())
            .or_else(|| self.random.as_mut().and_then(RandomFaults::draw))
            .or_else(|| self.always.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_parse_and_display_alike() {
        for text in [
            "as-usual",
            "unknown",
            "fail:PROCESS_FAIL",
            "delay:1500",
            "corrupt-signature",
            "omit-signature",
            "gateway:502",
            "drop-before",
            "drop-after",
            "body:not json",
            "wrong-key",
            "tampered-body",
            "redirect:/elsewhere",
        ] {
            let fault: Fault = text.parse().unwrap();
            assert_eq!(fault.to_string(), text);
        }
        assert_eq!("delay:20".parse(), Ok(Fault::delay_ms(20)));
        for bad in [
            "",
            "fail:",
            "delay:soon",
            "crash",
            "unknown:1",
            "gateway:42",
        ] {
            let error = bad.parse::<Fault>().unwrap_err();
            assert!(error.to_string().contains("expected as-usual"), "{error}");
        }
    }

    #[test]
    fn per_api_then_queue_then_always() {
        let mut faults = Faults::default();
        faults.push(None, Fault::Unknown);
        faults.push(Some("pay"), Fault::fail("PROCESS_FAIL"));
        faults.set_always(Some(Fault::OmitSignature));
        assert_eq!(faults.take("refund"), Some(Fault::Unknown));
        assert_eq!(faults.take("pay"), Some(Fault::fail("PROCESS_FAIL")));
        assert_eq!(faults.take("pay"), Some(Fault::OmitSignature));
        assert_eq!(faults.take("pay"), Some(Fault::OmitSignature));
        faults.clear();
        assert_eq!(faults.take("pay"), None);
    }

    #[test]
    fn random_faults_are_reproducible_from_their_seed() {
        let draw = |seed| {
            let mut faults = Faults::default();
            let kinds = vec![Fault::Unknown, Fault::DropAfterProcessing];
            faults.set_random(Some(RandomFaults::new(seed, 30, kinds)));
            (0..1000).map(|_| faults.take("pay")).collect::<Vec<_>>()
        };
        let first = draw(7);
        assert_eq!(first, draw(7));
        assert_ne!(first, draw(8));
        let faulty = first.iter().filter(|f| f.is_some()).count();
        assert!((230..370).contains(&faulty), "{faulty} of 1000 at 30%");
    }
}
