#include "sim/progress_log.hpp"

#include <spdlog/spdlog.h>

#include <string>

namespace hosim {

void ProgressLog::on_progress(const ModelState& s, const TimeseriesRow& row, double wall_s,
                              double fraction_done) {
  const double eta = fraction_done > 0 ? wall_s * (1.0 - fraction_done) / fraction_done : 0.0;
  std::string key;
  for (std::size_t i = 0; i < row.names.size(); ++i) {
    const auto& n = row.names[i];
    if (n == "cells_mpc" || n == "cells_osteoblast" || n == "ho_volume_mm3" || n == "lesion_ph" ||
        n == "lesion_o2" || n == "serum_alp")
      key += fmt::format(" {}={:.4g}", n, row.values[i]);
  }
  spdlog::info("day {:7.2f} | wall {:8.1f} s | ETA {:8.1f} s |{}", s.time_s / 86400.0, wall_s, eta,
               key);
}

}  // namespace hosim
