#pragma once
// Subnormal numbers flushed to zero on every thread that runs the model.
//
// Why: the implicit diffusion of a fast-decaying field (ROS, λ·dt ≫ 1)
// leaves tails that shrink geometrically with distance from the sources and
// reach the subnormal range (< 2.2e-308) a few hundred voxels out. x86 cores
// take a slow microcode path for every subnormal operand or result; late in
// the default 60-day run that made the transport sweeps of the cell-borne
// fields several times slower than early on. Values below 1e-307 of any
// field are biologically zero, so the model runs with FTZ (results that would
// be subnormal become 0) and DAZ (subnormal inputs read as 0), as code
// built with -ffast-math does from its start-up. All threads get the same
// mode, so results stay identical for any thread count.
namespace hosim {

// Sets FTZ and DAZ on the calling thread and on each thread of an OpenMP
// team of omp_get_max_threads() threads (the pool the model's loops reuse).
// On CPUs without these controls it does nothing.
void flush_subnormals_to_zero();

}  // namespace hosim
