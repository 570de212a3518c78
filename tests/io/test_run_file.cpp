// run.h5: provenance, snapshots and time series, read back through the HDF5
// C API and checked against the layout of DESIGN.md §3.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "io/run_file.hpp"
#include "io_test_support.hpp"

namespace hosim {
namespace {

using test::Reader;
using test::ScratchDir;

Grid small_grid() {
  Grid g;
  g.nx = 5;
  g.ny = 4;
  g.nz = 3;
  g.dx_um = 12.5;
  g.origin_um = {-100.0, 20.0, 3.5};  // x, y, z
  return g;
}

Provenance sample_provenance() {
  Provenance p;
  p.software_version = "0.1.0";
  p.git_commit = "abc123";
  p.seed = 18446744073709551557ULL;  // needs all 64 bits
  p.threads = 2;
  p.config_input_yaml = "grid:\n  nx: 5\n";
  p.config_resolved_yaml = "grid:\n  nx: 5\n  ny: 4\n";
  p.command_line = "hosim run x.yaml --threads 2";
  p.build_info = "compiler: test";
  return p;
}

// A real field with values that are not exactly representable in float.
std::vector<double> ramp(const Grid& g, double scale) {
  std::vector<double> v(g.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = scale * (0.1 + static_cast<double>(i)) / 3.0;
  return v;
}

std::vector<std::uint8_t> labels(const Grid& g) {
  std::vector<std::uint8_t> v(g.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::uint8_t>(i % 10);
  return v;
}

class RunFileTest : public ::testing::Test {
 protected:
  ScratchDir dir;
  Grid grid = small_grid();
  std::string path = dir.file("run.h5");
  RunFile run{path, grid};
  std::vector<double> oxygen = ramp(grid, 1.0);
  std::vector<double> factor = ramp(grid, -7.0);
  std::vector<std::uint8_t> cells = labels(grid);

  std::vector<MeshView> views() const {
    return {
        {"oxygen", "mmHg", MeshView::Type::Float64, oxygen.data(), ""},
        {"cell_type", "enum", MeshView::Type::UInt8, cells.data(), "0=none,1=mpc,2=neutrophil"},
        {"factor", "nM", MeshView::Type::Float64, factor.data(), ""},
    };
  }
};

TEST_F(RunFileTest, CreateWritesProvenanceAndEmptyGroups) {
  run.create(sample_provenance());
  EXPECT_EQ(test::open_hdf5_objects(), 0);
  Reader r(path);
  EXPECT_TRUE(r.exists("/data"));
  EXPECT_TRUE(r.exists("/timeseries"));
  EXPECT_EQ(r.string_attr("/provenance", "software_version"), "0.1.0");
  EXPECT_EQ(r.string_attr("/provenance", "git_commit"), "abc123");
  EXPECT_EQ(r.string_attr("/provenance", "rng"), Provenance{}.rng);
  EXPECT_TRUE(r.attr_type_is("/provenance", "seed", H5T_STD_U64LE));
  EXPECT_EQ(r.attr<std::uint64_t>("/provenance", "seed", H5T_NATIVE_UINT64),
            std::vector<std::uint64_t>{18446744073709551557ULL});
  EXPECT_TRUE(r.attr_type_is("/provenance", "threads", H5T_STD_I32LE));
  EXPECT_EQ(r.attr<int>("/provenance", "threads", H5T_NATIVE_INT), std::vector<int>{2});
  EXPECT_EQ(r.string_dataset("/provenance/config_input_yaml"), "grid:\n  nx: 5\n");
  EXPECT_EQ(r.string_dataset("/provenance/config_resolved_yaml"), "grid:\n  nx: 5\n  ny: 4\n");
  EXPECT_EQ(r.string_dataset("/provenance/command_line"), "hosim run x.yaml --threads 2");
  EXPECT_EQ(r.string_dataset("/provenance/build_info"), "compiler: test");
}

TEST_F(RunFileTest, CreateTruncatesAnExistingFile) {
  run.create(sample_provenance());
  (void)run.write_snapshot(1, 0.5, views(), 4, false);
  run.create(sample_provenance());
  EXPECT_TRUE(run.list_snapshots().empty());
}

TEST_F(RunFileTest, SnapshotFloat32LayoutValuesAndAttributes) {
  run.create(sample_provenance());
  const SnapshotInfo info = run.write_snapshot(96, 1.25, views(), 4, false);
  EXPECT_EQ(test::open_hdf5_objects(), 0);

  EXPECT_EQ(info.step, 96);
  EXPECT_DOUBLE_EQ(info.time_days, 1.25);
  EXPECT_EQ(info.meshes, (std::vector<std::string>{"oxygen", "cell_type", "factor"}));
  EXPECT_EQ(info.units, (std::vector<std::string>{"mmHg", "enum", "nM"}));
  EXPECT_EQ(info.is_uint8, (std::vector<bool>{false, true, false}));
  EXPECT_FALSE(info.float64);

  Reader r(path);
  EXPECT_EQ(r.attr<double>("/data/96", "time_days", H5T_NATIVE_DOUBLE), std::vector<double>{1.25});
  EXPECT_TRUE(r.attr_type_is("/data/96", "time_days", H5T_IEEE_F64LE));

  const std::vector<hsize_t> dims{3, 4, 5};  // nz, ny, nx
  for (const char* name : {"oxygen", "cell_type", "factor"}) {
    const std::string d = std::string("/data/96/meshes/") + name;
    SCOPED_TRACE(d);
    EXPECT_EQ(r.dims(d), dims);
    EXPECT_EQ(r.attr<double>(d, "grid_spacing", H5T_NATIVE_DOUBLE),
              (std::vector<double>{12.5, 12.5, 12.5}));
    // origin in z, y, x order
    EXPECT_EQ(r.attr<double>(d, "origin", H5T_NATIVE_DOUBLE),
              (std::vector<double>{3.5, 20.0, -100.0}));
    EXPECT_EQ(r.string_attr(d, "axis_order"), "z,y,x");

    std::vector<unsigned> level;
    std::vector<hsize_t> chunk;
    const auto filters = r.filters(d, &level, &chunk);
    EXPECT_EQ(filters, (std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE}));
    EXPECT_EQ(level, std::vector<unsigned>{4});
    EXPECT_EQ(chunk, (std::vector<hsize_t>{1, 4, 5}));  // one z-slab
  }

  EXPECT_TRUE(r.dataset_type_is("/data/96/meshes/oxygen", H5T_IEEE_F32LE));
  EXPECT_TRUE(r.dataset_type_is("/data/96/meshes/cell_type", H5T_STD_U8LE));
  EXPECT_EQ(r.string_attr("/data/96/meshes/oxygen", "unit"), "mmHg");
  EXPECT_EQ(r.string_attr("/data/96/meshes/factor", "unit"), "nM");
  EXPECT_EQ(r.string_attr("/data/96/meshes/cell_type", "unit"), "enum");
  EXPECT_EQ(r.string_attr("/data/96/meshes/cell_type", "enum"), "0=none,1=mpc,2=neutrophil");
  EXPECT_FALSE(r.has_attr("/data/96/meshes/oxygen", "enum"));

  const auto ox = r.read<float>("/data/96/meshes/oxygen", H5T_NATIVE_FLOAT);
  const auto fa = r.read<float>("/data/96/meshes/factor", H5T_NATIVE_FLOAT);
  ASSERT_EQ(ox.size(), grid.size());
  for (std::size_t i = 0; i < ox.size(); ++i) {
    EXPECT_EQ(ox[i], static_cast<float>(oxygen[i])) << i;
    EXPECT_EQ(fa[i], static_cast<float>(factor[i])) << i;
  }
  EXPECT_EQ(r.read<std::uint8_t>("/data/96/meshes/cell_type", H5T_NATIVE_UINT8), cells);
}

TEST_F(RunFileTest, SnapshotFloat64KeepsEveryBitAndLevelZeroSkipsDeflate) {
  run.create(sample_provenance());
  oxygen[3] = std::numeric_limits<double>::infinity();
  oxygen[4] = 1e300;  // would not fit a float
  const SnapshotInfo info = run.write_snapshot(0, 0.0, views(), 0, true);
  EXPECT_TRUE(info.float64);
  Reader r(path);
  EXPECT_TRUE(r.dataset_type_is("/data/0/meshes/oxygen", H5T_IEEE_F64LE));
  EXPECT_TRUE(r.dataset_type_is("/data/0/meshes/cell_type", H5T_STD_U8LE));
  EXPECT_EQ(r.read<double>("/data/0/meshes/oxygen", H5T_NATIVE_DOUBLE), oxygen);
  std::vector<hsize_t> chunk;
  EXPECT_EQ(r.filters("/data/0/meshes/oxygen", nullptr, &chunk),
            std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE});
  EXPECT_EQ(chunk, (std::vector<hsize_t>{1, 4, 5}));
}

// With deflate, hosim filters the z-slab chunks itself (in parallel) and
// hands them to HDF5 whole: a reader gets every value back through HDF5's
// own shuffle + deflate pipeline, for each stored type and each cast.
TEST_F(RunFileTest, DeflatedSlabsReadBackExactlyForEveryTypeAndCast) {
  run.create(sample_provenance());
  oxygen[3] = std::numeric_limits<double>::infinity();
  oxygen[4] = 1e300;
  std::vector<float> tissue(grid.size());
  for (std::size_t i = 0; i < tissue.size(); ++i) tissue[i] = 0.37f * static_cast<float>(i) - 2;
  std::vector<MeshView> meshes = views();
  meshes.push_back({"tissue", "1", MeshView::Type::Float32, tissue.data(), ""});
  for (const bool float64 : {true, false}) {
    const std::int64_t step = float64 ? 1 : 2;
    (void)run.write_snapshot(step, 0.0, meshes, 6, float64);
    Reader r(path);
    const std::string at = "/data/" + std::to_string(step) + "/meshes/";
    std::vector<hsize_t> chunk;
    EXPECT_EQ(r.filters(at + "oxygen", nullptr, &chunk),
              (std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE}));
    EXPECT_EQ(chunk, (std::vector<hsize_t>{1, 4, 5}));
    EXPECT_EQ(r.read<std::uint8_t>(at + "cell_type", H5T_NATIVE_UINT8), cells);
    if (float64) {
      EXPECT_TRUE(r.dataset_type_is(at + "tissue", H5T_IEEE_F64LE));
      EXPECT_EQ(r.read<double>(at + "oxygen", H5T_NATIVE_DOUBLE), oxygen);
      const auto t = r.read<double>(at + "tissue", H5T_NATIVE_DOUBLE);
      for (std::size_t i = 0; i < t.size(); ++i) ASSERT_EQ(t[i], static_cast<double>(tissue[i]));
    } else {
      EXPECT_TRUE(r.dataset_type_is(at + "tissue", H5T_IEEE_F32LE));
      EXPECT_EQ(r.read<float>(at + "tissue", H5T_NATIVE_FLOAT), tissue);
      const auto ox = r.read<float>(at + "oxygen", H5T_NATIVE_FLOAT);
      for (std::size_t i = 0; i < ox.size(); ++i) ASSERT_EQ(ox[i], static_cast<float>(oxygen[i]));
    }
  }
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

TEST_F(RunFileTest, Float32NarrowingIsAnIeeeCast) {
  run.create(sample_provenance());
  oxygen[0] = std::numeric_limits<double>::quiet_NaN();
  oxygen[1] = 1e300;   // overflows to +inf (HDF5's own conversion would clamp)
  oxygen[2] = -1e300;  // -inf
  oxygen[3] = 1e-300;  // underflows to 0
  (void)run.write_snapshot(7, 0.1, views(), 1, false);
  Reader r(path);
  const auto ox = r.read<float>("/data/7/meshes/oxygen", H5T_NATIVE_FLOAT);
  EXPECT_TRUE(std::isnan(ox[0]));
  EXPECT_EQ(ox[1], std::numeric_limits<float>::infinity());
  EXPECT_EQ(ox[2], -std::numeric_limits<float>::infinity());
  EXPECT_EQ(ox[3], 0.0F);
  EXPECT_EQ(ox[5], static_cast<float>(oxygen[5]));
}

TEST_F(RunFileTest, ImagesAreWrittenBesideTheMeshesAsYxFloat32) {
  run.create(sample_provenance());
  std::vector<float> drr(static_cast<std::size_t>(grid.nx) * grid.ny);
  for (std::size_t i = 0; i < drr.size(); ++i) drr[i] = 0.01f * static_cast<float>(i);
  const std::vector<ImageView> images{
      {"radiograph", "1", "contrast", grid.nx, grid.ny, drr.data()}};
  const SnapshotInfo info = run.write_snapshot(4, 0.5, views(), 4, false, images);
  EXPECT_EQ(test::open_hdf5_objects(), 0);
  // Images are not meshes: the XDMF and the mesh list do not see them.
  EXPECT_EQ(info.meshes.size(), 3U);
  EXPECT_EQ(run.list_snapshots().at(0).meshes.size(), 3U);
  Reader r(path);
  const std::string d = "/data/4/images/radiograph";
  EXPECT_EQ(r.dims(d), (std::vector<hsize_t>{4, 5}));  // ny, nx
  EXPECT_TRUE(r.dataset_type_is(d, H5T_IEEE_F32LE));
  EXPECT_EQ(r.read<float>(d, H5T_NATIVE_FLOAT), drr);
  EXPECT_EQ(r.string_attr(d, "unit"), "1");
  EXPECT_EQ(r.string_attr(d, "description"), "contrast");
  EXPECT_EQ(r.string_attr(d, "axis_order"), "y,x");
  EXPECT_EQ(r.attr<double>(d, "grid_spacing", H5T_NATIVE_DOUBLE),
            (std::vector<double>{12.5, 12.5}));
  EXPECT_EQ(r.attr<double>(d, "origin", H5T_NATIVE_DOUBLE), (std::vector<double>{20.0, -100.0}));
}

TEST_F(RunFileTest, AnImageOfTheWrongSizeIsAnIoErrorNamingThePath) {
  run.create(sample_provenance());
  std::vector<float> drr(3);
  const std::vector<ImageView> images{{"radiograph", "1", "", 3, 1, drr.data()}};
  try {
    (void)run.write_snapshot(4, 0.5, views(), 4, false, images);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("/data/4/images/radiograph"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("5 × 4"), std::string::npos) << e.what();
  }
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

TEST(RunFileChunks, LargeSlabsAreCappedNearOneMebibyte) {
  ScratchDir dir;
  Grid g;
  g.nx = 700;
  g.ny = 500;
  g.nz = 2;
  const std::string path = dir.file("big.h5");
  RunFile run(path, g);
  run.create(sample_provenance());
  std::vector<double> v(g.size(), 1.5);
  std::vector<std::uint8_t> u(g.size(), 3);
  (void)run.write_snapshot(1, 1.0,
                           {{"f", "1", MeshView::Type::Float64, v.data(), ""},
                            {"u", "enum", MeshView::Type::UInt8, u.data(), "3=x"}},
                           1, false);
  Reader r(path);
  std::vector<hsize_t> chunk;
  (void)r.filters("/data/1/meshes/f", nullptr, &chunk);
  ASSERT_EQ(chunk.size(), 3U);
  EXPECT_EQ(chunk[0], 1U);
  EXPECT_EQ(chunk[2], 700U);
  EXPECT_LE(chunk[0] * chunk[1] * chunk[2] * 4, 1U << 20);
  EXPECT_GT(chunk[0] * chunk[1] * chunk[2] * 4, 1U << 19);
  (void)r.filters("/data/1/meshes/u", nullptr, &chunk);
  EXPECT_EQ(chunk, (std::vector<hsize_t>{1, 500, 700}));  // 350 KB of uint8: one slab
  const auto back = r.read<float>("/data/1/meshes/f", H5T_NATIVE_FLOAT);
  EXPECT_EQ(back, std::vector<float>(g.size(), 1.5F));
}

TEST_F(RunFileTest, TwoDimensionalGridIsOneLayerThick) {
  Grid g2 = grid;
  g2.nz = 1;
  RunFile run2(path, g2);
  run2.create(sample_provenance());
  (void)run2.write_snapshot(3, 0.25, views(), 6, false);
  Reader r(path);
  EXPECT_EQ(r.dims("/data/3/meshes/oxygen"), (std::vector<hsize_t>{1, 4, 5}));
}

TEST_F(RunFileTest, ListSnapshotsSortsByStepNumerically) {
  run.create(sample_provenance());
  const SnapshotInfo a = run.write_snapshot(10, 1.0, views(), 4, false);
  const SnapshotInfo b = run.write_snapshot(9, 0.9, {views()[1]}, 4, false);
  const SnapshotInfo c = run.write_snapshot(100, 10.0, views(), 4, true);
  EXPECT_EQ(test::open_hdf5_objects(), 0);

  const auto list = run.list_snapshots();
  EXPECT_EQ(test::open_hdf5_objects(), 0);
  ASSERT_EQ(list.size(), 3U);
  const SnapshotInfo* expected[] = {&b, &a, &c};
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(list[i].step, expected[i]->step);
    EXPECT_EQ(list[i].time_days, expected[i]->time_days);
    EXPECT_EQ(list[i].meshes, expected[i]->meshes);  // in written order, not by name
    EXPECT_EQ(list[i].units, expected[i]->units);
    EXPECT_EQ(list[i].is_uint8, expected[i]->is_uint8);
  }
  EXPECT_FALSE(list[1].float64);
  EXPECT_TRUE(list[2].float64);
}

TEST_F(RunFileTest, ListSnapshotsReadsFixedLengthAsciiUnits) {
  // Files touched by other tools (h5py with numpy strings, h5edit) often carry
  // fixed-length ASCII strings; reading them back must still work.
  run.create(sample_provenance());
  (void)run.write_snapshot(4, 0.4, views(), 4, false);
  {
    test::Id f(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    ASSERT_GE(H5Adelete_by_name(f, "/data/4/meshes/factor", "unit", H5P_DEFAULT), 0);
    test::Id d(H5Dopen2(f, "/data/4/meshes/factor", H5P_DEFAULT), H5Dclose);
    test::Id type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type, 8);
    H5Tset_strpad(type, H5T_STR_SPACEPAD);
    test::Id space(H5Screate(H5S_SCALAR), H5Sclose);
    test::Id a(H5Acreate2(d, "unit", type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    ASSERT_GE(H5Awrite(a, type, "uM      "), 0);
  }
  const auto list = run.list_snapshots();
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].units, (std::vector<std::string>{"mmHg", "enum", "uM"}));
}

TEST_F(RunFileTest, TimeseriesAppendAcrossReopensThenTruncate) {
  run.create(sample_provenance());
  const std::vector<TimeseriesColumn> cols{{"time_days", "day"}, {"cells", "1"}, {"o2", "mmHg"}};
  for (int row = 0; row < 300; ++row)  // crosses the 256-element chunk
    run.append_timeseries(cols, {0.5 * row, 10.0 + row, -1.0 * row});
  EXPECT_EQ(test::open_hdf5_objects(), 0);

  {
    Reader r(path);
    const auto t = r.read<double>("/timeseries/time_days", H5T_NATIVE_DOUBLE);
    const auto c = r.read<double>("/timeseries/cells", H5T_NATIVE_DOUBLE);
    const auto o = r.read<double>("/timeseries/o2", H5T_NATIVE_DOUBLE);
    ASSERT_EQ(t.size(), 300U);
    ASSERT_EQ(c.size(), 300U);
    ASSERT_EQ(o.size(), 300U);
    for (int row = 0; row < 300; ++row) {
      EXPECT_EQ(t[row], 0.5 * row);
      EXPECT_EQ(c[row], 10.0 + row);
      EXPECT_EQ(o[row], -1.0 * row);
    }
    EXPECT_TRUE(r.dataset_type_is("/timeseries/o2", H5T_IEEE_F64LE));
    EXPECT_EQ(r.string_attr("/timeseries/time_days", "unit"), "day");
    EXPECT_EQ(r.string_attr("/timeseries/cells", "unit"), "1");
    EXPECT_EQ(r.string_attr("/timeseries/o2", "unit"), "mmHg");
    std::vector<hsize_t> chunk;
    (void)r.filters("/timeseries/o2", nullptr, &chunk);
    EXPECT_EQ(chunk, std::vector<hsize_t>{256});
  }

  (void)run.write_snapshot(0, 0.0, views(), 1, false);
  (void)run.write_snapshot(50, 5.0, views(), 1, false);
  (void)run.write_snapshot(100, 10.0, views(), 1, false);
  run.truncate(50, 120);
  EXPECT_EQ(test::open_hdf5_objects(), 0);
  const auto list = run.list_snapshots();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].step, 0);
  EXPECT_EQ(list[1].step, 50);

