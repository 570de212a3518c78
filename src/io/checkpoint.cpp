// checkpoint.h5 holds the whole ModelState bit for bit (plain 1D arrays in
// the native little-endian types, no lossy conversion, no filters):
//   /                    attrs hosim_checkpoint_version (i32), step (i64),
//                        time_s (f64), next_cell_id (u64), seed (u64)
//   /grid                attrs nx, ny, nz (i32), dx_um (f64), origin_um (f64[3], x,y,z)
//   /fields              attr count (i32)
//   /fields/<i>          f64[n], attrs name, unit (i = position in ModelState::fields)
//   /tissue/{anatomy,injured}                        u8[n]
//   /tissue/<layer name>  f32[n] for every TissueLayer (empty when unallocated)
//   /systemic            attr serum_alp_U_L (f64); injury_times_s f64[k]
//   /cells/{id u64, type u8, voxel u32, age_s f64, state_age_s f64, hif_memory_s f32}
//   /interventions/{step i64, time_s f64, hook i32, amount f64}  the event log,
//                        with string datasets action and unit (one line per event)
//   /meta                attrs timeseries_rows (u64), last_snapshot_step (i64);
//                        string datasets config_input_yaml, config_resolved_yaml,
//                        command_line
// Field datasets are named by position, not by field name, so any name
// (even one with '/') survives and the order is kept.
#include <cstdio>
#include <filesystem>
#include <span>
#include <sstream>

#include "core/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"
#include "io/hdf5_handle.hpp"
#include "io/hdf5_util.hpp"

