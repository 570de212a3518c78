// The propose → resolve → apply engine on hand-made proposals.
#include "model/cell_engine.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "core/rng.hpp"

namespace hosim {
namespace {

ModelState empty_state(int nx, int ny, int nz) {
  ModelState s;
  s.grid.nx = nx;
  s.grid.ny = ny;
  s.grid.nz = nz;
  s.occupancy.resize(s.grid.size(), -1);
  return s;
}

void add_cell(ModelState& s, int x, int y, int z, CellType t = CellType::Mpc) {
  const auto v = static_cast<std::uint32_t>(s.grid.index(x, y, z));
  s.cells.push(s.next_cell_id++, t, v, 0, 0);
  s.occupancy[v] = static_cast<std::int32_t>(s.cells.size() - 1);
}

// A move or division of the cell in `slot` onto `target`, its priority
// made from `bits` as the rules make theirs (ClaimCodes).
Proposal claim(const ModelState& s, ActionKind kind, std::size_t slot, std::uint32_t target,
               std::uint32_t bits) {
  return {kind, CellType::None, target,
          ClaimCodes(s.grid).priority(bits, s.cells.voxel[slot], target)};
}

void expect_consistent(const ModelState& s) {
  std::size_t occupied = 0;
  for (std::size_t v = 0; v < s.grid.size(); ++v) {
    if (s.occupancy[v] < 0) {
      // Empty, with no claim left in its word (the engine keeps the step's
      // claims there).
      ASSERT_EQ(s.occupancy[v], -1) << "voxel " << v;
      continue;
    }
    ++occupied;
    ASSERT_LT(static_cast<std::size_t>(s.occupancy[v]), s.cells.size());
    EXPECT_EQ(s.cells.voxel[s.occupancy[v]], v);
  }
  EXPECT_EQ(occupied, s.cells.size()) << "two cells share a voxel or a cell is off-lattice";
}

// The cell arrays both tests of whole populations compare (id, type, voxel,
// both ages) and the occupancy, equal in a and b; `label` names the case.
void expect_same_cells(const ModelState& a, const ModelState& b, int label) {
  EXPECT_EQ(a.cells.id, b.cells.id) << label;
  EXPECT_EQ(a.cells.type, b.cells.type) << label;
  EXPECT_EQ(a.cells.voxel, b.cells.voxel) << label;
  EXPECT_EQ(a.cells.age_s, b.cells.age_s) << label;
  EXPECT_EQ(a.cells.state_age_s, b.cells.state_age_s) << label;
  EXPECT_TRUE(std::equal(a.occupancy.begin(), a.occupancy.end(), b.occupancy.begin())) << label;
}

TEST(CellEngine, HigherPriorityWinsAContestedVoxel) {
  ModelState s = empty_state(5, 1, 1);
  add_cell(s, 0, 0, 0);
  add_cell(s, 2, 0, 0);
  const auto target = static_cast<std::uint32_t>(s.grid.index(1, 0, 0));
  std::vector<Proposal> p(2);
  p[0] = claim(s, ActionKind::Move, 0, target, 10);
  p[1] = claim(s, ActionKind::Move, 1, target, 20);
  CellEngine e;
  const StepCounts c = e.apply(s, p, 1.0);
  EXPECT_EQ(c.moved, 1u);
  EXPECT_EQ(c.conflicts_lost, 1u);
  EXPECT_EQ(s.cells.voxel[1], target);
  EXPECT_EQ(s.cells.voxel[0], s.grid.index(0, 0, 0));
  expect_consistent(s);
}

// A tie goes to the claimant in the lower voxel, whichever slot it is in.
TEST(CellEngine, EqualPriorityGoesToTheLowerVoxel) {
  for (const bool lower_first : {true, false}) {
    ModelState s = empty_state(5, 1, 1);
    if (lower_first) {
      add_cell(s, 0, 0, 0);
      add_cell(s, 2, 0, 0);
    } else {
      add_cell(s, 2, 0, 0);
      add_cell(s, 0, 0, 0);
    }
    const std::size_t lower = lower_first ? 0 : 1;
    const auto target = static_cast<std::uint32_t>(s.grid.index(1, 0, 0));
    std::vector<Proposal> p(2);
    p[lower] = claim(s, ActionKind::Divide, lower, target, 7);
    p[1 - lower] = claim(s, ActionKind::Move, 1 - lower, target, 7);
    CellEngine e;
    const StepCounts c = e.apply(s, p, 1.0);
    EXPECT_EQ(c.divided, 1u) << lower_first;
    EXPECT_EQ(c.moved, 0u) << lower_first;
    ASSERT_EQ(s.cells.size(), 3u);
    EXPECT_EQ(s.cells.voxel[2], target) << lower_first;
    EXPECT_EQ(s.cells.voxel[1 - lower], s.grid.index(2, 0, 0)) << lower_first;
    expect_consistent(s);
  }
}

// Claims from any set of the six face neighbours, in two slot orders, on a
// grid whose rows and planes differ and on grids one voxel wide in x or y
// (where two of the six offsets coincide): with priorities equal in their
// upper 29 bits the claimant in the lowest voxel wins; with priorities that
// differ there, the highest.
TEST(CellEngine, ClaimsFromEveryDirectionResolveByPriorityThenVoxel) {
  struct Shape {
    int nx, ny, nz, x, y, z;
  };
  for (const Shape g : {Shape{4, 5, 6, 1, 2, 3}, Shape{1, 4, 4, 0, 1, 2}, Shape{4, 1, 4, 2, 0, 1}})
    for (int subset = 1; subset < 64; ++subset)
      for (const bool tied : {true, false})
        for (const bool reversed : {false, true}) {
          ModelState s = empty_state(g.nx, g.ny, g.nz);
          const auto target = static_cast<std::uint32_t>(s.grid.index(g.x, g.y, g.z));
          const int step[6][3] = {{-1, 0, 0}, {1, 0, 0},  {0, -1, 0},
                                  {0, 1, 0},  {0, 0, -1}, {0, 0, 1}};
          std::vector<std::uint32_t> from, priority;
          for (int d = 0; d < 6; ++d) {
            const int k = reversed ? 5 - d : d;
            const int x = g.x + step[k][0], y = g.y + step[k][1], z = g.z + step[k][2];
            if ((subset >> k & 1) == 0 || x < 0 || y < 0 || z < 0 || x >= g.nx || y >= g.ny ||
                z >= g.nz)
              continue;
            add_cell(s, x, y, z);
            from.push_back(static_cast<std::uint32_t>(s.grid.index(x, y, z)));
            // Tied: the same upper 29 bits (claim() puts the direction's code
            // in the lowest 3); else a priority per direction.
            priority.push_back(tied ? 0x5A5A5A58u | static_cast<std::uint32_t>(k)
                                    : 0x10000000u * static_cast<std::uint32_t>(1 + (k * 5) % 6));
          }
          if (from.empty()) continue;
          std::vector<Proposal> p(from.size());
          std::size_t expected = 0;
          for (std::size_t i = 0; i < from.size(); ++i) {
            p[i] = claim(s, i % 2 == 0 ? ActionKind::Move : ActionKind::Divide, i, target,
                         priority[i]);
            const bool better = tied ? from[i] < from[expected] : priority[i] > priority[expected];
            if (better) expected = i;
          }
          const std::size_t claimants = from.size();
          CellEngine e;
          const StepCounts c = e.apply(s, p, 1.0);
          const std::string label = "grid " + std::to_string(g.nx) + "x" + std::to_string(g.ny) +
                                    "x" + std::to_string(g.nz) + " subset " +
                                    std::to_string(subset) + (tied ? " tied" : " ranked") +
                                    (reversed ? " reversed" : "");
          EXPECT_EQ(c.moved + c.divided, 1u) << label;
          EXPECT_EQ(c.conflicts_lost, claimants - 1) << label;
          const std::int32_t holder = s.occupancy[target];
          ASSERT_GE(holder, 0) << label;
          if (p[expected].kind == ActionKind::Move) {
            EXPECT_EQ(holder, static_cast<std::int32_t>(expected)) << label;
          } else {
            // The daughter of the winner stands on the target.
            EXPECT_EQ(static_cast<std::size_t>(holder), claimants) << label;
            EXPECT_EQ(s.occupancy[from[expected]], static_cast<std::int32_t>(expected)) << label;
          }
          expect_consistent(s);
        }
}

// A claim the priorities cannot order (on a voxel that is no face
// neighbour, with a priority whose lowest 3 bits are not its direction's
// code or whose top bit is set) or one off the lattice refuses the step
// with nothing changed, the other cell's valid claim included.
TEST(CellEngine, ClaimsThePrioritiesCannotOrderAreRefused) {
  enum Case { Far, WrongCode, TopBit, OffLattice };
  for (const Case what : {Far, WrongCode, TopBit, OffLattice}) {
    ModelState s = empty_state(5, 4, 3);
    add_cell(s, 0, 0, 0);
    add_cell(s, 3, 2, 1);
    const auto plane = static_cast<std::uint32_t>(s.grid.nx * s.grid.ny);
    std::vector<Proposal> p(2);
    // The valid claim: cell 1 moves up a plane.
    p[1] = claim(s, ActionKind::Move, 1, static_cast<std::uint32_t>(s.grid.index(3, 2, 2)), 9);
    // The bad one, by cell 0 at voxel 0.
    std::uint32_t target = static_cast<std::uint32_t>(s.grid.index(1, 0, 0));
    if (what == Far) target = static_cast<std::uint32_t>(s.grid.index(2, 0, 0));
    if (what == OffLattice) target = 0u - plane;  // a plane below voxel 0
    p[0] = claim(s, ActionKind::Divide, 0, target, 9);
    if (what == WrongCode) p[0].priority ^= 1u;  // a neighbour, but another direction's code
    if (what == TopBit) p[0].priority |= 0x80000000u;
    const ModelState before = s;
    CellEngine e;
    try {
      e.apply(s, p, 1.0);
      FAIL() << "case " << what << ": a claim the priorities cannot order was accepted";
    } catch (const std::logic_error& err) {
      EXPECT_NE(std::string(err.what())
                    .find("a claim on voxel " + std::to_string(target) + " from voxel 0 "),
                std::string::npos)
          << err.what();
    }
    EXPECT_EQ(s.cells.voxel, before.cells.voxel) << what;
    EXPECT_EQ(s.cells.age_s, before.cells.age_s) << what;
    EXPECT_EQ(s.cells.size(), before.cells.size()) << what;
    EXPECT_TRUE(std::equal(s.occupancy.begin(), s.occupancy.end(), before.occupancy.begin()))
        << what;
  }
}

// Daughters are numbered in the order of their parents' voxels, not of the
// parents' slots.
TEST(CellEngine, DaughtersAreNumberedInParentVoxelOrder) {
  ModelState s = empty_state(10, 1, 1);
  add_cell(s, 8, 0, 0);  // id 0, slot 0
  add_cell(s, 2, 0, 0);  // id 1
  add_cell(s, 5, 0, 0);  // id 2
  std::vector<Proposal> p(3);
  p[0] = claim(s, ActionKind::Divide, 0, static_cast<std::uint32_t>(s.grid.index(9, 0, 0)), 1);
  p[1] = claim(s, ActionKind::Divide, 1, static_cast<std::uint32_t>(s.grid.index(1, 0, 0)), 1);
  p[2] = claim(s, ActionKind::Divide, 2, static_cast<std::uint32_t>(s.grid.index(6, 0, 0)), 1);
  for (const int threads : {1, 2}) {
    omp_set_num_threads(threads);
    ModelState t = s;
    CellEngine e;
    e.apply(t, p, 1.0);
    ASSERT_EQ(t.cells.size(), 6u);
    // Daughters of the parents at x = 2, 5, 8: ids 3, 4, 5 at x = 1, 6, 9.
    const std::vector<std::uint64_t> ids{0, 1, 2, 3, 4, 5};
    const std::vector<std::uint32_t> voxels{8, 2, 5, 1, 6, 9};
    EXPECT_EQ(t.cells.id, ids) << threads;
    EXPECT_EQ(t.cells.voxel, voxels) << threads;
    expect_consistent(t);
  }
}

TEST(CellEngine, DaughtersGetConsecutiveIdsAndTheLastCellsFillDeadSlots) {
  ModelState s = empty_state(10, 1, 1);
  for (int x = 0; x < 10; x += 2) add_cell(s, x, 0, 0);  // ids 0..4 at x = 0,2,4,6,8
  std::vector<Proposal> p(5);
  p[0] = {ActionKind::Die, CellType::None, 0, 0};
  p[1] = claim(s, ActionKind::Divide, 1, static_cast<std::uint32_t>(s.grid.index(3, 0, 0)), 1);
  p[2] = {ActionKind::Differentiate, CellType::Osteoblast, 0, 0};
  p[3] = claim(s, ActionKind::Divide, 3, static_cast<std::uint32_t>(s.grid.index(7, 0, 0)), 1);
  p[4] = {ActionKind::Die, CellType::None, 0, 0};
  for (std::size_t k = 0; k < 5; ++k) s.cells.hif_memory_s[k] = 1000.0f * (k + 1);
  CellEngine e;
  const StepCounts c = e.apply(s, p, 60.0);
  EXPECT_EQ(c.died, 2u);
  EXPECT_EQ(c.divided, 2u);
  EXPECT_EQ(c.differentiated, 1u);
  // Daughters 5 (of id 1, at x = 3) and 6 (of id 3, at x = 7) are appended;
  // then dead slot 4 takes id 6 and dead slot 0 takes id 5.
  const std::vector<std::uint64_t> ids{5, 1, 2, 3, 6};
  EXPECT_EQ(s.cells.id, ids);
  const std::vector<std::uint32_t> voxels{3, 2, 4, 6, 7};
  EXPECT_EQ(s.cells.voxel, voxels);
  EXPECT_EQ(s.cells.type[2], CellType::Osteoblast);
  EXPECT_EQ(s.cells.state_age_s[2], 0.0);
  EXPECT_EQ(s.cells.age_s[1], 0.0);  // parents restart their cycle
  EXPECT_EQ(s.cells.age_s[3], 0.0);
  EXPECT_EQ(s.cells.age_s[2], 60.0);  // the others age
  EXPECT_EQ(s.cells.age_s[0], 0.0);   // daughters start at 0
  EXPECT_EQ(s.cells.age_s[4], 0.0);
  EXPECT_EQ(s.cells.state_age_s[0], 60.0);  // with their parent's state age
  // HIF memory: survivors keep theirs, daughters inherit their parent's.
  const std::vector<float> memory{2000.0f, 2000.0f, 3000.0f, 4000.0f, 4000.0f};
  EXPECT_EQ(s.cells.hif_memory_s, memory);
  EXPECT_EQ(s.next_cell_id, 7u);
  expect_consistent(s);
}

// Every cell proposes a random move or division into a random empty
// neighbour: many conflicts. The result must not depend on thread count.
// The lattice holds some 26k cells on 65k voxels, enough for the
// voxel-order renumbering to split its scan into several blocks (a
// different number for each thread count).
// With `lent`, the list of acting cells lives in caller memory that other
// code fills with garbage between steps (as the transport does with the
// memory it shares).
// With `scattered`, the cells are placed in an order unrelated to their
// voxels and never renumbered, so every thread's claimants reach across
// the lattice and the claims take the atomic path.
// The crowded runs' proposals: each cell, by its id, dies (1 in 20) or
// proposes a division or a move into a random empty neighbour with a random
// priority. Nothing here depends on the cell's slot.
void crowded_proposals(const ModelState& s, int step, std::vector<Proposal>& p) {
  p.assign(s.cells.size(), Proposal{});
  const auto n = static_cast<std::int64_t>(s.cells.size());
#pragma omp parallel for
  for (std::int64_t i = 0; i < n; ++i) {
    RandomStream r(3, step, s.cells.id[i], RngPurpose::Test);
    const double u = r.uniform();
    std::uint32_t t = 0;
    if (u < 0.05) {
      p[i].kind = ActionKind::Die;
    } else if (pick_empty_neighbour(
                   s, s.cells.voxel[i], r.uniform(), [](std::uint32_t) { return 1.0; }, t)) {
      p[i].kind = u < 0.3 ? ActionKind::Divide : ActionKind::Move;
      p[i].target = t;
      p[i].priority = ClaimCodes(s.grid).priority(r.next_u32(), s.cells.voxel[i], t);
    }
  }
}

ModelState crowded_run(int threads, bool lent = false, bool scattered = false) {
  omp_set_num_threads(threads);
  ModelState s = empty_state(64, 64, 16);
  const std::size_t nv = s.grid.size();
  for (std::size_t k = 0; k < nv; ++k) {
    // Scattered: voxels visited in the order of a multiplicative
    // permutation (the multiplier is odd, nv a power of two).
    const std::size_t v = scattered ? (k * 40503u) % nv : k;
    RandomStream r(3, 0, v, RngPurpose::Test);
    if (r.uniform() < 0.4) {
      const auto c = s.grid.coords(v);
      add_cell(s, c[0], c[1], c[2]);
    }
  }
  CellEngine e;
  std::vector<Proposal> p;
  for (int step = 0; step < 30; ++step) {
    s.step = step;
    // As a run did before it renumbered only every few steps: cells in voxel
    // order first (the scan splits the voxels into a different number of
    // blocks for each thread count).
    if (!scattered) e.order_by_voxel(s);
    crowded_proposals(s, step, p);
    if (lent) {
      // The list of acting cells in lent memory too, as garbage, half of it
      // a valid-looking slot.
      std::vector<std::uint32_t> acting(s.cells.size());
      for (std::size_t i = 0; i < acting.size(); ++i)
        acting[i] = RandomStream(6, step, i, RngPurpose::Test)
                        .below(static_cast<std::uint32_t>(2 * s.cells.size()));
      e.apply(s, p, 900, acting);
    } else {
      e.apply(s, p, 900);
    }
  }
  return s;
}

TEST(CellEngine, LentWorkMemoryMayHoldAnything) {
  const ModelState a = crowded_run(2);
  const ModelState b = crowded_run(2, true);
  ASSERT_GT(a.cells.size(), 1000u);
  EXPECT_EQ(a.cells.id, b.cells.id);
  EXPECT_EQ(a.cells.voxel, b.cells.voxel);
  EXPECT_TRUE(std::equal(a.occupancy.begin(), a.occupancy.end(), b.occupancy.begin()));
}

// With the acting list lent the engine holds no work array of its own; an
// acting list lent too short is replaced by the engine's own.
TEST(CellEngine, LentActingListIsUsedWhenLongEnough) {
  ModelState s = empty_state(5, 1, 1);
  add_cell(s, 0, 0, 0);
  add_cell(s, 2, 0, 0);
  std::vector<Proposal> p(2);
  p[1] = claim(s, ActionKind::Move, 1, 3, 7);
  std::vector<std::uint32_t> acting(2, 99);
  CellEngine e;
  e.apply(s, p, 1.0, acting);
  EXPECT_EQ(e.work_bytes(), 0u);
  EXPECT_EQ(s.cells.voxel[1], 3u);
  EXPECT_EQ(s.occupancy[3], 1);
  std::vector<std::uint32_t> short_list(1, 99);
  p[1] = claim(s, ActionKind::Move, 1, 4, 7);
  e.apply(s, p, 1.0, short_list);
  EXPECT_GE(e.work_bytes(), 2 * sizeof(std::uint32_t));
  EXPECT_EQ(s.cells.voxel[1], 4u);
}

TEST(CellEngine, ResultIsIndependentOfThreadCount) {
  const ModelState a = crowded_run(1);
  expect_consistent(a);
  ASSERT_GT(a.cells.size(), 20000u);
  for (const int threads : {2, 3}) {
    const ModelState b = crowded_run(threads);
    expect_consistent(b);
    expect_same_cells(a, b, threads);
    EXPECT_EQ(a.next_cell_id, b.next_cell_id) << threads;
  }
}

// Claims of cells in any slot order: a thread's targets then lie within
// the other threads' reach, and the engine must resolve them atomically.
TEST(CellEngine, ResultIsIndependentOfThreadCountInAnyCellOrder) {
  const ModelState a = crowded_run(1, false, true);
  expect_consistent(a);
  ASSERT_GT(a.cells.size(), 20000u);
  for (const int threads : {2, 3}) {
    const ModelState b = crowded_run(threads, false, true);
    expect_consistent(b);
    expect_same_cells(a, b, threads);
    EXPECT_EQ(a.next_cell_id, b.next_cell_id) << threads;
  }
}

// Each cell's id, type, voxel and clocks, by id: a population without the
// order it is stored in.
std::map<std::uint64_t, std::tuple<CellType, std::uint32_t, double, double, float>> cells_by_id(
    const ModelState& s) {
  std::map<std::uint64_t, std::tuple<CellType, std::uint32_t, double, double, float>> m;
  for (std::size_t k = 0; k < s.cells.size(); ++k)
    m[s.cells.id[k]] = {s.cells.type[k], s.cells.voxel[k], s.cells.age_s[k], s.cells.state_age_s[k],
                        s.cells.hif_memory_s[k]};
  return m;
}

// What the cells do does not depend on the order they are stored in, so a
// run may renumber them only every few steps: one population, stored in
// voxel order and renumbered every step, stored in reverse and never
// renumbered, and renumbered when renumbering_due, ends as the same cells
// in the same voxels, on one thread and on two. (Ties in priority are rare
// here; EqualPriorityGoesToTheLowerVoxel covers them.)
TEST(CellEngine, OutcomeIsIndependentOfSlotOrder) {
  ModelState start = empty_state(64, 64, 16);
  for (std::size_t v = 0; v < start.grid.size(); ++v) {
    RandomStream r(3, 0, v, RngPurpose::Test);
    if (r.uniform() < 0.4) {
      const auto c = start.grid.coords(v);
      add_cell(start, c[0], c[1], c[2]);
    }
  }
  ModelState reversed = start;
  reversed.cells = CellStore{};
  for (std::size_t k = start.cells.size(); k-- > 0;)
    reversed.cells.push(start.cells.id[k], start.cells.type[k], start.cells.voxel[k],
                        start.cells.age_s[k], start.cells.state_age_s[k],
                        start.cells.hif_memory_s[k]);
  reversed.rebuild_occupancy();
  enum class Renumber { EveryStep, Never, WhenDue };
  const auto run = [](ModelState s, Renumber how, int threads) {
    omp_set_num_threads(threads);
    CellEngine e;
    std::vector<Proposal> p;
    for (int step = 0; step < 30; ++step) {
      s.step = step;
      if (how == Renumber::EveryStep || (how == Renumber::WhenDue && renumbering_due(step)))
        e.order_by_voxel(s);
      crowded_proposals(s, step, p);
      e.apply(s, p, 900);
    }
    return s;
  };
  const ModelState a = run(start, Renumber::EveryStep, 1);
  ASSERT_GT(a.cells.size(), 20000u);
  const auto expected = cells_by_id(a);
  for (const int threads : {1, 2}) {
    for (const Renumber how : {Renumber::Never, Renumber::WhenDue}) {
      const ModelState b = run(reversed, how, threads);
      expect_consistent(b);
      EXPECT_EQ(b.next_cell_id, a.next_cell_id) << threads;
      EXPECT_TRUE(cells_by_id(b) == expected) << threads << " " << static_cast<int>(how);
      bool same_voxels = true;
      for (std::size_t v = 0; v < a.grid.size(); ++v) {
        const std::int32_t ia = a.occupancy[v], ib = b.occupancy[v];
        same_voxels &= (ia < 0) == (ib < 0) && (ia < 0 || a.cells.id[ia] == b.cells.id[ib]);
      }
      EXPECT_TRUE(same_voxels) << threads << " " << static_cast<int>(how);
    }
  }
}

// The engine fills each dead slot, from the highest down, with the last
// cell: the survivors (every field of each) must be those of the
// element-wise ModelState::remove_cells_if, with a consistent occupancy,
// for dead cells at the ends, in runs and scattered, for all and for none.
TEST(CellEngine, UnorderedRemovalKeepsTheSurvivors) {
  RandomStream r(3, 0, 0, RngPurpose::Placement);
  for (int trial = 0; trial < 20; ++trial) {
    ModelState a = empty_state(17, 13, 5);
    for (std::size_t v = 0; v < a.grid.size(); ++v) {
      if (r.uniform() >= 0.6) continue;
      a.cells.push(a.next_cell_id++, CellType::Mpc, static_cast<std::uint32_t>(v),
                   r.uniform() * 100, r.uniform() * 50, static_cast<float>(r.uniform()));
      a.occupancy[v] = static_cast<std::int32_t>(a.cells.size() - 1);
    }
    const double p = trial % 5 == 0   ? 0.0
                     : trial % 5 == 1 ? 0.02
                     : trial % 5 == 2 ? 0.3
                     : trial % 5 == 3 ? 0.9
                                      : 1.0;
    std::vector<std::uint32_t> dead;
    for (std::size_t k = 0; k < a.cells.size(); ++k)
      if (r.uniform() < p || (trial == 6 && (k == 0 || k + 1 == a.cells.size())))
        dead.push_back(static_cast<std::uint32_t>(k));
    ModelState b = a;
    std::vector<std::uint8_t> marked(a.cells.size(), 0);
    for (const std::uint32_t d : dead) marked[d] = 1;
    a.remove_cells(marked);
    CellEngine::remove_unordered(b, dead);
    expect_consistent(b);
    ASSERT_EQ(a.cells.size(), b.cells.size()) << trial;
    EXPECT_TRUE(cells_by_id(a) == cells_by_id(b)) << trial;
  }
  // Which cell goes where: of ids 0–5, the dead in slots 1, 4 and 5 leave
  // 0, 3 (from the end into slot 1) and 2.
  ModelState s = empty_state(6, 1, 1);
  for (int x = 0; x < 6; ++x) add_cell(s, x, 0, 0);
  const std::vector<std::uint32_t> dead{1, 4, 5};
  CellEngine::remove_unordered(s, dead);
  const std::vector<std::uint64_t> ids{0, 3, 2};
  EXPECT_EQ(s.cells.id, ids);
  expect_consistent(s);
}

// Renumbering in voxel order permutes every cell array in place: each
// cell keeps its id, type, ages and voxel, the slots follow the voxels, and
// the result is the same with lent scratch full of garbage, with the
// engine's own scratch and with scratch too short to use.
TEST(CellEngine, OrderByVoxelKeepsEveryCellWhole) {
  const auto scattered = [] {
    // Enough voxels for the scan to run in several blocks.
    ModelState s = empty_state(40, 40, 12);
    RandomStream rs(5, 0, 0, RngPurpose::Test);
    for (std::size_t v = 0; v < s.grid.size(); ++v) {
      if (rs.uniform() < 0.5) continue;
      const auto t = static_cast<CellType>(1 + rs.below(7));
      s.cells.push(s.next_cell_id++, t, static_cast<std::uint32_t>(v), rs.uniform() * 1e6,
                   rs.uniform() * 1e6, static_cast<float>(rs.uniform() * 1e6));
    }
    // Arrival order: shuffle the slots, keeping each cell's fields together.
    CellStore shuffled;
    std::vector<std::size_t> order(s.cells.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (std::size_t i = order.size(); i > 1; --i)
      std::swap(order[i - 1], order[rs.below(static_cast<std::uint32_t>(i))]);
    for (const std::size_t k : order)
      shuffled.push(s.cells.id[k], s.cells.type[k], s.cells.voxel[k], s.cells.age_s[k],
                    s.cells.state_age_s[k], s.cells.hif_memory_s[k]);
    s.cells = shuffled;
    for (std::size_t k = 0; k < s.cells.size(); ++k)
      s.occupancy[s.cells.voxel[k]] = static_cast<std::int32_t>(k);
    return s;
  };
  const ModelState before = scattered();
  ASSERT_GT(before.cells.size(), 150u);
  std::map<std::uint64_t, std::tuple<CellType, std::uint32_t, double, double, float>> by_id;
  for (std::size_t k = 0; k < before.cells.size(); ++k)
    by_id[before.cells.id[k]] = {before.cells.type[k], before.cells.voxel[k], before.cells.age_s[k],
                                 before.cells.state_age_s[k], before.cells.hif_memory_s[k]};

  ModelState lent = scattered(), own = scattered(), short_scratch = scattered();
  std::vector<std::uint64_t> garbage(lent.grid.size(), 0xDEADBEEFDEADBEEFULL);
  std::vector<std::uint32_t> garbage_order(lent.grid.size(), 0xDEADBEEFu);
  std::vector<std::uint64_t> too_short(3, 0);
  std::vector<std::uint32_t> too_short_order(3, 0);
  CellEngine e1, e2, e3;
  EXPECT_TRUE(e1.order_by_voxel(lent, garbage, garbage_order));
  EXPECT_TRUE(e2.order_by_voxel(own));
  EXPECT_TRUE(e3.order_by_voxel(short_scratch, too_short, too_short_order));
  expect_consistent(lent);
  for (std::size_t k = 0; k < lent.cells.size(); ++k) {
    if (k > 0) {
      EXPECT_LT(lent.cells.voxel[k - 1], lent.cells.voxel[k]);
    }
    const auto& [type, voxel, age, state_age, memory] = by_id.at(lent.cells.id[k]);
    EXPECT_EQ(lent.cells.type[k], type);
    EXPECT_EQ(lent.cells.voxel[k], voxel);
    EXPECT_EQ(lent.cells.age_s[k], age);
    EXPECT_EQ(lent.cells.state_age_s[k], state_age);
    EXPECT_EQ(lent.cells.hif_memory_s[k], memory);
  }
  for (const ModelState* o : {&own, &short_scratch}) {
    EXPECT_EQ(o->cells.id, lent.cells.id);
    EXPECT_EQ(o->cells.type, lent.cells.type);
    EXPECT_EQ(o->cells.voxel, lent.cells.voxel);
    EXPECT_EQ(o->cells.age_s, lent.cells.age_s);
    EXPECT_EQ(o->cells.state_age_s, lent.cells.state_age_s);
    EXPECT_EQ(o->cells.hif_memory_s, lent.cells.hif_memory_s);
  }
  // Already in order: nothing to do.
  EXPECT_FALSE(e1.order_by_voxel(lent, garbage, garbage_order));
  // The engine grew its own scratch only when nothing usable was lent.
  EXPECT_EQ(e1.work_bytes(), 0u);
  EXPECT_GE(e2.work_bytes(), own.cells.size() * (sizeof(std::uint64_t) + sizeof(std::uint32_t)));
  // A store that disagrees with the occupancy is a logic error, not a crash.
  ModelState broken = scattered();
  broken.occupancy[broken.cells.voxel[0]] = -1;
  EXPECT_THROW(e1.order_by_voxel(broken, garbage, garbage_order), std::logic_error);
}

TEST(CellEngine, PickEmptyNeighbourSkipsOccupiedAndOutside) {
  ModelState s = empty_state(3, 3, 1);
  add_cell(s, 0, 0, 0);
  add_cell(s, 1, 0, 0);
  std::uint32_t t = 0;
  // From the corner (0,0): neighbours are (1,0) occupied and (0,1) empty.
  ASSERT_TRUE(pick_empty_neighbour(
      s, 0, 0.99, [](std::uint32_t) { return 1.0; }, t));
  EXPECT_EQ(t, s.grid.index(0, 1, 0));
  add_cell(s, 0, 1, 0);
  EXPECT_FALSE(pick_empty_neighbour(
      s, 0, 0.5, [](std::uint32_t) { return 1.0; }, t));
}

}  // namespace
}  // namespace hosim
