#pragma once
// Per-voxel tissue kinetics after transport (MODEL.md §3.1, 3.3, 3.6, 3.7):
// necrosis clearance by macrophages, haematoma resorption, vessel regrowth,
// matrix laid by cells, osteoid mineralisation with lag, ALP, pH and
// phosphate dependence, maturation, and the serum ALP compartment.
#include <cstdint>
#include <span>

#include "config/params.hpp"
#include "core/aligned_buffer.hpp"
#include "model/state.hpp"

namespace hosim {

// Work arrays of tissue_step, kept between steps to avoid reallocation.
// Per-voxel work memory lent by the caller (core/reused_storage.hpp), one
// element per voxel each; nothing in it is kept from one call to the next.
struct TissueScratch {
  std::span<float> vessels;      // the new vessel density (neighbours read the old)
  std::span<std::uint8_t> near;  // per voxel: which ALP/clearing cell it holds
};

// Advance the tissue layers and the serum compartment by dt. The ALP
// layer is refreshed first in each voxel: osteoblasts in the voxel (weight 1)
// and its face neighbours (weight 1/neighbours), hypertrophic chondrocytes at
// tissue.hypertrophic_alp of that, times the pH factor of ALP.
void tissue_step(ModelState& s, const Params& p, double dt_s, TissueScratch& scratch);

}  // namespace hosim
