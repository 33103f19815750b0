//! Seeded randomness: the same seed always gives the same quiz order, on every machine.
//!
//! SplitMix64 (Steele, Lea and Flood, 2014) is a tiny, well-studied generator whose output passes
//! BigCrush; it is more than enough to shuffle a deck and costs a few lines instead of a crate.
//! The seed comes from the caller (the URL, or the clock in the shell), never from here.

/// A deterministic pseudo-random generator.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound > 0`), without modulo bias (Lemire's multiply-shift,
    /// with rejection of the few biased values).
    pub fn below(&mut self, bound: u64) -> u64 {
        debug_assert!(bound > 0);
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(bound);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// Fisher-Yates shuffle in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// The largest seed accepted from users; small enough to be typed and shared in a URL.
pub const MAX_SEED: u64 = 999_999_999;

/// Derives a short, shareable seed from any entropy (the clock, random bytes).
pub fn seed_from(entropy: u64) -> u64 {
    SplitMix64::new(entropy).next_u64() % (MAX_SEED + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::EmbedConfig;
    use std::collections::HashSet;

    #[test]
    fn known_sequence() {
        // Reference values of SplitMix64 seeded with 0 (from the original paper's code).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    }

    #[test]
    fn shuffle_is_a_permutation_and_repeatable() {
        for seed in [0, 1, 42, MAX_SEED] {
            let mut a: Vec<u32> = (0..50).collect();
            let mut b = a.clone();
            SplitMix64::new(seed).shuffle(&mut a);
            SplitMix64::new(seed).shuffle(&mut b);
            assert_eq!(a, b);
            let mut sorted = a.clone();
            sorted.sort();
            assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        }
    }

    /// Distinct seeds give distinct orders, across the range a URL may name: a seed that lost
    /// bits on its way into the generator would make two shared links run the same quiz.
    #[test]
    fn distinct_seeds_give_distinct_orders() {
        let order = |seed| {
            let mut v: Vec<u32> = (0..20).collect();
            SplitMix64::new(seed).shuffle(&mut v);
            v
        };
        let seeds: Vec<u64> = (0..1000)
            .chain(MAX_SEED - 999..=MAX_SEED)
            .chain([1 << 32, 1 << 40])
            .collect();
        let orders: HashSet<Vec<u32>> = seeds.iter().map(|&s| order(s)).collect();
        assert_eq!(orders.len(), seeds.len());
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SplitMix64::new(7);
        let mut seen = [0u32; 6];
        for _ in 0..6000 {
            seen[r.below(6) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 800), "{seen:?}");
    }

    /// A seed derived from the clock can be shared: the URL's `seed` parameter reads it back
    /// unchanged. And the derivation spreads nearby clock readings over the whole range: 10,000
    /// readings a millisecond apart give 10,000 different seeds, every tenth of the range getting
    /// its share (cutting the clock down, `ms % 10^9`, would put them all in one tenth).
    #[test]
    fn seeds_from_the_clock_are_shareable_and_spread() {
        let now = 1_700_000_000_000;
        let seeds: Vec<u64> = (now..now + 10_000).map(seed_from).collect();
        for entropy in [0, 1, now, u64::MAX] {
            let seed = seed_from(entropy);
            let (cfg, notices) = EmbedConfig::from_query(&format!("seed={seed}"), "");
            assert_eq!((cfg.seed, notices), (Some(seed), vec![]), "entropy {entropy}");
        }
        let distinct: HashSet<u64> = seeds.iter().copied().collect();
        assert_eq!(distinct.len(), seeds.len(), "seeds collide");
        let mut tenths = [0u32; 10];
        for s in &seeds {
            tenths[(s / ((MAX_SEED + 1) / 10)) as usize] += 1;
        }
        assert!(tenths.iter().all(|n| (900..=1100).contains(n)), "{tenths:?}");
    }
}
