#include "model/scenario.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/errors.hpp"
#include "core/rng.hpp"

namespace hosim {

std::size_t estimated_bytes_per_voxel(const Params& p) {
  const std::size_t nfields = p.transport.fields.size();
  // Each field's values, and one source and one uptake buffer (float64)
  // shared by the fields, which are transported one after the other.
  std::size_t bytes = nfields * sizeof(real) + 2 * sizeof(double);
  // The quasi-steady solver's correction and residual.
  for (const auto& f : p.transport.fields)
    if (f.solver == FieldSolver::QuasiSteady) bytes += 2 * sizeof(double);
  bytes += 2 * sizeof(std::uint8_t);                  // tissue labels
  bytes += kTissueLayerCount * sizeof(float);         // tissue layers
  bytes += sizeof(float) + 2 * sizeof(std::uint8_t);  // tissue and recruitment scratch
  bytes += sizeof(std::int32_t);                      // occupancy
  bytes += sizeof(std::uint64_t);                     // claim lattice of the cell engine
  // Cell arrays at full occupancy, twice (the voxel-order renumbering copies
  // them), plus one proposal per cell.
  bytes += 2 * CellStore::kBytesPerCell + 16;
  return bytes;
}

void check_memory(const Params& p) {
  const auto& g = p.grid;
  const double voxels = static_cast<double>(g.nx) * g.ny * g.nz;
  const double need = voxels * static_cast<double>(estimated_bytes_per_voxel(p));
  const double phys =
      static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
  // Flat indices are 32-bit in the cell arrays.
  if (voxels >= 4.0e9) {
    throw ConfigError("grid.nx × grid.ny × grid.nz = " + std::to_string(g.nx) + " × " +
                      std::to_string(g.ny) + " × " + std::to_string(g.nz) +
                      " voxels exceeds the 4e9 voxels one run can index");
  }
  if (phys > 0 && need > 0.8 * phys) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "grid.nx × grid.ny × grid.nz = %d × %d × %d = %.3g voxels needs about %.1f GiB "
                  "of state, more than 80%% of this machine's %.1f GiB of memory; use a smaller "
                  "grid or a larger voxel",
                  g.nx, g.ny, g.nz, voxels, need / (1 << 30), phys / (1 << 30));
    throw ConfigError(buf);
  }
}

void wound_voxel(ModelState& s, const Params& p, std::size_t i, const Wound& w, RandomStream& rs) {
  // Host bone is not muscle: a contusion or a surgical wound in it is out of
  // the model's scope (MODEL.md §3.1 injures muscle).
  if (s.tissue.anatomy[i] != static_cast<std::uint8_t>(Anatomy::Muscle)) return;
  float* muscle = s.tissue.layer(TissueLayer::Muscle);
  float* necrosis = s.tissue.layer(TissueLayer::Necrosis);
  float* haem = s.tissue.layer(TissueLayer::Haemorrhage);
  float* vessels = s.tissue.layer(TissueLayer::Vessels);
  // Dead, bleeding, devascularised muscle, acidic and loaded with BMP and
  // inflammatory signal released from the damaged tissue (MODEL.md §3.1).
  muscle[i] = std::min(muscle[i], static_cast<float>(1.0 - w.necrosis));
  necrosis[i] = std::max(necrosis[i], static_cast<float>(w.necrosis));
  haem[i] = std::max(haem[i], static_cast<float>(w.haemorrhage));
  vessels[i] = std::min(vessels[i], static_cast<float>(1.0 - p.injury.vessel_damage * w.vessels));
  const int acid = s.field_index("acid");
  const int bmp = s.field_index("bmp");
  const int inf = s.field_index("inflammation");
  if (acid >= 0) s.fields[acid].values[i] += p.acid.injury_load_mM * w.necrosis;
  if (inf >= 0)
    s.fields[inf].values[i] += p.inflammation.injury_burst_nM * p.risk.inflammation * w.necrosis;
  if (bmp >= 0)
    s.fields[bmp].values[i] += p.bmp.injury_burst_nM * p.risk.bmp_expression * w.necrosis;
  // Progenitors delivered by the haemorrhage, into an empty voxel.
  const double density = p.risk.mobilisation * p.recruitment.mpc_haemorrhage * haem[i];
  if (rs.uniform() < density && s.occupancy[i] < 0) {
    // A spread of cycle ages, so the population does not divide in step.
    const double age = rs.uniform() * p.cells.mpc.doubling_time_s;
    s.occupancy[i] = static_cast<std::int32_t>(s.cells.size());
    s.cells.push(s.next_cell_id++, CellType::Mpc, static_cast<std::uint32_t>(i), age, 0.0);
  }
}

