#pragma once
// Work items [0, n) shared by the threads of a parallel region so that each
// thread mostly walks one contiguous stretch (its caches keep the lattice
// neighbourhood of its items), yet no thread waits while another has work
// left: thread t starts on the t-th equal stretch and takes `grab` items at
// a time from its front; once its own stretch is empty it takes them from
// the back of the stretch with the most items left.
//
// Why not `schedule(dynamic)`: its grabs alternate between the threads along
// the whole range, so both cores read nearly every cache line of the
// lattice; and a static split leaves a thread idle where the work is uneven
// (a lesion's cells of one type cluster). The cell rules on two threads
// (BM_CellStep/100/2, 2026-12-07, AMD EPYC, 3 alternated rounds): dynamic
// 24.0-24.5, static halves 21.9-22.8, these stretches 19.9-20.1 ns per cell.
//
// The same holds for per-voxel passes whose work is in the lesion: a
// mirrored lattice (grid.mirror, as the default) has its lesion at z = 0,
// all in the first thread's static half. The LOD x–y planes, the tissue
// kinetics' blocks of rows and the vessels' lines take their work from
// here too (figures beside each).
//
// Which thread gets an item depends on timing: a caller's results must
// depend only on the item (the cell rules' proposals do, and so does every
// voxel's new value in those passes).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>

namespace hosim {

class SplitRanges {
 public:
  // n items for `threads` threads, handed out `grab` at a time.
  SplitRanges(std::int64_t n, int threads, std::int64_t grab)
      : threads_(threads), grab_(grab), ranges_(std::make_unique<Range[]>(threads)) {
    if (n < 0 || n > kMaxItems || threads < 1 || grab < 1)
      throw std::invalid_argument("SplitRanges: need 0 <= n < 2^31, threads >= 1, grab >= 1");
    for (int t = 0; t < threads; ++t) {
      const std::int64_t front = n * t / threads;
      const std::int64_t back = n * (t + 1) / threads;
      ranges_[t].bounds.store(pack(front, back), std::memory_order_relaxed);
    }
  }

  // Calls body(i) for every item thread t takes, until none is left.
  template <class Body>
  void for_each_taken(int t, Body&& body) {
    std::int64_t first = 0, end = 0;
    while (next(t, first, end))
      for (std::int64_t i = first; i < end; ++i) body(i);
  }

  // The next items [first, end) for thread t; false when no work is left. A
  // thread beyond `threads` (a larger team than foreseen) has no stretch of
  // its own and only helps.
  bool next(int t, std::int64_t& first, std::int64_t& end) {
    if (t >= 0 && t < threads_ && take_front(ranges_[t], first, end)) return true;
    for (;;) {  // steal from the fullest other stretch
      int victim = -1;
      std::int64_t most = 0;
      for (int u = 0; u < threads_; ++u) {
        const std::uint64_t b = ranges_[u].bounds.load(std::memory_order_relaxed);
        const std::int64_t left = back_of(b) - front_of(b);
        if (left > most) {
          most = left;
          victim = u;
        }
      }
      if (victim < 0) return false;
      if (take_back(ranges_[victim], first, end)) return true;
    }
  }

 private:
  static constexpr std::int64_t kMaxItems = (std::int64_t{1} << 31) - 1;
  struct alignas(64) Range {               // one cache line each: the threads do not share them
    std::atomic<std::uint64_t> bounds{0};  // front in the low half, back in the high
  };
  static std::uint64_t pack(std::int64_t front, std::int64_t back) {
    return static_cast<std::uint64_t>(front) | (static_cast<std::uint64_t>(back) << 32);
  }
  static std::int64_t front_of(std::uint64_t b) {
    return static_cast<std::int64_t>(b & 0xffffffffu);
  }
  static std::int64_t back_of(std::uint64_t b) { return static_cast<std::int64_t>(b >> 32); }

  bool take_front(Range& r, std::int64_t& first, std::int64_t& end) const {
    std::uint64_t b = r.bounds.load(std::memory_order_relaxed);
    for (;;) {
      const std::int64_t front = front_of(b), back = back_of(b);
      if (front >= back) return false;
      const std::int64_t to = std::min(back, front + grab_);
      if (r.bounds.compare_exchange_weak(b, pack(to, back), std::memory_order_relaxed)) {
        first = front;
        end = to;
        return true;
      }
    }
  }
  bool take_back(Range& r, std::int64_t& first, std::int64_t& end) const {
    std::uint64_t b = r.bounds.load(std::memory_order_relaxed);
    for (;;) {
      const std::int64_t front = front_of(b), back = back_of(b);
      if (front >= back) return false;
      const std::int64_t from = std::max(front, back - grab_);
      if (r.bounds.compare_exchange_weak(b, pack(front, from), std::memory_order_relaxed)) {
        first = from;
        end = back;
        return true;
      }
    }
  }

  int threads_;
  std::int64_t grab_;
  std::unique_ptr<Range[]> ranges_;
};

}  // namespace hosim
