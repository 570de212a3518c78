// The MRI readouts on a constructed lesion: abnormal tissue with vessels
// enhances, abnormal tissue without them is the non-enhancing core, intact
// muscle is neither; volumes describe the whole domain of a mirrored grid.
#include <gtest/gtest.h>

#include <string>

#include "config/config.hpp"
#include "readouts/readouts.hpp"

namespace hosim {
namespace {

double readout(const std::string& name, const ModelState& s, const Params& p) {
  for (const Readout& r : readout_table())
    if (r.name == name) return r.compute(ReadoutInput(s, p));
  ADD_FAILURE() << "no readout " << name;
  return 0;
}

struct Block {
  Params p = default_params();
  ModelState s;
  explicit Block(int n) {
    p.grid.nx = p.grid.ny = p.grid.nz = n;
    p.grid.voxel_um = 10;
    p.grid.mirror.clear();
    s.grid.nx = s.grid.ny = s.grid.nz = n;
    s.grid.dx_um = 10;
    for (auto& l : s.tissue.layers) l.resize(s.grid.size(), 1.0f);  // intact, perfused
    s.tissue.injured.resize(s.grid.size(), 0);
  }
  // Voxels with x < nx_abnormal are damaged muscle; of those, x < nx_avascular
  // have lost their vessels.
  void damage(int nx_abnormal, int nx_avascular) {
    for (int z = 0; z < s.grid.nz; ++z)
      for (int y = 0; y < s.grid.ny; ++y)
        for (int x = 0; x < nx_abnormal; ++x) {
          const std::size_t i = s.grid.index(x, y, z);
          s.tissue.layer(TissueLayer::Muscle)[i] = 0.2f;
          s.tissue.layer(TissueLayer::Vessels)[i] = x < nx_avascular ? 0.1f : 0.6f;
        }
  }
};

TEST(MriReadouts, AbnormalTissueSplitsIntoEnhancingAndNonEnhancing) {
  Block b(10);
  b.damage(6, 2);                 // 6 × 10 × 10 abnormal voxels, 2 × 10 × 10 of them avascular
  const double voxel_mm3 = 1e-6;  // (10 µm)³
  EXPECT_DOUBLE_EQ(readout("mri_enhancing_mm3", b.s, b.p), 400 * voxel_mm3);
  EXPECT_DOUBLE_EQ(readout("mri_nonenhancing_mm3", b.s, b.p), 200 * voxel_mm3);
  // Raising the enhancement threshold above 0.6 moves everything abnormal
  // into the non-enhancing core.
  b.p.readouts.mri_vessels = 0.7;
  EXPECT_DOUBLE_EQ(readout("mri_enhancing_mm3", b.s, b.p), 0.0);
  EXPECT_DOUBLE_EQ(readout("mri_nonenhancing_mm3", b.s, b.p), 600 * voxel_mm3);
}

TEST(MriReadouts, IntactMuscleIsNeither) {
  Block b(6);
  EXPECT_EQ(readout("mri_enhancing_mm3", b.s, b.p), 0.0);
  EXPECT_EQ(readout("mri_nonenhancing_mm3", b.s, b.p), 0.0);
}

TEST(MriReadouts, VolumesOnAMirroredGridDescribeTheWholeDomain) {
  Block b(10);
  b.damage(6, 2);
  const double octant = readout("mri_nonenhancing_mm3", b.s, b.p);
  b.p.grid.mirror = {"x", "y", "z"};
  EXPECT_DOUBLE_EQ(readout("mri_nonenhancing_mm3", b.s, b.p), 8 * octant);
}

}  // namespace
}  // namespace hosim
