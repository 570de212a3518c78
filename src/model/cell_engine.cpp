#include "model/cell_engine.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace hosim {

namespace {

inline void atomic_min(std::uint32_t& target, std::uint32_t value) {
  std::atomic_ref<std::uint32_t> ref(target);
  std::uint32_t cur = ref.load(std::memory_order_relaxed);
  while (cur > value && !ref.compare_exchange_weak(cur, value, std::memory_order_relaxed)) {
  }
}

// Lower a word that no other thread touches until the next barrier: the
// same result as atomic_min without a locked instruction, which waits for
// every earlier store of the core to drain.
inline void owned_min(std::uint32_t& target, std::uint32_t value) {
  std::atomic_ref<std::uint32_t> ref(target);
  if (ref.load(std::memory_order_relaxed) > value) ref.store(value, std::memory_order_relaxed);
}

inline bool claims_voxel(ActionKind k) {
  return k == ActionKind::Move || k == ActionKind::Divide;
}

// The per-thread lists joined in thread order into `all`.
void join(const std::vector<std::vector<std::uint32_t>>& lists, std::vector<std::uint32_t>& all) {
  all.clear();
  for (const auto& list : lists) all.insert(all.end(), list.begin(), list.end());
}

}  // namespace

StepCounts CellEngine::apply(ModelState& s, std::span<const Proposal> proposals, double dt_s,
                             std::span<std::uint32_t> acting) {
  StepCounts counts;
  CellStore& c = s.cells;
  const std::size_t n = c.size();
  if (proposals.size() != n)
    throw std::logic_error("CellEngine::apply: " + std::to_string(proposals.size()) +
                           " proposals for " + std::to_string(n) + " cells");
  if (acting.size() < n) {
    if (acting_.size() < n) acting_.resize(CellStore::grown_capacity(n), 0);
    acting = acting_.span();
  }

  // Each thread takes one contiguous range of slots, after that of thread
  // t − 1 (the partition is fixed here rather than left to a static
  // schedule, because the passes below must agree on it). Lists made per
  // thread and joined in thread order are then in slot order.
  std::uint64_t died = 0, diff = 0, moved = 0, divided = 0, lost = 0;
  const auto team = static_cast<std::size_t>(omp_get_max_threads());
  if (dead_.size() < team) dead_.resize(team);
  if (parents_.size() < team) parents_.resize(team);
  for (auto& l : dead_) l.clear();
  for (auto& l : parents_) l.clear();
  if (reach_.size() < team) reach_.resize(team);
  const std::span<std::pair<std::uint32_t, std::uint32_t>> reach(reach_.data(), team);
  const ClaimCodes codes(s.grid);
  const auto voxels = static_cast<std::uint64_t>(s.grid.size());
  // The claims are kept in the occupancy itself, read as unsigned words:
  // an empty voxel holds -1 (all bits set), and a claim on it lowers its
  // word to the complement of the claim's priority. A priority's top bit
  // is 0 (ClaimCodes), so the complement is negative as a slot number and
  // never -1: the voxel still reads as empty to anything that asks, and the
  // lowest word is the highest priority's. Every claimed voxel has a
  // winner, whose cell or daughter then takes it, so no claim outlives the
  // step and nothing has to be cleared. Where the claims had a per-voxel
  // array of their own (work memory lent by the caller), the engine's first
  // pass cleared the keys of every target, a read for ownership and a write
  // back of lines the occupancy's own passes touch anyway: BM_CellStep/100
  // (2026-12-07, AMD EPYC Zen 4), bench/README.md, "Claims in the
  // occupancy".
  std::uint32_t* const occ = reinterpret_cast<std::uint32_t*>(s.occupancy.data());
  constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;  // the occupancy's -1
  // The voxels (claimant high, target low) of a claim the priorities cannot
  // order (ClaimCodes::orders) or that lies outside the lattice, if any.
  constexpr std::uint64_t kNoBadClaim = ~std::uint64_t{0};
  std::uint64_t bad_claim = kNoBadClaim;
#pragma omp parallel reduction(+ : died, diff, moved, divided, lost)
  {
    const auto t = static_cast<std::size_t>(omp_get_thread_num());
    const auto threads = static_cast<std::size_t>(omp_get_num_threads());
    const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
    auto& my_dead = dead_[t];
    auto& my_parents = parents_[t];
    // The cells that do something this step (at most four in ten of a
    // lesion's), listed in the thread's own range of `acting` without a
    // branch per cell: which cells move is a coin toss the branch predictor
    // would lose. The passes below visit only them. The lowest and highest
    // voxel the thread's claimants target go to `reach` for the pass after.
    std::uint32_t* list = acting.data() + begin;
    std::size_t k = 0;
    std::uint32_t lowest = 0xFFFFFFFFu, highest = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const Proposal& p = proposals[i];
      list[k] = static_cast<std::uint32_t>(i);
      k += p.kind != ActionKind::None ? 1 : 0;
      // A claimant's target goes into the bounds; any other cell's word is
      // masked to one that moves neither (all ones for the lowest, zero for
      // the highest), so its voxel is not read. By arithmetic: written as a
      // conditional, the compiler branched on the kind, which the predictor
      // gets wrong for about every third cell.
      const std::uint32_t claims_mask = 0u - static_cast<std::uint32_t>(claims_voxel(p.kind));
      lowest = std::min(lowest, p.target | ~claims_mask);
      highest = std::max(highest, p.target & claims_mask);
    }
    reach[t] = {lowest, highest};
    const std::span<const std::uint32_t> mine(list, k);
    // Then every claimant lowers its target's word to its own (above). A
    // claimant has won when its target still holds its word; the claims
    // stay until the winners move in and the daughters are placed. A target
    // outside every other thread's reach is this thread's alone this pass
    // and is lowered without a locked instruction. With cells in voxel
    // order (as a run keeps them) that is all but the targets near the ends
    // of the thread's range; in any order, the test below is conservative:
    // any range that starts at or below ours ends at or below `below`, any
    // other starts at or above `above`.
#pragma omp barrier
    std::uint32_t below = 0, above = 0xFFFFFFFFu;
    bool any_below = false;
    for (std::size_t u = 0; u < threads; ++u) {
      if (u == t || reach[u].first > reach[u].second) continue;  // no claimant
      if (reach[u].first <= reach[t].first) {
        below = any_below ? std::max(below, reach[u].second) : reach[u].second;
        any_below = true;
      } else {
        above = std::min(above, reach[u].first);
      }
    }
    // The word of the target kAhead claimants on is asked for ahead, here
    // and in the pass after: the words were last touched a pass over the
    // thread's half of the lattice ago and have left the core's caches, and
    // the targets, spread over three planes, are too sparse for the
    // hardware's stream prefetch. BM_CellStep/100 (2026-12-06, AMD EPYC, 3
    // alternated rounds of 5): the engine 15.5 / 18.1 / 15.6 → 10.8 / 12.5 /
    // 11.1 ns per cell on one thread, 8.8 / 10.2 / 9.6 → 6.8 / 6.6 / 6.6 on
    // two; 8 or 32 ahead did no better than 16.
    //
    // Here too, the test that each claim is one the priorities order
    // (ClaimCodes::orders), summed without a branch: with the codes copied
    // into the thread's own frame (read through the shared object, they
    // were loaded again for every claim), and in this pass, over the
    // claimants only, rather than over every cell in the pass before.
    const ClaimCodes my_codes = codes;
    // Whether the claim of proposal p, by the cell standing in `from`, is
    // one the priorities order and lies on the lattice.
    const auto orderable = [&my_codes, voxels](const Proposal& p, std::uint32_t from) {
      return my_codes.orders(p.priority, from, p.target) & (p.target < voxels);
    };
    std::uint32_t bad = 0;
    constexpr std::size_t kAhead = 16;
    for (std::size_t m = 0; m < mine.size(); ++m) {
      if (m + kAhead < mine.size()) __builtin_prefetch(&occ[proposals[mine[m + kAhead]].target], 1);
      const std::uint32_t i = mine[m];
      const Proposal& p = proposals[i];
      if (!claims_voxel(p.kind)) continue;
      const std::uint32_t j = p.target;
      const std::uint32_t key = p.priority;
      const bool ok = orderable(p, c.voxel[i]);
      bad += static_cast<std::uint32_t>(!ok);
      if (!ok) [[unlikely]]
        continue;
      if ((!any_below || j > below) && j < above) {
        owned_min(occ[j], ~key);
      } else {
        atomic_min(occ[j], ~key);
      }
    }
    if (bad != 0) [[unlikely]] {
      // The first such claim of the thread's; the step is refused after the
      // region (an exception may not leave it).
      for (const std::uint32_t i : mine) {
        const Proposal& p = proposals[i];
        if (claims_voxel(p.kind) && !orderable(p, c.voxel[i])) {
          std::atomic_ref<std::uint64_t>(bad_claim).store(
              (static_cast<std::uint64_t>(c.voxel[i]) << 32) | p.target, std::memory_order_relaxed);
          break;
        }
      }
    }
#pragma omp barrier
    // A claim the priorities cannot order refuses the step before anything
    // in the state has changed: the claims go (each claimed voxel empty
    // again, the words of occupied ones untouched by any claim), and nothing
    // else has been written but the list of acting cells.
    if (std::atomic_ref<std::uint64_t>(bad_claim).load(std::memory_order_relaxed) != kNoBadClaim) {
      for (const std::uint32_t i : mine) {
        const Proposal& p = proposals[i];
        if (claims_voxel(p.kind) && p.target < voxels &&
            static_cast<std::int32_t>(
                std::atomic_ref<std::uint32_t>(occ[p.target]).load(std::memory_order_relaxed)) < 0)
          std::atomic_ref<std::uint32_t>(occ[p.target]).store(kEmpty, std::memory_order_relaxed);
      }
    } else {
      // A claimant won when its target still holds its word (no two claims
      // on one voxel have the same priority, and a winner that has moved in
      // leaves its slot, which no claim's word equals).
      const auto won = [&](const Proposal& p) {
        return std::atomic_ref<std::uint32_t>(occ[p.target]).load(std::memory_order_relaxed) ==
               ~p.priority;
      };
      // Every cell's clocks advance; then the actions apply in place:
      // differentiation and moves touch only their own slot and voxels no
      // other cell touches this step; the dead and the dividers that won are
      // listed for the serial work below, which then visits only those slots.
      for (std::size_t i = begin; i < end; ++i) {
        c.age_s[i] += dt_s;
        c.state_age_s[i] += dt_s;
      }
      for (std::size_t m = 0; m < mine.size(); ++m) {
        if (m + kAhead < mine.size())
          __builtin_prefetch(&occ[proposals[mine[m + kAhead]].target], 0);
        const std::uint32_t i = mine[m];
        const Proposal& p = proposals[i];
        switch (p.kind) {
          case ActionKind::Die:
            ++died;
            my_dead.push_back(i);
            break;
          case ActionKind::Differentiate:
            c.type[i] = p.new_type;
            c.state_age_s[i] = 0;
            ++diff;
            break;
          case ActionKind::Move:
            if (won(p)) {
              // Atomic stores: another thread's losing claimant of this
              // target may be reading it.
              std::atomic_ref<std::uint32_t>(occ[c.voxel[i]])
                  .store(kEmpty, std::memory_order_relaxed);
              std::atomic_ref<std::uint32_t>(occ[p.target]).store(i, std::memory_order_relaxed);
              c.voxel[i] = p.target;
              ++moved;
            } else {
              ++lost;
            }
            break;
          case ActionKind::Divide:
            if (won(p)) {
              ++divided;
              my_parents.push_back(i);
            } else {
              ++lost;
            }
            break;
          case ActionKind::None:
            break;
        }
      }
    }
  }
  if (bad_claim != kNoBadClaim)
    throw std::logic_error("CellEngine::apply: a claim on voxel " +
                           std::to_string(bad_claim & 0xFFFFFFFFu) + " from voxel " +
                           std::to_string(bad_claim >> 32) +
                           " that the priorities cannot order: the offset is none of ±1, ±nx, "
                           "±nx·ny (a face neighbour's) or leaves the lattice, or the priority is "
                           "not one ClaimCodes makes (its top bit set, or its lowest 3 bits not "
                           "the direction's code; model/proposal.hpp); no cell was changed");
  counts.died = died;
  counts.differentiated = diff;
  counts.moved = moved;
  counts.divided = divided;
  counts.conflicts_lost = lost;

  // Daughters, in the order of their parents' voxels (serial: the order
  // defines the ids), whatever order the parents are stored in. Parents do
  // not move, so their voxels are those of the start of the step. With the
  // cells in voxel order, the lists joined in thread order are in that
  // order already.
  if (divided > 0) {
    join(parents_, parents_all_);
    const auto by_voxel = [&c](std::uint32_t a, std::uint32_t b) {
      return c.voxel[a] < c.voxel[b];
    };
    if (!std::is_sorted(parents_all_.begin(), parents_all_.end(), by_voxel))
      std::sort(parents_all_.begin(), parents_all_.end(), by_voxel);
    place_daughters(s, proposals, parents_all_);
  }

  // Remove the dead, each slot filled by the last cell: work in proportion
  // to the dead, not to the cells behind the first of them (a stable
  // compaction moved almost every cell of a lesion, on one thread, each
  // step). The order of the slots changes no result.
  if (died > 0) {
    join(dead_, dead_all_);
    remove_unordered(s, dead_all_);
  }
  return counts;
}

