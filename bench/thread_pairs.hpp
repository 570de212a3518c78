#pragma once
// The ratios of target 5 measured within one process (BM_LodStepThreads,
// BM_CellStepThreads): pairs of groups of work, one group on one thread and
// one on two, which first alternating from pair to pair, so that a slow
// minute of a shared host falls on both sides of each ratio. The counters
// are the medians of the rates over the pairs, the median of the pairs'
// ratios, and its lowest and highest.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hosim::bench {

class ThreadPairs {
 public:
  // Keeps the thread count the program was started with, restored on
  // destruction: the benchmarks that run after this one in the process use
  // it (left at 1 or 2, the 2-thread bench_diffusion run of the targets
  // report went on partly on one thread, 2026-12-08).
  ThreadPairs() : team_(omp_get_max_threads()) {}
  ~ThreadPairs() { omp_set_num_threads(team_); }
  ThreadPairs(const ThreadPairs&) = delete;
  ThreadPairs& operator=(const ThreadPairs&) = delete;

  // One pair: group(threads) runs a group of work on that many threads (set
  // here) and returns its rate; on one thread first in even pairs, on two
  // first in odd ones.
  template <class Group>
  void pair(Group&& group) {
    double rate[2] = {0, 0};
    for (int half = 0; half < 2; ++half) {
      const int t = (half + static_cast<int>(ratio_.size() % 2)) % 2;  // 0: one thread, 1: two
      omp_set_num_threads(t + 1);
      rate[t] = group(t + 1);
    }
    rate_[0].push_back(rate[0]);
    rate_[1].push_back(rate[1]);
    ratio_.push_back(rate[1] / rate[0]);
  }

  // Counters one_thread_<unit>, two_threads_<unit>, ratio, ratio_lowest,
  // ratio_highest and pairs.
  void set_counters(benchmark::State& st, const std::string& unit) const {
    if (ratio_.empty()) return;
    st.counters["one_thread_" + unit] = median(rate_[0]);
    st.counters["two_threads_" + unit] = median(rate_[1]);
    st.counters["ratio"] = median(ratio_);
    st.counters["ratio_lowest"] = *std::min_element(ratio_.begin(), ratio_.end());
    st.counters["ratio_highest"] = *std::max_element(ratio_.begin(), ratio_.end());
    st.counters["pairs"] = static_cast<double>(ratio_.size());
  }

 private:
  static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
  }
  int team_;
  std::vector<double> rate_[2], ratio_;
};

}  // namespace hosim::bench
