#pragma once
// Small building blocks on top of the HDF5 C API shared by run.h5 and
// checkpoint.h5: typed attributes, string datasets, 1D arrays and link
// listing. Objects are addressed by absolute paths from the file id so that
// the same path appears in error messages.
#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "io/hdf5_handle.hpp"

namespace hosim::h5 {

// Memory and file (little-endian, fixed) types of the plain values we store.
template <class T>
struct Type;
#define HOSIM_H5_TYPE(T, MEM, DISK)               \
  template <>                                     \
  struct Type<T> {                                \
    static hid_t mem() noexcept { return MEM; }   \
    static hid_t file() noexcept { return DISK; } \
  }
HOSIM_H5_TYPE(double, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);
HOSIM_H5_TYPE(float, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE);
HOSIM_H5_TYPE(std::int32_t, H5T_NATIVE_INT32, H5T_STD_I32LE);
HOSIM_H5_TYPE(std::int64_t, H5T_NATIVE_INT64, H5T_STD_I64LE);
HOSIM_H5_TYPE(std::uint8_t, H5T_NATIVE_UINT8, H5T_STD_U8LE);
HOSIM_H5_TYPE(std::uint32_t, H5T_NATIVE_UINT32, H5T_STD_U32LE);
HOSIM_H5_TYPE(std::uint64_t, H5T_NATIVE_UINT64, H5T_STD_U64LE);
#undef HOSIM_H5_TYPE

// "/a/b" + "c" -> "/a/b/c"; used for messages and for addressing.
[[nodiscard]] std::string join(const std::string& parent, const std::string& name);

// Variable-length UTF-8 string type: h5py reads it as str (attributes) or
// bytes (datasets) without any fixed length to guess.
[[nodiscard]] Handle string_type(const Ctx& ctx);

[[nodiscard]] Handle create_group(const Ctx& ctx, hid_t file, const std::string& path,
                                  bool track_order);
[[nodiscard]] Handle open_group(const Ctx& ctx, hid_t file, const std::string& path);
[[nodiscard]] Handle open_dataset(const Ctx& ctx, hid_t file, const std::string& path);
[[nodiscard]] bool link_exists(const Ctx& ctx, hid_t file, const std::string& path);
[[nodiscard]] bool attr_exists(const Ctx& ctx, hid_t obj, const std::string& obj_path,
                               const std::string& name);

// Names of the links in a group, in creation order when the group tracks it
// (and in name order otherwise).
[[nodiscard]] std::vector<std::string> link_names(const Ctx& ctx, hid_t group,
                                                  const std::string& group_path);

// --- attributes -------------------------------------------------------------

void write_string_attr(const Ctx& ctx, hid_t obj, const std::string& obj_path,
                       const std::string& name, const std::string& value);
[[nodiscard]] std::string read_string_attr(const Ctx& ctx, hid_t obj, const std::string& obj_path,
                                           const std::string& name);

void write_attr_raw(const Ctx& ctx, hid_t obj, const std::string& obj_path, const std::string& name,
                    hid_t file_type, hid_t mem_type, const void* values, std::size_t count,
                    bool scalar);
// Reads `count` values; the attribute must hold exactly that many.
void read_attr_raw(const Ctx& ctx, hid_t obj, const std::string& obj_path, const std::string& name,
                   hid_t mem_type, void* values, std::size_t count);

template <class T>
void write_attr(const Ctx& ctx, hid_t obj, const std::string& obj_path, const std::string& name,
                T value) {
  write_attr_raw(ctx, obj, obj_path, name, Type<T>::file(), Type<T>::mem(), &value, 1, true);
}
template <class T>
void write_attr_array(const Ctx& ctx, hid_t obj, const std::string& obj_path,
                      const std::string& name, std::span<const T> values) {
  write_attr_raw(ctx, obj, obj_path, name, Type<T>::file(), Type<T>::mem(), values.data(),
                 values.size(), false);
}
template <class T>
[[nodiscard]] T read_attr(const Ctx& ctx, hid_t obj, const std::string& obj_path,
                          const std::string& name) {
  T value{};
  read_attr_raw(ctx, obj, obj_path, name, Type<T>::mem(), &value, 1);
  return value;
}

// --- datasets ---------------------------------------------------------------

// Scalar dataset holding one variable-length UTF-8 string.
void write_string_dataset(const Ctx& ctx, hid_t file, const std::string& path,
                          const std::string& value);
// 1D dataset of variable-length UTF-8 strings (a text column of a table).
void write_string_array(const Ctx& ctx, hid_t file, const std::string& path,
                        const std::vector<std::string>& values);
[[nodiscard]] std::string read_string_dataset(const Ctx& ctx, hid_t file, const std::string& path);

// Contiguous 1D dataset of `count` values (count may be 0).
void write_array_raw(const Ctx& ctx, hid_t file, const std::string& path, hid_t file_type,
                     hid_t mem_type, const void* values, std::size_t count);
// Number of elements of a 1D dataset whose stored type equals `file_type`.
[[nodiscard]] std::size_t array_size(const Ctx& ctx, hid_t file, const std::string& path,
                                     hid_t file_type);
void read_array_raw(const Ctx& ctx, hid_t file, const std::string& path, hid_t mem_type,
                    void* values, std::size_t count);

template <class T>
void write_array(const Ctx& ctx, hid_t file, const std::string& path, std::span<const T> values) {
  write_array_raw(ctx, file, path, Type<T>::file(), Type<T>::mem(), values.data(), values.size());
}
template <class T>
[[nodiscard]] std::size_t array_size(const Ctx& ctx, hid_t file, const std::string& path) {
  return array_size(ctx, file, path, Type<T>::file());
}
template <class T>
void read_array(const Ctx& ctx, hid_t file, const std::string& path, std::span<T> out) {
  read_array_raw(ctx, file, path, Type<T>::mem(), out.data(), out.size());
}

}  // namespace hosim::h5
