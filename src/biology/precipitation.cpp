#include "biology/precipitation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "biology/environment.hpp"
#include "core/neighbours.hpp"
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

  // Reactive surface of the voxel's own crystals, saturating at
  // precipitation.surface and falling to zero as the voxel fills; and the
  // number of its face neighbours holding a developed deposit (mineral at
  // least precipitation.surface), where new crystals start on the deposit's
  // face (neighbours read the unchanged mineral, so nothing depends on the
  // voxel order). Only damaged tissue takes precipitate: intact muscle keeps
  // its mineralisation inhibitors (pyrophosphate, fetuin-A), and host bone
  // is not involved (seed 001).
  if (scratch.front.size() != n) scratch.front.resize(n, 0.0f);
  float* front = scratch.front.data();
  const double inv_surface = 1.0 / pp.surface_mineral;
  const auto developed = static_cast<float>(pp.surface_mineral);
  for_each_voxel_with_neighbours(g, [&](std::size_t i, const FaceNeighbours& nb) {
    double a = 0, share = 0;
    const double damaged = std::clamp(1.0 - double(muscle[i]), 0.0, 1.0);
    if (anatomy[i] == kMuscle && damaged > 0 && pi[i] > pi_eq) {
      const double m = mineral[i];
      a = damaged * std::min(1.0, m * inv_surface) * std::max(0.0, 1.0 - m / pp.max_mineral);
      if (m == 0) {
        int k = 0;
        for (int d = 0; d < nb.count; ++d) k += mineral[nb.index[d]] >= developed ? 1 : 0;
        share = damaged * k;
      }
    }
    surface[i] = static_cast<float>(a);
    front[i] = static_cast<float>(share);
  });

  // The sink k·(Pi − Pi_eq), k = growth·surface, as uptake k and source k·Pi_eq.
  double* src = phosphate.source.data();
  double* upt = phosphate.uptake.data();
  const double growth = pp.growth_per_s;
  const auto ni = static_cast<std::int64_t>(n);
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
  const float* front = scratch.front.data();

  const double growth = pp.growth_per_s;
  const double nucleation = pp.nucleation_per_um3_s * g.voxel_volume_um3();
  // A front of developed deposit advancing at front_speed crosses a voxel
  // in dx / speed: the rate at which a face-adjacent empty voxel starts.
  const double spread = pp.front_speed_um_s / g.dx_um;
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
      // Primary nucleation on damaged matrix, steep in the supersaturation,
      // and secondary nucleation on the face of a neighbouring deposit.
      const double substrate = std::min(1.0, double(necrosis[i]) + double(fibrous[i]));
      const double sigma = ca * pi[i] / ksp - 1.0;
      const double rate = nucleation * substrate * sigma * sigma + spread * front[i];
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
