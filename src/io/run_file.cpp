// run.h5 in the layout of DESIGN.md §3:
//   /provenance                      attrs software_version, git_commit, seed (u64),
//                                    rng, threads (i32); string datasets
//                                    config_input_yaml, config_resolved_yaml,
//                                    command_line, build_info
//   /data/<step>                     attr time_days (f64)
//   /data/<step>/meshes/<name>       [nz][ny][nx] f32|f64|u8, chunked, shuffle+deflate;
//                                    attrs unit, grid_spacing f64[3], origin f64[3]
//                                    (both z,y,x, µm), axis_order "z,y,x", enum (labels)
//   /timeseries/<name>               1D f64, extendable (chunk 256); attr unit
#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <set>
#include <span>
#include <utility>

#include "core/errors.hpp"
#include "io/chunk_deflate.hpp"
#include "io/hdf5_handle.hpp"
#include "io/hdf5_util.hpp"
#include "io/run_file.hpp"

namespace hosim {

namespace {

using h5::Ctx;
using h5::Handle;

constexpr const char* kProvenance = "/provenance";
constexpr const char* kData = "/data";
constexpr const char* kTimeseries = "/timeseries";

// A chunk of at most 1 MiB fits HDF5's default per-dataset chunk cache, so
// each chunk is compressed once, when it is complete.
constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;
constexpr hsize_t kTimeseriesChunk = 256;

std::string step_path(std::int64_t step) {
  return std::string(kData) + "/" + std::to_string(step);
}

// Snapshot group names are steps written by std::to_string; anything else
// under /data (say "007" or "final") is not ours and is left alone.
std::optional<std::int64_t> parse_step(const std::string& name) {
  std::int64_t step = 0;
  const char* end = name.data() + name.size();
  const auto [ptr, ec] = std::from_chars(name.data(), end, step);
  if (ec != std::errc() || ptr != end || std::to_string(step) != name) return std::nullopt;
  return step;
}

Handle open_file(const Ctx& ctx, bool write) {
  return ctx.own_file(
      H5Fopen(ctx.file().c_str(), write ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT),
      write ? "write to the HDF5 file" : "open the HDF5 file");
}

// One z-slab per chunk: the natural unit for slicing in ParaView and h5py.
// Very large slabs are cut in y (and x) to respect kMaxChunkBytes.
std::array<hsize_t, 3> chunk_shape(const Grid& grid, std::size_t element_bytes) {
  const hsize_t cap = std::max<hsize_t>(1, kMaxChunkBytes / element_bytes);
  const auto nx = static_cast<hsize_t>(grid.nx);
  const auto ny = static_cast<hsize_t>(grid.ny);
  const hsize_t cx = std::min(nx, cap);
  const hsize_t cy = std::min(ny, std::max<hsize_t>(1, cap / cx));
  return {1, cy, cx};
}

void check_mesh_names(const Ctx& ctx, const std::string& group_path,
                      const std::vector<MeshView>& meshes) {
  std::set<std::string> seen;
  for (const MeshView& m : meshes) {
    const std::string what = "write mesh '" + m.name + "' under " + group_path;
    if (m.name.empty() || m.name.find('/') != std::string::npos || m.name == "." || m.name == "..")
      ctx.fail(what, "a mesh name must be non-empty and contain no '/'");
    if (!seen.insert(m.name).second) ctx.fail(what, "the name is given twice");
    if (m.data == nullptr) ctx.fail(what, "the view has no data");
  }
}

struct NewDataset {
  Handle space, dset;
};

// A chunked dataset of `dims` with the shuffle filter and, at a level above
// 0, deflate. Shuffle groups the bytes of equal significance, which is what
// makes smooth float fields compress well.
NewDataset create_filtered(const Ctx& ctx, hid_t file, const std::string& path, hid_t file_type,
                           std::span<const hsize_t> dims, std::span<const hsize_t> chunk,
                           int compression) {
  const int rank = static_cast<int>(dims.size());
  Handle space = ctx.own(H5Screate_simple(rank, dims.data(), nullptr), H5Sclose,
                         "create the dataspace of " + path);
  Handle dcpl = ctx.own(H5Pcreate(H5P_DATASET_CREATE), H5Pclose,
                        "create the dataset creation property list of " + path);
  ctx.ok(H5Pset_chunk(dcpl, rank, chunk.data()), "set the chunk shape of " + path);
  ctx.ok(H5Pset_shuffle(dcpl), "set the shuffle filter of " + path);
  if (compression > 0)
    ctx.ok(H5Pset_deflate(dcpl, static_cast<unsigned>(compression)),
           "set the deflate filter of " + path);
  Handle dset =
      ctx.own(H5Dcreate2(file, path.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
              H5Dclose, "create dataset " + path);
  return {std::move(space), std::move(dset)};
}

// Slab values [first, first + n) of `mesh` as the file stores them
// (element_bytes 1: uint8; 4: float32; 8: float64), into `out`. Narrowing
// is an IEEE cast (round to nearest; inf and NaN stay inf and NaN, unlike
// HDF5's own conversion, which clamps); widening float to double is exact.
void slab_in_file_type(const MeshView& mesh, std::size_t first, std::size_t n,
                       std::size_t element_bytes, std::uint8_t* out) {
  const auto cast_to = [&](const auto* in) {
    for (std::size_t i = 0; i < n; ++i) {
      if (element_bytes == sizeof(double)) {
        const auto v = static_cast<double>(in[i]);
        std::memcpy(out + i * sizeof v, &v, sizeof v);
      } else {
        const auto v = static_cast<float>(in[i]);
        std::memcpy(out + i * sizeof v, &v, sizeof v);
      }
    }
  };
  if (mesh.type == MeshView::Type::UInt8)
    std::memcpy(out, static_cast<const std::uint8_t*>(mesh.data) + first, n);
  else if (mesh.type == MeshView::Type::Float32)
    cast_to(static_cast<const float*>(mesh.data) + first);
  else
    cast_to(static_cast<const double*>(mesh.data) + first);
}

// Each z-slab of `mesh` in the file's element type, shuffled and deflated
// by the team of threads, then written chunk by chunk in z order by this
// thread (the HDF5 library is not thread-safe).
void write_slabs_filtered(const Ctx& ctx, hid_t dset, const std::string& what, const MeshView& mesh,
                          hsize_t nz, hsize_t slab, std::size_t element_bytes, int level) {
  const auto slabs = static_cast<std::int64_t>(nz);
  const auto n = static_cast<std::size_t>(slab);
  std::vector<std::vector<std::uint8_t>> chunks(static_cast<std::size_t>(nz));
  std::string error;
#pragma omp parallel
  {
    std::vector<std::uint8_t> raw(n * element_bytes);
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t z = 0; z < slabs; ++z) {
      slab_in_file_type(mesh, static_cast<std::size_t>(z) * n, n, element_bytes, raw.data());
      try {
        io::shuffle_deflate(raw, element_bytes, level, chunks[static_cast<std::size_t>(z)]);
      } catch (const std::exception& e) {
#pragma omp critical(hosim_write_slabs_error)
        if (error.empty()) error = e.what();
      }
    }
  }
  if (!error.empty()) ctx.fail(what, error);
  for (hsize_t z = 0; z < nz; ++z) {
    const std::array<hsize_t, 3> offset{z, 0, 0};
    const auto& c = chunks[static_cast<std::size_t>(z)];
    ctx.ok(H5Dwrite_chunk(dset, H5P_DEFAULT, 0, offset.data(), c.size(), c.data()), what);
  }
}

void write_mesh(const Ctx& ctx, hid_t file, const std::string& meshes_path, const MeshView& mesh,
                const Grid& grid, int compression, bool float64) {
  const std::string path = h5::join(meshes_path, mesh.name);
  const bool label = mesh.type == MeshView::Type::UInt8;
  const hid_t file_type = label ? H5T_STD_U8LE : (float64 ? H5T_IEEE_F64LE : H5T_IEEE_F32LE);
  const std::size_t element_bytes = label ? 1 : (float64 ? 8 : 4);

  const auto nz = static_cast<hsize_t>(grid.nz);
  const auto ny = static_cast<hsize_t>(grid.ny);
  const auto nx = static_cast<hsize_t>(grid.nx);
  const std::array<hsize_t, 3> dims{nz, ny, nx};
  const std::array<hsize_t, 3> chunk = chunk_shape(grid, element_bytes);

  auto [space, dset] = create_filtered(ctx, file, path, file_type, dims, chunk, compression);

  const std::string write_what = "write dataset " + path;
  if (compression > 0 && chunk[1] == ny && chunk[2] == nx &&
      std::endian::native == std::endian::little) {
    // One chunk per z-slab: filtered here, slabs in parallel, and stored
    // with H5Dwrite_chunk (io/chunk_deflate.hpp). The values are those the
    // branches below would write: the same casts.
    write_slabs_filtered(ctx, dset, write_what, mesh, nz, ny * nx, element_bytes, compression);
  } else if (label) {
    ctx.ok(H5Dwrite(dset, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, mesh.data), write_what);
  } else if (mesh.type == MeshView::Type::Float32) {
    // Stored state in float32: written as is (HDF5 widens it when float64 is asked).
    ctx.ok(H5Dwrite(dset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, mesh.data), write_what);
  } else if (float64) {
    ctx.ok(H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, mesh.data), write_what);
  } else {
    // Narrow one z-slab at a time (slab_in_file_type: an IEEE cast), so the
    // extra memory is one slab, not one field.
    const std::size_t slab = static_cast<std::size_t>(ny * nx);
    std::vector<std::uint8_t> buffer(slab * sizeof(float));
    const std::array<hsize_t, 3> count{1, ny, nx};
    Handle mem_space = ctx.own(H5Screate_simple(3, count.data(), nullptr), H5Sclose, write_what);
    for (hsize_t z = 0; z < nz; ++z) {
      slab_in_file_type(mesh, static_cast<std::size_t>(z) * slab, slab, sizeof(float),
                        buffer.data());
      const std::array<hsize_t, 3> start{z, 0, 0};
      ctx.ok(
          H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
          write_what);
      ctx.ok(H5Dwrite(dset, H5T_NATIVE_FLOAT, mem_space, space, H5P_DEFAULT, buffer.data()),
             write_what);
    }
  }

