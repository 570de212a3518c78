#pragma once
// An opened sweep: its specification, its points and the base config text,
// plus the files a sweep folder holds (experiments/sweeps/README.md):
//
//   OUT/sweep.json                the spec and base config as last run
//   OUT/points/p000012/point.json the point: index, seed, axis values, config hash
//   OUT/points/p000012/...        run.h5, run.xmf, summary.json, checkpoint.h5
//   OUT/points/p000012/failure.json  exit code and message of a failed attempt
//   OUT/points/p000012/log.txt    the point's stderr when run by --all
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/sweep_spec.hpp"
#include "io/summary.hpp"
#include "sweep/design.hpp"

namespace hosim {

struct Sweep {
  SweepSpec spec;
  std::vector<SweepPoint> points;
  std::string base_text;  // the base config as read
};

// Parse SWEEP.yaml, read its base config and expand the points (ConfigError /
// IoError on bad input).
[[nodiscard]] Sweep open_sweep_file(const std::string& path);
// The sweep as recorded in OUT/sweep.json by the last sweep command.
[[nodiscard]] Sweep open_sweep_record(const std::string& sweepdir);
// Write OUT/sweep.json (atomically; several Slurm tasks may race to write the
// same content).
void write_sweep_record(const std::string& sweepdir, const Sweep& sweep);

// The point's config: base text plus point_overrides(), validated.
[[nodiscard]] LoadedConfig point_config(const Sweep& sweep, const SweepPoint& point);

[[nodiscard]] std::string point_dir(const std::string& sweepdir, std::int64_t index);

enum class PointState {
  Missing,    // never run, or a run that left nothing usable: run it
  Finished,   // summary.json completed with the expected config hash
  Resumable,  // checkpoint.h5 present: continue it (if its config matches)
  Failed,     // failure.json from an earlier attempt: run it again
  Stale,      // finished, but for another config (the spec changed): run it again
};
[[nodiscard]] const char* state_name(PointState s);
// When `readouts` is given and the point is finished, it receives the final
// readouts of its summary.json (so a caller need not read the file again).
[[nodiscard]] PointState point_state(const std::string& dir, const std::string& config_hash,
                                     std::vector<SummaryEntry>* readouts = nullptr);

// The indices of the points not yet finished, in order; `finished` receives
// how many are. Every point's config is loaded, so a bad value fails the
// sweep (ConfigError) before any point runs.
[[nodiscard]] std::vector<std::int64_t> unfinished_points(const Sweep& sweep,
                                                          const std::string& sweepdir,
                                                          std::int64_t& finished);

// point.json: what a point is, written before it runs.
void write_point_record(const std::string& dir, const Sweep& sweep, const SweepPoint& point,
                        const std::string& config_hash);
// failure.json: {index, exit_code, message}.
void write_failure_record(const std::string& dir, std::int64_t index, int exit_code,
                          const std::string& message);

}  // namespace hosim
