// Sources and sinks of the seven fields (MODEL.md §2), recomputed every step
// from the state just before each field's transport. Linear sinks go into `uptake`
// (solved exactly by the transport's reaction step, so they cannot drive a
// field negative); Michaelis–Menten uptake is linearised around the current
// value, k = Vmax/(Km + c).
#include "biology/sources.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "biology/environment.hpp"

namespace hosim {

bool field_has_uptake(const ModelState& s, int field) {
  const FieldIndex f = FieldIndex::of(s);
  // Only these fields have a first-order sink; the others decay at their
  // field's rate inside the transport. Treatments add two: perfusion-borne
  // clearance of the inflammatory signal (PEMF) and the exchange of Noggin
  // with plasma (systemic Noggin).
  return field == f.o2 || field == f.acid || field == f.phosphate ||
         (field == f.inflammation && s.effects.inflammation_clearance_per_s > 0) ||
         (field == f.noggin && s.effects.noggin_exchange_per_s > 0);
}

std::vector<int> transport_order(const ModelState& s) {
  // The acid and ROS sources read the oxygen field (hypoxic glycolysis,
  // reperfusion), so oxygen is transported after them; every other field's
  // sources read only that field and the tissue.
  const int o2 = s.field_index("o2");
  std::vector<int> order;
  for (int k = 0; k < static_cast<int>(s.fields.size()); ++k)
    if (k != o2) order.push_back(k);
  if (o2 >= 0) order.push_back(o2);
  return order;
}

void compute_field_sources(const ModelState& s, const Params& p, int field, FieldSources& out) {
  const std::size_t n = s.grid.size();
  const FieldIndex f = FieldIndex::of(s);
  out.has_uptake = field_has_uptake(s, field);
  if (out.source.size() != n) out.source.resize(n, 0.0);
  if (out.has_uptake && out.uptake.size() != n) out.uptake.resize(n, 0.0);
  double* __restrict src = out.source.data();
  double* __restrict upt = out.has_uptake ? out.uptake.data() : nullptr;

  const real* o2v = f.o2 >= 0 ? s.fields[f.o2].values.data() : nullptr;
  const real* __restrict c = s.fields[field].values.data();
  const float* __restrict muscle = s.tissue.layer(TissueLayer::Muscle);
  const float* __restrict necrosis = s.tissue.layer(TissueLayer::Necrosis);
  const float* __restrict haem = s.tissue.layer(TissueLayer::Haemorrhage);
  const float* __restrict vessels = s.tissue.layer(TissueLayer::Vessels);
  const float* __restrict alp = s.tissue.layer(TissueLayer::Alp);
  const float* __restrict mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* __restrict osteoid = s.tissue.layer(TissueLayer::Osteoid);
  const auto& ox = p.oxygen;
  const auto& ac = p.acid;
  const double bmp_gain = p.risk.bmp_expression;
  const double inf_gain = p.risk.inflammation;
  const TreatmentEffects& fx = s.effects;
  const auto ni = static_cast<std::int64_t>(n);

  // Tissue: perfusion exchange, muscle respiration, release by necrosis.
  if (field == f.o2) {
    // Perfusion (PEMF raises it) carries O2 in.
    const double o2_supply = ox.supply_rate_per_s * fx.perfusion;
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) {
      const double km_term =
          (ox.muscle_consumption_mmHg_s * muscle[i] + ox.haematoma_consumption_mmHg_s * haem[i]) /
          (ox.km_mmHg + c[i]);
      src[i] = o2_supply * vessels[i] * ox.capillary_po2_mmHg;
      upt[i] = o2_supply * vessels[i] + km_term;
    }
  } else if (field == f.acid) {
    // Perfusion, and slowly the tissue itself, carry excess acid (and base)
    // towards the reference load; the mineralisation front releases base in
    // proportion to ALP activity, saturating at low acid so the load stays
    // positive.
    const double acid_perfusion = ac.clearance_per_s * fx.perfusion;
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) {
      const double clear = acid_perfusion * vessels[i] + ac.tissue_clearance_per_s;
      src[i] = clear * ac.reference_mM + ac.necrosis_release_mM_s * necrosis[i];
      upt[i] = clear + ac.alkalinisation_mM_s * alp[i] / (c[i] + 1.0);
    }
  } else if (field == f.bmp) {
    const double rate = bmp_gain * p.bmp.necrosis_release_nM_s;
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) src[i] = rate * necrosis[i];
  } else if (field == f.inflammation) {
    // The COX-2 share of the necrosis signal follows cox2_activity and NSAIDs.
    const double rate = inf_gain * p.inflammation.necrosis_nM_s *
                        cox2_share_left(p.inflammation.necrosis_cox2_share, p.inflammation, fx);
    // Precipitate (mineral outside osteoid, calcinosis) keeps up a
    // foreign-body reaction. Only a run that can precipitate has any, so the
    // HO scenarios skip reading the mineral and osteoid layers.
    const double foreign_body =
        precipitation_possible(p) ? inf_gain * p.precipitation.foreign_body_nM_s : 0.0;
    if (foreign_body > 0) {
#pragma omp parallel for schedule(static)
      for (std::int64_t i = 0; i < ni; ++i)
        src[i] = rate * necrosis[i] + foreign_body * std::max(0.0f, mineral[i] - osteoid[i]);
    } else {
#pragma omp parallel for schedule(static)
      for (std::int64_t i = 0; i < ni; ++i) src[i] = rate * necrosis[i];
    }
    if (upt != nullptr) {
      const double k = fx.inflammation_clearance_per_s;
#pragma omp parallel for schedule(static)
      for (std::int64_t i = 0; i < ni; ++i) upt[i] = k * vessels[i];
    }
  } else if (field == f.noggin) {
    if (upt != nullptr) {
      // Systemic Noggin enters through perfused vessels towards the plasma level.
      const double k = fx.noggin_exchange_per_s, level = fx.noggin_plasma_nM;
#pragma omp parallel for schedule(static)
      for (std::int64_t i = 0; i < ni; ++i) {
        src[i] = k * vessels[i] * level;
        upt[i] = k * vessels[i];
      }
    } else {
#pragma omp parallel for schedule(static)
      for (std::int64_t i = 0; i < ni; ++i) src[i] = 0;
    }
  } else if (field == f.ros) {
    // Reperfusion: returning vessels (V) bring O2 to damaged tissue (Nc)
    // that is still ischaemic (HIF high), where xanthine oxidase turns the
    // purines of ATP breakdown into superoxide. Non-zero only at the
    // revascularising front; it fades once the tissue is oxygenated.
    const double rate = p.ros.reperfusion_per_s * fx.ros_production * fx.xanthine_oxidase;
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) {
      const double h = o2v != nullptr ? hif(o2v[i], ox) : 0.0;
      src[i] = rate * vessels[i] * necrosis[i] * h;
    }
  } else if (field == f.phosphate) {
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) {
      src[i] = p.phosphate.exchange_per_s * vessels[i] * p.phosphate.serum_mM;
      upt[i] = p.phosphate.exchange_per_s * vessels[i];
    }
  } else {
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) src[i] = 0;
  }

  // Cells (at most one per voxel, so no two cells write one voxel).
  const auto nc = static_cast<std::int64_t>(s.cells.size());
  const CellType* __restrict type = s.cells.type.data();
  const std::uint32_t* __restrict voxel = s.cells.voxel.data();
  // A constant production per cell of each type (zero for the types that
  // make none).
  std::array<double, kCellTypeCount> per_cell{};
  const auto at = [&per_cell](CellType t) -> double& {
    return per_cell[static_cast<std::size_t>(t)];
  };
  if (field == f.acid) {
    // Neutrophils live on glycolysis and make acid at any O2; their wave
    // (days 0-2) holds the haematoma acidic for 48 h and lets it recover by
    // day 2 (experiments/ODD.md 7.7).
    at(CellType::Neutrophil) = ac.neutrophil_glycolysis_mM_s;
  } else if (field == f.inflammation) {
    const double cox2 = p.inflammation.cox2_activity * inf_gain * fx.cox2;
    at(CellType::Neutrophil) = cox2 * p.inflammation.neutrophil_nM_s;
    at(CellType::MacrophageM1) = cox2 * p.inflammation.m1_nM_s;
  } else if (field == f.ros) {
    at(CellType::Neutrophil) = p.ros.neutrophil_per_s * fx.ros_production;
    at(CellType::MacrophageM1) = p.ros.m1_per_s * fx.ros_production;
  } else if (field == f.bmp) {
    at(CellType::MacrophageM1) = at(CellType::MacrophageM2) = bmp_gain * p.bmp.macrophage_nM_s;
    at(CellType::HypertrophicChondrocyte) = bmp_gain * p.bmp.hypertrophic_nM_s;
    at(CellType::Osteoblast) = bmp_gain * p.bmp.osteoblast_nM_s;
  } else if (field == f.noggin) {
    at(CellType::Chondrocyte) = at(CellType::HypertrophicChondrocyte) = p.noggin.chondrocyte_nM_s;
    at(CellType::Osteoblast) = p.noggin.osteoblast_nM_s;
  }

  if (field == f.o2) {
#pragma omp parallel for schedule(static)
    for (std::int64_t k = 0; k < nc; ++k)
      if (type[k] != CellType::Osteocyte)
        upt[voxel[k]] += ox.cell_consumption_mmHg_s / (ox.km_mmHg + c[voxel[k]]);
  } else if (field == f.acid) {
    // Hypoxic glycolysis of every cell (without an O2 field HIF stays low),
    // plus the type's own production.
#pragma omp parallel for schedule(static)
    for (std::int64_t k = 0; k < nc; ++k) {
      const double po2 = o2v != nullptr ? o2v[voxel[k]] : ox.hif_half_mmHg * 10;
      src[voxel[k]] +=
          ac.glycolysis_mM_s * hif(po2, ox) + per_cell[static_cast<std::size_t>(type[k])];
    }
  } else if (std::any_of(per_cell.begin(), per_cell.end(), [](double r) { return r != 0; })) {
    // Adding 0 leaves a non-negative source bit-for-bit unchanged.
#pragma omp parallel for schedule(static)
    for (std::int64_t k = 0; k < nc; ++k)
      src[voxel[k]] += per_cell[static_cast<std::size_t>(type[k])];
  }
}