  const double dx = grid.dx_um;
  const std::array<double, 3> spacing{dx, dx, dx};
  // Grid::origin_um is (x, y, z); the file stores everything in array order.
  const std::array<double, 3> origin{grid.origin_um[2], grid.origin_um[1], grid.origin_um[0]};
  h5::write_string_attr(ctx, dset, path, "unit", mesh.unit);
  h5::write_attr_array<double>(ctx, dset, path, "grid_spacing", spacing);
  h5::write_attr_array<double>(ctx, dset, path, "origin", origin);
  h5::write_string_attr(ctx, dset, path, "axis_order", "z,y,x");
  if (label) h5::write_string_attr(ctx, dset, path, "enum", mesh.enum_map);
}

void write_image(const Ctx& ctx, hid_t file, const std::string& images_path, const ImageView& image,
                 const Grid& grid, int compression) {
  const std::string path = h5::join(images_path, image.name);
  if (image.nx != grid.nx || image.ny != grid.ny || image.data == nullptr)
    ctx.fail("write image " + path, "the image must have the grid's nx × ny pixels (" +
                                        std::to_string(grid.nx) + " × " + std::to_string(grid.ny) +
                                        ") and data");
  const std::array<hsize_t, 2> dims{static_cast<hsize_t>(image.ny), static_cast<hsize_t>(image.nx)};
  // One chunk per image, capped like the mesh slabs.
  const std::array<hsize_t, 3> slab = chunk_shape(grid, sizeof(float));
  const std::array<hsize_t, 2> chunk{slab[1], slab[2]};
  const auto [space, dset] =
      create_filtered(ctx, file, path, H5T_IEEE_F32LE, dims, chunk, compression);
  ctx.ok(H5Dwrite(dset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, image.data),
         "write dataset " + path);
  const std::array<double, 2> spacing{grid.dx_um, grid.dx_um};
  const std::array<double, 2> origin{grid.origin_um[1], grid.origin_um[0]};
  h5::write_string_attr(ctx, dset, path, "unit", image.unit);
  h5::write_string_attr(ctx, dset, path, "description", image.description);
  h5::write_attr_array<double>(ctx, dset, path, "grid_spacing", spacing);
  h5::write_attr_array<double>(ctx, dset, path, "origin", origin);
  h5::write_string_attr(ctx, dset, path, "axis_order", "y,x");
}

SnapshotInfo read_snapshot(const Ctx& ctx, hid_t file, std::int64_t step) {
  SnapshotInfo info;
  info.step = step;
  const std::string group_path = step_path(step);
  Handle group = h5::open_group(ctx, file, group_path);
  info.time_days = h5::read_attr<double>(ctx, group, group_path, "time_days");

  const std::string meshes_path = group_path + "/meshes";
  Handle meshes = h5::open_group(ctx, file, meshes_path);
  for (const std::string& name : h5::link_names(ctx, meshes, meshes_path)) {
    const std::string path = h5::join(meshes_path, name);
    Handle dset = h5::open_dataset(ctx, file, path);
    Handle type = ctx.own(H5Dget_type(dset), H5Tclose, "get the datatype of " + path);
    const H5T_class_t cls = H5Tget_class(type);
    const std::size_t size = H5Tget_size(type);
    if (cls == H5T_INTEGER && size == 1) {
      info.is_uint8.push_back(true);
    } else if (cls == H5T_FLOAT && (size == 4 || size == 8)) {
      info.is_uint8.push_back(false);
      if (size == 8) info.float64 = true;
    } else {
      ctx.fail("read dataset " + path, "expected float32, float64 or uint8 values");
    }
    info.meshes.push_back(name);
    info.units.push_back(h5::attr_exists(ctx, dset, path, "unit")
                             ? h5::read_string_attr(ctx, dset, path, "unit")
                             : std::string());
  }
  return info;
}

}  // namespace

