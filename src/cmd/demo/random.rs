//! Seeded randomness: one ChaCha8 stream per concern (so changing one part of
//! the story never shifts another), stateless hashes for per-row details, and
//! the few distributions the story needs.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Independent random streams of the generator.
#[derive(Clone, Copy)]
pub enum Stream {
    Arrivals = 1,
    FollowUp = 2,
    Outcomes = 3,
    RecordIds = 4,
    GoogleAds = 5,
    MetaAds = 6,
    Activities = 7,
    TimeEntries = 8,
    ActivityOrder = 9,
}

/// A ChaCha8 generator for one stream of one seed (portable across platforms).
pub fn stream(seed: u64, which: Stream) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(mix(seed, which as u64))
}

/// SplitMix64 of a seed and a value: a stateless, well-spread hash.
pub fn mix(seed: u64, value: u64) -> u64 {
    let mut z = seed ^ value.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A standard normal draw (Box-Muller).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A multiplicative wobble around 1 (lognormal with the given spread).
pub fn jitter(rng: &mut ChaCha8Rng, spread: f64) -> f64 {
    (normal(rng) * spread).exp()
}

/// Index drawn with probability proportional to its weight.
pub fn weighted(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut roll = rng.random::<f64>() * total;
    for (index, weight) in weights.iter().enumerate() {
        if roll < *weight {
            return index;
        }
        roll -= weight;
    }
    weights
        .iter()
        .rposition(|weight| *weight > 0.0)
        .unwrap_or(0)
}

/// Successes in `trials` tries of probability `p`.
pub fn binomial(rng: &mut ChaCha8Rng, trials: u64, p: f64) -> u64 {
    (0..trials).map(|_| u64::from(rng.random_bool(p))).sum()
}
