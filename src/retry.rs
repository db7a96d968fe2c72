//! How often, and how patiently, a request whose outcome is unknown is sent again.

use std::time::Duration;

/// Resending of a request whose outcome is unknown (result status `U`, a timeout, a dropped
/// connection, or a gateway error) and of one that could not connect.
///
/// Every resend carries the identical body (so the same request ID; Antom treats it as the same
/// request), re-signed with a fresh `Request-Time`. Between attempts the client waits an
/// exponentially growing, jittered delay: before resend `n` (1-based), a random duration between
/// half and all of `min(max_backoff, initial_backoff × 2^(n-1))`.
///
/// A call therefore takes at most `max_attempts × timeout + (max_attempts - 1) × max_backoff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryPolicy {
    /// Up to `max_attempts` sends in all (at least 1), with delays starting at
    /// `initial_backoff` and capped at `max_backoff`.
    pub fn new(max_attempts: u32, initial_backoff: Duration, max_backoff: Duration) -> Self {
        RetryPolicy {
            max_attempts: max_attempts.max(1),
            initial_backoff,
            max_backoff: max_backoff.max(initial_backoff),
        }
    }

    /// A single attempt: an unknown outcome is reported at once.
    pub fn none() -> Self {
        RetryPolicy::new(1, Duration::ZERO, Duration::ZERO)
    }

    /// How many times a request is sent at most.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delay before resend `retry` (1 for the first resend), given a uniformly random
    /// `random`: between half and all of the capped exponential delay.
    pub fn backoff(&self, retry: u32, random: u64) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let cap = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        let cap_nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        let half = cap_nanos / 2;
        let jitter = random % (cap_nanos - half + 1);
        Duration::from_nanos(half + jitter)
    }
}

impl Default for RetryPolicy {
    /// Three attempts, waiting 0.25 to 0.5 s, then 0.5 to 1 s.
    fn default() -> Self {
        RetryPolicy::new(3, Duration::from_millis(500), Duration::from_secs(4))
    }
}

/// A uniformly random `u64` from the operating system's generator.
pub(crate) fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    // The system generator does not fail on supported platforms; without it, no jitter.
    let _ = aws_lc_rs::rand::fill(&mut bytes);
    u64::from_le_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_exponentially_within_jitter_bounds_and_is_capped() {
        let policy = RetryPolicy::new(10, Duration::from_millis(100), Duration::from_millis(1000));
        let bounds = [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (9, 1000)];
        for (retry, cap) in bounds {
            let cap = Duration::from_millis(cap);
            assert_eq!(policy.backoff(retry, 0), cap / 2, "retry {retry}");
            let high = policy.backoff(retry, u64::MAX);
            assert!(high >= cap / 2 && high <= cap, "retry {retry}: {high:?}");
            for random in [1, 12345, 1 << 40, u64::MAX / 3] {
                let d = policy.backoff(retry, random);
                assert!(d >= cap / 2 && d <= cap, "retry {retry}: {d:?}");
            }
        }
    }

    #[test]
    fn jitter_actually_varies() {
        let policy = RetryPolicy::default();
        let delays: std::collections::HashSet<_> =
            (0..16).map(|_| policy.backoff(1, random_u64())).collect();
        assert!(delays.len() > 1);
    }

    #[test]
    fn at_least_one_attempt_and_huge_exponents_saturate() {
        assert_eq!(
            RetryPolicy::new(0, Duration::ZERO, Duration::ZERO).max_attempts(),
            1
        );
        assert_eq!(RetryPolicy::none().backoff(1, 7), Duration::ZERO);
        let policy = RetryPolicy::new(u32::MAX, Duration::from_secs(1), Duration::from_secs(60));
        assert!(policy.backoff(u32::MAX, u64::MAX) <= Duration::from_secs(60));
    }
}
