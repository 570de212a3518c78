#pragma once
// Cross-parameter rules: output intervals that are multiples of the cell step,
// per-step probabilities <= 1, known output meshes. Single-parameter ranges
// are checked while loading, from the parameter table.
#include <functional>
#include <string>

#include "config/params.hpp"

namespace hosim {

// Where a parameter's value came from, so messages can point at it.
struct ValueOrigin {
  std::string where;    // "configs/x.yaml:12", "configs/x.yaml (from --set k=v)", "... (default)"
  std::string written;  // the value as written, e.g. "25 min"
  std::string unit;     // the unit written, when there was one (messages reuse it)
  bool user_set = false;
};
using OriginLookup = std::function<ValueOrigin(const std::string& key)>;

// Throws ConfigError naming the offending key, where it was set, and what
// would be valid (the nearest multiple, the largest valid cell step...).
void validate_params(const Params& p, const OriginLookup& origin);

// The same rules for Params built in code (e.g. a test or a sweep editing
// default_params()); messages then say "(in Params)" instead of a line.
void validate_params(const Params& p);

}  // namespace hosim
