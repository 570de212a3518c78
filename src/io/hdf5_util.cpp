#include "io/hdf5_util.hpp"

#include <array>

namespace hosim::h5 {

std::string join(const std::string& parent, const std::string& name) {
  if (parent.empty() || parent == "/") return "/" + name;
  return parent + "/" + name;
}

Handle string_type(const Ctx& ctx) {
  Handle type = ctx.own(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string datatype");
  ctx.ok(H5Tset_size(type, H5T_VARIABLE), "make the string datatype variable-length");
  ctx.ok(H5Tset_cset(type, H5T_CSET_UTF8), "set the string datatype to UTF-8");
  return type;
}

Handle create_group(const Ctx& ctx, hid_t file, const std::string& path, bool track_order) {
  Handle gcpl = ctx.own(H5Pcreate(H5P_GROUP_CREATE), H5Pclose,
                        "create the group creation property list for " + path);
  if (track_order) {
    ctx.ok(H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "set link creation order tracking for group " + path);
  }
  return ctx.own(H5Gcreate2(file, path.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                 "create group " + path);
}

Handle open_group(const Ctx& ctx, hid_t file, const std::string& path) {
  return ctx.own(H5Gopen2(file, path.c_str(), H5P_DEFAULT), H5Gclose, "open group " + path);
}

Handle open_dataset(const Ctx& ctx, hid_t file, const std::string& path) {
  return ctx.own(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + path);
}

bool link_exists(const Ctx& ctx, hid_t file, const std::string& path) {
  return ctx.truth(H5Lexists(file, path.c_str(), H5P_DEFAULT), "look up link " + path);
}

bool attr_exists(const Ctx& ctx, hid_t obj, const std::string& obj_path, const std::string& name) {
  return ctx.truth(H5Aexists(obj, name.c_str()), "look up attribute " + name + " of " + obj_path);
}

std::vector<std::string> link_names(const Ctx& ctx, hid_t group, const std::string& group_path) {
  H5G_info_t info{};
  ctx.ok(H5Gget_info(group, &info), "get the info of group " + group_path);

  // Creation order exists only where the group was created to track it.
  Handle gcpl = ctx.own(H5Gget_create_plist(group), H5Pclose,
                        "get the creation property list of group " + group_path);
  unsigned flags = 0;
  ctx.ok(H5Pget_link_creation_order(gcpl, &flags),
         "get the link creation order of group " + group_path);
  const H5_index_t index =
      (flags & H5P_CRT_ORDER_INDEXED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;

  std::vector<std::string> names;
  names.reserve(info.nlinks);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const std::string what = "get the name of link " + std::to_string(i) + " in " + group_path;
    const ssize_t len =
        H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len < 0) ctx.fail(what);
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    if (H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT) < 0)
      ctx.fail(what);
    name.resize(static_cast<std::size_t>(len));
    names.push_back(std::move(name));
  }
  return names;
}

// --- strings ------------------------------------------------------------------

namespace {

// Reads a scalar string whose stored type may be variable- or fixed-length,
// ASCII or UTF-8 (our writers use variable-length UTF-8; other tools often
// write fixed-length ASCII). The memory type is a copy of the stored one
// because HDF5 does not convert between character sets.
template <class ReadFn, class ReclaimFn>
std::string read_any_string(const Ctx& ctx, hid_t stored_type, const std::string& what, ReadFn read,
                            ReclaimFn reclaim) {
  if (H5Tget_class(stored_type) != H5T_STRING) ctx.fail(what, "not a string");
  const htri_t variable = H5Tis_variable_str(stored_type);
  if (variable < 0) ctx.fail(what);
  Handle mem = ctx.own(H5Tcopy(stored_type), H5Tclose, what);
  if (variable > 0) {
    char* raw = nullptr;
    ctx.ok(read(mem.get(), static_cast<void*>(&raw)), what);
    std::string value = raw != nullptr ? std::string(raw) : std::string();
    reclaim(mem.get(), static_cast<void*>(&raw));
    return value;
  }
  const std::size_t size = H5Tget_size(stored_type);
  if (size == 0) ctx.fail(what);
  std::string value(size, '\0');
  ctx.ok(read(mem.get(), static_cast<void*>(value.data())), what);
  // Fixed-length strings are NUL-terminated, NUL-padded or space-padded.
  if (const auto nul = value.find('\0'); nul != std::string::npos) value.resize(nul);
  if (H5Tget_strpad(stored_type) == H5T_STR_SPACEPAD) {
    const auto last = value.find_last_not_of(' ');
    value.resize(last == std::string::npos ? 0 : last + 1);
  }
  return value;
}

}  // namespace

void write_string_attr(const Ctx& ctx, hid_t obj, const std::string& obj_path,
                       const std::string& name, const std::string& value) {
  const std::string what = "write attribute " + name + " of " + obj_path;
  Handle type = string_type(ctx);
  Handle space = ctx.own(H5Screate(H5S_SCALAR), H5Sclose, what);
  Handle attr = ctx.own(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                        H5Aclose, "create attribute " + name + " of " + obj_path);
  const char* text = value.c_str();
  ctx.ok(H5Awrite(attr, type, static_cast<const void*>(&text)), what);
}

std::string read_string_attr(const Ctx& ctx, hid_t obj, const std::string& obj_path,
                             const std::string& name) {
  const std::string what = "read attribute " + name + " of " + obj_path;
  Handle attr = ctx.own(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose,
                        "open attribute " + name + " of " + obj_path);
  Handle stored = ctx.own(H5Aget_type(attr), H5Tclose, what);
  return read_any_string(
      ctx, stored, what, [&](hid_t mem, void* buf) { return H5Aread(attr, mem, buf); },
      [](hid_t, void* buf) { H5free_memory(*static_cast<char**>(buf)); });
}

void write_string_dataset(const Ctx& ctx, hid_t file, const std::string& path,
                          const std::string& value) {
  Handle type = string_type(ctx);
  Handle space = ctx.own(H5Screate(H5S_SCALAR), H5Sclose, "create the dataspace of " + path);
  Handle dset =
      ctx.own(H5Dcreate2(file, path.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              H5Dclose, "create dataset " + path);
  const char* text = value.c_str();
  ctx.ok(H5Dwrite(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, static_cast<const void*>(&text)),
         "write dataset " + path);
}

void write_string_array(const Ctx& ctx, hid_t file, const std::string& path,
                        const std::vector<std::string>& values) {
  Handle type = string_type(ctx);
  const hsize_t n = values.size();
  Handle space =
      ctx.own(H5Screate_simple(1, &n, nullptr), H5Sclose, "create the dataspace of " + path);
  Handle dset =
      ctx.own(H5Dcreate2(file, path.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              H5Dclose, "create dataset " + path);
  if (n == 0) return;
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& v : values) ptrs.push_back(v.c_str());
  ctx.ok(H5Dwrite(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, static_cast<const void*>(ptrs.data())),
         "write dataset " + path);
}

std::string read_string_dataset(const Ctx& ctx, hid_t file, const std::string& path) {
  const std::string what = "read dataset " + path;
  Handle dset = open_dataset(ctx, file, path);
  Handle stored = ctx.own(H5Dget_type(dset), H5Tclose, what);
  Handle space = ctx.own(H5Dget_space(dset), H5Sclose, what);
  if (H5Sget_simple_extent_npoints(space) != 1) ctx.fail(what, "not a single string");
  return read_any_string(
      ctx, stored, what,
      [&](hid_t mem, void* buf) { return H5Dread(dset, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); },
      [&](hid_t mem, void* buf) { (void)H5Dvlen_reclaim(mem, space, H5P_DEFAULT, buf); });
}

// --- numeric attributes -----------------------------------------------------------

void write_attr_raw(const Ctx& ctx, hid_t obj, const std::string& obj_path, const std::string& name,
                    hid_t file_type, hid_t mem_type, const void* values, std::size_t count,
                    bool scalar) {
  const std::string what = "write attribute " + name + " of " + obj_path;
  const std::array<hsize_t, 1> dims{count};
  Handle space = scalar ? ctx.own(H5Screate(H5S_SCALAR), H5Sclose, what)
                        : ctx.own(H5Screate_simple(1, dims.data(), nullptr), H5Sclose, what);
  Handle attr = ctx.own(H5Acreate2(obj, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                        H5Aclose, "create attribute " + name + " of " + obj_path);
  ctx.ok(H5Awrite(attr, mem_type, values), what);
}

void read_attr_raw(const Ctx& ctx, hid_t obj, const std::string& obj_path, const std::string& name,
                   hid_t mem_type, void* values, std::size_t count) {
  const std::string what = "read attribute " + name + " of " + obj_path;
  Handle attr = ctx.own(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose,
                        "open attribute " + name + " of " + obj_path);
  Handle space = ctx.own(H5Aget_space(attr), H5Sclose, what);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) ctx.fail(what);
  if (static_cast<std::size_t>(n) != count)
    ctx.fail(what, "expected " + std::to_string(count) + " values, found " + std::to_string(n));
  ctx.ok(H5Aread(attr, mem_type, values), what);
}

// --- 1D arrays ------------------------------------------------------------------

void write_array_raw(const Ctx& ctx, hid_t file, const std::string& path, hid_t file_type,
                     hid_t mem_type, const void* values, std::size_t count) {
  const std::array<hsize_t, 1> dims{count};
  Handle space = ctx.own(H5Screate_simple(1, dims.data(), nullptr), H5Sclose,
                         "create the dataspace of " + path);
  Handle dset = ctx.own(
      H5Dcreate2(file, path.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose, "create dataset " + path);
  // An empty array has no buffer to pass (H5Dwrite rejects a null one).
  if (count > 0)
    ctx.ok(H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
           "write dataset " + path);
}

std::size_t array_size(const Ctx& ctx, hid_t file, const std::string& path, hid_t file_type) {
  const std::string what = "read dataset " + path;
  Handle dset = open_dataset(ctx, file, path);
  Handle stored = ctx.own(H5Dget_type(dset), H5Tclose, what);
  if (!ctx.truth(H5Tequal(stored, file_type), what))
    ctx.fail(what, "unexpected datatype (not written by this version of hosim?)");
  Handle space = ctx.own(H5Dget_space(dset), H5Sclose, what);
  if (H5Sget_simple_extent_ndims(space) != 1) ctx.fail(what, "not a 1D dataset");
  hsize_t n = 0;
  if (H5Sget_simple_extent_dims(space, &n, nullptr) < 0) ctx.fail(what);
  return static_cast<std::size_t>(n);
}

void read_array_raw(const Ctx& ctx, hid_t file, const std::string& path, hid_t mem_type,
                    void* values, std::size_t count) {
  const std::string what = "read dataset " + path;
  Handle dset = open_dataset(ctx, file, path);
  Handle space = ctx.own(H5Dget_space(dset), H5Sclose, what);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) ctx.fail(what);
  if (static_cast<std::size_t>(n) != count)
    ctx.fail(what, "expected " + std::to_string(count) + " values, found " + std::to_string(n));
  if (count > 0) ctx.ok(H5Dread(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), what);
}

}  // namespace hosim::h5
