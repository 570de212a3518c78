#include "transport/lod_solver.hpp"

#include "transport/lod_sweeps.hpp"
#include "transport/solver_checks.hpp"

namespace hosim {
namespace {
constexpr const char* kWho = "LodSolver";
}  // namespace

LodSolver::LodSolver(const Grid& grid, const DiffusionSpec& spec, double dt_s)
    : grid_(grid), spec_(spec), dt_(dt_s) {
  lod::check_grid(kWho, grid);
  lod::check_spec(kWho, spec);
  lod::check_time_step(kWho, dt_s);
  const double r = spec.diffusion_um2_s * dt_s / (grid.dx_um * grid.dx_um);
  fx_ = factor(grid.nx, r, spec);
  fy_ = factor(grid.ny, r, spec);
  fz_ = factor(grid.nz, r, spec);
}

LodSolver::LineFactors LodSolver::factor(int n, double r, const DiffusionSpec& spec) {
  return lod::factor_axis(n, r, spec.boundary, spec.boundary_value);
}

void LodSolver::step(std::span<double> u, std::span<const double> source,
                     std::span<const double> uptake) const {
  const std::size_t n = grid_.size();
  lod::check_span(kWho, "u", u.size(), n, false);
  lod::check_span(kWho, "source", source.size(), n, true);
  lod::check_span(kWho, "uptake", uptake.size(), n, true);
  const auto reaction =
      lod::Reaction::make(spec_.decay_per_s, dt_, source.empty() ? nullptr : source.data(),
                          uptake.empty() ? nullptr : uptake.data());
  // The reaction step rides on the x sweep's forward pass (one memory pass less).
  lod::sweep_xyz(u.data(), grid_, fx_, fy_, fz_, reaction);
}

void LodSolver::diffuse(std::span<double> u) const {
  lod::check_span(kWho, "u", u.size(), grid_.size(), false);
  lod::sweep_xyz(u.data(), grid_, fx_, fy_, fz_);
}

}  // namespace hosim
