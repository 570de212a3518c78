#include "readouts/readouts.hpp"

#include <array>

#include "model/acid_ph.hpp"
#include "model/cell_types.hpp"
#include "readouts/radiograph.hpp"
#include "readouts/zones.hpp"

namespace hosim {

namespace {

// An amount that adds up over voxels (a count, volume or mass) describes the
// whole symmetric domain when the grid is a mirror-reduced part of it
// (grid.mirror): 2 copies per mirror plane, an exact power-of-two factor.
Readout whole_domain(Readout r) {
  r.compute = [f = std::move(r.compute)](const ReadoutInput& in) {
    return f(in) * mirror_copies(in.params.grid);
  };
  return r;
}

double count_type(const ModelState& s, CellType t) {
  std::size_t k = 0;
  for (CellType c : s.cells.type) k += (c == t) ? 1 : 0;
  return static_cast<double>(k);
}

Readout cell_count(CellType t) {
  return whole_domain({"cells_" + std::string(name_of(t)), "cells",
                       "number of " + std::string(name_of(t)) + " agents",
                       [t](const ModelState& s, const Params&) { return count_type(s, t); }});
}

double injury_voxels(const ModelState& s) {
  return ordered_sum(s.grid.size(),
                     [&](std::size_t i) { return static_cast<double>(s.tissue.injured[i]); });
}

double voxel_mm3(const ModelState& s) {
  return s.grid.voxel_volume_um3() * 1e-9;
}

// Volume (mm³) summed over a tissue layer's fraction.
Readout layer_volume(const std::string& name, TissueLayer l, const std::string& meaning) {
  return whole_domain({name, "mm^3", meaning, [l](const ModelState& s, const Params&) {
                         const float* x = s.tissue.layer(l);
                         return ordered_sum(s.grid.size(),
                                            [&](std::size_t i) { return double(x[i]); }) *
                                voxel_mm3(s);
                       }});
}

// Mean over the lesion (the initial injury) of f(voxel). The lesion's voxels
// are counted once per row (ReadoutInput::injured_voxels) for all nine
// lesion means, instead of once for each; each mean keeps its own sum.
template <class F>
double lesion_mean(const ReadoutInput& in, F&& f) {
  const double nvox = in.injured_voxels();
  if (nvox == 0) return 0.0;
  const ModelState& s = in.state;
  const std::uint8_t* m = s.tissue.injured.data();
  return ordered_sum(s.grid.size(), [&](std::size_t i) { return m[i] ? f(i) : 0.0; }) / nvox;
}

Readout lesion_field(const std::string& field, const std::string& unit) {
  return {"lesion_" + field, unit, "mean " + field + " over the lesion (initial injury)",
          [field](const ReadoutInput& in) {
            const int f = in.state.field_index(field);
            if (f < 0) return 0.0;
            const real* u = in.state.fields[f].values.data();
            return lesion_mean(in, [&](std::size_t i) { return u[i]; });
          }};
}

Readout lesion_layer(const std::string& name, TissueLayer l) {
  return {"lesion_" + name, "1", "mean " + name + " over the lesion (initial injury)",
          [l](const ReadoutInput& in) {
            const float* x = in.state.tissue.layer(l);
            return lesion_mean(in, [&](std::size_t i) { return double(x[i]); });
          }};
}

// MRI (MODEL.md §5): abnormal tissue (muscle integrity below
// readouts.zone_muscle: necrotic, haemorrhagic, granulation, matrix) splits
// into what gadolinium reaches (vessels ≥ readouts.mri_vessels: oedema and
// enhancement) and the avascular rest (the non-enhancing core).
Readout mri_volume(const std::string& name, const std::string& meaning, bool enhancing) {
  return whole_domain({name, "mm^3", meaning, [enhancing](const ModelState& s, const Params& p) {
                         const float* muscle = s.tissue.layer(TissueLayer::Muscle);
                         const float* vessels = s.tissue.layer(TissueLayer::Vessels);
                         const double m_thr = p.readouts.zone_muscle,
                                      v_thr = p.readouts.mri_vessels;
                         return ordered_sum(s.grid.size(),
                                            [&](std::size_t i) {
                                              const bool abnormal = muscle[i] < m_thr;
                                              const bool perfused = vessels[i] >= v_thr;
                                              return abnormal && perfused == enhancing ? 1.0 : 0.0;
                                            }) *
                                voxel_mm3(s);
                       }});
}

// A readout of the ultrasound zones (zones.hpp) of the state.
Readout zone_readout(const std::string& name, const std::string& meaning,
                     double (*pick)(const Zones&)) {
  return {name, "1", meaning, [pick](const ReadoutInput& in) { return pick(in.zones()); }};
}

// Hydroxyapatite crystal density, 3.16 g/cm³ = 3.16 mg/mm³.
constexpr double kHydroxyapatiteMgPerMm3 = 3.16;

}  // namespace

double ReadoutInput::radiograph_patch_contrast() const {
  if (!radiograph_)
    radiograph_ = hosim::radiograph_patch_contrast(project_radiograph(state, params), params);
  return *radiograph_;
}

double ReadoutInput::injured_voxels() const {
  if (!injured_voxels_) injured_voxels_ = injury_voxels(state);
  return *injured_voxels_;
}

const BoneScan& ReadoutInput::scan() const {
  if (!scan_) scan_ = bone_scan(state, params);
  return *scan_;
}

const LesionType& ReadoutInput::lesion_type() const {
  if (!lesion_type_) lesion_type_ = classify_lesion(state, params);
  return *lesion_type_;
}

const Brooker& ReadoutInput::brooker() const {
  if (!brooker_) brooker_ = brooker_grade(state, params);
  return *brooker_;
}

const Zones& ReadoutInput::zones() const {
  if (!zones_) zones_ = classify_zones(radial_profile(state, params), params);
  return *zones_;
}

std::vector<Readout> readout_table() {
  std::vector<Readout> t;
  t.push_back(whole_domain(
      {"cells_total", "cells", "number of cell agents",
       [](const ModelState& s, const Params&) { return static_cast<double>(s.cells.size()); }}));
  for (int k = 1; k < kCellTypeCount; ++k) t.push_back(cell_count(static_cast<CellType>(k)));
  t.push_back(whole_domain(
      {"ho_volume_mm3", "mm^3",
       "heterotopic bone: volume of voxels whose mineral fraction exceeds tissue.ho_threshold",
       [](const ModelState& s, const Params& p) {
         const float* m = s.tissue.layer(TissueLayer::Mineral);
         const double thr = p.tissue.ho_threshold;
         return ordered_sum(s.grid.size(), [&](std::size_t i) { return m[i] >= thr ? 1.0 : 0.0; }) *
                voxel_mm3(s);
       }}));
  t.push_back(layer_volume("mineral_volume_mm3", TissueLayer::Mineral,
                           "volume of mineral (hydroxyapatite-equivalent fraction summed)"));
  t.push_back(whole_domain(
      {"mineral_mass_mg", "mg", "mineral mass at hydroxyapatite density 3.16 mg/mm³",
       [](const ModelState& s, const Params&) {
         const float* m = s.tissue.layer(TissueLayer::Mineral);
         return ordered_sum(s.grid.size(), [&](std::size_t i) { return double(m[i]); }) *
                voxel_mm3(s) * kHydroxyapatiteMgPerMm3;
       }}));
  t.push_back(layer_volume("osteoid_volume_mm3", TissueLayer::Osteoid,
                           "volume of osteoid (mineralised or not)"));
  t.push_back(whole_domain(
      {"mature_bone_mm3", "mm^3",
       "mature (lamellar) bone: volume of heterotopic bone (mineral >= tissue.ho_threshold) whose "
       "maturity reaches readouts.mature_maturity",
       [](const ModelState& s, const Params& p) {
         const float* m = s.tissue.layer(TissueLayer::Mineral);
         const float* mat = s.tissue.layer(TissueLayer::Maturity);
         const double thr = p.tissue.ho_threshold, mature = p.readouts.mature_maturity;
         return ordered_sum(
                    s.grid.size(),
                    [&](std::size_t i) { return m[i] >= thr && mat[i] >= mature ? 1.0 : 0.0; }) *
                voxel_mm3(s);
       }}));
  t.push_back({"ho_maturity", "1",
               "mean maturity (0 woven … 1 lamellar) over the heterotopic bone; 0 without HO",
               [](const ModelState& s, const Params& p) {
                 const float* m = s.tissue.layer(TissueLayer::Mineral);
                 const float* mat = s.tissue.layer(TissueLayer::Maturity);
                 const double thr = p.tissue.ho_threshold;
                 const auto sums =
                     ordered_sums<2>(s.grid.size(), [&](std::array<double, 2>& acc, std::size_t i) {
                       if (m[i] >= thr) {
                         acc[0] += 1.0;
                         acc[1] += mat[i];
                       }
                     });
                 return sums[0] > 0 ? sums[1] / sums[0] : 0.0;
               }});
  t.push_back(
      layer_volume("cartilage_volume_mm3", TissueLayer::Cartilage, "volume of cartilage matrix"));
  t.push_back(
      layer_volume("fibrous_volume_mm3", TissueLayer::Fibrous, "volume of fibrous (scar) matrix"));
  t.push_back(lesion_field("o2", "mmHg"));
  t.push_back({"lesion_ph", "pH", "mean pH over the lesion (from the acid load)",
               [](const ReadoutInput& in) {
                 const int f = in.state.field_index("acid");
                 if (f < 0) return 7.4;
                 const real* u = in.state.fields[f].values.data();
                 const AcidParams& acid = in.params.acid;
                 return lesion_mean(in, [&](std::size_t i) { return ph_of(u[i], acid); });
               }});
  t.push_back(lesion_field("bmp", "nM"));
  t.push_back(lesion_field("noggin", "nM"));
  t.push_back(lesion_field("inflammation", "nM"));
  t.push_back(lesion_field("ros", "1"));
  t.push_back(lesion_layer("vessels", TissueLayer::Vessels));
  t.push_back(lesion_layer("necrosis", TissueLayer::Necrosis));
  t.push_back({"serum_alp", "U/L", "serum alkaline phosphatase (serum compartment, MODEL.md §5)",
               [](const ModelState& s, const Params&) { return s.systemic.serum_alp_U_L; }});
  t.push_back({"serum_alp_uln", "1", "serum ALP as a multiple of the upper normal limit",
               [](const ModelState& s, const Params& p) {
                 return s.systemic.serum_alp_U_L / p.readouts.alp_uln_U_L;
               }});
  t.push_back({"radiograph_contrast", "1",
               "largest mean contrast of the mineral's radiograph (beam along z) over a patch "
               "of readouts.radiograph_patch (radiograph.hpp)",
               [](const ReadoutInput& in) { return in.radiograph_patch_contrast(); }});
  t.push_back({"radiograph_visible", "1",
               "1 when radiograph_contrast reaches readouts.radiograph_contrast (mineral visible "
               "on a radiograph), else 0",
               [](const ReadoutInput& in) {
                 return in.radiograph_patch_contrast() >= in.params.readouts.radiograph_contrast
                            ? 1.0
                            : 0.0;
               }});
  t.push_back(mri_volume("mri_enhancing_mm3",
                         "MRI: volume of abnormal tissue that enhances with gadolinium (oedema and "
                         "enhancement; vessels >= readouts.mri_vessels, muscle < "
                         "readouts.zone_muscle)",
                         true));
  t.push_back(mri_volume("mri_nonenhancing_mm3",
                         "MRI: volume of abnormal tissue without enough vessels to enhance (the "
                         "non-enhancing, avascular core)",
                         false));
  t.push_back({"bone_scan_flow", "1",
               "three-phase bone scan, flow phase: perfusion with hyperaemia, lesion / background "
               "muscle (readouts/bone_scan.hpp)",
               [](const ReadoutInput& in) { return in.scan().flow; }});
  t.push_back({"bone_scan_pool", "1",
               "three-phase bone scan, blood pool: perfusion, hyperaemia and capillary leak of "
               "damaged tissue, lesion / background muscle",
               [](const ReadoutInput& in) { return in.scan().pool; }});
  t.push_back({"bone_scan_delayed", "1",
               "three-phase bone scan, delayed phase: tracer bound at mineralising fronts (local "
               "ALP on unmineralised osteoid) delivered by perfusion, lesion / background muscle",
               [](const ReadoutInput& in) { return in.scan().delayed; }});
  t.push_back({"mineral_in_osteoid", "1",
               "share of the mineral volume lying in osteoid (bone matrix); the rest is "
               "precipitate (lesion_type.hpp)",
               [](const ReadoutInput& in) { return in.lesion_type().mineral_in_osteoid; }});
  t.push_back({"mineral_nodules", "1",
               "separate dense masses (face-connected voxels with mineral >= tissue.ho_threshold) "
               "in the whole symmetric domain",
               [](const ReadoutInput& in) { return in.lesion_type().nodules; }});
  t.push_back({"lesion_type", "1",
               "0 no dense mineral, 1 ossification, 2 calcinosis (mineral_in_osteoid below "
               "readouts.calcinosis_osteoid)",
               [](const ReadoutInput& in) {
                 return static_cast<double>(static_cast<int>(in.lesion_type().kind));
               }});
  t.push_back({"brooker_grade", "1",
               "Brooker grade of HO about the hip from the AP radiograph: 0 none, 1 islands, 2 "
               "spurs leaving >= readouts.brooker_gap, 3 less, 4 bridging; -1 without both "
               "host bones (brooker.hpp)",
               [](const ReadoutInput& in) { return static_cast<double>(in.brooker().grade); }});
  t.push_back({"brooker_gap_mm", "mm",
               "least gap between pelvis and femur with the heterotopic bone grown onto them "
               "(0 bridged; -1 without both host bones)",
               [](const ReadoutInput& in) { return in.brooker().gap_mm; }});
  t.push_back(zone_readout(
      "zone_phenomenon",
      "1 when the radial profile shows all four ultrasound zones in order (cellular core, "
      "mineralised ring, lucent gap, normal muscle), else 0 (zones.hpp)",
      [](const Zones& z) { return z.phenomenon() ? 1.0 : 0.0; }));
  t.push_back(zone_readout("zone_core",
                           "1 when a cellular, unmineralised core lies inside the ring",
                           [](const Zones& z) { return z.core ? 1.0 : 0.0; }));
  t.push_back(zone_readout("zone_gap",
                           "1 when a lucent gap lies between the ring and normal muscle",
                           [](const Zones& z) { return z.gap ? 1.0 : 0.0; }));
  t.push_back(zone_readout("zone_ring_inner",
                           "inner radius of the mineralised ring / injury radius (-1: no ring)",
                           [](const Zones& z) { return z.ring_inner; }));
  t.push_back(zone_readout("zone_ring_outer",
                           "outer radius of the mineralised ring / injury radius (-1: no ring)",
                           [](const Zones& z) { return z.ring_outer; }));
  t.push_back(
      zone_readout("zone_muscle_inner",
                   "radius / injury radius where normal muscle begins outside the ring (-1: none)",
                   [](const Zones& z) { return z.muscle_inner; }));
  return t;
}

}  // namespace hosim
