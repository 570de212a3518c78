// The Brooker grade on constructed radiographs with known answers: host bone
// alone grades 0 with the native gap; an island grades I; a spur leaving
// 11 mm grades II, one leaving 8 mm grades III; a bridge grades IV with no
// gap; diagonal contact attaches a spur; speckled woven bone finer than the
// image reads as one mass; a 3D lesion is read in projection; without both
// host bones the grade does not apply.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "readouts/brooker.hpp"

namespace hosim {
namespace {

// A 2D slice, 100 µm voxels read at 100 µm (one pixel per voxel): the femur
// is rows 0-9 (1 mm), the pelvis rows 150-159, 14 mm apart edge to edge.
struct Hip {
  Params p = default_params();
  ModelState s;
  explicit Hip(int nx = 40, int ny = 160, int nz = 1, double voxel_um = 100) {
    p.grid.nx = nx;
    p.grid.ny = ny;
    p.grid.nz = nz;
    p.grid.voxel_um = voxel_um;
    p.grid.mirror.clear();
    p.readouts.nodule_resolution_um = 100;
    // Only their presence matters to the readout, which reads the labels.
    p.host_bone.pelvis.radii_um = {1000, 1000, 1000};
    p.host_bone.femur.radii_um = {1000, 1000, 1000};
    s.grid.nx = nx;
    s.grid.ny = ny;
    s.grid.nz = nz;
    s.grid.dx_um = voxel_um;
    for (auto& l : s.tissue.layers) l.resize(s.grid.size(), 0.0f);
    s.tissue.anatomy.resize(s.grid.size(), static_cast<std::uint8_t>(Anatomy::Muscle));
    const int rows = static_cast<int>(1000 / voxel_um);
    for (int z = 0; z < nz; ++z)
      for (int x = 0; x < nx; ++x)
        for (int r = 0; r < rows; ++r) {
          bone(x, r, z);
          bone(x, ny - 1 - r, z);
        }
  }
  void bone(int x, int y, int z) {
    s.tissue.anatomy[s.grid.index(x, y, z)] = static_cast<std::uint8_t>(Anatomy::CorticalBone);
  }
  // Mineral in column x over rows [y0, y1].
  void column(int x, int y0, int y1, float mineral = 0.6f, int z = 0) {
    for (int y = y0; y <= y1; ++y)
      s.tissue.layer(TissueLayer::Mineral)[s.grid.index(x, y, z)] = mineral;
  }
  [[nodiscard]] Brooker grade() const { return brooker_grade(s, p); }
};

TEST(Brooker, HostBoneAloneIsGradeZeroWithTheNativeGap) {
  const Brooker b = Hip().grade();
  EXPECT_EQ(b.grade, 0);
  EXPECT_NEAR(b.gap_mm, 14.0, 1e-9);
  EXPECT_EQ(b.islands, 0);
}

TEST(Brooker, IslandInSoftTissueIsGradeOne) {
  Hip h;
  h.column(20, 70, 80);
  const Brooker b = h.grade();
  EXPECT_EQ(b.grade, 1);
  EXPECT_EQ(b.islands, 1);
  EXPECT_NEAR(b.gap_mm, 14.0, 1e-9);  // islands do not narrow the gap
}

TEST(Brooker, SpurLeavingElevenMillimetresIsGradeTwo) {
  Hip h;
  h.column(20, 120, 149);  // 3 mm spur from the pelvis: rows 10 .. 119 free
  const Brooker b = h.grade();
  EXPECT_EQ(b.grade, 2);
  EXPECT_NEAR(b.gap_mm, 11.0, 1e-9);
  EXPECT_EQ(b.islands, 0);
}

TEST(Brooker, BoneMassesEightMillimetresApartAreGradeThree) {
  Hip h;
  h.column(20, 90, 149);  // 6 mm spur from the pelvis
  h.column(0, 10, 11);    // and a small one from the femur, farther from it
  const Brooker b = h.grade();
  EXPECT_EQ(b.grade, 3);
  EXPECT_NEAR(b.gap_mm, 8.0, 1e-9);
}

TEST(Brooker, TheGapLimitSplitsTwoFromThree) {
  Hip h;
  h.column(20, 110, 149);  // leaves exactly 10 mm
  EXPECT_EQ(h.grade().grade, 2);
  h.p.readouts.brooker_gap_um = 10100;
  EXPECT_EQ(h.grade().grade, 3);
}

TEST(Brooker, BridgeIsGradeFour) {
  Hip h;
  h.column(20, 10, 149);
  h.column(30, 60, 62);  // an island beside it
  const Brooker b = h.grade();
  EXPECT_EQ(b.grade, 4);
  EXPECT_EQ(b.gap_mm, 0.0);
  EXPECT_EQ(b.islands, 1);
}

TEST(Brooker, DiagonalContactAttachesASpur) {
  Hip h;
  // A staircase from the femur: each pixel touches the next only at a corner.
  for (int k = 0; k < 20; ++k) h.column(10 + k, 10 + k, 10 + k);
  const Brooker b = h.grade();
  EXPECT_EQ(b.grade, 2);
  EXPECT_NEAR(b.gap_mm, 14.0 - 2.0, 1e-9);
}

TEST(Brooker, SpeckledWovenBoneFinerThanTheImageIsOneMass) {
  // 20 µm voxels read at 100 µm: a spur whose voxels alternate 0.5 and 0
  // (block mean 0.25 >= tissue.ho_threshold 0.2) reads as solid bone.
  Hip h(40, 800, 1, 20);
  for (int y = 450; y < 750; ++y)
    for (int x = 10; x < 20; ++x)
      if ((x + y) % 2 == 0) h.s.tissue.layer(TissueLayer::Mineral)[h.s.grid.index(x, y, 0)] = 0.5f;
  const Brooker b = h.grade();
  EXPECT_EQ(b.grade, 3);
  EXPECT_NEAR(b.gap_mm, 8.0, 1e-9);
  EXPECT_EQ(b.islands, 0);
}

TEST(Brooker, ThreeDimensionalLesionIsReadInProjection) {
  Hip h(40, 160, 4);
  // The spur lies in the last plane only; the beam along z still sees it.
  h.column(20, 90, 149, 0.6f, 3);
  EXPECT_EQ(h.grade().grade, 3);
}

TEST(Brooker, WithoutBothHostBonesTheGradeDoesNotApply) {
  Hip h;
  h.column(20, 90, 149);
  h.p.host_bone.femur.radii_um = {0, 0, 0};
  const Brooker b = h.grade();
  EXPECT_EQ(b.grade, -1);
  EXPECT_EQ(b.gap_mm, -1.0);
  // A single mass of host bone in the image is not a hip either.
  BoneImage img;
  img.nx = img.ny = 10;
  img.pixel_um = 100;
  img.host.assign(100, 0);
  img.ho.assign(100, 0);
  img.host[0] = 1;
  EXPECT_EQ(classify_brooker(img, 1e4).grade, -1);
}

}  // namespace
}  // namespace hosim
