// The counter-based streams and the event helpers of core/rng.hpp.
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace hosim {
namespace {

TEST(Rng, StreamIsAFunctionOfItsKey) {
  RandomStream a(7, 3, 11, RngPurpose::Test), b(7, 3, 11, RngPurpose::Test);
  RandomStream other_purpose(7, 3, 11, RngPurpose::Death);
  bool differs = false;
  for (int i = 0; i < 16; ++i) {
    const std::uint32_t x = a.next_u32();
    EXPECT_EQ(x, b.next_u32());
    differs = differs || x != other_purpose.next_u32();
  }
  EXPECT_TRUE(differs);
}

// RandomStream::uniform_below must tell exactly what uniform_of(first, second) < p
// tells: for probabilities at and beside the draws' own values (where a
// rounding would show), for 0, negative, NaN, 1 and beyond, and for random
// words against random probabilities.
TEST(Rng, UniformBelowAgreesWithTheUniformsComparison) {
  using Bound = RandomStream::DrawBound;
  const auto agree = [](std::uint32_t first, std::uint32_t second, double p) {
    EXPECT_EQ(RandomStream::uniform_below(first, second, Bound::of(p)),
              RandomStream::uniform_of(first, second) < p)
        << "words " << first << " " << second << " p " << p;
  };
  RandomStream r(5, 0, 0, RngPurpose::Test);
  const double inf = std::numeric_limits<double>::infinity();
  for (int i = 0; i < 20000; ++i) {
    const std::uint32_t first = r.next_u32(), second = r.next_u32();
    const double u = RandomStream::uniform_of(first, second);
    // The draw's own value and its neighbours, and probabilities of every
    // size.
    for (const double p :
         {u, std::nextafter(u, 0.0), std::nextafter(u, 2.0), r.uniform(), r.uniform() * 1e-6,
          r.uniform() * 1e-12, 0.0, -0.5, 1.0, 1.5, inf, -inf, std::nan("")})
      agree(first, second, p);
  }
  // The extreme words: the smallest and the largest draw.
  for (const std::uint32_t first : {0u, 31u, 32u, 0xFFFFFFFFu})
    for (const std::uint32_t second : {0u, 63u, 64u, 0xFFFFFFFFu})
      for (const double p : {0.0, 0x1.0p-53, 0x1.0p-52, 0.5, 1.0 - 0x1.0p-53, 1.0})
        agree(first, second, p);
}

// event_occurs skips the expm1 for draws above the rate; it must decide every
// draw exactly as the direct comparison with event_probability does,
// including draws right at the probability and rates from tiny to huge.
TEST(Rng, EventOccursAgreesWithTheDirectComparison) {
  const double dt = 900;
  const std::vector<double> rates{0.0,    1e-300, 1e-12,  3e-9,
                                  1.7e-6, 1e-4,   7.7e-4, 1e-3,
                                  0.01,   1.0,    1e3,    std::numeric_limits<double>::max()};
  int checked = 0, occurred = 0;
  for (const double rate : rates) {
    const double p = event_probability(rate, dt);
    std::vector<double> draws{0.0,
                              p,
                              std::nextafter(p, 0.0),
                              std::nextafter(p, 2.0),
                              rate * dt,
                              std::nextafter(rate * dt, 0.0),
                              0.5,
                              std::nextafter(1.0, 0.0)};
    RandomStream rs(1, 0, static_cast<std::uint64_t>(checked), RngPurpose::Test);
    for (int i = 0; i < 2000; ++i) draws.push_back(rs.uniform() * std::min(1.0, 3 * rate * dt));
    for (const double u : draws) {
      if (!(u >= 0 && u < 1)) continue;
      const bool direct = u < p;
      EXPECT_EQ(event_occurs(u, rate, dt), direct) << "rate " << rate << " u " << u;
      occurred += direct;
      ++checked;
    }
  }
  EXPECT_GT(occurred, 1000);  // the draws straddle the probability, not only miss it
  EXPECT_GT(checked, 20000);
}

}  // namespace
}  // namespace hosim
