#pragma once
// A small lattice with every tissue layer allocated and the model's fields
// at chosen uniform values, for rule tests.
#include <string>
#include <utility>
#include <vector>

#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim::test {

inline ModelState lattice(const Params& p, int nx, int ny, int nz,
                          const std::vector<std::pair<std::string, double>>& fields) {
  ModelState s;
  s.grid.nx = nx;
  s.grid.ny = ny;
  s.grid.nz = nz;
  s.grid.dx_um = p.grid.voxel_um;
  s.seed = p.run.seed;
  const std::size_t n = s.grid.size();
  s.occupancy.resize(n, -1);
  s.tissue.anatomy.resize(n, 0);
  s.tissue.injured.resize(n, 0);
  for (auto& l : s.tissue.layers) l.resize(n, 0.0f);
  for (const auto& [name, value] : fields) s.fields.emplace_back(name, "", s.grid, value);
  return s;
}

// Every field of the model at its configured initial value, for lattice().
inline std::vector<std::pair<std::string, double>> initial_fields(const Params& p) {
  std::vector<std::pair<std::string, double>> fields;
  for (const auto& f : p.transport.fields) fields.emplace_back(f.name, f.initial);
  return fields;
}

inline std::size_t add_cell(ModelState& s, CellType t, int x, int y, int z, double state_age = 0) {
  const auto v = static_cast<std::uint32_t>(s.grid.index(x, y, z));
  s.cells.push(s.next_cell_id++, t, v, 0.0, state_age);
  s.occupancy[v] = static_cast<std::int32_t>(s.cells.size() - 1);
  return s.cells.size() - 1;
}

// Every voxel of tissue layer `l` set to v.
inline void fill(ModelState& s, TissueLayer l, float v) {
  float* x = s.tissue.layer(l);
  for (std::size_t i = 0; i < s.grid.size(); ++i) x[i] = v;
}

// Acid load giving pH `ph` with the parameters' buffer.
inline double acid_for_ph(const Params& p, double ph) {
  return p.acid.reference_mM - (ph - 7.4) * p.acid.buffer_mM;
}

}  // namespace hosim::test
