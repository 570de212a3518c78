// Tissue kinetics (biology/tissue_kinetics.hpp) with fixed inputs and known
// outcomes, computed here from the documented rules (experiments/ODD.md §7):
// necrosis clearance by macrophages in reach, the vessel front (Fisher–KPP
// spread plus hypoxia-driven logistic growth, blocked by necrosis), osteoid
// laid by an osteoblast and its ALP in the voxel and next door. Healthy,
// cell-free muscle must come out exactly as it went in: the kinetics take a
// shortcut there (ODD §3), and these cases pin both paths to the rules.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "biology/environment.hpp"
#include "biology/tissue_kinetics.hpp"
#include "config/config.hpp"
#include "core/grid.hpp"
#include "core/rng.hpp"
#include "test_state.hpp"

namespace hosim {
namespace {

constexpr int kN = 5;  // a 5³ block, the voxel of interest at its centre

struct Block {
  Params p = default_params();
  ModelState s;
  std::vector<float> vessels_work;
  std::vector<std::uint8_t> near_work;
  double dt = 900;

  explicit Block(double po2 = 40) {
    s = test::lattice(p, kN, kN, kN,
                      {{"o2", po2}, {"acid", p.acid.reference_mM}, {"phosphate", 1.0}});
    fill(TissueLayer::Vessels, 1.0f);
    fill(TissueLayer::Muscle, 1.0f);
  }
  void fill(TissueLayer l, float v) { test::fill(s, l, v); }
  std::size_t at(int x, int y, int z) const { return s.grid.index(x, y, z); }
  float& layer(TissueLayer l, int x, int y, int z) { return s.tissue.layer(l)[at(x, y, z)]; }
  void step() {
    vessels_work.assign(s.grid.size(), -1.0f);  // garbage: the kinetics must not read it
    near_work.assign(s.grid.size(), 0xFF);
    TissueScratch work{vessels_work, near_work};
    tissue_step(s, p, dt, work);
  }
  double spread() const { return p.vessels.spread_um2_s / (s.grid.dx_um * s.grid.dx_um); }
};

TEST(TissueKinetics, HealthyMuscleComesOutAsItWentIn) {
  Block b;
  const std::vector<float> before(b.s.tissue.layer(TissueLayer::Vessels),
                                  b.s.tissue.layer(TissueLayer::Vessels) + b.s.grid.size());
  b.step();
  for (std::size_t i = 0; i < b.s.grid.size(); ++i) {
    EXPECT_EQ(b.s.tissue.layer(TissueLayer::Vessels)[i], before[i]) << "voxel " << i;
    EXPECT_EQ(b.s.tissue.layer(TissueLayer::Alp)[i], 0.0f);
    EXPECT_EQ(b.s.tissue.layer(TissueLayer::Necrosis)[i], 0.0f);
    EXPECT_EQ(b.s.tissue.layer(TissueLayer::Mineral)[i], 0.0f);
  }
}

TEST(TissueKinetics, NecrosisClearsFasterBesideAMacrophage) {
  Block b;
  b.fill(TissueLayer::Necrosis, 0.6f);
  test::add_cell(b.s, CellType::MacrophageM2, 2, 2, 2);
  b.step();
  const auto& t = b.p.tissue;
  const auto kept = [&](int macs) {
    return 0.6f *
           static_cast<float>(std::exp(-(t.autolysis_per_s + t.clearance_per_s * macs) * b.dt));
  };
  // Far from the macrophage: autolysis only (a cell-free voxel).
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Necrosis, 0, 0, 0), kept(0));
  // Next door to it: one macrophage in reach.
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Necrosis, 3, 2, 2), kept(1));
  // Its own voxel: one macrophage (itself).
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Necrosis, 2, 2, 2), kept(1));
  EXPECT_LT(kept(1), kept(0));
}

