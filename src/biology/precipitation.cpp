#include "biology/precipitation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "biology/environment.hpp"
#include "core/rng.hpp"

namespace hosim {

namespace {

constexpr auto kMuscle = static_cast<std::uint8_t>(Anatomy::Muscle);

bool any_above(const real* u, std::size_t n, double level) {
  const auto ni = static_cast<std::int64_t>(n);
  bool above = false;
#pragma omp parallel for schedule(static) reduction(|| : above)
  for (std::int64_t i = 0; i < ni; ++i) above = above || u[i] > level;
  return above;
}

// Developed deposit around voxel i (mineral ≥ developed in its face, edge and
// corner neighbours, weighted 1, 1/√2 and 1/√3 by distance), relative to the
// contact of an empty voxel in front of a flat face-aligned deposit (one
// face, four edges and four corners in 3D; one face and two corners in 2D).
// Counting edges and corners, and growing on by contact instead of a new
// nucleation per voxel, makes a deposit's edge advance at nearly the same
// speed in every direction. Spreading by nucleation from face neighbours
// alone grew each deposit as a lattice (L1) ball: diamond-shaped nodules. Across a mirror plane
// (grid.mirror) the neighbour at coordinate −1 is the image of the one at 0.
double deposit_contact(const Grid& g, const std::array<bool, 3>& mirror, const float* mineral,
                       std::size_t i, float developed) {
  const auto [x, y, z] = g.coords(i);
  const auto reflect = [&mirror](int c, int axis) { return c == -1 && mirror[axis] ? 0 : c; };
  const bool three_d = g.nz > 1;
  const int zlo = three_d ? -1 : 0, zhi = three_d ? 1 : 0;
  static constexpr double kWeight[4] = {0.0, 1.0, 1.0 / std::numbers::sqrt2,
                                        1.0 / std::numbers::sqrt3};
  double sum = 0;
  for (int dz = zlo; dz <= zhi; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int order = (dx != 0) + (dy != 0) + (dz != 0);
        const int nx = reflect(x + dx, 0), ny = reflect(y + dy, 1), nz = reflect(z + dz, 2);
        if (order == 0 || !g.inside(nx, ny, nz)) continue;
        if (mineral[g.index(nx, ny, nz)] >= developed) sum += kWeight[order];
      }
  const double flat = three_d ? 1.0 + 4.0 * kWeight[2] + 4.0 * kWeight[3] : 1.0 + 2.0 * kWeight[2];
  return sum / flat;
}

}  // namespace

void add_precipitation_sink(const ModelState& s, const Params& p, PrecipitationScratch& scratch,
                            FieldSources& phosphate) {
  scratch.active = false;
  const FieldIndex f = FieldIndex::of(s);
  // At normal serum phosphate (every HO scenario) no voxel can be
  // supersaturated: skip even the scan.
  if (f.phosphate < 0 || !precipitation_possible(p)) return;
  const auto& pp = p.precipitation;
  const double pi_eq = precipitation_phosphate_mM(pp);
  const real* pi = s.fields[f.phosphate].values.data();
  const Grid& g = s.grid;
  const std::size_t n = g.size();
  // Below the threshold everywhere (deposits have drawn the excess down)
  // there is nothing to do, and nothing is touched.
  if (!any_above(pi, n, pi_eq)) return;
  scratch.active = true;

  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* muscle = s.tissue.layer(TissueLayer::Muscle);
  const std::uint8_t* anatomy = s.tissue.anatomy.data();
  if (scratch.surface.size() != n) scratch.surface.resize(n, 0.0f);
  float* surface = scratch.surface.data();

  // Reactive crystal surface per voxel. A voxel's own crystals offer a
  // surface that saturates at precipitation.surface and falls to zero as the
  // voxel fills. A voxel touching a developed deposit (mineral at least
  // precipitation.surface) also offers the deposit's face reaching into it,
  // precipitation.face_contact times its contact (deposit_contact): the
  // deposit grows on into the tissue around it without a new nucleation
  // event, at the rate the local phosphate excess allows. Only damaged
  // tissue takes precipitate: intact muscle keeps its mineralisation
  // inhibitors (pyrophosphate, fetuin-A), and host bone is not involved
  // (seed 001). Neighbours read the unchanged mineral, so nothing depends on
  // the voxel order.
  const double inv_surface = 1.0 / pp.surface_mineral;
  const auto developed = static_cast<float>(pp.surface_mineral);
  const double face = pp.face_contact;
  const std::array<bool, 3> mirror{mirrored(p.grid, 0), mirrored(p.grid, 1), mirrored(p.grid, 2)};
  const auto ni = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t ii = 0; ii < ni; ++ii) {
    const auto i = static_cast<std::size_t>(ii);
    double a = 0;
    const double damaged = std::clamp(1.0 - double(muscle[i]), 0.0, 1.0);
    if (anatomy[i] == kMuscle && damaged > 0 && pi[i] > pi_eq) {
      const double m = mineral[i];
      double reactive = std::min(1.0, m * inv_surface);
      if (reactive < 1 && face > 0)
        reactive = std::max(
            reactive, std::min(1.0, face * deposit_contact(g, mirror, mineral, i, developed)));
      a = damaged * reactive * std::max(0.0, 1.0 - m / pp.max_mineral);
    }
    surface[i] = static_cast<float>(a);
  }

