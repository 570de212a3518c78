#pragma once
// `mpirun -np N hosim sweep SWEEP.yaml --mpi`: the points of a sweep spread
// over MPI ranks with dynamic assignment. Rank 0's main thread hands out
// point indices (polling, so it costs little CPU) while a second thread of
// rank 0 runs points like every other rank; no rank ever waits for another's
// point to finish. Only rank 0's main thread calls MPI (MPI_THREAD_FUNNELED).
// A failed point is recorded (failure.json) and the rest continue; a crash
// of a rank ends the job (mpirun's rule), and re-running the sweep resumes it.
// Built when OpenMPI is found (CMake option HOSIM_MPI).
#include <atomic>
#include <string>

#include "sweep/sweep.hpp"

namespace hosim {

struct MpiOptions {
  std::string sweepdir;
  int threads = 1;  // OpenMP threads per rank
  bool quiet = false;
  std::string command_line;
  const std::atomic<bool>* stop = nullptr;
};

[[nodiscard]] bool mpi_available();

// Every rank calls this; all return the same exit code: 0 when every point
// finished, 99 when stopped by a signal, else the first failed point's code.
int run_sweep_mpi(const Sweep& sweep, const MpiOptions& opt);

}  // namespace hosim
