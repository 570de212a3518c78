// The files must open in the tools users have: h5py reads the mesh shape,
// dtypes, attributes and provenance strings written by RunFile.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "io/run_file.hpp"
#include "io_test_support.hpp"

namespace hosim {
namespace {

TEST(H5py, ReadsMeshesTimeseriesAndProvenance) {
  if (!test::python_has_h5py()) GTEST_SKIP() << "/usr/bin/python3 has no h5py";
  test::ScratchDir dir;
  Grid g;
  g.nx = 9;
  g.ny = 8;
  g.nz = 1;
  g.dx_um = 10.0;
  const std::string path = dir.file("run.h5");
  RunFile run(path, g);
  Provenance p;
  p.seed = 7;
  p.threads = 3;
  p.command_line = "hosim run a.yaml";
  run.create(p);
  std::vector<double> v(g.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = 0.5 * static_cast<double>(i);
  std::vector<std::uint8_t> u(g.size(), 4);
  (void)run.write_snapshot(12, 0.5,
                           {{"oxygen", "mmHg", MeshView::Type::Float64, v.data(), ""},
                            {"cell_type", "enum", MeshView::Type::UInt8, u.data(), "4=m2"}},
                           4, false);
  run.append_timeseries({{"time_days", "day"}, {"n", "1"}}, {0.5, 3.0});
  run.append_timeseries({{"time_days", "day"}, {"n", "1"}}, {1.0, 4.0});

  const std::string script = dir.file("check.py");
  std::ofstream(script) << R"(import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
m = f["/data/12/meshes/oxygen"]
assert m.shape == (1, 8, 9), m.shape
assert m.dtype == np.float32, m.dtype
assert m[0, 1, 2] == np.float32(0.5 * (1 * 9 + 2)), m[0, 1, 2]
a = m.attrs
assert a["unit"] == "mmHg", a["unit"]
assert a["axis_order"] == "z,y,x"
assert list(a["grid_spacing"]) == [10.0, 10.0, 10.0]
assert list(a["origin"]) == [0.0, 0.0, 0.0]
assert m.compression == "gzip" and m.compression_opts == 4 and m.shuffle
c = f["/data/12/meshes/cell_type"]
assert c.dtype == np.uint8 and c.shape == (1, 8, 9) and c.attrs["enum"] == "4=m2"
assert float(f["/data/12"].attrs["time_days"]) == 0.5
assert list(f["/data/12/meshes"]) == ["oxygen", "cell_type"]
assert list(f["/timeseries/n"][:]) == [3.0, 4.0]
assert f["/timeseries/time_days"].attrs["unit"] == "day"
pr = f["/provenance"]
assert int(pr.attrs["seed"]) == 7 and pr.attrs["seed"].dtype == np.uint64
assert int(pr.attrs["threads"]) == 3
cl = pr["command_line"][()]
assert (cl.decode() if isinstance(cl, bytes) else cl) == "hosim run a.yaml", cl
print("ok")
)";
  const std::string cmd = "/usr/bin/python3 '" + script + "' '" + path + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

}  // namespace
}  // namespace hosim
