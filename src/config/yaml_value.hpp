#pragma once
// Private to src/config (includes yaml-cpp): turning one YAML value into a
// ParamValue in the parameter's canonical unit, with messages that say where.
#include <string>

#include <yaml-cpp/yaml.h>

#include "config/param_table.hpp"

namespace hosim::yaml_detail {

// What a message about one value needs: where it was written, the key, and
// the value as written.
struct ValueContext {
  std::string where;  // "x.yaml:12" or "x.yaml (from --set k=v)"
  std::string key;
  std::string written;
  // Throws ConfigError "<where>: <key> = "<written>": <problem>".
  [[noreturn]] void fail(const std::string& problem) const;
};

// The value as the user wrote it: the scalar text, or the node in flow style.
[[nodiscard]] std::string written_text(const YAML::Node& node);

// Convert and range-check. `unit_written` receives the unit the user wrote
// (empty when none), so later messages can speak in it.
[[nodiscard]] ParamValue read_value(const ParamSpec& spec, const YAML::Node& node,
                                    const ValueContext& ctx, std::string* unit_written);

}  // namespace hosim::yaml_detail