void RunFile::create(const Provenance& prov) const {
  const Ctx ctx(path_);
  Handle file = ctx.own_file(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                             "create the HDF5 file");
  {
    const std::string p = kProvenance;
    Handle group = h5::create_group(ctx, file, p, true);
    h5::write_string_attr(ctx, group, p, "software_version", prov.software_version);
    h5::write_string_attr(ctx, group, p, "git_commit", prov.git_commit);
    h5::write_attr<std::uint64_t>(ctx, group, p, "seed", prov.seed);
    h5::write_string_attr(ctx, group, p, "rng", prov.rng);
    h5::write_attr<std::int32_t>(ctx, group, p, "threads", prov.threads);
    h5::write_string_dataset(ctx, file, p + "/config_input_yaml", prov.config_input_yaml);
    h5::write_string_dataset(ctx, file, p + "/config_resolved_yaml", prov.config_resolved_yaml);
    h5::write_string_dataset(ctx, file, p + "/command_line", prov.command_line);
    h5::write_string_dataset(ctx, file, p + "/build_info", prov.build_info);
    // Creation order makes h5py list snapshots by step and series as written.
    Handle data = h5::create_group(ctx, file, kData, true);
    Handle series = h5::create_group(ctx, file, kTimeseries, true);
  }
  ctx.close_file(file);
}

