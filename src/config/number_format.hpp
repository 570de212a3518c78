#pragma once
// Number and text formatting shared by messages, the parameter reference
// (also the interventions' in src/interventions) and the resolved YAML.
#include <string>

namespace hosim {

// Short form for people (printf "%g": 6 significant digits), e.g. "1e+06".
[[nodiscard]] std::string format_short(double v);

// Shortest text that reads back to exactly the same double (std::to_chars),
// e.g. "0.1", "5.7870370370370373e-07"; used wherever a value must round-trip.
[[nodiscard]] std::string format_exact(double v);

// A YAML double-quoted scalar that loads back to exactly `text`.
[[nodiscard]] std::string yaml_quoted(const std::string& text);

// A Markdown table cell: escapes what would read as table syntax, emphasis or HTML.
[[nodiscard]] std::string markdown_cell(const std::string& text);

}  // namespace hosim