void CellEngine::place_daughters(ModelState& s, std::span<const Proposal> proposals,
                                 std::span<const std::uint32_t> parents) {
  CellStore& c = s.cells;
  const std::size_t n = c.size(), m = parents.size();
  c.reserve_for(n + m);
  c.for_each_array([n, m](auto& a) { a.resize(n + m); });
  const std::uint64_t first_id = s.next_cell_id;
  s.next_cell_id += m;
  // Daughter j takes slot n + j and id first_id + j whichever thread
  // writes it, so the store is the one a serial loop of pushes gives. In
  // parallel because the daughters' writes land far apart (a parent's
  // target voxel, and its clocks) and each waits on memory: done serially,
  // the placing was about a tenth of the engine's time on 2 threads, 200 ns
  // per daughter (BM_CellStep/100, 2026-12-06, AMD EPYC). Below a few dozen
  // daughters the team's start costs more than it saves.
  constexpr std::size_t kParallelDaughters = 64;
  const auto mi = static_cast<std::int64_t>(m);
#pragma omp parallel for schedule(static) if (m >= kParallelDaughters)
  for (std::int64_t j = 0; j < mi; ++j) {
    const std::uint32_t i = parents[static_cast<std::size_t>(j)];
    const std::size_t d = n + static_cast<std::size_t>(j);
    const std::uint32_t target = proposals[i].target;
    c.id[d] = first_id + static_cast<std::uint64_t>(j);
    c.type[d] = c.type[i];
    c.voxel[d] = target;
    c.age_s[d] = 0.0;  // both daughters start a new cycle
    c.age_s[i] = 0.0;
    c.state_age_s[d] = c.state_age_s[i];
    c.hif_memory_s[d] = c.hif_memory_s[i];
    s.occupancy[target] = static_cast<std::int32_t>(d);
  }
}

