#pragma once
// Counter-based random streams (Random123 Philox4x32-10). A stream is fully
// determined by (seed, step, id, purpose), so a cell's random numbers do not
// depend on which thread handles it or in what order: the basis of
// thread-count (and later rank-count) independent results.
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace hosim {

// What a random number is for; each purpose is an independent stream.
enum class RngPurpose : std::uint32_t {
  Division = 1,
  Migration = 2,
  Death = 3,
  Differentiation = 4,
  Priority = 5,
  Placement = 6,
  Scenario = 7,
  Rule = 8,
  Intervention = 9,
  Recruitment = 10,
  Sweep = 11,          // sweep designs (Latin hypercube, Morris), keyed by the sweep seed
  Precipitation = 12,  // crystal nucleation (biology/precipitation.hpp)
  Test = 1000,
};

class RandomStream {
 public:
  using Philox = r123::Philox4x32;

  RandomStream(std::uint64_t seed, std::uint64_t step, std::uint64_t id, RngPurpose purpose) {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    ctr_ = {{static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(id),
             static_cast<std::uint32_t>(id >> 32),
             (static_cast<std::uint32_t>(purpose) << 16) ^ static_cast<std::uint32_t>(step >> 32)}};
  }

  // The same stream with its first Philox block already computed (by
  // philox_first_words, core/philox_batch.hpp, for many streams at once):
  // it yields exactly the numbers the constructor above would.
  RandomStream(std::uint64_t seed, std::uint64_t step, std::uint64_t id, RngPurpose purpose,
               const std::array<std::uint32_t, 4>& first_block)
      : RandomStream(seed, step, id, purpose) {
    block_ = {{first_block[0], first_block[1], first_block[2], first_block[3]}};
    block_index_ = 1;
    used_ = 0;
  }

  // Next 32 random bits. Four come per Philox call; the block index advances
  // the counter's last word's low 16 bits, so a stream yields 2^18 numbers.
  std::uint32_t next_u32() {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }
  // Uniform in [0, 1) with 53 bits, from the next two words.
  double uniform() {
    const std::uint32_t first = next_u32();
    return uniform_of(first, next_u32());
  }
  // The uniform two consecutive words make (the first gives the high bits):
  // lets a caller holding a stream's block read its draws without the stream.
  [[nodiscard]] static double uniform_of(std::uint32_t first, std::uint32_t second) {
    const std::uint64_t hi = first >> 5;   // 27 bits
    const std::uint64_t lo = second >> 6;  // 26 bits
    return static_cast<double>((hi << 26) | lo) * 0x1.0p-53;
  }
  // Whether uniform_of(first, second) < p (uniform_below with
  // DrawBound::of(p)), told from the two words without forming the double
  // (a screen compares many draws with a few fixed probabilities:
  // biology/mpc_screen.hpp). uniform_of is k·2^-53 for the
  // 53-bit integer k = (first >> 5)·2^26 + (second >> 6), and p·2^53 is
  // exact (a power of two), so k·2^-53 < p exactly when k < ceil(p·2^53),
  // the bound below (0 for p ≤ 0 or NaN, 2^53 for p ≥ 1), kept as its upper
  // 27 and lower 26 bits to match k's two parts.
  struct DrawBound {
    std::uint32_t hi = 0, lo = 0;
    [[nodiscard]] static DrawBound of(double p) {
      if (!(p > 0)) return {};  // also NaN: no draw is below it
      const double scaled = p >= 1 ? 0x1.0p53 : std::ceil(p * 0x1.0p53);
      const auto bound = static_cast<std::uint64_t>(scaled);
      return {static_cast<std::uint32_t>(bound >> 26),
              static_cast<std::uint32_t>(bound & ((std::uint64_t{1} << 26) - 1))};
    }
  };
  [[nodiscard]] static bool uniform_below(std::uint32_t first, std::uint32_t second, DrawBound b) {
    const std::uint32_t hi = first >> 5, lo = second >> 6;
    return (hi < b.hi) | ((hi == b.hi) & (lo < b.lo));
  }
  // Uniform integer in [0, n) (n > 0), with negligible bias for small n.
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next_u32()) * n) >> 32);
  }
  bool bernoulli(double p) { return uniform() < p; }
  double normal() {  // Box–Muller, one value used
    double u1 = uniform();
    const double u2 = uniform();
    if (u1 <= 0) u1 = 0x1.0p-53;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  void refill() {
    Philox::ctr_type c = ctr_;
    c.v[3] ^= block_index_++;
    block_ = Philox()(c, key_);
    used_ = 0;
  }

  Philox::key_type key_{};
  Philox::ctr_type ctr_{};
  Philox::ctr_type block_{};
  std::uint32_t block_index_ = 0;
  int used_ = 4;
};

// Probability of at least one event in dt for a Poisson rate (1/s).
[[nodiscard]] inline double event_probability(double rate_per_s, double dt_s) {
  return -std::expm1(-rate_per_s * dt_s);
}

// A draw at or above event_bound(rate, dt) is certainly not below
// event_probability(rate, dt): 1 − e^{−x} ≤ x, so a draw at or above x (with
// a margin far above expm1's rounding error) is above the probability too.
// Lets a caller skip the expm1, and whatever else the exact rate needs, for
// most draws when events are rare. The bound only grows with the rate, so a
// bound on the rate gives a bound on the draw (biology/mpc_screen.hpp).
[[nodiscard]] inline double event_bound(double rate_per_s, double dt_s) {
  return rate_per_s * dt_s * (1 + 1e-9);
}
[[nodiscard]] inline bool beyond_event_bound(double u, double rate_per_s, double dt_s) {
  return u >= event_bound(rate_per_s, dt_s);
}

// u < event_probability(rate, dt), with the same answer as the direct
// comparison but without the expm1 for draws beyond the bound.
[[nodiscard]] inline bool event_occurs(double u, double rate_per_s, double dt_s) {
  if (beyond_event_bound(u, rate_per_s, dt_s)) return false;
  return u < event_probability(rate_per_s, dt_s);
}

}  // namespace hosim