TEST(TissueKinetics, VesselsSpreadIntoAnAvascularVoxelAndOutOfTheFullOnes) {
  Block b;
  b.layer(TissueLayer::Vessels, 2, 2, 2) = 0.0f;
  b.step();
  const double c = b.spread() * b.dt;
  // Centre: six full neighbours, no growth at v = 0.
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Vessels, 2, 2, 2), static_cast<float>(6 * c));
  // A full neighbour of it loses by spread (one neighbour 1 lower) and cannot
  // grow (v(1 − v) = 0).
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Vessels, 1, 2, 2), static_cast<float>(1.0 - c));
  // So does one in the x-lines beside its own (y ± 1, z ± 1): fully
  // vascularised lines are skipped only when the lines beside them are too.
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Vessels, 2, 1, 2), static_cast<float>(1.0 - c));
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Vessels, 2, 2, 3), static_cast<float>(1.0 - c));
  // Two voxels away nothing changes, in its line and in lines further off.
  EXPECT_EQ(b.layer(TissueLayer::Vessels, 0, 2, 2), 1.0f);
  EXPECT_EQ(b.layer(TissueLayer::Vessels, 2, 0, 2), 1.0f);
  EXPECT_EQ(b.layer(TissueLayer::Vessels, 1, 1, 2), 1.0f);
}

TEST(TissueKinetics, HypoxiaDrivesVascularRegrowth) {
  const auto grown = [](double po2) {
    Block b(po2);
    b.layer(TissueLayer::Vessels, 2, 2, 2) = 0.5f;
    b.step();
    const double h = hif(po2, b.p.oxygen);
    const double drive = b.p.vessels.basal_drive + (1 - b.p.vessels.basal_drive) * h;
    const double want =
        0.5 + b.dt * (b.spread() * 6 * 0.5 + b.p.vessels.growth_rate_per_s * drive * 0.5 * 0.5);
    EXPECT_FLOAT_EQ(b.layer(TissueLayer::Vessels, 2, 2, 2), static_cast<float>(want))
        << "PO2 " << po2;
    return b.layer(TissueLayer::Vessels, 2, 2, 2);
  };
  EXPECT_GT(grown(2.0), grown(45.0));
}

TEST(TissueKinetics, NecroticTissueBlocksVessels) {
  Block b;
  b.layer(TissueLayer::Vessels, 2, 2, 2) = 0.0f;
  b.layer(TissueLayer::Necrosis, 2, 2, 2) = 0.9f;  // above vessels.necrosis_block after one step
  ASSERT_GT(0.9 * std::exp(-b.p.tissue.autolysis_per_s * b.dt), b.p.vessels.necrosis_block);
  b.step();
  EXPECT_EQ(b.layer(TissueLayer::Vessels, 2, 2, 2), 0.0f);
}

TEST(TissueKinetics, AnOsteoblastLaysOsteoidAndCarriesAlpIntoItsNeighbours) {
  Block b;  // pH 7.4: the ALP pH factor is 1
  test::add_cell(b.s, CellType::Osteoblast, 2, 2, 2);
  b.step();
  const double laid = b.p.tissue.osteoid_apposition_um_s / b.s.grid.dx_um * b.dt;
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Osteoid, 2, 2, 2), static_cast<float>(laid));
  EXPECT_EQ(b.layer(TissueLayer::Osteoid, 3, 2, 2), 0.0f);
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Alp, 2, 2, 2), 1.0f);
  EXPECT_FLOAT_EQ(b.layer(TissueLayer::Alp, 2, 3, 2), 1.0f / 6);
  EXPECT_EQ(b.layer(TissueLayer::Alp, 0, 2, 2), 0.0f);
  // Fresh osteoid does not mineralise before the lag.
  EXPECT_EQ(b.layer(TissueLayer::Mineral, 2, 2, 2), 0.0f);
}

