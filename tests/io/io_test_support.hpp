#pragma once
// Test support for the io module: a scratch directory per test and a small,
// independent reader on the HDF5 C API (deliberately not src/io's helpers, so
// the tests check the file, not the writer against itself).
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace hosim::test {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "hosim_io_" + std::to_string(::getpid()) + "_";
    if (info != nullptr) name += std::string(info->test_suite_name()) + "_" + info->name();
    path_ = fs::temp_directory_path() / name;
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Number of HDF5 objects (files, groups, datasets, ...) still open anywhere in
// the process: every io call must leave it at zero.
inline ssize_t open_hdf5_objects() {
  return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
}

// True when /usr/bin/python3 can import h5py (tests using it skip otherwise).
inline bool python_has_h5py() {
  return std::system("/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1") == 0;
}
inline bool python_available() {
  return std::system("/usr/bin/python3 -c 'pass' >/dev/null 2>&1") == 0;
}

// Minimal owning id for the reader below.
class Id {
 public:
  Id(hid_t id, herr_t (*closer)(hid_t)) : id_(id), closer_(closer) {}
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() {
    if (id_ >= 0) closer_(id_);
  }
  operator hid_t() const { return id_; }  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool valid() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*closer_)(hid_t);
};

// Read-only view of one HDF5 file.
class Reader {
 public:
  explicit Reader(const std::string& path)
      : file_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose) {
    if (!file_.valid()) throw std::runtime_error("test reader cannot open " + path);
  }

  [[nodiscard]] bool exists(const std::string& path) const {
    return H5Lexists(file_, path.c_str(), H5P_DEFAULT) > 0;
  }
  [[nodiscard]] bool has_attr(const std::string& obj, const std::string& name) const {
    return H5Aexists_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT) > 0;
  }

  [[nodiscard]] std::vector<hsize_t> dims(const std::string& dset) const {
    Id d(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), H5Dclose);
    Id s(H5Dget_space(d), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(s);
    std::vector<hsize_t> out(static_cast<std::size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(s, out.data(), nullptr);
    return out;
  }
  // Stored datatype of a dataset, compared with a predefined type.
  [[nodiscard]] bool dataset_type_is(const std::string& dset, hid_t type) const {
    Id d(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), H5Dclose);
    Id t(H5Dget_type(d), H5Tclose);
    return H5Tequal(t, type) > 0;
  }
  [[nodiscard]] bool attr_type_is(const std::string& obj, const std::string& name,
                                  hid_t type) const {
    Id a(H5Aopen_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    Id t(H5Aget_type(a), H5Tclose);
    return H5Tequal(t, type) > 0;
  }

  template <class T>
  [[nodiscard]] std::vector<T> read(const std::string& dset, hid_t mem_type) const {
    Id d(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), H5Dclose);
    Id s(H5Dget_space(d), H5Sclose);
    std::vector<T> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(s)));
    if (!out.empty() && H5Dread(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
      throw std::runtime_error("test reader cannot read " + dset);
    return out;
  }

  template <class T>
  [[nodiscard]] std::vector<T> attr(const std::string& obj, const std::string& name,
                                    hid_t mem_type) const {
    Id a(H5Aopen_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!a.valid()) throw std::runtime_error("test reader: no attribute " + obj + "@" + name);
    Id s(H5Aget_space(a), H5Sclose);
    std::vector<T> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(s)));
    if (H5Aread(a, mem_type, out.data()) < 0)
      throw std::runtime_error("test reader cannot read " + obj + "@" + name);
    return out;
  }

  // Variable-length string attribute.
  [[nodiscard]] std::string string_attr(const std::string& obj, const std::string& name) const {
    Id a(H5Aopen_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!a.valid()) throw std::runtime_error("test reader: no attribute " + obj + "@" + name);
    Id t(H5Aget_type(a), H5Tclose);
    // The contract: variable-length UTF-8, which h5py returns as str.
    if (H5Tget_class(t) != H5T_STRING || H5Tis_variable_str(t) <= 0 ||
        H5Tget_cset(t) != H5T_CSET_UTF8)
      throw std::runtime_error("test reader: " + obj + "@" + name + " is not a vlen UTF-8 string");
    Id mem(H5Tcopy(t), H5Tclose);
    char* raw = nullptr;
    if (H5Aread(a, mem, &raw) < 0) throw std::runtime_error("cannot read " + name);
    std::string out = raw != nullptr ? raw : "";
    H5free_memory(raw);
    return out;
  }

  [[nodiscard]] std::string string_dataset(const std::string& dset) const {
    Id d(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.valid()) throw std::runtime_error("test reader: no dataset " + dset);
    Id t(H5Dget_type(d), H5Tclose);
    if (H5Tget_class(t) != H5T_STRING || H5Tis_variable_str(t) <= 0 ||
        H5Tget_cset(t) != H5T_CSET_UTF8)
      throw std::runtime_error("test reader: " + dset + " is not a vlen UTF-8 string");
    Id s(H5Dget_space(d), H5Sclose);
    Id mem(H5Tcopy(t), H5Tclose);
    char* raw = nullptr;
    if (H5Dread(d, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, &raw) < 0)
      throw std::runtime_error("cannot read " + dset);
    std::string out = raw != nullptr ? raw : "";
    H5Dvlen_reclaim(mem, s, H5P_DEFAULT, &raw);
    return out;
  }

  // Filter ids in the dataset's pipeline, in order.
  [[nodiscard]] std::vector<H5Z_filter_t> filters(const std::string& dset,
                                                  std::vector<unsigned>* deflate_level = nullptr,
                                                  std::vector<hsize_t>* chunk = nullptr) const {
    Id d(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), H5Dclose);
    Id plist(H5Dget_create_plist(d), H5Pclose);
    std::vector<H5Z_filter_t> out;
    const int n = H5Pget_nfilters(plist);
    for (int i = 0; i < n; ++i) {
      unsigned flags = 0;
      std::size_t nvalues = 4;
      unsigned values[4] = {0, 0, 0, 0};
      unsigned config = 0;
      char name[64];
      const H5Z_filter_t f = H5Pget_filter2(plist, static_cast<unsigned>(i), &flags, &nvalues,
                                            values, sizeof name, name, &config);
      out.push_back(f);
      if (f == H5Z_FILTER_DEFLATE && deflate_level != nullptr) deflate_level->push_back(values[0]);
    }
    if (chunk != nullptr) {
      if (H5Pget_layout(plist) == H5D_CHUNKED) {
        chunk->assign(8, 0);
        const int rank = H5Pget_chunk(plist, 8, chunk->data());
        chunk->resize(static_cast<std::size_t>(std::max(rank, 0)));
      } else {
        chunk->clear();
      }
    }
    return out;
  }

 private:
  Id file_;
};

}  // namespace hosim::test
