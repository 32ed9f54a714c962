//! Seeded randomness. Every part of the programme draws from its own stream, derived from the
//! seed, the cohort and the part, so that changing one part never reshuffles another.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A deterministic random stream.
#[derive(Debug)]
pub(crate) struct Dice(StdRng);

impl Dice {
    /// The stream of `part` in `cohort` for `seed`.
    pub(crate) fn new(seed: u64, cohort: u32, part: u64) -> Self {
        let mixed = seed
            ^ u64::from(cohort).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ part.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        Self(StdRng::seed_from_u64(mixed))
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0.random_range(0..n.max(1))
    }

    /// A number in `low..=high`.
    pub(crate) fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        self.0.random_range(low..=high)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p.clamp(0.0, 1.0))
    }

    /// A uniform number in `0.0..1.0`.
    pub(crate) fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One item, drawn with the weights given beside each.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| *w).sum();
        let mut ticket = self.0.random_range(0..total.max(1));
        for (item, weight) in items {
            if ticket < *weight {
                return item;
            }
            ticket -= weight;
        }
        &items[items.len() - 1].0
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `k` distinct items of `items` (all of them if there are fewer), in random order.
    pub(crate) fn sample<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut all = items.to_vec();
        self.shuffle(&mut all);
        all.truncate(k);
        all
    }

    /// Between `low` and `high` distinct items of `items`, in random order.
    pub(crate) fn some<T: Clone>(&mut self, items: &[T], low: usize, high: usize) -> Vec<T> {
        let k = low + self.below(high.saturating_sub(low) + 1);
        self.sample(items, k)
    }

    /// Splits `total` into `caps.len()` parts, each at least `floor` and at most its cap.
    /// Returns `None` when the caps cannot hold the total.
    pub(crate) fn split(&mut self, total: u32, floor: u32, caps: &[u32]) -> Option<Vec<u32>> {
        let mut parts = vec![floor; caps.len()];
        let base = floor.checked_mul(u32::try_from(caps.len()).ok()?)?;
        if base > total || caps.iter().any(|c| *c < floor) {
            return None;
        }
        let room: u64 = caps.iter().map(|c| u64::from(c - floor)).sum();
        if room < u64::from(total - base) {
            return None;
        }
        for _ in base..total {
            // Units go one by one to a part with room left, so the split stays uneven
            // but plausible.
            loop {
                let i = self.below(parts.len());
                if parts[i] < caps[i] {
                    parts[i] += 1;
                    break;
                }
            }
        }
        Some(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::Dice;

    #[test]
    fn it_repeats_itself_for_one_seed_and_differs_for_another() {
        let draw = |seed| {
            let mut d = Dice::new(seed, 0, 1);
            (0..8).map(|_| d.below(1000)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn it_splits_totals_exactly_within_caps() {
        let mut d = Dice::new(1, 0, 2);
        let parts = d.split(600, 4, &[40; 48]).expect("fits");
        assert_eq!(parts.iter().sum::<u32>(), 600);
        assert!(parts.iter().all(|p| (4..=40).contains(p)));
        assert!(d.split(10, 1, &[2, 2]).is_none());
    }
}