// Serum ALP follows the mean ALP activity over the lesion (the voxels
// marked injured), summed in voxel order: the same value for any thread
// count, and the one the serial sum of the step's ALP layer gives. A
// lattice of several blocks of the parallel search for the lesion's voxels
// (4096 voxels each), with lesion runs of random length across their
// borders and osteoblasts scattered through it.
TEST(TissueKinetics, SerumAlpFollowsTheLesionsMeanActivity) {
  Params p = default_params();
  const double dt = 900;
  double first = 0;
  const int team = omp_get_max_threads();
  for (const int threads : {1, 2, 3}) {
    omp_set_num_threads(threads);
    ModelState s = test::lattice(p, 48, 48, 12,
                                 {{"o2", 40.0}, {"acid", p.acid.reference_mM}, {"phosphate", 1.0}});
    test::fill(s, TissueLayer::Vessels, 1.0f);
    test::fill(s, TissueLayer::Muscle, 1.0f);
    RandomStream r(21, 0, 0, RngPurpose::Test);
    bool injured = false;
    for (std::size_t v = 0; v < s.grid.size(); ++v) {
      if (r.uniform() < 0.01) injured = !injured;  // runs of about a hundred voxels
      s.tissue.injured[v] = injured ? 1 : 0;
    }
    for (int k = 0; k < 300; ++k) {
      const std::size_t v = r.below(static_cast<std::uint32_t>(s.grid.size()));
      if (s.occupancy[v] >= 0) continue;
      const auto c = s.grid.coords(v);
      test::add_cell(s, CellType::Osteoblast, c[0], c[1], c[2]);
    }
    s.systemic.serum_alp_U_L = 80;
    std::vector<float> vessels_work(s.grid.size());
    std::vector<std::uint8_t> near_work(s.grid.size());
    TissueScratch work{vessels_work, near_work};
    tissue_step(s, p, dt, work);
    // The expected value, from the ALP layer the step left.
    double activity = 0;
    std::size_t lesion = 0;
    const float* alp = s.tissue.layer(TissueLayer::Alp);
    for (std::size_t v = 0; v < s.grid.size(); ++v)
      if (s.tissue.injured[v] != 0) {
        activity += alp[v];
        ++lesion;
      }
    ASSERT_GT(lesion, s.grid.size() / 4);
    ASSERT_GT(activity, 0.0);
    activity /= static_cast<double>(lesion);
    const auto& rd = p.readouts;
    const double k = std::log(2.0) / rd.alp_half_life_s;
    const double target = rd.alp_baseline_U_L + rd.alp_per_activity_U_L_s * activity / k;
    EXPECT_EQ(s.systemic.serum_alp_U_L, target + (80 - target) * std::exp(-k * dt)) << threads;
    if (threads == 1) first = s.systemic.serum_alp_U_L;
    EXPECT_EQ(s.systemic.serum_alp_U_L, first) << threads;
  }
  omp_set_num_threads(team);
}

