// run.xmf: the XDMF 3 sidecar that lets ParaView and VisIt open run.h5 as a
// time series of uniform grids. Each mesh is a separate 3D HDF5 dataset, so
// every array shows up (ParaView's default XDMF reader drops 4D arrays).
#include <array>
#include <charconv>
#include <sstream>
#include <system_error>

#include "core/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/run_file.hpp"

namespace hosim {

namespace {

// Shortest text that reads back as the same double.
std::string number(double v) {
  std::array<char, 32> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  if (ec != std::errc()) return "nan";
  return {buf.data(), end};
}

std::string escape_xml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

void write_xdmf(const std::string& xmf_path, const std::string& h5_file_name, const Grid& grid,
                const std::vector<SnapshotInfo>& snapshots) {
  // Array order everywhere: z, y, x. A 2D grid (nz = 1) stays a 3D mesh one
  // cell thick, which ParaView renders correctly as cell data.
  const std::string cells =
      std::to_string(grid.nz) + " " + std::to_string(grid.ny) + " " + std::to_string(grid.nx);
  const std::string points = std::to_string(grid.nz + 1) + " " + std::to_string(grid.ny + 1) + " " +
                             std::to_string(grid.nx + 1);
  const std::string origin =
      number(grid.origin_um[2]) + " " + number(grid.origin_um[1]) + " " + number(grid.origin_um[0]);
  const std::string dx = number(grid.dx_um);
  const std::string spacing = dx + " " + dx + " " + dx;
  const std::string h5 = escape_xml(h5_file_name);

  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    << "<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
    << "<Xdmf xmlns:xi=\"http://www.w3.org/2001/XInclude\" Version=\"3.0\">\n"
    << "  <Domain>\n"
    << "    <Grid Name=\"hosim\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (const SnapshotInfo& s : snapshots) {
    const std::string step = std::to_string(s.step);
    x << "      <Grid Name=\"step_" << step << "\" GridType=\"Uniform\">\n"
      << "        <Time Value=\"" << number(s.time_days) << "\"/>\n"
      << "        <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"" << points << "\"/>\n"
      << "        <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n"
      << "          <DataItem Name=\"Origin\" Dimensions=\"3\" NumberType=\"Float\" "
         "Precision=\"8\" Format=\"XML\">"
      << origin << "</DataItem>\n"
      << "          <DataItem Name=\"Spacing\" Dimensions=\"3\" NumberType=\"Float\" "
         "Precision=\"8\" Format=\"XML\">"
      << spacing << "</DataItem>\n"
      << "        </Geometry>\n";
    for (std::size_t i = 0; i < s.meshes.size(); ++i) {
      const bool label = i < s.is_uint8.size() && s.is_uint8[i];
      const char* type = label ? "UChar" : "Float";
      const char* precision = label ? "1" : (s.float64 ? "8" : "4");
      const std::string name = escape_xml(s.meshes[i]);
      x << "        <Attribute Name=\"" << name << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
        << "          <DataItem Format=\"HDF\" NumberType=\"" << type << "\" Precision=\""
        << precision << "\" Dimensions=\"" << cells << "\">" << h5 << ":/data/" << step
        << "/meshes/" << name << "</DataItem>\n"
        << "        </Attribute>\n";
    }
    x << "      </Grid>\n";
  }
  x << "    </Grid>\n"
    << "  </Domain>\n"
    << "</Xdmf>\n";
  write_file_atomically(xmf_path, x.str());
}

}  // namespace hosim
