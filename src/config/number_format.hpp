#pragma once
// Number formatting shared by messages, the parameter reference and the
// resolved YAML.
#include <string>

namespace hosim {

// Short form for people (printf "%g": 6 significant digits), e.g. "1e+06".
[[nodiscard]] std::string format_short(double v);

// Shortest text that reads back to exactly the same double (std::to_chars),
// e.g. "0.1", "5.7870370370370373e-07"; used wherever a value must round-trip.
[[nodiscard]] std::string format_exact(double v);

}  // namespace hosim
