#include "biology/tissue_kinetics.hpp"

#include <cmath>

#include "biology/environment.hpp"
#include "model/cell_types.hpp"

namespace hosim {

namespace {

// Calls visit(type, weight) for the cell in voxel v (weight 1) and for each
// cell in its face neighbours (weight w_neighbour), in that order.
template <class Visit>
void visit_near(const ModelState& s, std::size_t v, double w_neighbour, Visit&& visit) {
  const Grid& g = s.grid;
  const auto c = g.coords(v);
  const std::int32_t own = s.occupancy[v];
  if (own >= 0) visit(s.cells.type[own], 1.0);
  const int nn = face_neighbour_count(g);
  for (int d = 0; d < nn; ++d) {
    const int x = c[0] + kFaceNeighbours[d][0], y = c[1] + kFaceNeighbours[d][1],
              z = c[2] + kFaceNeighbours[d][2];
    if (!g.inside(x, y, z)) continue;
    const std::int32_t o = s.occupancy[g.index(x, y, z)];
    if (o >= 0) visit(s.cells.type[o], w_neighbour);
  }
}

// Cells of a kind in voxel v and (weighted by w_neighbour each) its face neighbours.
template <class Pred>
double count_near(const ModelState& s, std::size_t v, double w_neighbour, Pred&& pred) {
  double k = 0;
  visit_near(s, v, w_neighbour, [&](CellType t, double w) {
    if (pred(t)) k += w;
  });
  return k;
}

inline double fraction_done(double rate, double dt) {
  return -std::expm1(-rate * dt);
}

}  // namespace

void compute_alp(ModelState& s, const Params& p) {
  float* alp = s.tissue.layer(TissueLayer::Alp);
  const int acid = s.field_index("acid");
  const double w = 1.0 / face_neighbour_count(s.grid);
  const auto ni = static_cast<std::int64_t>(s.grid.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < ni; ++i) {
    const auto v = static_cast<std::size_t>(i);
    // One pass over the neighbourhood for both ALP-carrying types.
    double ob = 0, hc = 0;
    visit_near(s, v, w, [&](CellType t, double wt) {
      if (t == CellType::Osteoblast) ob += wt;
      if (t == CellType::HypertrophicChondrocyte) hc += wt;
    });
    const double active = ob + p.tissue.hypertrophic_alp * hc;
    const double ph = acid >= 0 ? ph_of(s.fields[acid].values[v], p.acid) : 7.4;
    alp[v] = static_cast<float>(active > 0 ? active * alp_ph_factor(ph, p.tissue) : 0.0);
  }
}

void tissue_step(ModelState& s, const Params& p, double dt, AlignedBuffer<float>& scratch) {
  const Grid& g = s.grid;
  const std::size_t n = g.size();
  if (scratch.size() != n) scratch.resize(n, 0.0f);
  compute_alp(s, p);

  float* necrosis = s.tissue.layer(TissueLayer::Necrosis);
  float* haem = s.tissue.layer(TissueLayer::Haemorrhage);
  const float* vessels = s.tissue.layer(TissueLayer::Vessels);
  float* fibrous = s.tissue.layer(TissueLayer::Fibrous);
  float* cartilage = s.tissue.layer(TissueLayer::Cartilage);
  float* osteoid = s.tissue.layer(TissueLayer::Osteoid);
  float* mineral = s.tissue.layer(TissueLayer::Mineral);
  float* maturity = s.tissue.layer(TissueLayer::Maturity);
  float* age = s.tissue.layer(TissueLayer::OsteoidAge);
  const float* alp = s.tissue.layer(TissueLayer::Alp);
  float* vnew = scratch.data();
  const int acid = s.field_index("acid");
  const int o2 = s.field_index("o2");
  const int pi = s.field_index("phosphate");
  const auto& t = p.tissue;
  const auto& vp = p.vessels;
  const double dx2 = g.dx_um * g.dx_um;
  const int nn = face_neighbour_count(g);
  const double osteoid_per_s = t.osteoid_apposition_um_s / g.dx_um;

  const auto ni = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t ii = 0; ii < ni; ++ii) {
    const auto i = static_cast<std::size_t>(ii);
    const std::int32_t slot = s.occupancy[i];
    const CellType here = slot >= 0 ? s.cells.type[slot] : CellType::None;

    // Dead tissue is phagocytosed by macrophages here and next door.
    const double macs = count_near(s, i, 1.0, [](CellType c) {
      return c == CellType::MacrophageM1 || c == CellType::MacrophageM2;
    });
    necrosis[i] *=
        static_cast<float>(std::exp(-(t.autolysis_per_s + t.clearance_per_s * macs) * dt));
    haem[i] *= static_cast<float>(std::exp(-t.haemorrhage_resorption_per_s * dt));

    // Matrix laid by the cell in the voxel.
    if (here == CellType::Fibroblast)
      fibrous[i] +=
          static_cast<float>(fraction_done(t.fibrous_rate_per_s, dt) * (1.0 - fibrous[i]));
    if (here == CellType::Chondrocyte || here == CellType::HypertrophicChondrocyte)
      cartilage[i] +=
          static_cast<float>(fraction_done(t.cartilage_rate_per_s, dt) * (1.0 - cartilage[i]));
    if (vessels[i] >= vp.invasion && cartilage[i] > 0)
      cartilage[i] *= static_cast<float>(std::exp(-t.cartilage_resorption_per_s * dt));
    if (osteoid[i] > 0) age[i] += static_cast<float>(dt);
    // The osteoid clock runs from the first osteoid laid in the voxel: the
    // mineralisation lag is the delay from deposition to the onset of
    // mineralisation (MODEL.md §3.7), after which the voxel's osteoid
    // mineralises as a whole.
    if (here == CellType::Osteoblast && osteoid[i] < 1.0f)
      osteoid[i] += static_cast<float>(std::min(osteoid_per_s * dt, 1.0 - osteoid[i]));

    // Mineralisation of osteoid older than the lag: ALP (removing the
    // pyrophosphate inhibitor), pH and phosphate control the primary rate; a
    // slow secondary mineralisation goes on regardless.
    if (osteoid[i] > mineral[i] && age[i] >= t.mineral_lag_s) {
      const double ph = acid >= 0 ? ph_of(s.fields[acid].values[i], p.acid) : 7.4;
      const double f_pi =
          pi >= 0 ? saturating(s.fields[pi].values[i], p.phosphate.half_max_mM) : 1.0;
      const double rate =
          t.mineral_rate_per_s * saturating(alp[i], t.alp_half) * mineral_ph_factor(ph, t) * f_pi +
          t.secondary_rate_per_s * mineral_ph_factor(ph, t);
      mineral[i] += static_cast<float>(fraction_done(rate, dt) * (osteoid[i] - mineral[i]));
    }
    if (mineral[i] > 0 && osteoid[i] > 0)
      maturity[i] +=
          static_cast<float>(fraction_done(t.maturation_rate_per_s * mineral[i] / osteoid[i], dt) *
                             (1.0 - maturity[i]));

    // Vessels regrow as a Fisher–KPP front (explicit; spread·dt/dx² ≪ 1/6),
    // driven by hypoxia (VEGF via HIF) and unable to enter necrotic tissue.
    const double v0 = vessels[i];
    double v1 = v0;
    if (necrosis[i] < vp.necrosis_block && s.tissue.anatomy[i] == 0) {
      const auto c = g.coords(i);
      double lap = 0;
      for (int d = 0; d < nn; ++d) {
        const int x = c[0] + kFaceNeighbours[d][0], y = c[1] + kFaceNeighbours[d][1],
                  z = c[2] + kFaceNeighbours[d][2];
        if (g.inside(x, y, z)) lap += vessels[g.index(x, y, z)] - v0;
      }
      const double h = o2 >= 0 ? hif(s.fields[o2].values[i], p.oxygen) : 0.0;
      const double drive = vp.basal_drive + (1.0 - vp.basal_drive) * h;
      v1 = v0 + dt * (vp.spread_um2_s / dx2 * lap + vp.growth_rate_per_s * drive * v0 * (1.0 - v0));
    }
    vnew[i] = static_cast<float>(std::clamp(v1, 0.0, 1.0));
  }
  std::swap(s.tissue.layers[static_cast<int>(TissueLayer::Vessels)], scratch);

  // Serum ALP: production from the mean ALP activity over the lesion (so the
  // estimate does not scale with the simulated volume: the lesion stands for
  // a clinical one), first-order clearance towards the baseline, exact over dt.
  double activity = 0, lesion = 0;
  for (std::size_t i = 0; i < n; ++i) {
    activity += s.tissue.injured[i] ? alp[i] : 0.0f;
    lesion += s.tissue.injured[i];
  }
  if (lesion > 0) activity /= lesion;
  const auto& r = p.readouts;
  const double k = std::log(2.0) / r.alp_half_life_s;
  const double target = r.alp_baseline_U_L + r.alp_per_activity_U_L_s * activity / k;
  s.systemic.serum_alp_U_L = target + (s.systemic.serum_alp_U_L - target) * std::exp(-k * dt);
}

}  // namespace hosim