void CellEngine::remove_unordered(ModelState& s, std::span<const std::uint32_t> dead) {
  CellStore& c = s.cells;
  if (dead.empty()) return;
  for (const std::uint32_t d : dead) s.occupancy[c.voxel[d]] = -1;
  // From the highest dead slot down: by the time a dead slot is reached,
  // every slot above it holds a live cell, so the last one fills it.
  std::size_t end = c.size();
  for (std::size_t j = dead.size(); j-- > 0;) {
    const std::size_t d = dead[j];
    const std::size_t last = --end;
    if (d == last) continue;
    c.for_each_array([d, last](auto& a) { a[d] = a[last]; });
    s.occupancy[c.voxel[d]] = static_cast<std::int32_t>(d);
  }
  c.truncate(end);
}

namespace {

// One cell array permuted into voxel order through 64-bit scratch: slot k of
// the result is the cell of old slot order[k]. Each k is independent, so
// both passes run in parallel with the same result for any thread count.
template <class T>
void gather(std::vector<T>& a, std::span<const std::uint32_t> order, std::span<std::uint64_t> tmp) {
  static_assert(sizeof(T) <= sizeof(std::uint64_t) && std::is_trivially_copyable_v<T>);
  const auto n = static_cast<std::int64_t>(order.size());
  T* data = a.data();
#pragma omp parallel
  {
#pragma omp for schedule(static)
    for (std::int64_t k = 0; k < n; ++k) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &data[order[static_cast<std::size_t>(k)]], sizeof(T));
      tmp[static_cast<std::size_t>(k)] = bits;
    }
#pragma omp for schedule(static)
    for (std::int64_t k = 0; k < n; ++k)
      std::memcpy(&data[k], &tmp[static_cast<std::size_t>(k)], sizeof(T));
  }
}

}  // namespace

