#include "readouts/readouts.hpp"

#include <array>

#include "model/cell_types.hpp"

namespace hosim {

namespace {

double count_type(const ModelState& s, CellType t) {
  std::size_t k = 0;
  for (CellType c : s.cells.type) k += (c == t) ? 1 : 0;
  return static_cast<double>(k);
}

Readout cell_count(CellType t) {
  return {"cells_" + std::string(name_of(t)), "cells",
          "number of " + std::string(name_of(t)) + " agents",
          [t](const ModelState& s, const Params&) { return count_type(s, t); }};
}

double injury_voxels(const ModelState& s) {
  return ordered_sum(s.grid.size(),
                     [&](std::size_t i) { return static_cast<double>(s.tissue.injured[i]); });
}

}  // namespace

std::vector<Readout> readout_table() {
  std::vector<Readout> t;
  t.push_back(
      {"cells_total", "cells", "number of cell agents",
       [](const ModelState& s, const Params&) { return static_cast<double>(s.cells.size()); }});
  for (int k = 1; k < kCellTypeCount; ++k) t.push_back(cell_count(static_cast<CellType>(k)));
  t.push_back({"factor_amount", "amol", "total inducing factor in the domain",
               [](const ModelState& s, const Params&) {
                 const int f = s.field_index("factor");
                 if (f < 0) return 0.0;
                 const real* u = s.fields[f].values.data();
                 // 1 nM × 1 µm³ = 1e-24 mol = 1e-6 amol
                 return ordered_sum(s.grid.size(), [&](std::size_t i) { return u[i]; }) *
                        s.grid.voxel_volume_um3() * 1e-6;
               }});
  t.push_back(
      {"factor_mean_injury", "nM", "mean inducing factor over the injured voxels",
       [](const ModelState& s, const Params&) {
         const int f = s.field_index("factor");
         const double nvox = injury_voxels(s);
         if (f < 0 || nvox == 0) return 0.0;
         const real* u = s.fields[f].values.data();
         const std::uint8_t* m = s.tissue.injured.data();
         return ordered_sum(s.grid.size(), [&](std::size_t i) { return m[i] ? u[i] : 0.0; }) / nvox;
       }});
  t.push_back({"committed_fraction", "1",
               "osteoblasts / (osteoblasts + progenitors): how far commitment has gone",
               [](const ModelState& s, const Params&) {
                 const double ob = count_type(s, CellType::Osteoblast);
                 const double mpc = count_type(s, CellType::Mpc);
                 return ob + mpc > 0 ? ob / (ob + mpc) : 0.0;
               }});
  return t;
}

}  // namespace hosim
