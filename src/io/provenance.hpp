#pragma once
#include <cstdint>
#include <string>

namespace hosim {

// Written once as /provenance in run.h5 (DESIGN.md §3).
struct Provenance {
  std::string software_version;
  std::string git_commit;
  std::uint64_t seed = 0;
  std::string rng = "Philox4x32-10 (Random123), streams keyed by (seed, step, id, purpose)";
  int threads = 1;
  std::string config_input_yaml;
  std::string config_resolved_yaml;
  std::string command_line;
  std::string build_info;  // compiler, flags, HDF5 version, build type
};

// Build-time facts (compiler, flags, git commit) for Provenance.
[[nodiscard]] std::string software_version();
[[nodiscard]] std::string git_commit();
[[nodiscard]] std::string build_info();

}  // namespace hosim