  // Continue after the truncation as a resumed run would.
  run.append_timeseries(cols, {-5.0, -6.0, -7.0});
  (void)run.write_snapshot(100, 10.0, views(), 1, false);
  Reader r(path);
  const auto t = r.read<double>("/timeseries/time_days", H5T_NATIVE_DOUBLE);
  ASSERT_EQ(t.size(), 121U);
  EXPECT_EQ(t[119], 0.5 * 119);
  EXPECT_EQ(t[120], -5.0);
  EXPECT_EQ(r.read<double>("/timeseries/o2", H5T_NATIVE_DOUBLE).size(), 121U);
  EXPECT_TRUE(r.exists("/data/100/meshes/oxygen"));
}

// Rows appended in blocks (how the run output appends the rows it gathered:
// one, then 254 that fill the first chunk exactly, then 45 across into the
// second) give the file that one call per row gives.
TEST_F(RunFileTest, TimeseriesRowsAppendedTogetherEqualOneAtATime) {
  const std::vector<TimeseriesColumn> cols{{"time_days", "day"}, {"cells", "1"}, {"o2", "mmHg"}};
  const auto row = [](int k) {
    return std::vector<double>{0.25 * k, 3.0 * k + 1.0 / 3.0, -0.1 * k};
  };
  RunFile single(dir.file("single.h5"), grid);
  single.create(sample_provenance());
  run.create(sample_provenance());
  int next = 0;
  for (const int rows : {1, 254, 45}) {
    std::vector<double> block;
    for (int k = next; k < next + rows; ++k) {
      const auto r = row(k);
      single.append_timeseries(cols, r);
      block.insert(block.end(), r.begin(), r.end());
    }
    run.append_timeseries(cols, block);
    next += rows;
  }
  EXPECT_EQ(test::open_hdf5_objects(), 0);

  for (const auto& c : cols) {
    const std::string name = "/timeseries/" + c.name;
    const auto want = Reader(single.path()).read<double>(name, H5T_NATIVE_DOUBLE);
    ASSERT_EQ(want.size(), 300U);
    EXPECT_EQ(want[299], row(299)[&c - cols.data()]);
    EXPECT_EQ(Reader(path).read<double>(name, H5T_NATIVE_DOUBLE), want) << name;
  }
}

