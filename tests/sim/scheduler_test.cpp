#include "sim/scheduler.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace hosim {
namespace {

// Operators run in the order added; one with a period runs only in steps
// whose number is a multiple of it, at its place in the order, and the
// profile counts the calls it made.
TEST(Scheduler, PeriodicOperatorsRunInTheirStepsAtTheirPlace) {
  Scheduler s;
  std::string trace;
  s.add("a", [&] { trace += 'a'; });
  s.add(
      "b", [&] { trace += 'b'; }, 3);
  s.add("c", [&] { trace += 'c'; });
  for (std::int64_t step = 0; step < 7; ++step) {
    s.run_step(step);
    trace += '|';
  }
  EXPECT_EQ(trace, "abc|ac|ac|abc|ac|ac|abc|");
  ASSERT_EQ(s.operators().size(), 3u);
  EXPECT_EQ(s.operators()[0].calls, 7);
  EXPECT_EQ(s.operators()[1].calls, 3);
  EXPECT_EQ(s.operators()[2].calls, 7);
}

TEST(Scheduler, PeriodBelowOneIsRefusedWithTheOperatorNamed) {
  Scheduler s;
  try {
    s.add(
        "tissue", [] {}, 0);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "Scheduler: operator 'tissue' every 0 steps; it must be >= 1");
  }
}

}  // namespace
}  // namespace hosim