  // The sink k·(Pi − Pi_eq), k = growth·surface, as uptake k and source k·Pi_eq.
  double* src = phosphate.source.data();
  double* upt = phosphate.uptake.data();
  const double growth = pp.growth_per_s;
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < ni; ++i) {
    if (surface[i] <= 0) continue;
    const double k = growth * surface[i];
    upt[i] += k;
    src[i] += k * pi_eq;
  }
}

void precipitate_step(ModelState& s, const Params& p, double dt,
                      const PrecipitationScratch& scratch) {
  if (!scratch.active) return;
  const FieldIndex f = FieldIndex::of(s);
  const auto& pp = p.precipitation;
  const double pi_eq = precipitation_phosphate_mM(pp);
  real* pi = s.fields[f.phosphate].values.data();
  const Grid& g = s.grid;
  const auto ni = static_cast<std::int64_t>(g.size());
  float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* necrosis = s.tissue.layer(TissueLayer::Necrosis);
  const float* fibrous = s.tissue.layer(TissueLayer::Fibrous);
  const std::uint8_t* anatomy = s.tissue.anatomy.data();
  const float* surface = scratch.surface.data();

  const double growth = pp.growth_per_s;
  const double nucleation = pp.nucleation_per_um3_s * g.voxel_volume_um3();
  const double ca = pp.calcium_mM, ksp = pp.product_threshold_mM2;
  const auto step = static_cast<std::uint64_t>(s.step);
  const std::uint64_t seed = s.seed;
  // Each voxel writes only itself.
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < ni; ++i) {
    const double excess = pi[i] - pi_eq;
    if (surface[i] > 0) {
      // What the sink took over the step at the solved (quasi-steady) level.
      if (excess > 0)
        mineral[i] +=
            static_cast<float>(growth * surface[i] * excess * dt / kPhosphateInMineral_mM);
    } else if (excess > 0 && mineral[i] == 0 && anatomy[i] == kMuscle) {
      // Nucleation on damaged matrix, steep in the supersaturation.
      const double substrate = std::min(1.0, double(necrosis[i]) + double(fibrous[i]));
      const double sigma = ca * pi[i] / ksp - 1.0;
      const double rate = nucleation * substrate * sigma * sigma;
      if (rate <= 0) continue;
      RandomStream rng(seed, step, static_cast<std::uint64_t>(i), RngPurpose::Precipitation);
      if (rng.uniform() < -std::expm1(-rate * dt)) {
        pi[i] = pi_eq;
        mineral[i] += static_cast<float>(excess / kPhosphateInMineral_mM);
      }
    }
  }
}

}  // namespace hosim