bool in_ellipsoid(const Grid& g, const std::array<double, 3>& centre_frac,
                  const std::array<double, 3>& radii_um, int x, int y, int z) {
  const auto c = g.centre_um(x, y, z);
  double r2 = 0;
  const int dims = g.nz > 1 ? 3 : 2;  // a 2D slice cuts the ellipsoid through its centre
  const std::array<int, 3> n{g.nx, g.ny, g.nz};
  for (int d = 0; d < dims; ++d) {
    const double centre = g.origin_um[d] + centre_frac[d] * n[d] * g.dx_um;
    const double q = (c[d] - centre) / radii_um[d];
    r2 += q * q;
  }
  return r2 <= 1.0;
}

bool in_injury(const Grid& g, const InjuryParams& inj, int x, int y, int z) {
  return in_ellipsoid(g, inj.centre_frac, inj.radii_um, x, y, z);
}

bool in_region(const Grid& g, const EffectRegion& r, std::size_t i) {
  if (r.whole) return true;
  const auto c = g.coords(i);
  return in_ellipsoid(g, r.centre_frac, r.radii_um, c[0], c[1], c[2]);
}

bool in_host_bone(const Grid& g, const HostBonesParams& b, int x, int y, int z) {
  const auto in = [&](const HostBoneParams& bone) {
    return bone.present() && in_ellipsoid(g, bone.centre_frac, bone.radii_um, x, y, z);
  };
  return in(b.pelvis) || in(b.femur);
}

Grid make_grid(const Params& p) {
  Grid g;
  g.nx = p.grid.nx;
  g.ny = p.grid.ny;
  g.nz = p.grid.nz;
  g.dx_um = p.grid.voxel_um;
  g.origin_um = p.grid.origin_um;
  return g;
}

ModelState build_state(const Params& p) {
  check_memory(p);
  ModelState s;
  s.grid = make_grid(p);
  s.seed = p.run.seed;
  const Grid& g = s.grid;
  const std::size_t n = g.size();

  for (const auto& f : p.transport.fields) s.fields.emplace_back(f.name, f.unit, g, f.initial);
  s.tissue.anatomy.resize(n, static_cast<std::uint8_t>(Anatomy::Muscle));
  s.tissue.injured.resize(n, 0);
  for (auto& layer : s.tissue.layers) layer.resize(n, 0.0f);
  s.occupancy.resize(n, -1);
  s.systemic.serum_alp_U_L = p.readouts.alp_baseline_U_L;

  float* muscle = s.tissue.layer(TissueLayer::Muscle);
  std::fill(muscle, muscle + n, 1.0f);
  s.tissue.layers[static_cast<int>(TissueLayer::Vessels)].fill(1.0f);

  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, z);
        // Host bone (the hip's pelvis and femur): cortical bone, perfused, no
        // resident progenitors, never part of the lesion.
        if (in_host_bone(g, p.host_bone, x, y, z)) {
          s.tissue.anatomy[i] = static_cast<std::uint8_t>(Anatomy::CorticalBone);
          continue;
        }
        const bool inj = in_injury(g, p.injury, x, y, z);
        s.tissue.injured[i] = inj ? 1 : 0;
        RandomStream rs(p.run.seed, 0, i, RngPurpose::Placement);
        if (inj) {
          wound_voxel(s, p, i, Wound{}, rs);
          continue;
        }
        // Progenitors resident in muscle: one draw per voxel from a stream
        // keyed by the voxel.
        const double density = p.risk.mobilisation * p.recruitment.mpc_resident * muscle[i];
        if (rs.uniform() < density) {
          // A spread of cycle ages, so the population does not divide in step.
          const double age = rs.uniform() * p.cells.mpc.doubling_time_s;
          s.cells.push(s.next_cell_id++, CellType::Mpc, static_cast<std::uint32_t>(i), age, 0.0);
        }
      }
  s.rebuild_occupancy();
  return s;
}

}  // namespace hosim
