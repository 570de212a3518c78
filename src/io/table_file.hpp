#pragma once
// Column tables in HDF5: a group per table with one 1D dataset per column
// (numbers float64 with a `unit` attribute, text as UTF-8 strings), in column
// order, the layout of run.h5's /interventions. h5py reads a column as an
// array; pandas builds a frame from {name: group[name][:]}. Used by
// `hosim collect` for sweep tables.
#include <string>
#include <vector>

namespace hosim {

struct TableColumn {
  std::string name;
  std::string unit;  // numbers only; "" = dimensionless or none
  bool text = false;
  std::vector<double> numbers;
  std::vector<std::string> strings;
};

struct Table {
  std::string group;        // "/points"
  std::string description;  // group attribute
  std::vector<TableColumn> columns;
};

// Writes the tables into a new file at `path` (through "<path>.tmp" and a
// rename, so a reader never sees half a file). Throws IoError.
void write_tables_h5(const std::string& path, const std::vector<Table>& tables);

}  // namespace hosim
