#pragma once
// Running one point of a sweep in this process (`hosim sweep --point I`, and
// each point an MPI rank takes). A finished point is skipped, a checkpointed
// one resumed, anything else run afresh; a failure is recorded in the point's
// failure.json before the error propagates.
#include <cstdint>
#include <string>

#include "sweep/run_job.hpp"
#include "sweep/sweep.hpp"

namespace hosim {

// Returns the exit code (0 finished or already finished, 99 stopped with a
// checkpoint) or throws hosim::Error after recording it.
int run_point(const Sweep& sweep, std::int64_t index, const std::string& sweepdir,
              const JobOptions& opt);

// "the sweep has N points (0..N-1)" error unless 0 <= index < N.
void check_point_index(const Sweep& sweep, std::int64_t index);

}  // namespace hosim
