#pragma once
// The ratios of target 5 measured within one process (BM_LodStepThreads,
// BM_CellStepThreads): each pair of groups gives a rate on one thread and
// one on two; the counters are the medians over the pairs, the median of
// the pairs' ratios, and its lowest and highest.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hosim::bench {

class ThreadPairs {
 public:
  void add(double one_thread, double two_threads) {
    rate_[0].push_back(one_thread);
    rate_[1].push_back(two_threads);
    ratio_.push_back(two_threads / one_thread);
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
  std::vector<double> rate_[2], ratio_;
};

}  // namespace hosim::bench
