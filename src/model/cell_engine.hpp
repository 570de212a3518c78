#pragma once
// The propose → resolve → apply cycle of the on-lattice cells.
//
// Rules propose one action per cell from the state at the start of the step.
// Moves and divisions claim an empty face neighbour; when several claim the
// same voxel the highest priority wins. A priority's lowest 3 bits code the
// direction the claimant comes from (ClaimCodes, model/proposal.hpp), so
// among priorities with equal random bits the claimant in the lowest voxel
// wins, and no two claims on one voxel have the same priority; the engine
// refuses a claim whose priority does not carry its own direction's code.
// The claims are kept in the empty voxels' occupancy words, an atomic min
// of the priority's complement (cell_engine.cpp), and min is commutative,
// so the winner is the same whatever order threads arrive in. Losers do
// nothing this step.
// Daughters are appended in the order of their parents' voxels with ids
// next_cell_id, next_cell_id + 1, …; then each dead cell's slot, from the
// highest down, takes the last cell of the store (remove_unordered).
// Hence the cell arrays are bit-identical for any thread count, and what
// each cell does (its id, type, voxel and clocks) does not depend on the
// order the cells are stored in: renumbering (order_by_voxel) changes only
// where a cell is stored, so a run may renumber every few steps
// (renumbering_due) rather than every step.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "model/proposal.hpp"
#include "model/state.hpp"

namespace hosim {

// Steps between renumberings in a run (sim/simulation.cpp, and
// bench/bench_cells.cpp, which times the run's cell step): every fourth,
// from step 0. Renumbering every step cost more than the locality it kept:
// BM_CellStep/100 (2026-12-06, 2-core Xeon, 3 alternated rounds) went
// 18.3 → 19.7 M cell-steps/s on 2 threads and 9.6 → 10.4 on one. The
// renumbering went 9.0 → 2.6 ns per cell (2 threads), while the rules lost
// 1.6 ns to the cells that have moved or been born since, and the engine
// 1 ns to claims that now take the atomic path. Every eighth or sixteenth
// step gave 19.1 and 18.9 M on 2 threads (throw-away builds).
inline constexpr std::int64_t kRenumberInterval = 4;
[[nodiscard]] inline bool renumbering_due(std::int64_t step) {
  return step % kRenumberInterval == 0;
}

struct StepCounts {
  std::uint64_t died = 0;
  std::uint64_t differentiated = 0;
  std::uint64_t moved = 0;
  std::uint64_t divided = 0;
  std::uint64_t conflicts_lost = 0;
};

class CellEngine {
 public:
  // Resolve and apply the proposals (one per cell slot) and advance every
  // surviving cell's clocks by dt. Daughters start with age 0 and inherit the
  // parent's type and state age. `acting` is work memory for the list of
  // the cells that act (one 32-bit slot per cell, any content); when empty
  // or too short, the engine uses its own. Throws std::logic_error, with no
  // cell changed, when a move or division makes a claim the priorities
  // cannot order (ClaimCodes::orders, model/proposal.hpp) or one outside
  // the lattice.
  StepCounts apply(ModelState& s, std::span<const Proposal> proposals, double dt_s,
                   std::span<std::uint32_t> acting = {});

  // Renumber the slots in voxel order (a scan of occupancy), so that rules
  // walking the cells touch the lattice arrays in memory order instead of at
  // random: with cells in arrival order, cache misses on occupancy and the
  // fields were most of the cell step. The order is a function of the
  // occupancy alone, so it is the same for any thread count and after a
  // resume; no result of apply depends on it. Returns false (and does
  // nothing) when already in order. The
  // arrays are permuted in place, one at a time, through `scratch` (8 bytes
  // per cell) along `order` (the old slot of each new one, 4 bytes per cell),
  // not through a second copy of the cell store. Both may hold anything on
  // entry; when one is lent too short (or not at all), the engine uses its own.
  bool order_by_voxel(ModelState& s, std::span<std::uint64_t> scratch = {},
                      std::span<std::uint32_t> order = {});

  // Bytes of the engine's own work arrays (the list of acting cells and the
  // renumbering arrays unless lent, the lists of dead and dividing cells).
  [[nodiscard]] std::size_t work_bytes() const {
    std::size_t lists = dead_all_.capacity() + parents_all_.capacity();
    for (const auto& l : dead_) lists += l.capacity();
    for (const auto& l : parents_) lists += l.capacity();
    return reorder_.size() * sizeof(std::uint64_t) +
           (reorder_index_.size() + acting_.size() + lists) * sizeof(std::uint32_t);
  }

