// Text generated from the parameter table: the resolved config (`hosim
// check`, /provenance/config_resolved_yaml), `hosim params` and
// configs/PARAMETERS.md. None of it is written by hand, so it cannot drift
// from what the loader accepts.
#include <algorithm>

#include "config/config.hpp"
#include "config/number_format.hpp"
#include "config/param_table.hpp"
#include "core/units.hpp"

namespace hosim {

namespace {

// " (= 60 day)" for a Real with a friendlier display unit, else "".
std::string in_display_unit(const ParamSpec& s, double canonical) {
  if (s.kind != ParamKind::Real || s.display_unit.empty()) return "";
  return " (= " + format_short(canonical * units::conversion_factor(s.unit, s.display_unit)) + " " +
         s.display_unit + ")";
}

// The range, plus the same range in the display unit when there is one.
std::string range_with_display(const ParamSpec& s, bool with_unit) {
  std::string out = s.range_text(with_unit);
  if (s.kind == ParamKind::Real && !s.display_unit.empty()) {
    const double f = units::conversion_factor(s.unit, s.display_unit);
    out += std::string(" (= ") + (s.lo_open ? "(" : "[") + format_short(s.lo * f) + ", " +
           format_short(s.hi * f) + (s.hi_open ? ")" : "]") + " " + s.display_unit + ")";
  }
  return out;
}

// The key hierarchy in table order, so sections come out nested once each.
struct KeyNode {
  std::string name;
  const ParamSpec* spec = nullptr;
  std::vector<KeyNode> kids;
};

KeyNode key_tree() {
  KeyNode root;
  for (const auto& s : parameter_table().specs) {
    KeyNode* node = &root;
    std::size_t start = 0;
    for (;;) {
      const std::size_t dot = s.key.find('.', start);
      const std::string name =
          s.key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      auto it = std::find_if(node->kids.begin(), node->kids.end(),
                             [&](const KeyNode& k) { return k.name == name; });
      if (it == node->kids.end()) {
        node->kids.push_back(KeyNode{name, nullptr, {}});
        it = node->kids.end() - 1;
      }
      node = &*it;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    node->spec = &s;
  }
  return root;
}

void emit_resolved(const KeyNode& node, const Params& p, int depth, std::string& out) {
  constexpr std::size_t kCommentColumn = 48;
  for (const auto& kid : node.kids) {
    const std::string indent(2 * static_cast<std::size_t>(depth), ' ');
    if (!kid.spec) {
      out += indent + kid.name + ":\n";
      emit_resolved(kid, p, depth + 1, out);
      continue;
    }
    const ParamSpec& s = *kid.spec;
    const ParamValue v = s.get(p);
    std::string line = indent + kid.name + ": " + s.format_value(v, ParamSpec::Style::Yaml);
    line.append(line.size() + 2 < kCommentColumn ? kCommentColumn - line.size() : 2, ' ');
    line += "# " + s.meaning;
    if (s.kind == ParamKind::Real) line += in_display_unit(s, std::get<double>(v));
    out += line + "\n";
  }
}

// The intervention entries as written (src/interventions checks and converts
// them; `hosim check` prints that resolved schedule with units).
void emit_interventions(const Params& p, std::string& out) {
  if (p.interventions.empty()) return;
  out += "interventions:                                  # the treatment schedule, as written\n";
  for (const auto& e : p.interventions) {
    bool first = true;
    for (const auto& s : e.settings) {
      out += first ? "  - " : "    ";
      first = false;
      out += yaml_quoted(s.key) + ": ";
      if (!s.list) {
        out += yaml_quoted(s.items.empty() ? std::string() : s.items.front()) + "\n";
        continue;
      }
      out += "[";
      for (std::size_t k = 0; k < s.items.size(); ++k)
        out += (k ? ", " : "") + yaml_quoted(s.items[k]);
      out += "]\n";
    }
    if (first) out += "  - {}\n";
  }
}

// The default without its unit (the table has a unit column).
std::string default_cell(const ParamSpec& s) {
  switch (s.kind) {
    case ParamKind::Real:
      return format_short(std::get<double>(s.default_value)) +
             in_display_unit(s, std::get<double>(s.default_value));
    case ParamKind::Vec3: {
      const auto& a = std::get<std::array<double, 3>>(s.default_value);
      return std::string("[") + format_short(a[0]) + ", " + format_short(a[1]) + ", " +
             format_short(a[2]) + "]";
    }
    default:
      return s.format_value(s.default_value, ParamSpec::Style::Short);
  }
}

std::string unit_cell(const ParamSpec& s) {
  const bool numeric =
      s.kind == ParamKind::Real || s.kind == ParamKind::Vec3 || s.kind == ParamKind::Integer;
  return numeric ? (s.dimensionless() ? "1" : s.unit) : "-";
}

}  // namespace

std::string describe_resolved(const Params& p) {
  std::string out =
      "# hosim resolved configuration: every parameter in its canonical unit at full\n"
      "# precision; loading this text gives exactly the same parameters.\n";
  emit_resolved(key_tree(), p, 0, out);
  emit_interventions(p, out);
  return out;
}

std::string parameter_reference_text() {
  const auto& specs = parameter_table().specs;
  std::string out =
      "hosim parameters (" + std::to_string(specs.size()) +
      "): key = default, allowed range, meaning, source.\n"
      "In a config, dimensional values carry a unit: \"20 um\" or {value: 20, unit: um};\n"
      "any unit of the same dimension is converted on load. (est.) marks an estimate.\n";
  for (const auto& s : specs) {
    out += "\n" + s.key + " = " + s.format_value(s.default_value, ParamSpec::Style::Short);
    if (s.kind == ParamKind::Real) out += in_display_unit(s, std::get<double>(s.default_value));
    out += "\n    range:   " + range_with_display(s, true);
    out += "\n    meaning: " + s.meaning;
    out += "\n    source:  " + s.source + "\n";
  }
  return out;
}

std::string parameter_reference_markdown() {
  std::string out =
      "# hosim parameters\n\n"
      "Generated from the parameter table (`src/config/param_table.cpp`,\n"
      "`src/config/param_table_ho.cpp`); do not edit by hand.\n"
      "Regenerate with `hosim params --markdown > configs/PARAMETERS.md`.\n\n"
      "In a config every dimensional value carries a unit, written `\"20 um\"` or\n"
      "`{value: 20, unit: um}`; any unit of the same dimension is accepted and converted\n"
      "on load into the unit of this table. Ranges are inclusive `[ ]` or exclusive `( )`.\n"
      "Sources marked (est.) are estimates: sweep them rather than trust them.\n\n"
      "| key | default | unit | range | meaning | source |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& s : parameter_table().specs) {
    out += std::string("| `") + s.key + "` | " + markdown_cell(default_cell(s)) + " | " +
           unit_cell(s) + " | " + markdown_cell(range_with_display(s, false)) + " | " +
           markdown_cell(s.meaning) + " | " + markdown_cell(s.source) + " |\n";
  }
  return out;
}

}  // namespace hosim
