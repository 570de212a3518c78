#include "config/yaml_value.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "config/number_format.hpp"
#include "config/suggest.hpp"
#include "core/errors.hpp"
#include "core/units.hpp"

namespace hosim::yaml_detail {

void ValueContext::fail(const std::string& problem) const {
  throw ConfigError(where + ": " + key + " = \"" + written + "\": " + problem);
}

std::string written_text(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "";
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The unit used in examples of messages: the friendly one when there is one.
const std::string& example_unit(const ParamSpec& s) {
  return s.display_unit.empty() ? s.unit : s.display_unit;
}

std::string example(const ParamSpec& s, double v) {
  std::string out = "'";
  out += format_short(v);
  if (!s.dimensionless()) {
    out += ' ';
    out += example_unit(s);
  }
  out += '\'';
  return out;
}

// A quantity map {value: ..., unit: ...}: returns the value node and fills the unit.
YAML::Node split_quantity_map(const YAML::Node& node, const ValueContext& ctx, std::string& unit) {
  YAML::Node value;
  bool has_value = false;
  bool has_unit = false;
  for (const auto& kv : node) {
    const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (name == "value" && !has_value) {
      value = kv.second;
      has_value = true;
    } else if (name == "unit" && !has_unit) {
      if (!kv.second.IsScalar()) ctx.fail("'unit' must be a unit such as 'um'");
      unit = trim(kv.second.Scalar());
      has_unit = true;
    } else if (name == "value" || name == "unit") {
      ctx.fail("duplicate key '" + name + "' in the quantity");
    } else {
      ctx.fail("unknown key '" + name + "' in a quantity; write {value: 20, unit: um}");
    }
  }
  if (!has_value) ctx.fail("a quantity map needs a 'value' (and a 'unit')");
  return value;
}

// " (allowed: [10, 100] um)": every message states the valid range.
std::string allowed(const ParamSpec& s) {
  return " (allowed: " + s.range_text() + ")";
}

// An example of a valid value for messages: the default, in the friendly unit.
std::string example_of(const ParamSpec& s) {
  const double v = s.kind == ParamKind::Real ? std::get<double>(s.default_value)
                                             : std::get<std::array<double, 3>>(s.default_value)[0];
  const std::string& u = example_unit(s);
  return example(s, s.dimensionless() ? v : v * units::conversion_factor(s.unit, u));
}

units::Quantity scalar_quantity(const YAML::Node& node, const ParamSpec& s,
                                const ValueContext& ctx) {
  if (!node.IsScalar())
    ctx.fail("must be a number" + std::string(s.dimensionless() ? "" : " with a unit") + ", e.g. " +
             example_of(s) + allowed(s));
  try {
    return units::parse_quantity(node.Scalar());
  } catch (const ConfigError&) {
    ctx.fail("not a number; write e.g. " + example_of(s) + allowed(s));
  }
}

// One number with its unit -> canonical unit, range-checked. `what` prefixes
// the problem ("the y component ") for vectors.
double to_canonical(const ParamSpec& s, const units::Quantity& q, const ValueContext& ctx,
                    const std::string& what) {
  if (!std::isfinite(q.value)) ctx.fail(what + "must be a finite number in " + s.range_text());
  double factor = 1;
  if (q.unit.empty()) {
    if (!s.dimensionless())
      ctx.fail(what + "needs a unit, e.g. " + example(s, q.value) + allowed(s));
  } else {
    try {
      factor = units::conversion_factor(q.unit, s.unit);
    } catch (const ConfigError& e) {
      ctx.fail(what + "wrong unit: " + e.what() + allowed(s));
    }
  }
  const double v = q.value * factor;
  if (!std::isfinite(v)) ctx.fail(what + "must be a finite number in " + s.range_text());
  if (!s.in_range(v)) {
    std::string msg = what + "must be in " + s.range_text();
    if (!q.unit.empty() && q.unit != s.unit)
      msg += " (got " + format_short(v) + (s.dimensionless() ? "" : " " + s.unit) + ")";
    ctx.fail(msg);
  }
  return v;
}

double read_real(const ParamSpec& s, const YAML::Node& node, const ValueContext& ctx,
                 std::string* unit_written) {
  units::Quantity q;
  if (node.IsMap()) {
    std::string unit;
    const YAML::Node value = split_quantity_map(node, ctx, unit);
    q = scalar_quantity(value, s, ctx);
    if (!unit.empty()) {
      if (!q.unit.empty()) ctx.fail("'value' must be a bare number when 'unit' is given");
      q.unit = unit;
    }
  } else {
    q = scalar_quantity(node, s, ctx);
  }
  if (unit_written) *unit_written = q.unit;
  return to_canonical(s, q, ctx, "");
}

std::array<double, 3> read_vec3(const ParamSpec& s, const YAML::Node& node, const ValueContext& ctx,
                                std::string* unit_written) {
  YAML::Node list = node;
  std::string common_unit;
  if (node.IsMap()) list = split_quantity_map(node, ctx, common_unit);
  const std::string shape =
      "must be a list of 3 " + std::string(s.dimensionless() ? "numbers" : "quantities") +
      " (x, y, z), e.g. [" + format_short(std::get<std::array<double, 3>>(s.default_value)[0]) +
      (s.dimensionless() ? "" : " " + s.unit) + ", ...]";
  if (!list.IsSequence()) ctx.fail(shape);
  if (list.size() != 3) ctx.fail(shape + ", not " + std::to_string(list.size()) + " values");
  std::array<double, 3> out{};
  static constexpr std::array<const char*, 3> kAxis{"x", "y", "z"};
  for (std::size_t i = 0; i < 3; ++i) {
    units::Quantity q = scalar_quantity(list[i], s, ctx);
    if (!common_unit.empty()) {
      if (!q.unit.empty()) ctx.fail("'value' must hold bare numbers when 'unit' is given");
      q.unit = common_unit;
    }
    if (unit_written && i == 0) *unit_written = q.unit;
    out[i] = to_canonical(s, q, ctx, std::string("the ") + kAxis[i] + " component ");
  }
  return out;
}

std::int64_t read_integer(const ParamSpec& s, const YAML::Node& node, const ValueContext& ctx) {
  const std::string must = "must be an integer in " + s.range_text();
  if (!node.IsScalar()) ctx.fail(must);
  std::string text = trim(node.Scalar());
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) ctx.fail("must be in " + s.range_text());
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) ctx.fail(must);
  if (v < s.ilo || v > s.ihi) ctx.fail("must be in " + s.range_text());
  return v;
}

