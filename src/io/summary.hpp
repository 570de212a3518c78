#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hosim {

struct SummaryEntry {
  std::string name;
  std::string unit;
  double value = 0;
};

// summary.json: {"name", "seed", "time_days", "wall_seconds", "status",
// "readouts": {name: {"value", "unit"}}, "config_hash"}; written to a temporary
// file and renamed. Readouts keep the given order; a non-finite value is
// written as null (JSON has no NaN). `status` is "completed" unless the caller
// says otherwise (e.g. "stopped"). Throws IoError.
void write_summary(const std::string& path, const std::string& run_name, std::uint64_t seed,
                   double time_days, double wall_seconds, const std::string& config_hash,
                   const std::vector<SummaryEntry>& readouts,
                   const std::string& status = "completed");

}  // namespace hosim