  // Removal of the cells in the ascending slots `dead`, occupancy of their
  // voxels cleared: from the highest down, each dead slot takes the last
  // cell of the store (renumbered in occupancy). The survivors are those
  // ModelState::remove_cells_if keeps, in another order.
  static void remove_unordered(ModelState& s, std::span<const std::uint32_t> dead);

 private:
  // The daughters of the won divisions `parents` (slots, in their voxels'
  // order), appended in that order with ids from s.next_cell_id on, each at
  // its parent's target; the parents' cycles restart.
  static void place_daughters(ModelState& s, std::span<const Proposal> proposals,
                              std::span<const std::uint32_t> parents);

  AlignedBuffer<std::uint64_t> reorder_;        // per cell, when no scratch is lent
  AlignedBuffer<std::uint32_t> reorder_index_;  // per cell, when no order is lent
  // Per thread: slots of the cells that die and of the dividers that won
  // this step; and the dead of all threads in slot order.
  std::vector<std::vector<std::uint32_t>> dead_, parents_;
  // Per thread: the lowest and highest target voxel of its claimants this
  // step (lowest > highest: none).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reach_;
  AlignedBuffer<std::uint32_t> acting_;  // per cell, when no list memory is lent
  std::vector<std::uint32_t> dead_all_;
  std::vector<std::uint32_t> parents_all_;  // the dividers that won, in voxel order
};

// The empty face neighbours of voxel v, in kFaceNeighbours order, into
// cand; returns how many.
inline int empty_neighbours(const ModelState& s, std::uint32_t v, std::uint32_t (&cand)[6]) {
  const Grid& g = s.grid;
  // Coordinates by 32-bit division (voxel indices are 32-bit), and neighbour
  // indices as offsets: this runs for every moving or dividing cell.
  const auto nx = static_cast<std::uint32_t>(g.nx), ny = static_cast<std::uint32_t>(g.ny);
  const auto nz = static_cast<std::uint32_t>(g.nz);
  const std::uint32_t row = v / nx;
  const std::uint32_t x = v - row * nx, y = row % ny, z = row / ny;
  const std::uint32_t sy = nx, sz = nx * ny;
  // The six directions in kFaceNeighbours order: whether each exists, and
  // its voxel (v itself where it does not, so every load below is valid).
  const bool exists[6] = {x + 1 < nx, x > 0, y + 1 < ny, y > 0, z + 1 < nz, z > 0};
  const std::uint32_t next[6] = {v + 1, v - 1, v + sy, v - sy, v + sz, v - sz};
  const int nn = face_neighbour_count(g);
  // Without a branch per neighbour: at the occupancies of a lesion, whether
  // a neighbour is empty is a coin toss the branch predictor loses about
  // half the time.
  int k = 0;
  for (int d = 0; d < nn; ++d) {
    const std::uint32_t j = exists[d] ? next[d] : v;
    cand[k] = j;
    k += static_cast<int>(exists[d] & (s.occupancy[j] < 0));
  }
  return k;
}

// The index in [0, k) that a draw u01 in [0, 1) picks from weights w
// (k ≤ 6), those that are not positive left out: the first i with r < w_i,
// r starting at u01 times their total and reduced by each weight passed,
// and the last positive one if rounding passes them all; -1 when none is
// positive. The one rule every weighted choice of a neighbour uses.
inline int choose_weighted(const double* w, int k, double u01) {
  int index[6];
  int m = 0;
  double total = 0;
  for (int i = 0; i < k; ++i) {
    if (!(w[i] > 0)) continue;
    index[m++] = i;
    total += w[i];
  }
  if (m == 0) return -1;
  double r = u01 * total;
  for (int j = 0; j < m; ++j) {
    const int i = index[j];
    if (r < w[i] || j == m - 1) return i;
    r -= w[i];
  }
  return -1;
}

// Choose one empty face neighbour of voxel v with weights w(neighbour) ≥ 0
// (weights of occupied or outside neighbours are ignored). Returns false
// when no empty neighbour has a positive weight.
template <class Weight>
bool pick_empty_neighbour(const ModelState& s, std::uint32_t v, double u01, Weight&& weight,
                          std::uint32_t& out) {
  std::uint32_t cand[6];
  const int k = empty_neighbours(s, v, cand);
  double w[6];
  for (int i = 0; i < k; ++i) w[i] = weight(cand[i]);
  const int chosen = choose_weighted(w, k, u01);
  if (chosen < 0) return false;
  out = cand[chosen];
  return true;
}

}  // namespace hosim
