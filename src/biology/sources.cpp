// Sources and sinks of the seven fields (MODEL.md §2), recomputed every step
// from the state at the start of transport. Linear sinks go into `uptake`
// (solved exactly by the transport's reaction step, so they cannot drive a
// field negative); Michaelis–Menten uptake is linearised around the current
// value, k = Vmax/(Km + c).
#include "biology/sources.hpp"

#include <algorithm>
#include <cmath>

#include "biology/environment.hpp"

namespace hosim {

namespace {

struct Ptrs {
  double* src = nullptr;
  double* upt = nullptr;
  explicit operator bool() const { return src != nullptr; }
};

Ptrs ptrs(std::vector<FieldSources>& out, int f) {
  if (f < 0) return {};
  return {out[f].source.data(), out[f].uptake.size() > 0 ? out[f].uptake.data() : nullptr};
}

}  // namespace

void compute_sources(const ModelState& s, const Params& p, double /*t_s*/,
                     std::vector<FieldSources>& out) {
  const std::size_t n = s.grid.size();
  const FieldIndex f = FieldIndex::of(s);
  out.resize(s.fields.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    auto& fs = out[k];
    const auto field = static_cast<int>(k);
    // Only these fields have a first-order sink; the others decay at their
    // field's rate inside the transport and keep no uptake array.
    // Treatments add two: perfusion-borne clearance of the inflammatory
    // signal (PEMF) and the exchange of Noggin with plasma (systemic Noggin).
    const bool sink = field == f.o2 || field == f.acid || field == f.phosphate ||
                      (field == f.inflammation && s.effects.inflammation_clearance_per_s > 0) ||
                      (field == f.noggin && s.effects.noggin_exchange_per_s > 0);
    if (fs.source.size() != n) fs.source.resize(n, 0.0);
    if (fs.uptake.size() != (sink ? n : 0)) fs.uptake.resize(sink ? n : 0, 0.0);
  }
  const Ptrs o2 = ptrs(out, f.o2), acid = ptrs(out, f.acid), bmp = ptrs(out, f.bmp),
             nog = ptrs(out, f.noggin), inf = ptrs(out, f.inflammation), ros = ptrs(out, f.ros),
             pi = ptrs(out, f.phosphate);
  const real* o2v = f.o2 >= 0 ? s.fields[f.o2].values.data() : nullptr;
  const real* acidv = f.acid >= 0 ? s.fields[f.acid].values.data() : nullptr;
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
  const double foreign_body =
      precipitation_possible(p) ? inf_gain * p.precipitation.foreign_body_nM_s : 0.0;
  const TreatmentEffects& fx = s.effects;
  // Perfusion (PEMF raises it) carries O2 in and excess acid out.
  const double o2_supply = ox.supply_rate_per_s * fx.perfusion;
  const double acid_perfusion = ac.clearance_per_s * fx.perfusion;

  // Tissue: perfusion exchange, muscle respiration, release by necrosis. One
  // plain loop per field (each output its own array, so they vectorise).
  const auto ni = static_cast<std::int64_t>(n);
#pragma omp parallel
  {
    if (o2) {
      double* __restrict src = o2.src;
      double* __restrict upt = o2.upt;
      const real* __restrict c = o2v;
#pragma omp for schedule(static) nowait
      for (std::int64_t i = 0; i < ni; ++i) {
        const double km_term =
            (ox.muscle_consumption_mmHg_s * muscle[i] + ox.haematoma_consumption_mmHg_s * haem[i]) /
            (ox.km_mmHg + c[i]);
        src[i] = o2_supply * vessels[i] * ox.capillary_po2_mmHg;
        upt[i] = o2_supply * vessels[i] + km_term;
      }
    }
    if (acid) {
      // Perfusion, and slowly the tissue itself, carry excess acid (and base)
      // towards the reference load; the mineralisation front releases base
      // in proportion to ALP activity, saturating at low acid so the load
      // stays positive.
      double* __restrict src = acid.src;
      double* __restrict upt = acid.upt;
      const real* __restrict c = acidv;
#pragma omp for schedule(static) nowait
      for (std::int64_t i = 0; i < ni; ++i) {
        const double clear = acid_perfusion * vessels[i] + ac.tissue_clearance_per_s;
        src[i] = clear * ac.reference_mM + ac.necrosis_release_mM_s * necrosis[i];
        upt[i] = clear + ac.alkalinisation_mM_s * alp[i] / (c[i] + 1.0);
      }
    }
    if (bmp) {
      double* __restrict src = bmp.src;
      const double rate = bmp_gain * p.bmp.necrosis_release_nM_s;
#pragma omp for schedule(static) nowait
      for (std::int64_t i = 0; i < ni; ++i) src[i] = rate * necrosis[i];
    }
    if (inf) {
      double* __restrict src = inf.src;
      // The COX-2 share of the necrosis signal follows cox2_activity and NSAIDs.
      const double cox2_here = p.inflammation.cox2_activity * fx.cox2;
      const double rate = inf_gain * p.inflammation.necrosis_nM_s *
                          (1.0 - p.inflammation.necrosis_cox2_share * (1.0 - cox2_here));
      // Precipitate (mineral outside osteoid, calcinosis) keeps up a
      // foreign-body reaction. Only a run that can precipitate has any, so
      // the HO scenarios skip reading the mineral and osteoid layers.
      if (foreign_body > 0) {
#pragma omp for schedule(static) nowait
        for (std::int64_t i = 0; i < ni; ++i)
          src[i] = rate * necrosis[i] + foreign_body * std::max(0.0f, mineral[i] - osteoid[i]);
      } else {
#pragma omp for schedule(static) nowait
        for (std::int64_t i = 0; i < ni; ++i) src[i] = rate * necrosis[i];
      }
      if (inf.upt != nullptr) {
        double* __restrict upt = inf.upt;
        const double k = fx.inflammation_clearance_per_s;
#pragma omp for schedule(static) nowait
        for (std::int64_t i = 0; i < ni; ++i) upt[i] = k * vessels[i];
      }
    }
    if (nog) {
      // Systemic Noggin enters through perfused vessels towards the plasma level.
      double* __restrict src = nog.src;
      if (nog.upt != nullptr) {
        double* __restrict upt = nog.upt;
        const double k = fx.noggin_exchange_per_s, c = fx.noggin_plasma_nM;
#pragma omp for schedule(static) nowait
        for (std::int64_t i = 0; i < ni; ++i) {
          src[i] = k * vessels[i] * c;
          upt[i] = k * vessels[i];
        }
      } else {
#pragma omp for schedule(static) nowait
        for (std::int64_t i = 0; i < ni; ++i) src[i] = 0;
      }
    }
    if (ros) {
      // Reperfusion: returning vessels (V) bring O2 to damaged tissue (Nc)
      // that is still ischaemic (HIF high), where xanthine oxidase turns the
      // purines of ATP breakdown into superoxide. Non-zero only at the
      // revascularising front; it fades once the tissue is oxygenated.
      double* __restrict src = ros.src;
      const real* __restrict c = o2v;
      const double rate = p.ros.reperfusion_per_s * fx.ros_production * fx.xanthine_oxidase;
#pragma omp for schedule(static) nowait
      for (std::int64_t i = 0; i < ni; ++i) {
        const double h = c != nullptr ? hif(c[i], ox) : 0.0;
        src[i] = rate * vessels[i] * necrosis[i] * h;
      }
    }
    if (pi) {
      double* __restrict src = pi.src;
      double* __restrict upt = pi.upt;
#pragma omp for schedule(static) nowait
      for (std::int64_t i = 0; i < ni; ++i) {
        src[i] = p.phosphate.exchange_per_s * vessels[i] * p.phosphate.serum_mM;
        upt[i] = p.phosphate.exchange_per_s * vessels[i];
      }
    }
  }

  // Cells (at most one per voxel, so no two cells write one voxel).
  const auto nc = static_cast<std::int64_t>(s.cells.size());
  const double cox2 = p.inflammation.cox2_activity * inf_gain * fx.cox2;
  const double ros_neutrophil = p.ros.neutrophil_per_s * fx.ros_production;
  const double ros_m1 = p.ros.m1_per_s * fx.ros_production;
#pragma omp parallel for schedule(static)
  for (std::int64_t c = 0; c < nc; ++c) {
    const std::uint32_t v = s.cells.voxel[c];
    const CellType t = s.cells.type[c];
    const double po2 = o2v != nullptr ? o2v[v] : ox.hif_half_mmHg * 10;
    if (o2 && t != CellType::Osteocyte)
      o2.upt[v] += ox.cell_consumption_mmHg_s / (ox.km_mmHg + po2);
    if (acid) acid.src[v] += ac.glycolysis_mM_s * hif(po2, ox);
    switch (t) {
      case CellType::Neutrophil:
        if (inf) inf.src[v] += cox2 * p.inflammation.neutrophil_nM_s;
        if (ros) ros.src[v] += ros_neutrophil;
        break;
      case CellType::MacrophageM1:
        if (inf) inf.src[v] += cox2 * p.inflammation.m1_nM_s;
        if (ros) ros.src[v] += ros_m1;
        if (bmp) bmp.src[v] += bmp_gain * p.bmp.macrophage_nM_s;
        break;
      case CellType::MacrophageM2:
        if (bmp) bmp.src[v] += bmp_gain * p.bmp.macrophage_nM_s;
        break;
      case CellType::Chondrocyte:
        if (nog) nog.src[v] += p.noggin.chondrocyte_nM_s;
        break;
      case CellType::HypertrophicChondrocyte:
        if (nog) nog.src[v] += p.noggin.chondrocyte_nM_s;
        if (bmp) bmp.src[v] += bmp_gain * p.bmp.hypertrophic_nM_s;
        break;
      case CellType::Osteoblast:
        if (nog) nog.src[v] += p.noggin.osteoblast_nM_s;
        if (bmp) bmp.src[v] += bmp_gain * p.bmp.osteoblast_nM_s;
        break;
      default:
        break;
    }
  }
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
