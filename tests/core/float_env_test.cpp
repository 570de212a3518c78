// flush_subnormals_to_zero must reach every thread of the OpenMP team the
// model's loops use, or results would differ between threads (and so with
// the thread count) wherever a value passes through the subnormal range.
#include "core/float_env.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace hosim {
namespace {

// A product whose exact value is subnormal: 0 under FTZ. `volatile` keeps the
// compiler from folding it at compile time.
double subnormal_product() {
  volatile double a = std::numeric_limits<double>::min();  // smallest normal
  volatile double b = 0.25;
  return a * b;
}

// Compare bit patterns: under DAZ a subnormal compares equal to 0.
std::uint64_t bits(double v) {
  return std::bit_cast<std::uint64_t>(v);
}

TEST(FloatEnv, SubnormalResultsAreZeroOnEveryThread) {
  omp_set_num_threads(3);  // more threads than cores is fine for this
  // Start the team first: threads created later inherit the creating
  // thread's mode, so only threads that already exist test the function.
  std::vector<double> before(3, -1.0);
#pragma omp parallel num_threads(3)
  before[static_cast<std::size_t>(omp_get_thread_num())] = subnormal_product();
  ASSERT_NE(bits(before[1]), 0u) << "the team already flushes: the test would prove nothing";
  flush_subnormals_to_zero();
  std::vector<double> got(3, -1.0);
#pragma omp parallel num_threads(3)
  got[static_cast<std::size_t>(omp_get_thread_num())] = subnormal_product();
  for (const double v : got) EXPECT_EQ(bits(v), 0u);
  EXPECT_EQ(bits(subnormal_product()), 0u);
}

}  // namespace
}  // namespace hosim