// Every voxel against a plain walk over its face neighbours, on lattices
// whose shapes put the first pass's blocks of rows (tissue_kinetics.cpp:
// about 2048 voxels of whole rows of one plane) and the lattice's edges
// everywhere: planes of two blocks, the second shorter; rows longer than a
// block; rows of one voxel; a single row per plane; a 2D lattice. Cells of
// every type, necrosis, oxygen, vessel densities and bone at random (the
// vessels at 1 in the first rows of each plane, so that whole blocks are
// fully vascularised beside ones that are not): each voxel's necrosis must
// clear at the rate of the macrophages in it and its face neighbours, its
// ALP must be that of the osteoblasts and hypertrophic chondrocytes there
// (weight 1 in the voxel, 1/neighbours beside it, added in that order),
// each cell that lays matrix must have laid it, and its vessel density must
// be the Fisher–KPP update from its neighbours' sum (added in
// kFaceNeighbours order), exactly.
TEST(TissueKinetics, EveryVoxelMatchesAPlainNeighbourWalkAcrossBlocksAndEdges) {
  const Params p = default_params();
  const double dt = 900;
  const auto& t = p.tissue;
  struct Shape {
    int nx, ny, nz;
  };
  for (const Shape sh : {Shape{7, 300, 2}, Shape{2100, 3, 2}, Shape{1, 50, 3}, Shape{13, 1, 4},
                         Shape{9, 11, 1}, Shape{5, 5, 5}}) {
    ModelState s = test::lattice(p, sh.nx, sh.ny, sh.nz,
                                 {{"o2", 40.0}, {"acid", p.acid.reference_mM}, {"phosphate", 1.0}});
    const std::size_t n = s.grid.size();
    RandomStream r(sh.nx * 1000 + sh.ny, 0, sh.nz, RngPurpose::Test);
    std::vector<float> necrosis(n), vessels(n);
    float* nec = s.tissue.layer(TissueLayer::Necrosis);
    float* ves = s.tissue.layer(TissueLayer::Vessels);
    real* o2 = s.fields[static_cast<std::size_t>(s.field_index("o2"))].values.data();
    for (std::size_t v = 0; v < n; ++v) {
      nec[v] = necrosis[v] = static_cast<float>(r.uniform() * r.uniform());
      // Fully vascular rows: the first 292 of the 7 × 300 planes (their
      // first block, whose next row is not), else the first third.
      const int y = s.grid.coords(v)[1];
      const bool full_row = sh.ny == 300 ? y < 292 : 3 * y < sh.ny;
      ves[v] = vessels[v] = full_row || r.uniform() < 0.3 ? 1.0f : static_cast<float>(r.uniform());
      o2[v] = 60 * r.uniform();
      s.tissue.anatomy[v] = r.uniform() < 0.05 ? 1 : 0;
      if (r.uniform() < 0.4) {
        const auto type = static_cast<CellType>(1 + r.below(kCellTypeCount - 1));
        const auto c = s.grid.coords(v);
        test::add_cell(s, type, c[0], c[1], c[2]);
      }
    }
    const auto type_at = [&](std::size_t v) {
      return s.occupancy[v] >= 0 ? s.cells.type[static_cast<std::size_t>(s.occupancy[v])]
                                 : CellType::None;
    };
    std::vector<float> vessels_work(n);
    std::vector<std::uint8_t> near_work(n);
    TissueScratch work{vessels_work, near_work};
    tissue_step(s, p, dt, work);

    const double w = 1.0 / face_neighbour_count(s.grid);
    const auto& vp = p.vessels;
    const double spread = vp.spread_um2_s / (s.grid.dx_um * s.grid.dx_um);
    const double ph_factor = alp_ph_factor(ph_of(p.acid.reference_mM, p.acid), t);
    const std::string where = std::to_string(sh.nx) + "x" + std::to_string(sh.ny) + "x" +
                              std::to_string(sh.nz) + " voxel ";
    for (std::size_t v = 0; v < n; ++v) {
      const CellType own = type_at(v);
      const auto is_mac = [](CellType c) {
        return c == CellType::MacrophageM1 || c == CellType::MacrophageM2;
      };
      int macs = is_mac(own) ? 1 : 0;
      double ob = own == CellType::Osteoblast ? 1.0 : 0.0;
      double hc = own == CellType::HypertrophicChondrocyte ? 1.0 : 0.0;
      const auto c = s.grid.coords(v);
      for (const auto& d : kFaceNeighbours) {
        const int x = c[0] + d[0], y = c[1] + d[1], z = c[2] + d[2];
        if (x < 0 || y < 0 || z < 0 || x >= sh.nx || y >= sh.ny || z >= sh.nz) continue;
        const CellType there = type_at(s.grid.index(x, y, z));
        macs += is_mac(there) ? 1 : 0;
        if (there == CellType::Osteoblast) ob += w;
        if (there == CellType::HypertrophicChondrocyte) hc += w;
      }
      const auto keep =
          static_cast<float>(std::exp(-(t.autolysis_per_s + t.clearance_per_s * macs) * dt));
      ASSERT_EQ(nec[v], necrosis[v] * keep) << where << v << ", " << macs << " macrophages";
      const double active = ob + t.hypertrophic_alp * hc;
      ASSERT_EQ(s.tissue.layer(TissueLayer::Alp)[v],
                static_cast<float>(active > 0 ? active * ph_factor : 0.0))
          << where << v;
      const bool lays_osteoid = own == CellType::Osteoblast;
      const bool lays_cartilage =
          own == CellType::Chondrocyte || own == CellType::HypertrophicChondrocyte;
      ASSERT_EQ(s.tissue.layer(TissueLayer::Osteoid)[v] > 0, lays_osteoid) << where << v;
      ASSERT_EQ(s.tissue.layer(TissueLayer::Cartilage)[v] > 0, lays_cartilage) << where << v;
      ASSERT_EQ(s.tissue.layer(TissueLayer::Fibrous)[v] > 0, own == CellType::Fibroblast)
          << where << v;
      const double v0 = vessels[v];
      double lap = 0;
      for (const auto& d : kFaceNeighbours) {
        const int x = c[0] + d[0], y = c[1] + d[1], z = c[2] + d[2];
        if (x < 0 || y < 0 || z < 0 || x >= sh.nx || y >= sh.ny || z >= sh.nz) continue;
        lap += vessels[s.grid.index(x, y, z)] - v0;
      }
      float want = 1.0f;
      if (!(v0 == 1.0 && lap == 0)) {
        const double drive = vp.basal_drive + (1.0 - vp.basal_drive) * hif(o2[v], p.oxygen);
        const double grown =
            v0 + dt * (spread * lap + vp.growth_rate_per_s * drive * v0 * (1.0 - v0));
        const bool open = nec[v] < vp.necrosis_block && s.tissue.anatomy[v] == 0;
        want = static_cast<float>(std::clamp(open ? grown : v0, 0.0, 1.0));
      }
      ASSERT_EQ(ves[v], want) << where << v << ", vessels " << v0 << ", sum " << lap;
    }
  }
}

}  // namespace
}  // namespace hosim
