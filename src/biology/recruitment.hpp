#pragma once
// Cells entering the tissue from perfused vessels (MODEL.md §3.2):
// neutrophils early, then monocytes/macrophages (as M1), into empty open
// voxels with enough vascular density, at a rate rising with the local
// inflammatory signal. Each voxel decides from its own random stream; new
// cells are appended in voxel order, so ids do not depend on thread count.
#include <cstdint>
#include <span>

#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

struct RecruitmentCounts {
  std::uint64_t neutrophils = 0;
  std::uint64_t macrophages = 0;
};

// `scratch` is per-voxel work memory lent by the caller (at least one byte
// per voxel, any content).
RecruitmentCounts recruit(ModelState& s, const Params& p, double dt_s,
                          std::span<std::uint8_t> scratch);

}  // namespace hosim
