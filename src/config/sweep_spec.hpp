#pragma once
// A sweep specification (SWEEP.yaml): a base config, fixed overrides, and
// axes over parameter key paths, expanded by src/sweep into points. Parsed
// here because this module is the only code that sees yaml-cpp; what a point
// sets is checked later by loading its config (so a bad key or value is
// reported before anything runs).
#include <cstdint>
#include <string>
#include <vector>

namespace hosim {

enum class SweepDesign {
  Grid,            // every combination of the axes' values (ranges need n)
  LatinHypercube,  // `samples` points, each axis stratified into `samples` bins
  Morris,          // `samples` one-at-a-time trajectories over `levels` levels
  Cohort,          // `samples` virtual patients: group levels and axis values drawn
                   // from stated probabilities and distributions
};
// How a cohort axis draws its value (the other designs use ranges or lists).
enum class Distribution { None, Normal, LogNormal, Uniform };
enum class AxisScale { Linear, Log };
enum class SeedMode {
  PerPoint,  // every point (and replicate) its own seed from (sweep seed, index)
  Common,    // replicate r has the same seed at every parameter point (common
             // random numbers: differences between points are not seed noise)
};

struct SweepAxis {
  std::string key;    // a --set key path, e.g. bmp.half_max or interventions[0].start
  std::string where;  // "sweep.yaml:12", for messages
  // Either an explicit list of values as written (with units) ...
  std::vector<std::string> values;
  // ... or a range [from, to] in `unit` (empty for dimensionless values).
  bool range = false;
  double from = 0, to = 0;
  std::string unit;
  int n = 0;  // grid points along a range (grid design only)
  AxisScale scale = AxisScale::Linear;
  bool integer = false;  // round generated values to integers
  // A cohort axis: normal (mean, sd), lognormal (median, gsd) or uniform
  // (from, to), optionally truncated to [min, max] by redrawing; in `unit`.
  Distribution distribution = Distribution::None;
  double mean = 0, sd = 0, median = 0, gsd = 1;
  double min = -1e300, max = 1e300;
};

// A categorical risk factor of a cohort (injury type, sex): each patient gets
// one level, drawn with its probability; a level sets parameters.
// An incidence a cohort should reproduce, as a range of fractions (a stated
// rate such as "20-30 %"), with its source.
struct ExpectedRate {
  bool given = false;
  double lo = 0, hi = 1;
};

// A level's shift of a cohort axis: added to the patient's draw (in the
// axis unit) before truncation. Shifts of several groups add up, as risk
// factors do on the liability scale of a threshold model (Falconer 1965).
struct AxisShift {
  std::string key;
  double by = 0;
  std::string unit;  // as written; must equal the axis unit
  std::string where;
};

struct GroupLevel {
  std::string label;
  double p = 0;
  std::vector<std::string> set;  // "key=value" overrides
  std::vector<AxisShift> shift;  // cohort axes this level moves
  ExpectedRate expected;         // incidence in this level
};
struct SweepGroup {
  std::string name;
  std::string where;
  std::vector<GroupLevel> levels;
};

// What counts as "HO present" for incidence: a summary.json readout above a
// threshold (in the readout's own unit).
struct Outcome {
  std::string readout = "ho_volume_mm3";
  double above = 0;
  std::string unit;       // as written; must equal the readout's unit
  ExpectedRate expected;  // incidence over the whole cohort
};

struct SweepSpec {
  std::string name;              // default output folder results/<name>
  std::string source_name;       // the file read, for messages
  std::string text;              // the file as read
  std::string base;              // base config path, resolved against the spec's folder
  std::vector<std::string> set;  // fixed "key=value" overrides for every point
  SweepDesign design = SweepDesign::Grid;
  int replicates = 1;
  std::uint64_t seed = 1;
  SeedMode seeds = SeedMode::PerPoint;
  int samples = 0;  // latin_hypercube: points; morris: trajectories; cohort: patients
  int levels = 4;   // morris: grid levels per axis (even)
  std::vector<SweepAxis> axes;
  std::vector<SweepGroup> groups;  // cohort only
  Outcome outcome;                 // cohort only
  bool has_outcome = false;
};

// Throws ConfigError (exit 2) naming the file, line, key and the allowed
// values, or IoError (exit 3) when the file cannot be read. `base_dir` is the
// folder a relative `base:` path is read from (the spec's own folder for
// files).
[[nodiscard]] SweepSpec load_sweep_file(const std::string& path);
[[nodiscard]] SweepSpec load_sweep_text(const std::string& yaml_text,
                                        const std::string& source_name,
                                        const std::string& base_dir);

[[nodiscard]] const char* design_name(SweepDesign d);

}  // namespace hosim
