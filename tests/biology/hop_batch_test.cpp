// The batched hop (biology/hop_batch.hpp) gives hop_target's target for
// every cell, on every path (portable, AVX2, AVX-512, as far as the
// processor has them): at the lattice's faces and edges, beside
// occupied, bony, mineralised and outside voxels, with steep, flat, tied and
// non-finite attractions, with chemotaxis off, and for a 2D lattice.
#include "biology/hop_batch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "biology/hop_kernels.hpp"
#include "biology/open_map.hpp"
#include "biology/rules.hpp"
#include "config/config.hpp"
#include "core/simd_cap.hpp"
#include "test_state.hpp"

namespace hosim {
namespace {

struct Case {
  Params p = default_params();
  ModelState s;
  GradientAttraction attraction;
  std::vector<std::uint32_t> voxel;
  std::vector<double> u;
};

// A lattice a fraction `fill` occupied, a tenth of it bone, outside or
// mineralised, and two fields: `bmp` with the given values, inflammation
// random around its half-maximal level.
Case make_case(int nx, int ny, int nz, double fill, std::uint64_t seed,
               double (*bmp_at)(RandomStream&, std::size_t)) {
  Case c;
  c.s = test::lattice(c.p, nx, ny, nz, test::initial_fields(c.p));
  RandomStream r(seed, 0, 0, RngPurpose::Test);
  float* mineral = c.s.tissue.layer(TissueLayer::Mineral);
  const std::size_t n = c.s.grid.size();
  for (std::size_t v = 0; v < n; ++v) {
    const double x = r.uniform();
    if (x < 0.03) c.s.tissue.anatomy[v] = static_cast<std::uint8_t>(Anatomy::CorticalBone);
    if (x >= 0.03 && x < 0.06) c.s.tissue.anatomy[v] = static_cast<std::uint8_t>(Anatomy::Outside);
    // Mineral on both sides of bone_block, and at it.
    if (x >= 0.06 && x < 0.12) mineral[v] = static_cast<float>(r.uniform());
    if (x >= 0.12 && x < 0.13) mineral[v] = static_cast<float>(c.p.tissue.bone_block);
  }
  const int bmp = c.s.field_index("bmp"), inf = c.s.field_index("inflammation");
  for (std::size_t v = 0; v < n; ++v) {
    c.s.fields[static_cast<std::size_t>(bmp)].values[v] = bmp_at(r, v);
    c.s.fields[static_cast<std::size_t>(inf)].values[v] =
        c.p.inflammation.half_max_nM * 2 * r.uniform();
  }
  for (std::size_t v = 0; v < n; ++v) {
    if (r.uniform() >= fill) continue;
    const auto at = c.s.grid.coords(v);
    test::add_cell(c.s, CellType::Mpc, at[0], at[1], at[2]);
    c.voxel.push_back(static_cast<std::uint32_t>(v));
    c.u.push_back(r.uniform());
  }
  c.attraction.field[0] = c.s.fields[static_cast<std::size_t>(bmp)].values.data();
  c.attraction.field[1] = c.s.fields[static_cast<std::size_t>(inf)].values.data();
  c.attraction.half[0] = c.p.bmp.half_max_nM;
  c.attraction.half[1] = c.p.inflammation.half_max_nM;
  return c;
}

// Every cell of the case through hop_targets in batches of `batch` on
// `path`, against hop_target. Returns how many moved.
std::size_t expect_same(const Case& c, double chi, std::size_t batch, HopPath path) {
  RuleContext ctx(c.s, c.p, c.p.run.cell_step_s);
  // The vector path reads the open map, as propose_all lends it.
  std::vector<std::uint32_t> map(open_map_words(c.s.grid.size()));
  build_open_map(c.s, c.p.tissue, map);
  if (path != HopPath::Portable) ctx.open_map = map.data();
  const std::size_t n = c.voxel.size();
  std::size_t moved = 0;
  for (std::size_t first = 0; first < n; first += batch) {
    const std::size_t m = std::min(batch, n - first);
    std::uint32_t target[kHopBatch];
    bool found[kHopBatch];
    for (std::size_t j = 0; j < m; ++j) target[j] = 0xDEADBEEFu;
    hop_targets(ctx, c.voxel.data() + first, c.u.data() + first, m, chi, c.attraction, target,
                found, path);
    for (std::size_t j = 0; j < m; ++j) {
      std::uint32_t own = 0xDEADBEEFu;
      const bool own_found =
          hop_target(ctx, c.voxel[first + j], chi, c.u[first + j], c.attraction, own);
      EXPECT_EQ(found[j], own_found) << "cell " << first + j << " chi " << chi;
      if (own_found) {
        EXPECT_EQ(target[j], own) << "cell " << first + j << " chi " << chi;
        ++moved;
      }
    }
  }
  return moved;
}

void expect_same_everywhere(const Case& c, std::size_t min_moved) {
  for (const HopPath path : {HopPath::Portable, HopPath::Avx2, HopPath::Avx512})
    for (const double chi : {0.0, 0.3, 1.0})
      // Whole batches, and batches that end inside a vector of four or eight.
      for (const std::size_t batch : {kHopBatch, std::size_t{13}, std::size_t{1}})
        EXPECT_GE(expect_same(c, chi, batch, path), min_moved)
            << "path " << static_cast<int>(path) << " chi " << chi << " batch " << batch;
}

TEST(HopBatch, RandomLatticeGivesHopTargetsTargets) {
  // Attractions from flat to beyond the tanh table (|g| > 16), both signs.
  const Case c = make_case(23, 17, 11, 0.5, 1, [](RandomStream& r, std::size_t) {
    return 40.0 * std::pow(r.uniform(), 3);
  });
  expect_same_everywhere(c, c.voxel.size() / 2);
}

TEST(HopBatch, TiesAndNearTiesGiveHopTargetsTargets) {
  // BMP on a coarse grid of levels: many neighbours with equal attraction,
  // so the draw often falls on or near a boundary between candidates.
  const Case c = make_case(16, 16, 8, 0.3, 2, [](RandomStream& r, std::size_t) {
    return 0.25 * static_cast<double>(r.below(3));
  });
  expect_same_everywhere(c, c.voxel.size() / 2);
}

TEST(HopBatch, NonFiniteAttractionsGoToHopTarget) {
  // A few NaN and infinite BMP values: the cells beside them take the exact
  // weights, and the batch must say what hop_target says.
  const Case c = make_case(16, 12, 10, 0.4, 3, [](RandomStream& r, std::size_t) {
    const double x = r.uniform();
    if (x < 0.02) return std::numeric_limits<double>::quiet_NaN();
    if (x < 0.04) return std::numeric_limits<double>::infinity();
    if (x < 0.06) return -std::numeric_limits<double>::infinity();
    return x;
  });
  expect_same_everywhere(c, c.voxel.size() / 4);
}

TEST(HopBatch, TwoDimensionalLatticeHasNoZNeighbours) {
  const Case c =
      make_case(37, 29, 1, 0.5, 4, [](RandomStream& r, std::size_t) { return 3.0 * r.uniform(); });
  expect_same_everywhere(c, c.voxel.size() / 2);
}

TEST(HopBatch, OneFieldOrNone) {
  Case c =
      make_case(14, 15, 9, 0.5, 5, [](RandomStream& r, std::size_t) { return 5.0 * r.uniform(); });
  const GradientAttraction both = c.attraction;
  c.attraction.field[1] = nullptr;
  expect_same_everywhere(c, c.voxel.size() / 2);
  c.attraction = both;
  c.attraction.field[0] = nullptr;
  expect_same_everywhere(c, c.voxel.size() / 2);
  c.attraction.field[1] = nullptr;
  expect_same_everywhere(c, c.voxel.size() / 2);
}

// The path taken is the narrower of the one asked for and the processor's
// (capped by HOSIM_SIMD), so on a processor with AVX-512 the AVX2 kernel
// above is really run; without an open map every path is cell by cell.
TEST(HopBatch, TakesTheNarrowerPathAndNeedsTheOpenMap) {
  const Case c = make_case(8, 8, 8, 0.5, 7, [](RandomStream&, std::size_t) { return 0.0; });
  RuleContext ctx(c.s, c.p, c.p.run.cell_step_s);
  std::vector<std::uint32_t> map(open_map_words(c.s.grid.size()));
  for (const HopPath asked : {HopPath::Portable, HopPath::Avx2, HopPath::Avx512})
    EXPECT_EQ(hop_path_taken(ctx, asked), HopPath::Portable) << static_cast<int>(asked);
  ctx.open_map = map.data();
  const HopPath best = best_hop_path();
  EXPECT_EQ(hop_path_taken(ctx, HopPath::Portable), HopPath::Portable);
  EXPECT_EQ(hop_path_taken(ctx, HopPath::Avx2), std::min(HopPath::Avx2, best));
  EXPECT_EQ(hop_path_taken(ctx, HopPath::Avx512), best);
  EXPECT_EQ(best, simd_level());
}

// The AVX-512 kernel brackets tanh without the table (hop_kernels.hpp,
// kExpMargin): every bracket must hold std::tanh(g), the value the exact
// path compares, and its centre must lie within 1e-7 of it (a tenth of the
// margin: the error budget is about 1e-8), densely over [-25, 25], at
// random, and at 0, subnormals, the clamp at 20, huge values and infinity.
TEST(HopBatch, Avx512TanhBracketsHoldStdTanh) {
  if (simd_level() != SimdLevel::Avx512) GTEST_SKIP() << "no AVX-512 here";
  std::vector<double> g;
  for (double x = -25; x <= 25; x += 0x1.0p-14) g.push_back(x);
  RandomStream r(9, 0, 0, RngPurpose::Test);
  for (int i = 0; i < 100000; ++i)
    g.push_back((r.uniform() - 0.5) * std::pow(10.0, 8 * r.uniform() - 6));
  const double tiny = std::numeric_limits<double>::denorm_min();
  for (const double x :
       {0.0, -0.0, tiny, -tiny, 1e-300, 19.999999, 20.0, 20.000001, 1e300,
        std::numeric_limits<double>::max(), std::numeric_limits<double>::infinity()}) {
    g.push_back(x);
    g.push_back(-x);
  }
  std::vector<double> lo(g.size()), hi(g.size());
  hop_detail::tanh_brackets_avx512(g.data(), g.size(), lo.data(), hi.data());
  std::size_t bad = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double exact = std::tanh(g[i]);
    const bool ok =
        lo[i] <= exact && exact <= hi[i] && std::abs(0.5 * (lo[i] + hi[i]) - exact) <= 1e-7;
    if (!ok && ++bad <= 5)
      ADD_FAILURE() << "g " << g[i] << " bracket [" << lo[i] << ", " << hi[i] << "] tanh " << exact;
  }
  EXPECT_EQ(bad, 0u) << "of " << g.size();
}

TEST(HopBatch, RefusesMoreThanABatch) {
  Case c = make_case(8, 8, 8, 0.9, 6, [](RandomStream&, std::size_t) { return 0.0; });
  ASSERT_GT(c.voxel.size(), kHopBatch);
  const RuleContext ctx(c.s, c.p, c.p.run.cell_step_s);
  std::vector<std::uint32_t> target(c.voxel.size());
  std::vector<char> found(c.voxel.size());
  EXPECT_THROW(hop_targets(ctx, c.voxel.data(), c.u.data(), kHopBatch + 1, 0.5, c.attraction,
                           target.data(), reinterpret_cast<bool*>(found.data())),
               std::logic_error);
}

}  // namespace
}  // namespace hosim
