// The MPI runner of a build without OpenMPI (HOSIM_MPI=OFF or no libopenmpi-dev).
#include "core/errors.hpp"
#include "sweep/mpi_runner.hpp"

namespace hosim {

bool mpi_available() {
  return false;
}

int run_sweep_mpi(const Sweep& /*sweep*/, const MpiOptions& /*opt*/) {
  throw ConfigError(
      "hosim sweep --mpi: this hosim was built without MPI (install libopenmpi-dev and "
      "configure with -DHOSIM_MPI=ON); use --all or a Slurm job array with --point env");
}

}  // namespace hosim
