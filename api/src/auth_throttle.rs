//! Failed bearer attempts, counted per client address in a fixed one-minute window.
//!
//! Only failures are counted and only failures are throttled: the token is checked first, so
//! a valid token is always served, even from an address that is sending bad ones (a NAT or
//! proxy shared with an attacker must not lock its honest users out). With 256-bit tokens
//! guessing is hopeless anyway; the limit tells a flood of bad credentials to back off.
//!
//! The map is bounded: when it is full, windows that ended are dropped, then the oldest one,
//! so a flood from many addresses costs memory for at most [`MAX_CLIENTS`] of them.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many client addresses are tracked at most.
pub(crate) const MAX_CLIENTS: usize = 10_000;

const WINDOW: Duration = Duration::from_secs(60);

/// Who failed: an IPv4 address, or an IPv6 /64 (one host usually holds a whole /64). `None`
/// when the server does not know the peer (a router driven without a socket).
pub(crate) type ClientKey = Option<IpAddr>;

/// Groups an address the way the throttle counts it.
pub(crate) fn client_key(address: Option<IpAddr>) -> ClientKey {
    address.map(|ip| match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
    })
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

/// What to answer a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the limit: the usual 401.
    Unauthorized,
    /// Past the limit: 429, retry after this many seconds (at least 1).
    Throttled { retry_after_secs: u64 },
}

#[derive(Debug)]
pub struct FailureThrottle {
    per_window: u32,
    max_clients: usize,
    clients: Mutex<HashMap<ClientKey, Window>>,
}

impl FailureThrottle {
    /// `per_minute` failures per client are answered 401; the next ones 429 until the minute
    /// ends.
    pub fn new(per_minute: u32) -> Self {
        Self::with_capacity(per_minute, MAX_CLIENTS)
    }

    fn with_capacity(per_window: u32, max_clients: usize) -> Self {
        Self {
            per_window,
            max_clients: max_clients.max(1),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one failure of `client` and says how to answer it.
    pub fn record_failure(&self, client: ClientKey) -> Verdict {
        self.record_failure_at(client, Instant::now())
    }

    fn record_failure_at(&self, client: ClientKey, now: Instant) -> Verdict {
        // A poisoned lock only means another request panicked mid-update of a counter.
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !clients.contains_key(&client) && clients.len() >= self.max_clients {
            make_room(&mut clients, now);
        }
        let window = clients.entry(client).or_insert(Window {
            started: now,
            failures: 0,
        });
        let elapsed = now.saturating_duration_since(window.started);
        if elapsed >= WINDOW {
            *window = Window {
                started: now,
                failures: 0,
            };
        }
        window.failures = window.failures.saturating_add(1);
        if window.failures <= self.per_window {
            return Verdict::Unauthorized;
        }
        if window.failures == self.per_window + 1 {
            // No address in the log: it is personal data.
            tracing::warn!("bearer failures past the limit; answering 429 to that client");
        }
        let left = WINDOW.saturating_sub(now.saturating_duration_since(window.started));
        let retry_after_secs = u64::try_from(left.as_millis().div_ceil(1000)).unwrap_or(1);
        Verdict::Throttled {
            retry_after_secs: retry_after_secs.max(1),
        }
    }

    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.clients.lock().map(|c| c.len()).unwrap_or_default()
    }
}

fn make_room(clients: &mut HashMap<ClientKey, Window>, now: Instant) {
    clients.retain(|_, w| now.saturating_duration_since(w.started) < WINDOW);
    if let Some(oldest) = clients
        .iter()
        .min_by_key(|(_, w)| w.started)
        .map(|(key, _)| *key)
    {
        clients.remove(&oldest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn ip(n: u32) -> ClientKey {
        Some(IpAddr::V4(Ipv4Addr::from(n)))
    }

    #[test]
    fn it_throttles_past_the_limit_until_the_window_ends() {
        let throttle = FailureThrottle::with_capacity(3, 10);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(
                throttle.record_failure_at(ip(1), start),
                Verdict::Unauthorized
            );
        }
        let later = start + Duration::from_secs(15);
        assert_eq!(
            throttle.record_failure_at(ip(1), later),
            Verdict::Throttled {
                retry_after_secs: (WINDOW - Duration::from_secs(15)).as_secs()
            }
        );
        // Another client is not affected.
        assert_eq!(
            throttle.record_failure_at(ip(2), later),
            Verdict::Unauthorized
        );
        // A new window starts afresh.
        assert_eq!(
            throttle.record_failure_at(ip(1), start + WINDOW),
            Verdict::Unauthorized
        );
    }

    #[test]
    fn it_never_says_retry_after_zero() {
        let throttle = FailureThrottle::with_capacity(0, 10);
        let start = Instant::now();
        throttle.record_failure_at(ip(1), start);
        let almost = start + WINDOW - Duration::from_millis(1);
        assert_eq!(
            throttle.record_failure_at(ip(1), almost),
            Verdict::Throttled {
                retry_after_secs: 1
            }
        );
    }

    #[test]
    fn it_stays_bounded_under_a_flood_of_addresses() {
        let capacity = 50;
        let throttle = FailureThrottle::with_capacity(1, capacity);
        let now = Instant::now();
        for n in 0..u32::try_from(capacity * 20).expect("small") {
            throttle.record_failure_at(ip(n), now);
            assert!(throttle.tracked() <= capacity);
        }
        // The newest address is still counted.
        let last = ip(u32::try_from(capacity * 20 - 1).expect("small"));
        assert!(matches!(
            throttle.record_failure_at(last, now),
            Verdict::Throttled { .. }
        ));
    }

    #[test]
    fn it_counts_an_ipv6_host_by_its_64_prefix() {
        let a: Ipv6Addr = "2001:db8:1:2::1".parse().expect("ip");
        let b: Ipv6Addr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        let other: Ipv6Addr = "2001:db8:1:3::1".parse().expect("ip");
        let key = |ip: Ipv6Addr| client_key(Some(IpAddr::V6(ip)));
        assert_eq!(key(a), key(b));
        assert_ne!(key(a), key(other));
        let mapped: Ipv6Addr = "::ffff:192.0.2.1".parse().expect("ip");
        assert_eq!(key(mapped), Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))));
    }
}
