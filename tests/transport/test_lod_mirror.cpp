// grid.mirror rests on one property of the discretisation: on the
// cell-centred grid, a zero-flux face is exactly a mirror plane (ghost value
// = first value). So a field on one octant of a domain, with the data
// centred on the octant's lower corner, must equal the matching octant of
// the whole symmetric domain — for the transient LOD step and for the
// quasi-steady solve — to round-off and to the solve tolerance.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "transport/lod_solver.hpp"
#include "transport/steady_solver.hpp"
#include "transport_test_util.hpp"

namespace hosim {
namespace {

// A lesion-like pattern, symmetric about the centre c of the whole domain:
// a sink-free Gaussian bump plus an anisotropic ring, so no axis is trivial.
double pattern(const std::array<double, 3>& p, const std::array<double, 3>& c) {
  const double dx = p[0] - c[0], dy = p[1] - c[1], dz = p[2] - c[2];
  const double r2 = dx * dx / 1.0 + dy * dy / 1.7 + dz * dz / 0.6;
  return std::exp(-r2 / 4e4) + 0.3 * std::exp(-std::pow(std::sqrt(r2) - 180, 2) / 2e3);
}

struct Pair {
  Grid whole, part;
  std::array<double, 3> centre_whole, centre_part;
  int mx, my, mz;  // the part covers [mx, 2mx) × [my, 2my) × [mz, 2mz) of the whole
};

Pair octant(int nx, int ny, int nz, double dx) {
  Pair p;
  p.whole = Grid{2 * nx, 2 * ny, nz == 1 ? 1 : 2 * nz, dx, {0, 0, 0}};
  p.part = Grid{nx, ny, nz, dx, {0, 0, 0}};
  p.centre_whole = {nx * dx, ny * dx, nz == 1 ? 0.5 * dx : nz * dx};
  p.centre_part = {0, 0, nz == 1 ? 0.5 * dx : 0};
  p.mx = nx;
  p.my = ny;
  p.mz = nz == 1 ? 0 : nz;
  return p;
}

// max |part − whole restricted to the part| / max |whole|.
double mismatch(const Pair& p, const std::vector<double>& whole, const std::vector<double>& part) {
  double worst = 0, scale = 0;
  for (double v : whole) scale = std::max(scale, std::abs(v));
  for (int z = 0; z < p.part.nz; ++z)
    for (int y = 0; y < p.part.ny; ++y)
      for (int x = 0; x < p.part.nx; ++x) {
        const double w = whole[p.whole.index(x + p.mx, y + p.my, z + p.mz)];
        worst = std::max(worst, std::abs(part[p.part.index(x, y, z)] - w));
      }
  return worst / scale;
}

void expect_lod_mirror(const Pair& p) {
  const DiffusionSpec spec{300, 1e-3, FaceBoundary::ZeroFlux, 0};
  const auto f_whole = [&](const std::array<double, 3>& q) { return pattern(q, p.centre_whole); };
  const auto f_part = [&](const std::array<double, 3>& q) { return pattern(q, p.centre_part); };
  std::vector<double> uw = test::sample(p.whole, f_whole);
  std::vector<double> up = test::sample(p.part, f_part);
  ASSERT_LT(mismatch(p, uw, up), 1e-15) << "the initial data are not mirror images";
  const LodSolver sw(p.whole, spec, 20.0), sp(p.part, spec, 20.0);
  for (int s = 0; s < 60; ++s) {
    sw.step(uw);
    sp.step(up);
  }
  EXPECT_LT(mismatch(p, uw, up), 1e-12);
  // Not a vacuous check: the field has spread well beyond its start.
  EXPECT_GT(test::max_abs_diff(uw, test::sample(p.whole, f_whole)), 0.05);
}

TEST(LodMirror, OctantMatchesTheWholeDomain3D) {
  expect_lod_mirror(octant(18, 14, 10, 20.0));
}

TEST(LodMirror, QuarterMatchesTheWholeSlice2D) {
  expect_lod_mirror(octant(40, 30, 1, 20.0));
}

// Oxygen-like: perfusion supply outside the lesion, uptake everywhere.
TEST(SteadyMirror, OctantMatchesTheWholeDomain3D) {
  const Pair p = octant(18, 14, 10, 20.0);
  const auto fields = [](const Grid& g, const std::array<double, 3>& c, std::vector<double>& src,
                         std::vector<double>& uptake) {
    src.assign(g.size(), 0);
    uptake.assign(g.size(), 0);
    for (int z = 0; z < g.nz; ++z)
      for (int y = 0; y < g.ny; ++y)
        for (int x = 0; x < g.nx; ++x) {
          const double lesion = pattern(g.centre_um(x, y, z), c);
          const double perfused = 1 - std::min(1.0, lesion);
          src[g.index(x, y, z)] = 0.08 * perfused * 60;
          uptake[g.index(x, y, z)] = 0.08 * perfused + 0.2;
        }
  };
  std::vector<double> sw_src, sw_k, sp_src, sp_k;
  fields(p.whole, p.centre_whole, sw_src, sw_k);
  fields(p.part, p.centre_part, sp_src, sp_k);
  std::vector<double> uw(p.whole.size(), 45.0), up(p.part.size(), 45.0);
  const DiffusionSpec spec{2000, 0, FaceBoundary::ZeroFlux, 0};
  SteadySolver w(p.whole, spec, SteadyOptions{1e-10, 1000});
  SteadySolver q(p.part, spec, SteadyOptions{1e-10, 1000});
  w.solve(uw, sw_src, sw_k);
  q.solve(up, sp_src, sp_k);
  // Both meet |R| < 1e-10 mmHg/s; with uptake ≥ 0.2 /s the error is < 1e-9.
  EXPECT_LT(mismatch(p, uw, up), 1e-8);
}

}  // namespace
}  // namespace hosim