void RunFile::write_interventions(const InterventionTable& t) const {
  const Ctx ctx(path_);
  const std::string root = "/interventions";
  Handle file = open_file(ctx, true);
  if (h5::link_exists(ctx, file, root))
    ctx.ok(H5Ldelete(file, root.c_str(), H5P_DEFAULT), "delete group " + root);
  {
    Handle g = h5::create_group(ctx, file, root, true);
    h5::write_string_attr(ctx, g, root, "description",
                          "treatment schedule (one row per entry) and what each entry did "
                          "(one row per event); experiments/ODD.md, interventions");
    const std::string sp = root + "/schedule", ep = root + "/events";
    Handle sg = h5::create_group(ctx, file, sp, true);
    std::vector<std::string> name, type, settings;
    std::vector<double> start, end, interval;
    std::vector<std::int64_t> doses;
    for (const auto& e : t.schedule) {
      name.push_back(e.name);
      type.push_back(e.type);
      settings.push_back(e.settings);
      start.push_back(e.start_days);
      end.push_back(e.end_days);
      interval.push_back(e.interval_days);
      doses.push_back(e.doses);
    }
    h5::write_string_array(ctx, file, sp + "/name", name);
    h5::write_string_array(ctx, file, sp + "/type", type);
    h5::write_array<double>(ctx, file, sp + "/start_days", start);
    h5::write_array<double>(ctx, file, sp + "/end_days", end);
    h5::write_array<std::int64_t>(ctx, file, sp + "/doses", doses);
    h5::write_array<double>(ctx, file, sp + "/interval_days", interval);
    h5::write_string_array(ctx, file, sp + "/settings", settings);

    Handle eg = h5::create_group(ctx, file, ep, true);
    std::vector<double> time, amount;
    std::vector<std::int64_t> step;
    std::vector<std::string> ename, action, unit;
    for (const auto& e : t.events) {
      time.push_back(e.time_days);
      step.push_back(e.step);
      ename.push_back(e.name);
      action.push_back(e.action);
      amount.push_back(e.amount);
      unit.push_back(e.unit);
    }
    h5::write_array<double>(ctx, file, ep + "/time_days", time);
    h5::write_array<std::int64_t>(ctx, file, ep + "/step", step);
    h5::write_string_array(ctx, file, ep + "/name", ename);
    h5::write_string_array(ctx, file, ep + "/action", action);
    h5::write_array<double>(ctx, file, ep + "/amount", amount);
    h5::write_string_array(ctx, file, ep + "/unit", unit);
  }
  ctx.close_file(file);
}

