#pragma once
// A progenitor's memory of hypoxia (cells.mpc.hypoxic_priming, experiments/
// ODD.md §7.3). The osteoblast route of the permissive environment opens to
// progenitors that have lived through the injury's hypoxia, not to cells of
// tissue that stayed perfused: trauma-induced HO needs HIF-1α in its
// mesenchymal lineage (Agarwal 2016, PNAS 113:E338), and hypoxia prolongs
// the BMP signal of progenitors (Wang 2016, J Bone Miner Res 31:1652).
//
// The memory m [s] is the time spent at full HIF activity, fading:
//     dm/dt = h − m / τ,   τ = cells.mpc.priming_memory,
// with h = H = HIF(PO2), or h = H + (1 − H)·g·S_R when ROS stabilise HIF-1α
// (ros.hif_gain g > 0, S_R the saturating ROS). A cell held at activity h
// tends to h·τ: normal muscle (40 mmHg, HIF 0.03) holds about 0.2 day with
// τ = 7 days, an injured core at 14 mmHg (HIF 0.45) about 3 days.
#include <cstdint>

#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

// Advance every cell's memory by one step of dt with the PO2 of its voxel at
// the start of the step (exact for a PO2 held over the step). Parallel over
// cells; each cell's update is its own, so results do not depend on the
// thread count. Does nothing when the model has no oxygen field or
// cells.mpc.hypoxic_priming is 0 (the memory then stays 0).
void update_hif_memory(ModelState& s, const Params& p, double dt_s);

// Whether a progenitor with this memory may take the osteoblast route.
[[nodiscard]] inline bool primed(float memory_s, const ProgenitorParams& m) {
  return m.hypoxic_priming_s == 0 || static_cast<double>(memory_s) >= m.hypoxic_priming_s;
}

// Whether voxel v lies within cells.mpc.periosteal_reach of host cortical
// bone (a box of whole voxels around it). Progenitors there are the
// periosteum's osteoprogenitors, which bone beside the lesion recruits
// without the injury's hypoxia; the osteoblast route is open to them
// unprimed. Only called for a committing, unprimed progenitor, so the box
// scan costs nothing in the hot loop.
[[nodiscard]] bool periosteal(const ModelState& s, std::uint32_t v, const ProgenitorParams& m);

}  // namespace hosim
