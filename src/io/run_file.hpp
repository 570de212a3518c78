#pragma once
// run.h5: provenance, snapshots and time series in the layout of DESIGN.md §3.
// The file is opened and closed around every write, so a reader (or a crash)
// never sees it half-written for longer than one write.
#include <cstdint>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "io/mesh_view.hpp"
#include "io/provenance.hpp"

namespace hosim {

struct SnapshotInfo {
  std::int64_t step = 0;
  double time_days = 0;
  std::vector<std::string> meshes;  // dataset names, in written order
  std::vector<std::string> units;
  std::vector<bool> is_uint8;
  bool float64 = false;  // real meshes stored as float64
};

struct TimeseriesColumn {
  std::string name;  // "time_days" first
  std::string unit;
};

// The /interventions table: the schedule as resolved and the events logged.
struct InterventionTable {
  struct Entry {
    std::string name, type;
    double start_days = 0, end_days = 0;  // end: inf for an open end or a dosed entry
    std::int64_t doses = 0;               // 0 for a continuous entry
    double interval_days = 0;
    std::string settings;  // its keys and values with units, one per line
  };
  struct Event {
    double time_days = 0;
    std::int64_t step = 0;
    std::string name, action, unit;
    double amount = 0;
  };
  std::vector<Entry> schedule;
  std::vector<Event> events;
};

class RunFile {
 public:
  RunFile(std::string path, Grid grid) : path_(std::move(path)), grid_(grid) {}

  // Create (truncating) the file and write /provenance. Throws IoError.
  void create(const Provenance& prov) const;

  // Write /data/<step>/meshes/<name> for each view (float32 unless float64,
  // shuffle + deflate at `compression`), with unit, spacing and origin
  // attributes, and the group attribute time_days; and each image under
  // /data/<step>/images/<name> ([ny][nx] float32, the same filters, with unit,
  // description, the x–y spacing and origin).
  [[nodiscard]] SnapshotInfo write_snapshot(std::int64_t step, double time_days,
                                            const std::vector<MeshView>& meshes, int compression,
                                            bool float64,
                                            const std::vector<ImageView>& images = {}) const;

  // Append rows to /timeseries/<name> (extendable float64 datasets created on
  // the first call, each with a unit attribute). `values` holds one or more
  // whole rows one after the other, each with one value per column in the
  // order of `columns`; every column grows by the same number of rows.
  void append_timeseries(const std::vector<TimeseriesColumn>& columns,
                         const std::vector<double>& values) const;

  // (Re)write /interventions/schedule/<column> and /interventions/events/<column>
  // (1D datasets of equal length: a table h5py and pandas read column-wise).
  void write_interventions(const InterventionTable& table) const;

  // For resume: drop snapshot groups with step > max_step and shrink every
  // time series to `rows` entries, so continuing reproduces the file of an
  // uninterrupted run.
  void truncate(std::int64_t max_step, std::uint64_t rows) const;

  // Snapshot list read back from the file (for XDMF after resume).
  [[nodiscard]] std::vector<SnapshotInfo> list_snapshots() const;

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  Grid grid_;
};

// run.xmf: a Temporal collection of 3DCoRectMesh grids pointing into the
// HDF5 file (by its file name, relative), written to a temporary file and
// renamed. Topology dimensions are cell counts + 1 (nz+1 ny+1 nx+1), the
// ORIGIN_DXDYDZ geometry in z, y, x order, and each mesh a Cell attribute.
void write_xdmf(const std::string& xmf_path, const std::string& h5_file_name, const Grid& grid,
                const std::vector<SnapshotInfo>& snapshots);

}  // namespace hosim
