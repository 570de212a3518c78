#include "io/table_file.hpp"

#include <cstdio>
#include <filesystem>

#include "core/errors.hpp"
#include "io/hdf5_handle.hpp"
#include "io/hdf5_util.hpp"

namespace hosim {

using h5::Ctx;
using h5::Handle;

void write_tables_h5(const std::string& path, const std::vector<Table>& tables) {
  const std::string tmp = path + ".tmp";
  {
    const Ctx ctx(tmp);
    Handle file = ctx.own_file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                               "create the HDF5 file");
    for (const Table& t : tables) {
      Handle g = h5::create_group(ctx, file, t.group, true);
      h5::write_string_attr(ctx, g, t.group, "description", t.description);
      for (const TableColumn& c : t.columns) {
        const std::string p = h5::join(t.group, c.name);
        if (c.text) {
          h5::write_string_array(ctx, file, p, c.strings);
          continue;
        }
        h5::write_array<double>(ctx, file, p, c.numbers);
        Handle d = h5::open_dataset(ctx, file, p);
        h5::write_string_attr(ctx, d, p, "unit", c.unit);
      }
    }
    ctx.close_file(file);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw IoError("cannot rename '" + tmp + "' to '" + path + "': " + ec.message());
}

}  // namespace hosim