SnapshotInfo RunFile::write_snapshot(std::int64_t step, double time_days,
                                     const std::vector<MeshView>& meshes, int compression,
                                     bool float64, const std::vector<ImageView>& images) const {
  const Ctx ctx(path_);
  const std::string group_path = step_path(step);
  if (compression < 0 || compression > 9)
    ctx.fail("write snapshot " + group_path,
             "compression level " + std::to_string(compression) + " is outside 0..9");
  if (grid_.nx < 1 || grid_.ny < 1 || grid_.nz < 1)
    ctx.fail("write snapshot " + group_path, "the grid has no voxels");
  check_mesh_names(ctx, group_path, meshes);

  SnapshotInfo info;
  info.step = step;
  info.time_days = time_days;
  info.float64 = float64;

  Handle file = open_file(ctx, true);
  {
    Handle group = h5::create_group(ctx, file, group_path, false);
    h5::write_attr<double>(ctx, group, group_path, "time_days", time_days);
    const std::string meshes_path = group_path + "/meshes";
    // Creation order lets list_snapshots() return the meshes as written.
    Handle meshes_group = h5::create_group(ctx, file, meshes_path, true);
    for (const MeshView& mesh : meshes) {
      write_mesh(ctx, file, meshes_path, mesh, grid_, compression, float64);
      info.meshes.push_back(mesh.name);
      info.units.push_back(mesh.unit);
      info.is_uint8.push_back(mesh.type == MeshView::Type::UInt8);
    }
    if (!images.empty()) {
      const std::string images_path = group_path + "/images";
      Handle images_group = h5::create_group(ctx, file, images_path, true);
      for (const ImageView& image : images)
        write_image(ctx, file, images_path, image, grid_, compression);
    }
  }
  ctx.close_file(file);
  return info;
}

void RunFile::append_timeseries(const std::vector<TimeseriesColumn>& columns,
                                const std::vector<double>& values) const {
  const Ctx ctx(path_);
  const std::string what = std::string("append to ") + kTimeseries;
  if (columns.empty() || values.empty() || values.size() % columns.size() != 0)
    ctx.fail(what, std::to_string(columns.size()) + " columns but " +
                       std::to_string(values.size()) +
                       " values (one or more whole rows, one value per column each)");
  const std::size_t new_rows = values.size() / columns.size();
  std::set<std::string> seen;
  for (const TimeseriesColumn& c : columns) {
    if (c.name.empty() || c.name.find('/') != std::string::npos)
      ctx.fail(what, "column name '" + c.name + "' must be non-empty and contain no '/'");
    if (!seen.insert(c.name).second) ctx.fail(what, "column " + c.name + " is given twice");
  }

  Handle file = open_file(ctx, true);
  {
    Handle group = h5::open_group(ctx, file, kTimeseries);
    const std::vector<std::string> existing = h5::link_names(ctx, group, kTimeseries);

    // Check everything before changing anything, so a refused call leaves
    // every column with the same number of rows.
    std::vector<Handle> dsets(columns.size());
    std::optional<hsize_t> rows;
    std::string rows_column;
    std::size_t found = 0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string path = h5::join(kTimeseries, columns[i].name);
      if (!h5::link_exists(ctx, file, path)) continue;
      dsets[i] = h5::open_dataset(ctx, file, path);
      Handle space = ctx.own(H5Dget_space(dsets[i]), H5Sclose, "get the dataspace of " + path);
      hsize_t n = 0;
      if (H5Sget_simple_extent_ndims(space) != 1) ctx.fail("append to " + path, "not 1D");
      ctx.ok(H5Sget_simple_extent_dims(space, &n, nullptr), "get the size of " + path);
      if (rows && *rows != n)
        ctx.fail("append to " + path, "it has " + std::to_string(n) + " rows but " + rows_column +
                                          " has " + std::to_string(*rows));
      rows = n;
      rows_column = columns[i].name;
      ++found;
    }
    if (found < existing.size()) {
      for (const std::string& name : existing)
        if (seen.count(name) == 0)
          ctx.fail(what,
                   "column " + name +
                       " is in the file but not in this row; the columns are fixed for a run");
    }
    const hsize_t n = rows.value_or(0);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (dsets[i].get() >= 0) continue;
      const std::string path = h5::join(kTimeseries, columns[i].name);
      if (n > 0)
        ctx.fail("create dataset " + path, "the time series already has " + std::to_string(n) +
                                               " rows; the columns are fixed for a run");
    }

    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string path = h5::join(kTimeseries, columns[i].name);
      if (dsets[i].get() < 0) {
        const hsize_t zero = 0;
        const hsize_t unlimited = H5S_UNLIMITED;
        Handle space = ctx.own(H5Screate_simple(1, &zero, &unlimited), H5Sclose,
                               "create the dataspace of " + path);
        Handle dcpl = ctx.own(H5Pcreate(H5P_DATASET_CREATE), H5Pclose,
                              "create the dataset creation property list of " + path);
        ctx.ok(H5Pset_chunk(dcpl, 1, &kTimeseriesChunk), "set the chunk shape of " + path);
        dsets[i] = ctx.own(
            H5Dcreate2(file, path.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
            H5Dclose, "create dataset " + path);
        h5::write_string_attr(ctx, dsets[i], path, "unit", columns[i].unit);
      }
      const std::string write_what = "append to dataset " + path;
      const hsize_t count = new_rows;
      const hsize_t new_size = n + count;
      ctx.ok(H5Dset_extent(dsets[i], &new_size), "extend dataset " + path);
      Handle file_space = ctx.own(H5Dget_space(dsets[i]), H5Sclose, write_what);
      ctx.ok(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, &n, nullptr, &count, nullptr),
             write_what);
      // The rows are stored row by row; this column's values are every
      // columns.size()-th one, which the memory dataspace's stride picks out.
      const hsize_t mem_size = values.size();
      const hsize_t start = i;
      const hsize_t stride = columns.size();
      Handle mem_space = ctx.own(H5Screate_simple(1, &mem_size, nullptr), H5Sclose, write_what);
      ctx.ok(H5Sselect_hyperslab(mem_space, H5S_SELECT_SET, &start, &stride, &count, nullptr),
             write_what);
      ctx.ok(
          H5Dwrite(dsets[i], H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, values.data()),
          write_what);
    }
  }
  ctx.close_file(file);
}

