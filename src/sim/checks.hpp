#pragma once
#include "model/state.hpp"

namespace hosim {

// Throws NumericalError (exit 4) naming the field, the voxel (x, y, z), the
// step and the value when a field holds a NaN/inf or a value below
// -tolerance. The first offending voxel in index order is reported, whatever
// the thread count.
void check_fields(const ModelState& s, double negative_tolerance);

}  // namespace hosim
