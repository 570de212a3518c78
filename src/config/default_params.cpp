#include "config/config.hpp"
#include "config/param_table.hpp"

namespace hosim {

Params default_params() {
  const ParamTable& table = parameter_table();
  Params p;
  // The struct initialisers are only a fallback: the table decides which
  // fields exist and every default.
  p.transport.fields = table.fields;
  for (const auto& spec : table.specs) spec.set(p, spec.default_value);
  return p;
}

}  // namespace hosim
