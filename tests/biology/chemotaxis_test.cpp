// The chemotactic choice (biology/chemotaxis.hpp) picks the neighbour the
// weights computed with std::tanh pick, in random cases and at near ties.
#include "biology/chemotaxis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/rng.hpp"

namespace hosim {
namespace {

void expect_bracketed(double g) {
  const TanhBracket b = tanh_bracket(g);
  const double t = std::tanh(g);
  ASSERT_LE(b.lo, t) << "g = " << g;
  ASSERT_GE(b.hi, t) << "g = " << g;
  ASSERT_LE(b.hi - b.lo, 6.1e-5) << "g = " << g;
}

TEST(Chemotaxis, TanhBracketHoldsStdTanh) {
  // A dense sweep across the table, its end and beyond, on both signs.
  for (double g = -20; g <= 20; g += 1.0 / 4096) expect_bracketed(g);
  // Every node and its neighbouring doubles, and the largest double below 16.
  for (int j = 0; j <= 16 * 64; ++j) {
    const double x = j / 64.0;
    for (const double y : {x, std::nextafter(x, 0.0), std::nextafter(x, 100.0)}) {
      expect_bracketed(y);
      expect_bracketed(-y);
    }
  }
  for (const double g : {0.0, -0.0, 1e-300, -1e-300, 5e-324, 1e-9, 22.0, 1e6, -1e300,
                         std::numeric_limits<double>::max()})
    expect_bracketed(g);
  // Random magnitudes over many scales.
  RandomStream r(1, 0, 0, RngPurpose::Test);
  for (int i = 0; i < 200000; ++i) {
    const double g = (r.uniform() - 0.5) * std::pow(10.0, 6 * r.uniform() - 4);
    expect_bracketed(g);
  }
}

// Random candidate sets: k from 1 to 6, some closed, attractions from tiny
// to saturating (very negative ones with chi = 1 give a weight of exactly 0,
// dropped), chi 0 to 1.
TEST(Chemotaxis, ChoiceIsTheExactOne) {
  RandomStream r(2, 0, 0, RngPurpose::Test);
  const double chis[] = {0.0, 0.1, 0.5, 0.75, 1.0};
  for (int n = 0; n < 1000000; ++n) {
    const int k = 1 + static_cast<int>(r.below(6));
    double g[6];
    bool open[6];
    for (int i = 0; i < k; ++i) {
      open[i] = r.uniform() < 0.9;
      const double scale = std::pow(10.0, 5 * r.uniform() - 4);
      g[i] = r.uniform() < 0.05 ? -40.0 : (r.uniform() - 0.5) * scale;
    }
    const double chi = chis[r.below(5)];
    const double u = r.uniform();
    ASSERT_EQ(chemotactic_choice(g, open, k, chi, u), chemotactic_choice_exact(g, open, k, chi, u))
        << "case " << n;
  }
}

// u placed so that u·total falls within a few ulps of a boundary between
// two candidates (equal attractions make equal weights): the brackets
// cannot decide, and the exact weights must.
TEST(Chemotaxis, NearTiesAreDecidedAsTheExactWeightsDo) {
  RandomStream r(3, 0, 0, RngPurpose::Test);
  int picked_first = 0, picked_second = 0;
  for (int n = 0; n < 20000; ++n) {
    const int k = 2 + static_cast<int>(r.below(5));
    double g[6];
    bool open[6];
    for (int i = 0; i < k; ++i) {
      open[i] = true;
      g[i] = (r.uniform() - 0.5) * 4;
    }
    const double chi = 0.5;
    double w[6], total = 0;
    for (int i = 0; i < k; ++i) {
      w[i] = 1.0 + chi * std::tanh(g[i]);
      total += w[i];
    }
    // The boundary after the first candidate: u·total = w0.
    double u = w[0] / total;
    for (int step = 0; step < static_cast<int>(r.below(8)); ++step)
      u = std::nextafter(u, r.uniform() < 0.5 ? 0.0 : 1.0);
    const int exact = chemotactic_choice_exact(g, open, k, chi, u);
    ASSERT_EQ(chemotactic_choice(g, open, k, chi, u), exact) << "case " << n;
    (exact == 0 ? picked_first : picked_second) += 1;
  }
  // Both sides of the boundary occur, so the ties were real.
  EXPECT_GT(picked_first, 1000);
  EXPECT_GT(picked_second, 1000);
}

TEST(Chemotaxis, NoPositiveWeightPicksNothing) {
  const double g[3] = {-40, -50, 0.3};
  const bool open[3] = {true, true, false};
  EXPECT_EQ(chemotactic_choice(g, open, 3, 1.0, 0.5), -1);
  EXPECT_EQ(chemotactic_choice_exact(g, open, 3, 1.0, 0.5), -1);
  EXPECT_EQ(chemotactic_choice(g, open, 0, 0.5, 0.5), -1);
}

// Attractions that are not finite, open or closed: the exact weights decide
// (tanh(±inf) = ±1, a NaN weight is not positive), and a closed one is
// ignored whatever it holds.
TEST(Chemotaxis, NonFiniteAttractionsAreDecidedAsTheExactWeightsDo) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  RandomStream r(4, 0, 0, RngPurpose::Test);
  const double odd[] = {inf, -inf, nan, 0.0, 0.2, -3.0, 20.0};
  int picked_none = 0, picked_some = 0;
  for (int n = 0; n < 20000; ++n) {
    const int k = 1 + static_cast<int>(r.below(6));
    double g[6];
    bool open[6];
    for (int i = 0; i < k; ++i) {
      open[i] = r.uniform() < 0.8;
      g[i] = odd[r.below(7)];
    }
    const double chi = r.uniform() < 0.5 ? 1.0 : 0.3;
    const double u = r.uniform();
    const int exact = chemotactic_choice_exact(g, open, k, chi, u);
    ASSERT_EQ(chemotactic_choice(g, open, k, chi, u), exact) << "case " << n;
    (exact < 0 ? picked_none : picked_some) += 1;
  }
  EXPECT_GT(picked_none, 100);
  EXPECT_GT(picked_some, 10000);
}

}  // namespace
}  // namespace hosim
