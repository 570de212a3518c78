// SplitRanges hands every item out exactly once, starts each thread on its
// own stretch, and lets idle threads finish the others' work.
#include "core/split_ranges.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <omp.h>

namespace hosim {
namespace {

// Items done by each thread of a real parallel region, counted per item.
std::vector<int> run_all(std::int64_t n, int threads, std::int64_t grab,
                         std::vector<std::int64_t>* first_of_thread = nullptr) {
  SplitRanges work(n, threads, grab);
  std::vector<std::atomic<int>> seen(static_cast<std::size_t>(n));
  if (first_of_thread != nullptr) first_of_thread->assign(static_cast<std::size_t>(threads), -1);
#pragma omp parallel num_threads(threads)
  {
    const int me = omp_get_thread_num();
    std::int64_t first = 0, end = 0;
    bool started = false;
    while (work.next(me, first, end)) {
      EXPECT_LT(first, end);
      EXPECT_LE(end - first, grab);
      if (!started && first_of_thread != nullptr) (*first_of_thread)[me] = first;
      started = true;
      for (std::int64_t i = first; i < end; ++i) seen[static_cast<std::size_t>(i)]++;
    }
  }
  std::vector<int> counts;
  for (const auto& s : seen) counts.push_back(s.load());
  return counts;
}

TEST(SplitRanges, EveryItemExactlyOnce) {
  for (const std::int64_t n : {0, 1, 2, 7, 64, 1000, 4099})
    for (const int threads : {1, 2, 3, 8})
      for (const std::int64_t grab : {1, 2, 5, 100}) {
        const auto counts = run_all(n, threads, grab);
        for (std::int64_t i = 0; i < n; ++i)
          ASSERT_EQ(counts[static_cast<std::size_t>(i)], 1)
              << "item " << i << " of " << n << ", " << threads << " threads, grab " << grab;
      }
}

TEST(SplitRanges, EachThreadStartsOnItsOwnStretch) {
  // Started one after the other, each thread's first grab is the front of
  // its own equal stretch (a thread may find its stretch emptied by the
  // others only when it starts late).
  SplitRanges work(1000, 4, 10);
  for (int t = 0; t < 4; ++t) {
    std::int64_t first = 0, end = 0;
    ASSERT_TRUE(work.next(t, first, end));
    EXPECT_EQ(first, 250 * t);
    EXPECT_EQ(end, 250 * t + 10);
  }
}

TEST(SplitRanges, AnIdleThreadTakesFromTheBackOfTheFullestStretch) {
  SplitRanges work(100, 2, 10);  // stretches [0, 50) and [50, 100)
  std::int64_t first = 0, end = 0;
  for (int k = 0; k < 5; ++k) ASSERT_TRUE(work.next(0, first, end));  // thread 0: all of its own
  ASSERT_TRUE(work.next(1, first, end));
  EXPECT_EQ(first, 50);  // thread 1 from its front
  ASSERT_TRUE(work.next(0, first, end));
  EXPECT_EQ(first, 90);  // thread 0, out of work, from thread 1's back
  EXPECT_EQ(end, 100);
  // What is left, [60, 90), goes out once, whoever asks.
  std::int64_t total = 0;
  while (work.next(1, first, end)) total += end - first;
  EXPECT_EQ(total, 30);
  EXPECT_FALSE(work.next(0, first, end));
}

TEST(SplitRanges, AThreadBeyondTheFewForeseenOnlyHelps) {
  SplitRanges work(40, 2, 10);  // stretches [0, 20) and [20, 40)
  std::int64_t first = 0, end = 0;
  ASSERT_TRUE(work.next(5, first, end));
  EXPECT_EQ(first, 10);  // the back of the first of the fullest stretches
  EXPECT_EQ(end, 20);
  std::int64_t total = end - first;
  while (work.next(5, first, end)) total += end - first;
  EXPECT_EQ(total, 40);
}

// for_each_taken runs the body once per item, also when the team is smaller
// than the threads foreseen (a thread alone takes the others' stretches) or
// larger (the extra threads only help).
TEST(SplitRanges, ForEachTakenRunsEveryItemOnceOnAnyTeam) {
  for (const int team : {1, 2, 3}) {
    SplitRanges work(1001, 2, 16);
    std::vector<std::atomic<int>> seen(1001);
#pragma omp parallel num_threads(team)
    work.for_each_taken(omp_get_thread_num(), [&](std::int64_t i) { seen[i]++; });
    for (std::size_t i = 0; i < seen.size(); ++i)
      ASSERT_EQ(seen[i].load(), 1) << "item " << i << ", team of " << team;
  }
}

TEST(SplitRanges, RefusesBadArguments) {
  EXPECT_THROW(SplitRanges(-1, 2, 1), std::invalid_argument);
  EXPECT_THROW(SplitRanges(10, 0, 1), std::invalid_argument);
  EXPECT_THROW(SplitRanges(10, 2, 0), std::invalid_argument);
  EXPECT_THROW(SplitRanges(std::int64_t{1} << 31, 2, 1), std::invalid_argument);
}

}  // namespace
}  // namespace hosim