void compute_sources(const ModelState& s, const Params& p, std::vector<FieldSources>& out) {
  out.resize(s.fields.size());
  for (int k : transport_order(s)) compute_field_sources(s, p, k, out[static_cast<std::size_t>(k)]);
}

void bind_bmp_noggin(ModelState& s, const Params& p, double dt_s) {
  const int b = s.field_index("bmp");
  const int g = s.field_index("noggin");
  const double k = p.bmp.noggin_binding_per_nM_s;
  if (b < 0 || g < 0 || k <= 0) return;
  real* bmp = s.fields[b].values.data();
  real* nog = s.fields[g].values.data();
  const auto ni = static_cast<std::int64_t>(s.grid.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < ni; ++i) {
    // A' = N' = −k·A·N, solved exactly: with d = A − N conserved,
    // A(t) = d / (1 − (N/A)·e^{−k d t}).
    const double a = bmp[i], nn = nog[i];
    if (a <= 0 || nn <= 0) continue;
    const double d = a - nn;
    double a1, n1;
    if (std::abs(d) < 1e-12 * (a + nn)) {
      a1 = a / (1.0 + k * a * dt_s);
      n1 = a1;
    } else {
      const double e = std::exp(-k * d * dt_s);
      a1 = d / (1.0 - (nn / a) * e);
      n1 = a1 - d;
    }
    bmp[i] = std::max(a1, 0.0);
    nog[i] = std::max(n1, 0.0);
  }
}

}  // namespace hosim