void RunFile::truncate(std::int64_t max_step, std::uint64_t rows) const {
  const Ctx ctx(path_);
  Handle file = open_file(ctx, true);
  {
    Handle data = h5::open_group(ctx, file, kData);
    for (const std::string& name : h5::link_names(ctx, data, kData)) {
      const auto step = parse_step(name);
      if (!step || *step <= max_step) continue;
      const std::string path = h5::join(kData, name);
      ctx.ok(H5Ldelete(file, path.c_str(), H5P_DEFAULT), "delete group " + path);
    }

    Handle series = h5::open_group(ctx, file, kTimeseries);
    for (const std::string& name : h5::link_names(ctx, series, kTimeseries)) {
      const std::string path = h5::join(kTimeseries, name);
      Handle dset = h5::open_dataset(ctx, file, path);
      Handle space = ctx.own(H5Dget_space(dset), H5Sclose, "get the dataspace of " + path);
      hsize_t n = 0;
      if (H5Sget_simple_extent_ndims(space) != 1) ctx.fail("truncate dataset " + path, "not 1D");
      ctx.ok(H5Sget_simple_extent_dims(space, &n, nullptr), "get the size of " + path);
      // Growing would invent rows (the fill value): the file does not match
      // the checkpoint, and resuming on it would give a wrong result.
      if (n < rows)
        ctx.fail("truncate dataset " + path, "it has " + std::to_string(n) +
                                                 " rows, fewer than the checkpoint's " +
                                                 std::to_string(rows));
      const hsize_t new_size = rows;
      ctx.ok(H5Dset_extent(dset, &new_size), "truncate dataset " + path);
    }
  }
  ctx.close_file(file);
}

std::vector<SnapshotInfo> RunFile::list_snapshots() const {
  const Ctx ctx(path_);
  std::vector<SnapshotInfo> snapshots;
  Handle file = open_file(ctx, false);
  {
    Handle data = h5::open_group(ctx, file, kData);
    std::vector<std::int64_t> steps;
    for (const std::string& name : h5::link_names(ctx, data, kData))
      if (const auto step = parse_step(name)) steps.push_back(*step);
    std::sort(steps.begin(), steps.end());
    for (const std::int64_t step : steps) snapshots.push_back(read_snapshot(ctx, file, step));
  }
  ctx.close_file(file);
  return snapshots;
}

}  // namespace hosim