bool read_bool(const YAML::Node& node, const ValueContext& ctx) {
  if (node.IsScalar()) {
    const std::string& t = node.Scalar();
    if (t == "true" || t == "True" || t == "TRUE") return true;
    if (t == "false" || t == "False" || t == "FALSE") return false;
  }
  ctx.fail("must be true or false");
}

std::string read_choice(const ParamSpec& s, const YAML::Node& node, const ValueContext& ctx) {
  if (node.IsScalar()) {
    const std::string t = trim(node.Scalar());
    for (const auto& c : s.choices)
      if (c == t) return c;
    const auto guess = closest_match(t, s.choices);
    ctx.fail("must be one of " + s.range_text() +
             (guess ? " (did you mean '" + *guess + "'?)" : std::string()));
  }
  ctx.fail("must be one of " + s.range_text());
}

std::vector<std::string> read_string_list(const ParamSpec& s, const YAML::Node& node,
                                          const ValueContext& ctx) {
  const std::string must = "must be a list of names, e.g. [all]; allowed: " + s.range_text();
  if (node.IsScalar()) return {trim(node.Scalar())};
  if (!node.IsSequence()) ctx.fail(must);
  std::vector<std::string> out;
  for (const auto& item : node) {
    if (!item.IsScalar()) ctx.fail(must);
    out.push_back(trim(item.Scalar()));
  }
  return out;
}

}  // namespace

ParamValue read_value(const ParamSpec& s, const YAML::Node& node, const ValueContext& ctx,
                      std::string* unit_written) {
  if (unit_written) unit_written->clear();
  if (!node.IsDefined() || node.IsNull()) ctx.fail("has no value; allowed: " + s.range_text());
  switch (s.kind) {
    case ParamKind::Real:
      return read_real(s, node, ctx, unit_written);
    case ParamKind::Vec3:
      return read_vec3(s, node, ctx, unit_written);
    case ParamKind::Integer:
      return read_integer(s, node, ctx);
    case ParamKind::Bool:
      return read_bool(node, ctx);
    case ParamKind::Choice:
      return read_choice(s, node, ctx);
    case ParamKind::String: {
      if (!node.IsScalar()) ctx.fail("must be a text");
      const std::string t = node.Scalar();
      if (s.check_text) {
        const std::string problem = s.check_text(t);
        if (!problem.empty()) ctx.fail(problem);
      }
      return t;
    }
    case ParamKind::StringList:
      return read_string_list(s, node, ctx);
  }
  ctx.fail("unsupported parameter kind");
}

}  // namespace hosim::yaml_detail
