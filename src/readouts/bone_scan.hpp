#pragma once
// The three-phase bone scan (MODEL.md §5), each phase as the ratio of its
// mean over the lesion (the initial injury) to its mean over normal
// background muscle (outside the injury, normalised radius ρ ≥ 2, the far
// field of analysis/ho_course.py; all non-injured voxels if the domain has
// none that far):
//
//   flow     perfusion with hyperaemia:   F = v (1 + h sI)
//   pool     blood pool, adding the capillary leak (oedema) of damaged,
//            perfused tissue:              P = F + k v (1 − m)
//   delayed  tracer bound where mineral is being laid down, delivered by
//            perfusion:                    D = v (b + sA [osteoid > mineral])
//
// v vascular density, m muscle integrity, sI = I / (I + inflammation.half_max)
// the saturating inflammatory signal (PGE2 and other mediators dilate
// vessels), sA = a / (a + tissue.alp_half) the saturating local ALP activity
// (the activity that mineralises osteoid), h = readouts.scan_hyperaemia,
// k = readouts.scan_leak, b = readouts.scan_background (soft-tissue
// retention of the tracer). The hyperaemia is a readout model: the oxygen
// supply of the biology does not include it (experiments/ODD.md §4.9).
#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

struct BoneScan {
  double flow = 0, pool = 0, delayed = 0;  // lesion / background; NaN without background
};

[[nodiscard]] BoneScan bone_scan(const ModelState& s, const Params& p);

}  // namespace hosim
