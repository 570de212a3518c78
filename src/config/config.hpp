#pragma once
// Loading and validating a YAML config into Params. This module is the only
// code that sees yaml-cpp.
#include <string>
#include <vector>

#include "config/params.hpp"

namespace hosim {

struct LoadedConfig {
  Params params;
  std::string source_name;    // file path (or "<text>" for in-memory input)
  std::string input_yaml;     // the file as read
  std::string resolved_yaml;  // every parameter, canonical units, full precision; loads back to
                              // identical Params
  std::vector<std::string> overrides;  // the --set strings applied, in order
};

// Read, apply `--set key.path=value` overrides (in order), convert units,
// check ranges and cross-parameter rules. Throws ConfigError (exit 2) with a
// message that names the key path, the YAML line, the value, the allowed range
// and unit, or IoError (exit 3) when the file cannot be read.
[[nodiscard]] LoadedConfig load_config_file(const std::string& path,
                                            const std::vector<std::string>& overrides = {});
[[nodiscard]] LoadedConfig load_config_text(const std::string& yaml_text,
                                            const std::string& source_name = "<text>",
                                            const std::vector<std::string>& overrides = {});

// The text of a YAML file. A missing path or a folder is bad input
// (ConfigError, "<what> '<path>' does not exist"); an unreadable file IoError.
[[nodiscard]] std::string read_yaml_file(const std::string& path, const std::string& what);

// Params built from the defaults of the parameter table alone.
[[nodiscard]] Params default_params();

// `hosim check`: the resolved config as YAML with units and meanings as comments.
[[nodiscard]] std::string describe_resolved(const Params& p);
// `hosim params`: every parameter (key, default, unit, range, meaning, source).
[[nodiscard]] std::string parameter_reference_text();
// configs/PARAMETERS.md, generated from the same table.
[[nodiscard]] std::string parameter_reference_markdown();

}  // namespace hosim
