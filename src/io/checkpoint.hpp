#pragma once
// checkpoint.h5: the full ModelState plus what the run loop needs to continue
// as if never stopped. Written to "<path>.tmp" and renamed.
#include <cstdint>
#include <string>

#include "model/state.hpp"

namespace hosim {

struct CheckpointMeta {
  std::string config_input_yaml;
  std::string config_resolved_yaml;
  std::string command_line;
  std::uint64_t timeseries_rows = 0;     // rows of /timeseries written so far
  std::int64_t last_snapshot_step = -1;  // step of the last snapshot written (-1: none)
};

void write_checkpoint(const std::string& path, const ModelState& state, const CheckpointMeta& meta);

struct Checkpoint {
  ModelState state;
  CheckpointMeta meta;
};

// Throws IoError when the file is missing, unreadable or not a hosim checkpoint.
[[nodiscard]] Checkpoint read_checkpoint(const std::string& path);

}  // namespace hosim