bool CellEngine::order_by_voxel(ModelState& s, std::span<std::uint64_t> scratch,
                                std::span<std::uint32_t> order) {
  CellStore& c = s.cells;
  const std::size_t n = c.size();
  bool ordered = true;
  for (std::size_t i = 1; i < n && ordered; ++i) ordered = c.voxel[i - 1] < c.voxel[i];
  if (ordered) return false;
  // The engine's own arrays grow with headroom, as the cell store does: sized
  // to n exactly, a growing population reallocated (and first touched) both
  // of them every step.
  if (scratch.size() < n) {
    if (reorder_.size() < n) reorder_.resize(CellStore::grown_capacity(n), 0);
    scratch = reorder_.span();
  }
  if (order.size() < n) {
    if (reorder_index_.size() < n) reorder_index_.resize(CellStore::grown_capacity(n), 0);
    order = reorder_index_.span();
  }
  // One scan of the occupancy gives the new order, the new voxels and the
  // new slot numbers (a voxel's old slot is read before it is overwritten).
  // The scan runs over fixed blocks of voxels in parallel: the blocks count
  // their occupied voxels, a prefix sum gives each its first new slot, and
  // each renumbers its own. (Done serially, the scan was a twentieth of a
  // run's time on the master thread while the other core waited.)
  const std::size_t nv = s.grid.size();
  const auto threads = static_cast<std::size_t>(omp_get_max_threads());
  const std::size_t nb = std::max<std::size_t>(1, std::min(4 * threads, nv / 4096));
  const auto block_begin = [&](std::size_t b) { return nv * b / nb; };
  std::vector<std::size_t> first(nb + 1, 0);
  const auto nbi = static_cast<std::int64_t>(nb);
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < nbi; ++b) {
    std::size_t k = 0;
    const auto bb = static_cast<std::size_t>(b);
    for (std::size_t v = block_begin(bb); v < block_begin(bb + 1); ++v)
      k += s.occupancy[v] >= 0 ? 1 : 0;
    first[bb + 1] = k;
  }
  for (std::size_t b = 0; b < nb; ++b) first[b + 1] += first[b];
  if (first[nb] != n)
    throw std::logic_error("order_by_voxel: occupancy and the cell store disagree (" +
                           std::to_string(n) + " cells, " + std::to_string(first[nb]) +
                           " occupied voxels)");
  // Without a branch per voxel: whether a voxel of a lesion is occupied is
  // a coin toss, and the branch predictor lost it for about every other
  // voxel. Every voxel writes its slot and index at the next new slot j,
  // and only an occupied one moves j on, so an empty voxel's entries are
  // overwritten by the next occupied one's. The block's voxels after its
  // last cell are left out: their writes would land on the next block's
  // first slot, which another thread writes. BM_CellStep/100, the two
  // loops alternated in one process every four steps (2026-12-07, AMD EPYC
  // Zen 4, 3 runs of 80 steps each, a slow stretch; bench/README.md, stop
  // 57): renumbering 5.25 / 4.68 / 5.23 → 4.00 / 4.05 / 4.57 ns per
  // cell-step on one thread, 2.64 / 3.07 / 3.08 → 2.13 / 2.16 / 2.60 on two.
  std::int32_t* const occupancy = s.occupancy.data();
  std::uint32_t* const new_voxel = c.voxel.data();
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < nbi; ++b) {
    const auto bb = static_cast<std::size_t>(b);
    std::size_t j = first[bb];
    if (j == first[bb + 1]) continue;  // no cell in the block
    std::size_t last = block_begin(bb + 1) - 1;
    while (occupancy[last] < 0) --last;
    for (std::size_t v = block_begin(bb); v <= last; ++v) {
      const std::int32_t slot = occupancy[v];
      // All ones for an empty voxel, else 0: the new word and the step of
      // j by arithmetic (written as a conditional, GCC 12 branched on it).
      const auto empty = static_cast<std::uint32_t>(slot >> 31);
      const auto word = static_cast<std::uint32_t>(slot);
      order[j] = word;
      new_voxel[j] = static_cast<std::uint32_t>(v);
      occupancy[v] =
          static_cast<std::int32_t>((static_cast<std::uint32_t>(j) & ~empty) | (word & empty));
      j += 1 + static_cast<std::size_t>(static_cast<std::int64_t>(slot >> 31));
    }
  }
  const std::span<const std::uint32_t> o = order.first(n);
  gather(c.id, o, scratch);
  gather(c.type, o, scratch);
  gather(c.age_s, o, scratch);
  gather(c.state_age_s, o, scratch);
  gather(c.hif_memory_s, o, scratch);
  return true;
}

}  // namespace hosim
