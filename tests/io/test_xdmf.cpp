// run.xmf: the XDMF text ParaView reads, checked for the contract's
// dimensions, geometry and dataset paths, and parsed as XML.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "io/run_file.hpp"
#include "io_test_support.hpp"

namespace hosim {
namespace {

using test::ScratchDir;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

Grid grid3d() {
  Grid g;
  g.nx = 6;
  g.ny = 5;
  g.nz = 4;
  g.dx_um = 20.0;
  g.origin_um = {1.5, -2.0, 300.0};  // x, y, z
  return g;
}

std::vector<SnapshotInfo> two_snapshots() {
  SnapshotInfo a;
  a.step = 0;
  a.time_days = 0.0;
  a.meshes = {"oxygen", "cell_type"};
  a.units = {"mmHg", "enum"};
  a.is_uint8 = {false, true};
  SnapshotInfo b = a;
  b.step = 96;
  b.time_days = 1.5;
  b.float64 = true;
  return {a, b};
}

// Parses with Python's XML parser: an independent check of well-formedness.
void expect_parses_as_xml(const std::string& path) {
  if (!test::python_available()) GTEST_SKIP() << "/usr/bin/python3 not available";
  const std::string cmd =
      "/usr/bin/python3 -c \"import sys, xml.etree.ElementTree as E; "
      "r = E.parse(sys.argv[1]).getroot(); sys.exit(0 if r.tag == 'Xdmf' else 1)\" '" +
      path + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "not well-formed XML: " << path;
}

TEST(Xdmf, TemporalCollectionOfCoRectMeshes) {
  ScratchDir dir;
  const std::string xmf = dir.file("run.xmf");
  write_xdmf(xmf, "run.h5", grid3d(), two_snapshots());
  EXPECT_FALSE(std::filesystem::exists(xmf + ".tmp"));
  const std::string text = test::read_text(xmf);

  EXPECT_NE(text.find("Version=\"3.0\""), std::string::npos);
  EXPECT_NE(text.find("GridType=\"Collection\" CollectionType=\"Temporal\""), std::string::npos);
  EXPECT_EQ(count(text, "GridType=\"Uniform\""), 2U);
  EXPECT_NE(text.find("<Time Value=\"0\"/>"), std::string::npos);
  EXPECT_NE(text.find("<Time Value=\"1.5\"/>"), std::string::npos);
  // Points = cells + 1 in z y x order.
  EXPECT_EQ(count(text, "TopologyType=\"3DCoRectMesh\" Dimensions=\"5 6 7\""), 2U);
  EXPECT_EQ(count(text, "GeometryType=\"ORIGIN_DXDYDZ\""), 2U);
  EXPECT_EQ(count(text, ">300 -2 1.5</DataItem>"), 2U);  // origin z y x
  EXPECT_EQ(count(text, ">20 20 20</DataItem>"), 2U);    // spacing z y x

  EXPECT_NE(text.find("<Attribute Name=\"oxygen\" AttributeType=\"Scalar\" Center=\"Cell\">"),
            std::string::npos);
  // Step 0 stored float32, step 96 float64; labels are 1-byte unsigned.
  EXPECT_NE(text.find("NumberType=\"Float\" Precision=\"4\" Dimensions=\"4 5 6\">"
                      "run.h5:/data/0/meshes/oxygen</DataItem>"),
            std::string::npos);
  EXPECT_NE(text.find("NumberType=\"Float\" Precision=\"8\" Dimensions=\"4 5 6\">"
                      "run.h5:/data/96/meshes/oxygen</DataItem>"),
            std::string::npos);
  EXPECT_NE(text.find("NumberType=\"UChar\" Precision=\"1\" Dimensions=\"4 5 6\">"
                      "run.h5:/data/96/meshes/cell_type</DataItem>"),
            std::string::npos);
  EXPECT_EQ(count(text, "Format=\"HDF\""), 4U);
  expect_parses_as_xml(xmf);
}

TEST(Xdmf, TwoDimensionalGridIsOneCellLayer) {
  ScratchDir dir;
  Grid g = grid3d();
  g.nz = 1;
  const std::string xmf = dir.file("run.xmf");
  write_xdmf(xmf, "run.h5", g, two_snapshots());
  const std::string text = test::read_text(xmf);
  EXPECT_EQ(count(text, "Dimensions=\"2 6 7\""), 2U);
  EXPECT_EQ(count(text, "Dimensions=\"1 5 6\""), 4U);
  expect_parses_as_xml(xmf);
}

TEST(Xdmf, EmptyListAndAwkwardNamesStayWellFormed) {
  ScratchDir dir;
  const std::string xmf = dir.file("run.xmf");
  write_xdmf(xmf, "run.h5", grid3d(), {});
  expect_parses_as_xml(xmf);

  auto snaps = two_snapshots();
  snaps[0].meshes[0] = "a<b>&\"c\"";
  write_xdmf(xmf, "r&d.h5", grid3d(), snaps);  // replaces the previous file
  const std::string text = test::read_text(xmf);
  EXPECT_NE(text.find("Name=\"a&lt;b&gt;&amp;&quot;c&quot;\""), std::string::npos);
  EXPECT_NE(text.find("r&amp;d.h5:/data/0/meshes/a&lt;b&gt;&amp;&quot;c&quot;"), std::string::npos);
  expect_parses_as_xml(xmf);
}

TEST(Xdmf, FromListSnapshotsOfARealFile) {
  ScratchDir dir;
  const Grid g = grid3d();
  RunFile run(dir.file("run.h5"), g);
  run.create(Provenance{});
  std::vector<double> v(g.size(), 2.0);
  std::vector<std::uint8_t> u(g.size(), 1);
  const std::vector<MeshView> views{{"oxygen", "mmHg", MeshView::Type::Float64, v.data(), ""},
                                    {"cell_type", "enum", MeshView::Type::UInt8, u.data(), "1=a"}};
  (void)run.write_snapshot(0, 0.0, views, 4, false);
  (void)run.write_snapshot(96, 1.5, views, 4, true);
  const std::string xmf = dir.file("run.xmf");
  write_xdmf(xmf, "run.h5", g, run.list_snapshots());
  const std::string text = test::read_text(xmf);
  EXPECT_NE(text.find("Precision=\"4\" Dimensions=\"4 5 6\">run.h5:/data/0/meshes/oxygen<"),
            std::string::npos);
  EXPECT_NE(text.find("Precision=\"8\" Dimensions=\"4 5 6\">run.h5:/data/96/meshes/oxygen<"),
            std::string::npos);
  EXPECT_NE(text.find("UChar\" Precision=\"1\" Dimensions=\"4 5 6\">run.h5:/data/96/meshes/"
                      "cell_type<"),
            std::string::npos);
  expect_parses_as_xml(xmf);
}

TEST(Xdmf, MissingDirectoryIsIoError) {
  EXPECT_THROW(write_xdmf("/nonexistent-hosim-dir/run.xmf", "run.h5", grid3d(), two_snapshots()),
               IoError);
}

}  // namespace
}  // namespace hosim
