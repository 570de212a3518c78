#pragma once
// What scheduled interventions (src/interventions) change in the biology,
// and the record of what they did. The effects are recomputed at the start
// of every step from the schedule and the clock, so they hold no state a
// checkpoint would need; the event log is state (it feeds the cumulative
// time series and the /interventions table) and is checkpointed.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hosim {

// Where a treatment acts: the whole domain, or an ellipsoid with this centre
// (fraction of the domain) and semi-axes [µm] (a 2D slice cuts it through
// its centre).
struct EffectRegion {
  bool whole = true;
  std::array<double, 3> centre_frac{0.5, 0.5, 0.5};
  std::array<double, 3> radii_um{0, 0, 0};
};

// Multipliers and extra terms the biology reads; the neutral value of each
// leaves the untreated model unchanged (MODEL.md §4).
struct TreatmentEffects {
  double cox2 = 1;                     // × COX-2 production of the inflammatory signal (NSAID)
  double mineral_growth = 1;           // × ACP → hydroxyapatite conversion (etidronate)
  double chondrogenic_commitment = 1;  // × commitment to cartilage (palovarotene)
  double progenitor_division = 1;      // × progenitor division rate (palovarotene)
  double ros_production = 1;           // × ROS production, every source (N-acetylcysteine)
  double xanthine_oxidase = 1;         // × ROS made by reperfusion (allopurinol)
  double perfusion = 1;                // × vascular O2 supply and acid clearance (PEMF)
  double inflammation_clearance_per_s = 0;  // extra removal of inflammatory signal at full
                                            // vascular density [1/s] (PEMF)
  double vessel_growth = 1;                 // × vascular regrowth (radiation option)
  double noggin_plasma_nM = 0;              // systemic Noggin in plasma [nM]
  double noggin_exchange_per_s = 0;         // plasma–tissue Noggin exchange at full vessels [1/s]
  // Progenitors in these regions do not divide this step: the lag before
  // the survivors of a radiation fraction repopulate (empty: no arrest).
  std::vector<EffectRegion> division_arrest;
};

// One thing an intervention did, in the order it happened.
struct InterventionEvent {
  std::int64_t step = 0;  // the step during which it acted (0 = the first)
  double time_s = 0;      // simulated time at the start of that step
  std::int32_t hook = 0;  // index of the intervention in the schedule
  std::string action;     // e.g. "fraction", "cells_killed", "excised_volume"
  double amount = 0;
  std::string unit;  // unit of amount
};

}  // namespace hosim
