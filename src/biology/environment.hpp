#pragma once
// Local responses of cells and tissue to the fields: the few functional forms
// every rule shares, in one place (experiments/ODD.md §Submodels).
#include <algorithm>
#include <cmath>

#include "config/params.hpp"
#include "model/acid_ph.hpp"
#include "model/state.hpp"

namespace hosim {

// Indices of the model's fields in ModelState::fields (-1 when absent).
struct FieldIndex {
  int o2 = -1, acid = -1, bmp = -1, noggin = -1, inflammation = -1, ros = -1, phosphate = -1;
  static FieldIndex of(const ModelState& s) {
    return {s.field_index("o2"),       s.field_index("acid"),         s.field_index("bmp"),
            s.field_index("noggin"),   s.field_index("inflammation"), s.field_index("ros"),
            s.field_index("phosphate")};
  }
};

// HIF-1α activity 0–1: a Hill function of PO2 (n = 3), half-maximal at
// oxygen.hif_half (11–15 mmHg, MODEL.md §2).
[[nodiscard]] inline double hif(double po2, const OxygenParams& o) {
  const double q = std::max(po2, 0.0) / o.hif_half_mmHg;
  return 1.0 / (1.0 + q * q * q);
}

// What is left of a process whose `share` runs through COX-2, with
// inflammation.cox2_activity and an NSAID's effects.cox2 acting on that
// share: 1 − share·(1 − activity·cox2), exactly 1 untreated. The necrosis
// signal (inflammation.necrosis_cox2_share) and progenitor commitment
// (inflammation.progenitor_cox2_share) both take it.
[[nodiscard]] inline double cox2_share_left(double share, const InflammationParams& inf,
                                            const TreatmentEffects& fx) {
  return 1.0 - share * (1.0 - inf.cox2_activity * fx.cox2);
}

// Saturating signal c/(c + K).
[[nodiscard]] inline double saturating(double c, double k) {
  const double cc = std::max(c, 0.0);
  return cc / (cc + k);
}

// ALP activity relative to its optimum: highest near pH 7.4, about 8× lower
// at 6.9 (MODEL.md §3.6).
[[nodiscard]] inline double alp_ph_factor(double ph, const TissueParams& t) {
  const double q = (ph - 7.4) / t.alp_ph_width;
  return std::exp(-q * q);
}

// Share of the committing, non-hypoxic progenitors that the milieu lets
// become osteoblasts: the pH share (a logistic step at cells.mpc.alkaline_ph
// of width cells.mpc.alkaline_width, or the sharp threshold when the width
// is 0) times 1 − c + c·v, v the local vessel density and
// c = cells.mpc.osteoblast_vessels (bone forms beside vessels; 0 ignores
// them).
[[nodiscard]] inline double osteoblast_share(double ph, double vessels, const ProgenitorParams& m) {
  const double by_ph = m.alkaline_width == 0
                           ? (ph >= m.alkaline_ph ? 1.0 : 0.0)
                           : 1.0 / (1.0 + std::exp(-(ph - m.alkaline_ph) / m.alkaline_width));
  return by_ph * (1.0 - m.osteoblast_vessels + m.osteoblast_vessels * vessels);
}

// Mineral growth vs pH: abolished at tissue.mineral_ph_zero (6.9), full at 7.4.
[[nodiscard]] inline double mineral_ph_factor(double ph, const TissueParams& t) {
  const double f = (ph - t.mineral_ph_zero) / (7.4 - t.mineral_ph_zero);
  return std::clamp(f, 0.0, 1.0);
}

// A voxel cells cannot move or divide into: host bone, outside the body, or
// mineralised matrix. Both tests are always made (`|`, no branch), so scans
// over many voxels (recruitment) stay branch-free. The test on a voxel's
// anatomy label and mineral fraction, for loops that hold the arrays
// themselves (recruitment's vectorised scan).
[[nodiscard]] inline bool closed_voxel_of(std::uint8_t anatomy, float mineral,
                                          const TissueParams& t) {
  return (anatomy != static_cast<std::uint8_t>(Anatomy::Muscle)) | (mineral >= t.bone_block);
}
[[nodiscard]] inline bool closed_voxel(const ModelState& s, std::size_t v, const TissueParams& t) {
  return closed_voxel_of(s.tissue.anatomy[v], s.tissue.layer(TissueLayer::Mineral)[v], t);
}

}  // namespace hosim
