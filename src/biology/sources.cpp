#include "biology/sources.hpp"

#include <cmath>

namespace hosim {

void compute_sources(const ModelState& s, const Params& p, double t_s,
                     std::vector<FieldSources>& out) {
  const std::size_t n = s.grid.size();
  out.resize(s.fields.size());
  for (auto& fs : out) {
    if (fs.source.size() != n) fs.source.resize(n, 0.0);
    if (fs.uptake.size() != n) fs.uptake.resize(n, 0.0);
  }
  const int factor = s.field_index("factor");
  if (factor < 0) return;
  double* src = out[factor].source.data();
  double* upt = out[factor].uptake.data();
  // Injured tissue keeps releasing factor, decaying with tau after injury.
  const double release =
      p.injury.factor_release_nM_s * std::exp(-t_s / p.injury.factor_release_tau_s);
  const std::uint8_t* injured = s.tissue.injured.data();
  const auto ni = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < ni; ++i) {
    src[i] = injured[i] ? release : 0.0;
    upt[i] = 0.0;
  }
  // Cells: committed cells secrete, progenitors take factor up by receptors.
  const auto nc = static_cast<std::int64_t>(s.cells.size());
  const double secretion = p.cells.committed.factor_secretion_nM_s;
  const double uptake = p.cells.mpc.factor_uptake_per_s;
#pragma omp parallel for schedule(static)
  for (std::int64_t c = 0; c < nc; ++c) {
    const std::uint32_t v = s.cells.voxel[c];
    switch (s.cells.type[c]) {
      case CellType::Osteoblast:
        src[v] += secretion;
        break;
      case CellType::Mpc:
        upt[v] = uptake;
        break;
      default:
        break;
    }
  }
}

}  // namespace hosim
