// The lesion-type classifier and nodule count on constructed tissue with
// known answers: three separate blobs of mineral without osteoid are
// calcinosis with 3 nodules; a thick ring of mineralised osteoid is ossification
// with 1 nodule; speckles closer than the image resolution read as one mass;
// on a mirror-reduced grid a nodule touching a mirror plane counts once per
// copy it does not touch.
#include <gtest/gtest.h>

#include <cmath>

#include "config/config.hpp"
#include "readouts/lesion_type.hpp"

namespace hosim {
namespace {

struct Slice {
  Params p = default_params();
  ModelState s;
  explicit Slice(int n = 60) {
    p.grid.nx = p.grid.ny = n;
    p.grid.nz = 1;
    p.grid.voxel_um = 20;
    p.grid.mirror.clear();
    s.grid.nx = s.grid.ny = n;
    s.grid.nz = 1;
    s.grid.dx_um = 20;
    for (auto& l : s.tissue.layers) l.resize(s.grid.size(), 0.0f);
  }
  void disc(double cx, double cy, double r, float mineral, float osteoid) {
    for (int y = 0; y < s.grid.ny; ++y)
      for (int x = 0; x < s.grid.nx; ++x)
        if (std::hypot(x - cx, y - cy) <= r) set(x, y, mineral, osteoid);
  }
  void set(int x, int y, float mineral, float osteoid) {
    const std::size_t i = s.grid.index(x, y, 0);
    s.tissue.layer(TissueLayer::Mineral)[i] = mineral;
    s.tissue.layer(TissueLayer::Osteoid)[i] = osteoid;
  }
};

TEST(LesionType, NoDenseMineralIsNone) {
  Slice sl;
  sl.disc(30, 30, 5, 0.1f, 0.0f);  // below tissue.ho_threshold 0.2
  const LesionType t = classify_lesion(sl.s, sl.p);
  EXPECT_EQ(t.kind, LesionKind::None);
  EXPECT_EQ(t.nodules, 0);
  EXPECT_NEAR(t.mineral_in_osteoid, 0.0, 1e-12);
}

TEST(LesionType, SeparateNodulesWithoutOsteoidAreCalcinosis) {
  Slice sl;
  sl.disc(12, 12, 4, 0.5f, 0.0f);
  sl.disc(45, 15, 5, 0.5f, 0.0f);
  sl.disc(30, 45, 6, 0.5f, 0.0f);
  const LesionType t = classify_lesion(sl.s, sl.p);
  EXPECT_EQ(t.kind, LesionKind::Calcinosis);
  EXPECT_EQ(t.nodules, 3);
  EXPECT_NEAR(t.mineral_in_osteoid, 0.0, 1e-12);
}

TEST(LesionType, MineralisedOsteoidRingIsOssification) {
  Slice sl;
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 60; ++x) {
      const double r = std::hypot(x - 30, y - 30);
      if (r >= 14 && r <= 22) sl.set(x, y, 0.6f, 0.8f);
    }
  const LesionType t = classify_lesion(sl.s, sl.p);
  EXPECT_EQ(t.kind, LesionKind::Ossification);
  EXPECT_EQ(t.nodules, 1);
  EXPECT_NEAR(t.mineral_in_osteoid, 1.0, 1e-12);
}

TEST(LesionType, ShareOfMineralInOsteoidDecides) {
  Slice sl;
  sl.disc(15, 15, 5, 0.4f, 0.4f);  // bone
  sl.disc(45, 45, 5, 0.4f, 0.0f);  // the same amount of precipitate
  sl.set(45, 45, 0.4f, 0.0f);
  const LesionType t = classify_lesion(sl.s, sl.p);
  EXPECT_NEAR(t.mineral_in_osteoid, 0.5, 1e-6);
  sl.p.readouts.calcinosis_osteoid = 0.6;
  EXPECT_EQ(classify_lesion(sl.s, sl.p).kind, LesionKind::Calcinosis);
  sl.p.readouts.calcinosis_osteoid = 0.4;
  EXPECT_EQ(classify_lesion(sl.s, sl.p).kind, LesionKind::Ossification);
}

// Dense voxels two voxels apart (40 µm) fill blocks of 100 µm to a mean of
// 0.5 × 0.5 ≥ 0.2: one mass at 100 µm, but 25 at the 20 µm voxel scale.
TEST(LesionType, SpecklesCloserThanTheResolutionAreOneMass) {
  Slice sl(20);
  for (int y = 0; y < 10; y += 2)
    for (int x = 0; x < 10; x += 2) sl.set(x + 5, y + 5, 1.0f, 1.0f);
  EXPECT_EQ(count_nodules(sl.s, sl.p), 1);
  sl.p.readouts.nodule_resolution_um = 20;
  EXPECT_EQ(count_nodules(sl.s, sl.p), 25);
}

TEST(LesionType, MirrorPlanesMultiplyNodulesThatDoNotTouchThem) {
  Slice sl;
  sl.p.grid.mirror = {"x", "y"};
  sl.disc(30, 30, 4, 0.5f, 0.0f);  // touches neither plane: 4 copies
  sl.disc(0, 50, 4, 0.5f, 0.0f);   // on the x plane: joins its twin, 2 copies
  sl.disc(0, 0, 4, 0.5f, 0.0f);    // at the corner: 1
  EXPECT_EQ(count_nodules(sl.s, sl.p), 4 + 2 + 1);
}

}  // namespace
}  // namespace hosim