namespace hosim {

namespace {

using h5::Ctx;
using h5::Handle;

// Bump when the layout changes; read_checkpoint refuses other versions.
constexpr std::int32_t kCheckpointVersion = 4;  // 4: /cells/hif_memory_s
constexpr const char* kVersionAttr = "hosim_checkpoint_version";

template <class T>
std::span<const T> view(const AlignedBuffer<T>& b) {
  return {b.data(), b.size()};
}

template <class T>
void read_into(const Ctx& ctx, hid_t file, const std::string& path, AlignedBuffer<T>& out) {
  out.resize(h5::array_size<T>(ctx, file, path));
  h5::read_array<T>(ctx, file, path, std::span<T>(out.data(), out.size()));
}

template <class T>
void read_into(const Ctx& ctx, hid_t file, const std::string& path, std::vector<T>& out) {
  out.resize(h5::array_size<T>(ctx, file, path));
  h5::read_array<T>(ctx, file, path, std::span<T>(out));
}

void write_state(const Ctx& ctx, hid_t file, const ModelState& s, const CheckpointMeta& meta) {
  Handle root = h5::open_group(ctx, file, "/");
  h5::write_attr<std::int32_t>(ctx, root, "/", kVersionAttr, kCheckpointVersion);
  h5::write_attr<std::int64_t>(ctx, root, "/", "step", s.step);
  h5::write_attr<double>(ctx, root, "/", "time_s", s.time_s);
  h5::write_attr<std::uint64_t>(ctx, root, "/", "next_cell_id", s.next_cell_id);
  h5::write_attr<std::uint64_t>(ctx, root, "/", "seed", s.seed);

  {
    Handle g = h5::create_group(ctx, file, "/grid", false);
    h5::write_attr<std::int32_t>(ctx, g, "/grid", "nx", s.grid.nx);
    h5::write_attr<std::int32_t>(ctx, g, "/grid", "ny", s.grid.ny);
    h5::write_attr<std::int32_t>(ctx, g, "/grid", "nz", s.grid.nz);
    h5::write_attr<double>(ctx, g, "/grid", "dx_um", s.grid.dx_um);
    h5::write_attr_array<double>(ctx, g, "/grid", "origin_um", s.grid.origin_um);
  }
  {
    Handle g = h5::create_group(ctx, file, "/fields", true);
    h5::write_attr<std::int32_t>(ctx, g, "/fields", "count",
                                 static_cast<std::int32_t>(s.fields.size()));
    for (std::size_t i = 0; i < s.fields.size(); ++i) {
      const ScalarField& f = s.fields[i];
      const std::string path = "/fields/" + std::to_string(i);
      h5::write_array<double>(ctx, file, path, view(f.values));
      Handle d = h5::open_dataset(ctx, file, path);
      h5::write_string_attr(ctx, d, path, "name", f.name);
      h5::write_string_attr(ctx, d, path, "unit", f.unit);
    }
  }
  {
    Handle g = h5::create_group(ctx, file, "/tissue", false);
    h5::write_array<std::uint8_t>(ctx, file, "/tissue/anatomy", view(s.tissue.anatomy));
    h5::write_array<std::uint8_t>(ctx, file, "/tissue/injured", view(s.tissue.injured));
    for (int l = 0; l < kTissueLayerCount; ++l)
      h5::write_array<float>(ctx, file, std::string("/tissue/") + kTissueLayerNames[l],
                             view(s.tissue.layers[l]));
  }
  {
    Handle g = h5::create_group(ctx, file, "/systemic", false);
    h5::write_attr<double>(ctx, g, "/systemic", "serum_alp_U_L", s.systemic.serum_alp_U_L);
    h5::write_array<double>(ctx, file, "/systemic/injury_times_s", s.systemic.injury_times_s);
  }
  {
    const CellStore& c = s.cells;
    Handle g = h5::create_group(ctx, file, "/cells", false);
    h5::write_array<std::uint64_t>(ctx, file, "/cells/id", c.id);
    static_assert(sizeof(CellType) == sizeof(std::uint8_t));
    h5::write_array<std::uint8_t>(
        ctx, file, "/cells/type",
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(c.type.data()),
                                      c.type.size()));
    h5::write_array<std::uint32_t>(ctx, file, "/cells/voxel", c.voxel);
    h5::write_array<double>(ctx, file, "/cells/age_s", c.age_s);
    h5::write_array<double>(ctx, file, "/cells/state_age_s", c.state_age_s);
    h5::write_array<float>(ctx, file, "/cells/hif_memory_s", c.hif_memory_s);
  }
  {
    const auto& log = s.intervention_log;
    Handle g = h5::create_group(ctx, file, "/interventions", false);
    std::vector<std::int64_t> step;
    std::vector<double> time, amount;
    std::vector<std::int32_t> hook;
    std::string action, unit;
    for (const auto& e : log) {
      step.push_back(e.step);
      time.push_back(e.time_s);
      hook.push_back(e.hook);
      amount.push_back(e.amount);
      action += e.action + "\n";
      unit += e.unit + "\n";
    }
    h5::write_array<std::int64_t>(ctx, file, "/interventions/step", step);
    h5::write_array<double>(ctx, file, "/interventions/time_s", time);
    h5::write_array<std::int32_t>(ctx, file, "/interventions/hook", hook);
    h5::write_array<double>(ctx, file, "/interventions/amount", amount);
    h5::write_string_dataset(ctx, file, "/interventions/action", action);
    h5::write_string_dataset(ctx, file, "/interventions/unit", unit);
  }
  {
    Handle g = h5::create_group(ctx, file, "/meta", false);
    h5::write_attr<std::uint64_t>(ctx, g, "/meta", "timeseries_rows", meta.timeseries_rows);
    h5::write_attr<std::int64_t>(ctx, g, "/meta", "last_snapshot_step", meta.last_snapshot_step);
    h5::write_string_dataset(ctx, file, "/meta/config_input_yaml", meta.config_input_yaml);
    h5::write_string_dataset(ctx, file, "/meta/config_resolved_yaml", meta.config_resolved_yaml);
    h5::write_string_dataset(ctx, file, "/meta/command_line", meta.command_line);
  }
}

void read_state(const Ctx& ctx, hid_t file, Checkpoint& out) {
  ModelState& s = out.state;
  CheckpointMeta& meta = out.meta;
  {
    Handle root = h5::open_group(ctx, file, "/");
    if (!h5::attr_exists(ctx, root, "/", kVersionAttr))
      ctx.fail("read the checkpoint",
               "not a hosim checkpoint (no attribute " + std::string(kVersionAttr) + ")");
    const auto version = h5::read_attr<std::int32_t>(ctx, root, "/", kVersionAttr);
    if (version != kCheckpointVersion)
      ctx.fail("read the checkpoint", "checkpoint format version " + std::to_string(version) +
                                          ", this build reads version " +
                                          std::to_string(kCheckpointVersion));
    s.step = h5::read_attr<std::int64_t>(ctx, root, "/", "step");
    s.time_s = h5::read_attr<double>(ctx, root, "/", "time_s");
    s.next_cell_id = h5::read_attr<std::uint64_t>(ctx, root, "/", "next_cell_id");
    s.seed = h5::read_attr<std::uint64_t>(ctx, root, "/", "seed");
  }
  {
    Handle g = h5::open_group(ctx, file, "/grid");
    s.grid.nx = h5::read_attr<std::int32_t>(ctx, g, "/grid", "nx");
    s.grid.ny = h5::read_attr<std::int32_t>(ctx, g, "/grid", "ny");
    s.grid.nz = h5::read_attr<std::int32_t>(ctx, g, "/grid", "nz");
    s.grid.dx_um = h5::read_attr<double>(ctx, g, "/grid", "dx_um");
    h5::read_attr_raw(ctx, g, "/grid", "origin_um", H5T_NATIVE_DOUBLE, s.grid.origin_um.data(),
                      s.grid.origin_um.size());
    if (s.grid.nx < 1 || s.grid.ny < 1 || s.grid.nz < 1)
      ctx.fail("read group /grid", "the grid has no voxels");
  }
  {
    Handle g = h5::open_group(ctx, file, "/fields");
    const auto count = h5::read_attr<std::int32_t>(ctx, g, "/fields", "count");
    if (count < 0) ctx.fail("read group /fields", "negative field count");
    s.fields.clear();
    s.fields.resize(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < s.fields.size(); ++i) {
      ScalarField& f = s.fields[i];
      const std::string path = "/fields/" + std::to_string(i);
      read_into(ctx, file, path, f.values);
      Handle d = h5::open_dataset(ctx, file, path);
      f.name = h5::read_string_attr(ctx, d, path, "name");
      f.unit = h5::read_string_attr(ctx, d, path, "unit");
    }
  }
  read_into(ctx, file, "/tissue/anatomy", s.tissue.anatomy);
  read_into(ctx, file, "/tissue/injured", s.tissue.injured);
  for (int l = 0; l < kTissueLayerCount; ++l) {
    const std::string path = std::string("/tissue/") + kTissueLayerNames[l];
    read_into(ctx, file, path, s.tissue.layers[l]);
    if (s.tissue.layers[l].size() != 0 && s.tissue.layers[l].size() != s.grid.size())
      ctx.fail("read dataset " + path, "its length does not match the grid");
  }
  {
    Handle g = h5::open_group(ctx, file, "/systemic");
    s.systemic.serum_alp_U_L = h5::read_attr<double>(ctx, g, "/systemic", "serum_alp_U_L");
    read_into(ctx, file, "/systemic/injury_times_s", s.systemic.injury_times_s);
  }
  {
    CellStore& c = s.cells;
    read_into(ctx, file, "/cells/id", c.id);
    std::vector<std::uint8_t> type;
    read_into(ctx, file, "/cells/type", type);
    c.type.resize(type.size());
    for (std::size_t i = 0; i < type.size(); ++i) {
      // The rules are looked up by type code: an unknown code (a newer
      // version's type, or damage) must be an error, not an out-of-range read.
      if (type[i] >= kCellTypeCount) {
        std::ostringstream m;
        m << "cell type code " << static_cast<int>(type[i])
          << " is not a cell type of this version (0-" << kCellTypeCount - 1 << ")";
        ctx.fail("read dataset /cells/type", m.str());
      }
      c.type[i] = static_cast<CellType>(type[i]);
    }
    read_into(ctx, file, "/cells/voxel", c.voxel);
    read_into(ctx, file, "/cells/age_s", c.age_s);
    read_into(ctx, file, "/cells/state_age_s", c.state_age_s);
    read_into(ctx, file, "/cells/hif_memory_s", c.hif_memory_s);
    const std::size_t n = c.id.size();
    if (c.type.size() != n || c.voxel.size() != n || c.age_s.size() != n ||
        c.state_age_s.size() != n || c.hif_memory_s.size() != n)
      ctx.fail("read group /cells", "the cell arrays have different lengths");
    // rebuild_occupancy() indexes by voxel: a bad index must not write out of bounds.
    for (const std::uint32_t v : c.voxel)
      if (v >= s.grid.size())
        ctx.fail("read dataset /cells/voxel",
                 "voxel index " + std::to_string(v) + " outside the grid");
  }
  {
    std::vector<std::int64_t> step;
    std::vector<double> time, amount;
    std::vector<std::int32_t> hook;
    read_into(ctx, file, "/interventions/step", step);
    read_into(ctx, file, "/interventions/time_s", time);
    read_into(ctx, file, "/interventions/hook", hook);
    read_into(ctx, file, "/interventions/amount", amount);
    const auto lines = [](const std::string& text) {
      std::vector<std::string> out;
      std::size_t start = 0;
      for (std::size_t k = 0; k < text.size(); ++k)
        if (text[k] == '\n') {
          out.push_back(text.substr(start, k - start));
          start = k + 1;
        }
      return out;
    };
    const auto action = lines(h5::read_string_dataset(ctx, file, "/interventions/action"));
    const auto unit = lines(h5::read_string_dataset(ctx, file, "/interventions/unit"));
    const std::size_t n = step.size();
    if (time.size() != n || hook.size() != n || amount.size() != n || action.size() != n ||
        unit.size() != n)
      ctx.fail("read group /interventions", "the event arrays have different lengths");
    s.intervention_log.clear();
    for (std::size_t k = 0; k < n; ++k)
      s.intervention_log.push_back({step[k], time[k], hook[k], action[k], amount[k], unit[k]});
  }
  {
    Handle g = h5::open_group(ctx, file, "/meta");
    meta.timeseries_rows = h5::read_attr<std::uint64_t>(ctx, g, "/meta", "timeseries_rows");
    meta.last_snapshot_step = h5::read_attr<std::int64_t>(ctx, g, "/meta", "last_snapshot_step");
    meta.config_input_yaml = h5::read_string_dataset(ctx, file, "/meta/config_input_yaml");
    meta.config_resolved_yaml = h5::read_string_dataset(ctx, file, "/meta/config_resolved_yaml");
    meta.command_line = h5::read_string_dataset(ctx, file, "/meta/command_line");
  }
  s.occupancy.resize(s.grid.size(), -1);
  s.rebuild_occupancy();
}

}  // namespace

void write_checkpoint(const std::string& path, const ModelState& state,
                      const CheckpointMeta& meta) {
  const std::string tmp = temporary_path(path);
  try {
    const Ctx ctx(tmp);
    Handle file = ctx.own_file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                               "create the HDF5 file");
    write_state(ctx, file, state, meta);
    ctx.close_file(file);
    sync_file(tmp);
  } catch (...) {
    // The previous checkpoint at `path` is untouched; drop the partial one.
    (void)std::remove(tmp.c_str());
    throw;
  }
  replace_file(tmp, path);
}

Checkpoint read_checkpoint(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw IoError("cannot read checkpoint " + path + ": the file does not exist");
  const Ctx ctx(path);
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw IoError("cannot read checkpoint " + path + ": not an HDF5 file");
  Checkpoint out;
  Handle file =
      ctx.own_file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open the checkpoint");
  read_state(ctx, file, out);
  ctx.close_file(file);
  return out;
}

}  // namespace hosim