TEST_F(RunFileTest, TimeseriesRefusesPartRows) {
  run.create(sample_provenance());
  const std::vector<TimeseriesColumn> cols{{"time_days", "day"}, {"cells", "1"}};
  run.append_timeseries(cols, {0.0, 1.0});
  for (const std::vector<double>& bad :
       {std::vector<double>{}, std::vector<double>{1.0, 2.0, 3.0}}) {
    try {
      run.append_timeseries(cols, bad);
      FAIL() << "expected IoError for " << bad.size() << " values";
    } catch (const IoError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("2 columns but " + std::to_string(bad.size()) + " values"),
                std::string::npos)
          << msg;
    }
  }
  EXPECT_EQ(test::open_hdf5_objects(), 0);
  Reader r(path);
  EXPECT_EQ(r.dims("/timeseries/time_days"), std::vector<hsize_t>{1});
  EXPECT_EQ(r.dims("/timeseries/cells"), std::vector<hsize_t>{1});
}

TEST_F(RunFileTest, TruncateCannotGrowATimeseries) {
  run.create(sample_provenance());
  run.append_timeseries({{"time_days", "day"}}, {1.0});
  try {
    run.truncate(0, 5);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("/timeseries/time_days"), std::string::npos) << e.what();
  }
}

TEST_F(RunFileTest, TimeseriesColumnsAreFixedForARun) {
  run.create(sample_provenance());
  const std::vector<TimeseriesColumn> cols{{"time_days", "day"}, {"cells", "1"}};
  run.append_timeseries(cols, {0.0, 1.0});

  auto with_new = cols;
  with_new.push_back({"late", "1"});
  try {
    run.append_timeseries(with_new, {1.0, 2.0, 3.0});
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("/timeseries/late"), std::string::npos) << msg;
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
  }
  EXPECT_THROW(run.append_timeseries({{"time_days", "day"}}, {1.0}), IoError);  // one missing
  EXPECT_THROW(run.append_timeseries(cols, {1.0}), IoError);                    // count mismatch
  EXPECT_EQ(test::open_hdf5_objects(), 0);

  // Refused calls changed nothing: still one row each, no new column.
  Reader r(path);
  EXPECT_EQ(r.dims("/timeseries/time_days"), std::vector<hsize_t>{1});
  EXPECT_EQ(r.dims("/timeseries/cells"), std::vector<hsize_t>{1});
  EXPECT_FALSE(r.exists("/timeseries/late"));
}

