#include "transport/solver_checks.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace hosim::lod {
namespace {

[[noreturn]] void reject(const char* who, const std::string& what, double value,
                         const std::string& rule) {
  std::ostringstream msg;
  msg.precision(17);
  msg << who << ": " << what << " = " << value << " is invalid; it must be " << rule;
  throw std::invalid_argument(msg.str());
}

}  // namespace

void check_grid(const char* who, const Grid& g) {
  if (g.nx < 1) reject(who, "grid nx", g.nx, ">= 1");
  if (g.ny < 1) reject(who, "grid ny", g.ny, ">= 1");
  if (g.nz < 1) reject(who, "grid nz", g.nz, ">= 1");
  if (!(g.dx_um > 0) || !std::isfinite(g.dx_um))
    reject(who, "grid dx [um]", g.dx_um, "finite and > 0");
}

// !(x >= 0) also rejects NaN.
void check_spec(const char* who, const DiffusionSpec& s) {
  if (!(s.diffusion_um2_s >= 0) || !std::isfinite(s.diffusion_um2_s))
    reject(who, "diffusion coefficient D [um^2/s]", s.diffusion_um2_s, "finite and >= 0");
  if (!(s.decay_per_s >= 0) || !std::isfinite(s.decay_per_s))
    reject(who, "decay rate lambda [1/s]", s.decay_per_s, "finite and >= 0");
  if (s.boundary == FaceBoundary::Dirichlet && !std::isfinite(s.boundary_value))
    reject(who, "Dirichlet boundary value", s.boundary_value, "finite");
}

void check_time_step(const char* who, double dt_s) {
  if (!(dt_s > 0) || !std::isfinite(dt_s)) reject(who, "time step dt [s]", dt_s, "finite and > 0");
}

void check_span(const char* who, const char* what, std::size_t size, std::size_t expected,
                bool optional) {
  if (size == expected || (optional && size == 0)) return;
  std::ostringstream msg;
  msg << who << ": " << what << " has " << size << " values, the grid has " << expected
      << (optional ? " (or pass an empty span for none)" : "");
  throw std::invalid_argument(msg.str());
}

}  // namespace hosim::lod
