// checkpoint.h5: the whole ModelState must come back bit for bit, and
// anything that is not a checkpoint must be refused with an IoError.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>

#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/run_file.hpp"
#include "io_test_support.hpp"

namespace hosim {
namespace {

using test::ScratchDir;

template <class T>
bool same_bytes(const T* a, const T* b, std::size_t n) {
  return n == 0 || std::memcmp(a, b, n * sizeof(T)) == 0;
}
template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}
template <class T>
bool same_bytes(const AlignedBuffer<T>& a, const AlignedBuffer<T>& b) {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

// The message of the IoError that reading `path` must throw (a failure, and
// "", when it reads without one).
std::string read_error(const std::string& path) {
  try {
    (void)read_checkpoint(path);
  } catch (const IoError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected IoError reading " << path;
  return "";
}

ModelState make_state(std::size_t n_cells) {
  ModelState s;
  s.grid.nx = 7;
  s.grid.ny = 6;
  s.grid.nz = 3;
  s.grid.dx_um = 17.3;
  s.grid.origin_um = {-0.1, 2.0 / 3.0, 1e-7};
  const std::size_t n = s.grid.size();
  s.fields.emplace_back("oxygen", "mmHg", s.grid, 0.0);
  s.fields.emplace_back("bmp2", "nM", s.grid, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    s.fields[0].values[i] = std::sqrt(static_cast<double>(i) + 0.1);
    s.fields[1].values[i] = -1.0 / (static_cast<double>(i) + 3.0);
  }
  s.fields[1].values[5] = std::numeric_limits<double>::quiet_NaN();
  s.fields[1].values[6] = -0.0;
  s.fields[1].values[7] = std::numeric_limits<double>::denorm_min();
  s.tissue.anatomy.resize(n, 0);
  s.tissue.injured.resize(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    s.tissue.anatomy[i] = static_cast<std::uint8_t>(i % 3);
    s.tissue.injured[i] = static_cast<std::uint8_t>((i / 5) % 2);
  }
  for (int l = 0; l < kTissueLayerCount; ++l) {
    s.tissue.layers[l].resize(n, 0.0f);
    for (std::size_t i = 0; i < n; ++i) s.tissue.layers[l][i] = 0.25f * l + 1e-3f * i;
  }
  s.systemic.serum_alp_U_L = 123.456789;
  for (std::size_t c = 0; c < n_cells; ++c) {
    s.cells.push(1000 + 3 * c, static_cast<CellType>(c % kCellTypeCount),
                 static_cast<std::uint32_t>((c * 5) % n), 3600.0 * c + 0.25, 1.0 / (c + 1.0),
                 1.0f / (c + 3.0f));
  }
  s.occupancy.resize(n, -1);
  s.rebuild_occupancy();
  s.step = 123456789012LL;
  s.time_s = 86400.0 * 1.1;
  s.next_cell_id = (1ULL << 63) + 5;
  s.seed = 0xFFFFFFFFFFFFFFFFULL;
  s.systemic.injury_times_s = {0.0, 30.25 * 86400};
  s.intervention_log.push_back({12, 10800.0, 0, "start", 0.9, "1"});
  s.intervention_log.push_back({96, 86400.0, 2, "cells_killed", 1234, "cells"});
  s.intervention_log.push_back({97, 87300.25, 1, "excised_volume", 0.0123456789012345, "mm^3"});
  return s;
}

CheckpointMeta make_meta() {
  CheckpointMeta m;
  m.config_input_yaml = "grid: {nx: 7}\n# ünïcode µm\n";
  m.config_resolved_yaml = "grid:\n  nx: 7\n";
  m.command_line = "hosim run 'a b.yaml'";
  m.timeseries_rows = 42;
  m.last_snapshot_step = 96;
  return m;
}

void expect_identical(const ModelState& a, const ModelState& b) {
  EXPECT_EQ(a.grid.nx, b.grid.nx);
  EXPECT_EQ(a.grid.ny, b.grid.ny);
  EXPECT_EQ(a.grid.nz, b.grid.nz);
  EXPECT_TRUE(same_bytes(&a.grid.dx_um, &b.grid.dx_um, 1));
  EXPECT_TRUE(same_bytes(a.grid.origin_um.data(), b.grid.origin_um.data(), 3));
  ASSERT_EQ(a.fields.size(), b.fields.size());
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    EXPECT_EQ(a.fields[i].name, b.fields[i].name);
    EXPECT_EQ(a.fields[i].unit, b.fields[i].unit);
    EXPECT_TRUE(same_bytes(a.fields[i].values, b.fields[i].values)) << a.fields[i].name;
  }
  EXPECT_TRUE(same_bytes(a.tissue.anatomy, b.tissue.anatomy));
  EXPECT_TRUE(same_bytes(a.tissue.injured, b.tissue.injured));
  for (int l = 0; l < kTissueLayerCount; ++l)
    EXPECT_TRUE(same_bytes(a.tissue.layers[l], b.tissue.layers[l])) << kTissueLayerNames[l];
  EXPECT_EQ(a.systemic.serum_alp_U_L, b.systemic.serum_alp_U_L);
  EXPECT_EQ(a.systemic.injury_times_s, b.systemic.injury_times_s);
  EXPECT_TRUE(same_bytes(a.cells.id, b.cells.id));
  EXPECT_TRUE(same_bytes(a.cells.type, b.cells.type));
  EXPECT_TRUE(same_bytes(a.cells.voxel, b.cells.voxel));
  EXPECT_TRUE(same_bytes(a.cells.age_s, b.cells.age_s));
  EXPECT_TRUE(same_bytes(a.cells.state_age_s, b.cells.state_age_s));
  EXPECT_TRUE(same_bytes(a.cells.hif_memory_s, b.cells.hif_memory_s));
  EXPECT_TRUE(same_bytes(a.occupancy, b.occupancy));
  EXPECT_EQ(a.step, b.step);
  EXPECT_TRUE(same_bytes(&a.time_s, &b.time_s, 1));
  EXPECT_EQ(a.next_cell_id, b.next_cell_id);
  EXPECT_EQ(a.seed, b.seed);
  ASSERT_EQ(a.intervention_log.size(), b.intervention_log.size());
  for (std::size_t k = 0; k < a.intervention_log.size(); ++k) {
    const auto &x = a.intervention_log[k], &y = b.intervention_log[k];
    EXPECT_EQ(x.step, y.step);
    EXPECT_TRUE(same_bytes(&x.time_s, &y.time_s, 1));
    EXPECT_EQ(x.hook, y.hook);
    EXPECT_EQ(x.action, y.action);
    EXPECT_TRUE(same_bytes(&x.amount, &y.amount, 1));
    EXPECT_EQ(x.unit, y.unit);
  }
}

void expect_meta(const CheckpointMeta& a, const CheckpointMeta& b) {
  EXPECT_EQ(a.config_input_yaml, b.config_input_yaml);
  EXPECT_EQ(a.config_resolved_yaml, b.config_resolved_yaml);
  EXPECT_EQ(a.command_line, b.command_line);
  EXPECT_EQ(a.timeseries_rows, b.timeseries_rows);
  EXPECT_EQ(a.last_snapshot_step, b.last_snapshot_step);
}

TEST(Checkpoint, RoundTripIsBitIdentical) {
  ScratchDir dir;
  const std::string path = dir.file("checkpoint.h5");
  const ModelState s = make_state(25);
  write_checkpoint(path, s, make_meta());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  EXPECT_EQ(test::open_hdf5_objects(), 0);

  const Checkpoint back = read_checkpoint(path);
  EXPECT_EQ(test::open_hdf5_objects(), 0);
  expect_identical(s, back.state);
  expect_meta(make_meta(), back.meta);
  ASSERT_EQ(back.state.occupancy.size(), s.grid.size());
  EXPECT_EQ(back.state.occupancy[back.state.cells.voxel[3]], 3);

  test::Reader r(path);
  EXPECT_EQ(r.attr<int>("/", "hosim_checkpoint_version", H5T_NATIVE_INT), std::vector<int>{4});
}

TEST(Checkpoint, ZeroCellsAndNoFieldsWork) {
  ScratchDir dir;
  const std::string path = dir.file("checkpoint.h5");
  ModelState s = make_state(0);
  write_checkpoint(path, s, {});
  Checkpoint back = read_checkpoint(path);
  expect_identical(s, back.state);
  expect_meta(CheckpointMeta{}, back.meta);
  EXPECT_EQ(back.state.cells.size(), 0U);

  s.fields.clear();
  s.tissue = {};
  write_checkpoint(path, s, make_meta());  // replaces the previous checkpoint
  back = read_checkpoint(path);
  expect_identical(s, back.state);
  EXPECT_TRUE(back.state.fields.empty());
}

TEST(Checkpoint, FailedWriteKeepsThePreviousCheckpoint) {
  ScratchDir dir;
  const std::string path = dir.file("checkpoint.h5");
  const ModelState s = make_state(3);
  write_checkpoint(path, s, make_meta());
  // A directory squatting on the temporary name makes the next write fail.
  std::filesystem::create_directory(path + ".tmp");
  EXPECT_THROW(write_checkpoint(path, make_state(9), make_meta()), IoError);
  std::filesystem::remove(path + ".tmp");
  expect_identical(s, read_checkpoint(path).state);
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

TEST(Checkpoint, MissingFileIsIoError) {
  ScratchDir dir;
  const std::string path = dir.file("nope.h5");
  const std::string msg = read_error(path);
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_NE(msg.find("does not exist"), std::string::npos) << msg;
}

TEST(Checkpoint, NonHdf5FileIsIoError) {
  ScratchDir dir;
  const std::string path = dir.file("text.h5");
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("not hdf5\n", f);
    std::fclose(f);
  }
  const std::string msg = read_error(path);
  EXPECT_NE(msg.find("not an HDF5 file"), std::string::npos) << msg;
}

TEST(Checkpoint, OtherHdf5FileIsIoError) {
  ScratchDir dir;
  const std::string path = dir.file("run.h5");
  RunFile(path, Grid{}).create(Provenance{});
  testing::internal::CaptureStderr();
  const std::string msg = read_error(path);
  EXPECT_NE(msg.find("not a hosim checkpoint"), std::string::npos) << msg;
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

TEST(Checkpoint, WrongVersionIsIoError) {
  ScratchDir dir;
  const std::string path = dir.file("checkpoint.h5");
  write_checkpoint(path, make_state(2), make_meta());
  {
    test::Id f(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    test::Id a(H5Aopen(f, "hosim_checkpoint_version", H5P_DEFAULT), H5Aclose);
    const int v = 7;
    ASSERT_GE(H5Awrite(a, H5T_NATIVE_INT, &v), 0);
  }
  const std::string msg = read_error(path);
  EXPECT_NE(msg.find("version 7"), std::string::npos) << msg;
}

// A cell type code this version does not know (a newer version's type, or
// damage) is a clear error, not an out-of-range rule lookup later.
TEST(Checkpoint, UnknownCellTypeIsIoError) {
  ScratchDir dir;
  const std::string path = dir.file("checkpoint.h5");
  write_checkpoint(path, make_state(4), make_meta());
  {
    test::Id f(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    test::Id d(H5Dopen2(f, "/cells/type", H5P_DEFAULT), H5Dclose);
    test::Id space(H5Dget_space(d), H5Sclose);
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    ASSERT_GT(n, 0U);
    std::vector<std::uint8_t> codes(n, 1);
    codes[n - 1] = 200;
    ASSERT_GE(H5Dwrite(d, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, codes.data()), 0);
  }
  const std::string msg = read_error(path);
  EXPECT_NE(msg.find("cell type code 200"), std::string::npos) << msg;
}

TEST(Checkpoint, MissingDirectoryIsIoError) {
  EXPECT_THROW(write_checkpoint("/nonexistent-hosim-dir/checkpoint.h5", make_state(1), {}),
               IoError);
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

}  // namespace
}  // namespace hosim
