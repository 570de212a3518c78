#pragma once
// Per-voxel tissue kinetics after transport (MODEL.md §3.1, 3.3, 3.6, 3.7):
// necrosis clearance by macrophages, haematoma resorption, vessel regrowth,
// matrix laid by cells, osteoid mineralisation with lag, ALP, pH and
// phosphate dependence, maturation, and the serum ALP compartment.
#include "config/params.hpp"
#include "core/aligned_buffer.hpp"
#include "model/state.hpp"

namespace hosim {

// Advance the tissue layers and the serum compartment by dt. `scratch` holds
// the new vessel density (double-buffered: neighbours are read old). The ALP
// layer is refreshed first in each voxel: osteoblasts in the voxel (weight 1)
// and its face neighbours (weight 1/neighbours), hypertrophic chondrocytes at
// tissue.hypertrophic_alp of that, times the pH factor of ALP.
void tissue_step(ModelState& s, const Params& p, double dt_s, AlignedBuffer<float>& scratch);

}  // namespace hosim
