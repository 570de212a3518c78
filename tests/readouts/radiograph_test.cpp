// The radiograph readout on constructed mineral with known answers: a slab
// (uniform contrast), a small sphere (the patch mean is its projected
// mineral volume over the patch area), the octant of that sphere on a
// mirrored grid, and a 2D slice read as a prism.
#include "readouts/radiograph.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "config/config.hpp"

namespace hosim {
namespace {

ModelState empty_state(const Params& p) {
  ModelState s;
  s.grid.nx = p.grid.nx;
  s.grid.ny = p.grid.ny;
  s.grid.nz = p.grid.nz;
  s.grid.dx_um = p.grid.voxel_um;
  for (auto& l : s.tissue.layers) l.resize(s.grid.size(), 0.0f);
  return s;
}

Params cube(int n) {
  Params p = default_params();
  p.grid.nx = p.grid.ny = p.grid.nz = n;
  p.grid.voxel_um = 20;
  p.grid.mirror.clear();
  p.readouts.lesion_scale = 10;
  p.readouts.radiograph_mu_per_um = 1.5e-4;
  return p;
}

// Mineral fraction f in the voxels whose centres lie within r_um of `c_um`.
void sphere(ModelState& s, std::array<double, 3> c_um, double r_um, float f) {
  float* m = s.tissue.layer(TissueLayer::Mineral);
  const double dx = s.grid.dx_um;
  for (int z = 0; z < s.grid.nz; ++z)
    for (int y = 0; y < s.grid.ny; ++y)
      for (int x = 0; x < s.grid.nx; ++x) {
        const double ex = (x + 0.5) * dx - c_um[0], ey = (y + 0.5) * dx - c_um[1],
                     ez = (z + 0.5) * dx - c_um[2];
        if (ex * ex + ey * ey + ez * ez <= r_um * r_um) m[s.grid.index(x, y, z)] = f;
      }
}

TEST(Radiograph, AUniformSlabGivesItsBeerLambertContrastEverywhere) {
  Params p = cube(16);
  ModelState s = empty_state(p);
  float* m = s.tissue.layer(TissueLayer::Mineral);
  for (int z = 4; z < 8; ++z)  // 4 voxels = 80 µm of mineral fraction 0.5
    for (int i = 0; i < 16 * 16; ++i) m[z * 256 + i] = 0.5f;
  const double expected = 1 - std::exp(-1.5e-4 * 10 * 0.5 * 80);
  const Radiograph r = project_radiograph(s, p);
  for (float c : r.contrast) EXPECT_NEAR(c, expected, 1e-6);
  EXPECT_NEAR(radiograph_patch_contrast(r, p), expected, 1e-6);
}

TEST(Radiograph, ASmallSpherePatchMeanIsItsMineralVolumeOverThePatchArea) {
  // Patch 2 mm clinical / scale 10 = 200 µm = 10 voxels; sphere of radius
  // 60 µm fits inside. At low optical depth the patch mean contrast is
  // μ·s·f·V / patch area; the voxelised sphere's volume is counted exactly.
  Params p = cube(40);
  ModelState s = empty_state(p);
  sphere(s, {400, 400, 400}, 60, 0.4f);
  double voxels = 0;
  for (std::size_t i = 0; i < s.grid.size(); ++i)
    voxels += s.tissue.layer(TissueLayer::Mineral)[i] > 0 ? 1 : 0;
  ASSERT_EQ(radiograph_patch_pixels(p), 10);
  const double volume = voxels * 20 * 20 * 20;
  const double linear = 1.5e-4 * 10 * 0.4 * volume / (200.0 * 200.0);
  const double c = radiograph_patch_contrast(project_radiograph(s, p), p);
  // Optical depth at the centre ≈ 0.07: the exponential lowers the mean by
  // under 3 % of the linear value.
  EXPECT_LT(c, linear);
  EXPECT_GT(c, 0.97 * linear);
  // And that volume is the ball's (4/3)πR³ to the voxelisation error of a
  // radius of 3 voxels (136 voxels against 113.1).
  EXPECT_NEAR(volume, 4.0 / 3 * std::numbers::pi * 60 * 60 * 60, 0.25 * volume);
}

TEST(Radiograph, VisibilityFollowsTheContrastThresholdAndTheLesionScale) {
  Params p = cube(40);
  ModelState s = empty_state(p);
  sphere(s, {400, 400, 400}, 150, 0.5f);
  const double c = radiograph_patch_contrast(project_radiograph(s, p), p);
  EXPECT_GT(c, p.readouts.radiograph_contrast);  // ~0.06 for this ring-free ball
  // A lesion that stands for one 5 times smaller: shorter paths, a patch
  // 5 times larger on the grid, so the same mineral is below threshold.
  p.readouts.lesion_scale = 2;
  EXPECT_LT(radiograph_patch_contrast(project_radiograph(s, p), p), p.readouts.radiograph_contrast);
}

TEST(Radiograph, TheOctantOfASphereOnAMirroredGridReadsAsTheWholeSphere) {
  Params whole = cube(40);
  ModelState sw = empty_state(whole);
  sphere(sw, {400, 400, 400}, 150, 0.5f);
  Params octant = cube(20);
  octant.grid.mirror = {"x", "y", "z"};
  ModelState so = empty_state(octant);
  sphere(so, {0, 0, 0}, 150, 0.5f);
  const Radiograph rw = project_radiograph(sw, whole), ro = project_radiograph(so, octant);
  // Pixel (i, j) of the octant is pixel (20 + i, 20 + j) of the whole.
  for (int j = 0; j < 20; ++j)
    for (int i = 0; i < 20; ++i)
      EXPECT_FLOAT_EQ(ro.contrast[j * 20 + i], rw.contrast[(20 + j) * 40 + 20 + i]);
  EXPECT_NEAR(radiograph_patch_contrast(ro, octant), radiograph_patch_contrast(rw, whole), 1e-6);
}

TEST(Radiograph, A2DSliceIsAPrismAsDeepAsTheInjury) {
  Params p = cube(10);
  p.grid.nz = 1;
  p.injury.radii_um = {500, 500, 300};
  ModelState s = empty_state(p);
  s.tissue.layer(TissueLayer::Mineral)[s.grid.index(3, 4, 0)] = 0.2f;
  const Radiograph r = project_radiograph(s, p);
  EXPECT_NEAR(r.contrast[4 * 10 + 3], 1 - std::exp(-1.5e-4 * 10 * 0.2 * 600), 1e-6);
  EXPECT_EQ(r.contrast[0], 0.0f);
}

TEST(Radiograph, ThePatchIsAtLeastOnePixelAndClippedToTheImage) {
  Params p = cube(4);
  p.readouts.radiograph_patch_um = 1;  // far below a voxel
  EXPECT_EQ(radiograph_patch_pixels(p), 1);
  p.readouts.radiograph_patch_um = 1e5;  // far beyond the 80 µm image
  ModelState s = empty_state(p);
  std::fill_n(s.tissue.layer(TissueLayer::Mineral), s.grid.size(), 1.0f);
  const double full = 1 - std::exp(-1.5e-4 * 10 * 1.0 * 80);
  EXPECT_NEAR(radiograph_patch_contrast(project_radiograph(s, p), p), full, 1e-6);
}

}  // namespace
}  // namespace hosim
