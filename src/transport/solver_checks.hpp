#pragma once
// Argument checks shared by the transport solvers. Each throws
// std::invalid_argument with a message that starts with `who` (the solver's
// name), says what is wrong and what is allowed.
#include <cstddef>

#include "core/grid.hpp"
#include "transport/lod_solver.hpp"  // DiffusionSpec

namespace hosim::lod {

void check_grid(const char* who, const Grid& g);
// D ≥ 0, λ ≥ 0, finite; a finite Dirichlet value.
void check_spec(const char* who, const DiffusionSpec& s);
void check_time_step(const char* who, double dt_s);
// A per-voxel array of `size` values for a grid of `expected`; an optional
// one may also be empty.
void check_span(const char* who, const char* what, std::size_t size, std::size_t expected,
                bool optional);

}  // namespace hosim::lod