TEST_F(RunFileTest, ErrorsNameTheObjectAndTheFile) {
  run.create(sample_provenance());
  (void)run.write_snapshot(96, 1.0, views(), 4, false);
  testing::internal::CaptureStderr();
  try {
    (void)run.write_snapshot(96, 1.0, views(), 4, false);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("cannot create group /data/96 in " + path, 0), 0U) << msg;
    EXPECT_EQ(e.code(), ExitCode::IoFailure);
  }
  // HDF5's own error stack printing is off: the IoError is the only report.
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

TEST_F(RunFileTest, BadArgumentsAreIoErrors) {
  run.create(sample_provenance());
  EXPECT_THROW((void)run.write_snapshot(1, 0, views(), 10, false), IoError);
  EXPECT_THROW((void)run.write_snapshot(1, 0, views(), -1, false), IoError);
  auto v = views();
  v[1].name = "oxygen";
  EXPECT_THROW((void)run.write_snapshot(1, 0, v, 4, false), IoError);
  v = views();
  v[0].data = nullptr;
  EXPECT_THROW((void)run.write_snapshot(1, 0, v, 4, false), IoError);
  v = views();
  v[0].name = "a/b";
  EXPECT_THROW((void)run.write_snapshot(1, 0, v, 4, false), IoError);
}

TEST(RunFileErrors, MissingDirectoryOrFileIsIoError) {
  const std::string path = "/nonexistent-hosim-dir/sub/run.h5";
  RunFile run(path, small_grid());
  testing::internal::CaptureStderr();
  try {
    run.create(sample_provenance());
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("cannot create the HDF5 file " + path), std::string::npos) << msg;
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  std::vector<double> v(small_grid().size(), 1.0);
  EXPECT_THROW(
      (void)run.write_snapshot(1, 0, {{"f", "1", MeshView::Type::Float64, v.data(), ""}}, 4, false),
      IoError);
  EXPECT_THROW(run.append_timeseries({{"time_days", "day"}}, {0.0}), IoError);
  EXPECT_THROW(run.truncate(0, 0), IoError);
  EXPECT_THROW((void)run.list_snapshots(), IoError);
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

}  // namespace
}  // namespace hosim
