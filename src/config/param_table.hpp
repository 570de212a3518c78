#pragma once
// The parameter table: the single source of truth for every config key — its
// kind, canonical unit, default, allowed range, meaning, literature source and
// the Params member it fills. The loader, default_params(), `hosim params`,
// configs/PARAMETERS.md and the resolved YAML are all generated from it, so a
// parameter added here is documented, range-checked and loadable at once.
#include <array>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "config/params.hpp"

namespace hosim {

enum class ParamKind { Real, Integer, Bool, String, Choice, Vec3, StringList };

// A parameter value in its canonical unit. Choices are held as their name.
using ParamValue = std::variant<double, std::int64_t, bool, std::string, std::array<double, 3>,
                                std::vector<std::string>>;

struct ParamSpec {
  std::string key{};           // dotted path in the config, e.g. "fields.bmp.diffusion"
  std::string unit = "1";      // canonical unit (what the Params member holds); "1" = dimensionless
  std::string display_unit{};  // a friendlier unit the docs also show values in; empty = none
  // Allowed interval of a Real (and of each Vec3 element), in the canonical unit.
  double lo = 0;
  double hi = 0;
  bool lo_open = false;
  bool hi_open = false;
  // Allowed interval of an Integer.
  std::int64_t ilo = 0;
  std::int64_t ihi = 0;
  std::vector<std::string> choices{};  // Choice: the allowed names (add() fills them)
  std::string allowed{};               // String, StringList: the allowed values, in words
  std::string meaning{};
  std::string source{};  // MODEL.md section and literature; "(est.)" marks estimates
  // String only: returns an empty string when the text is acceptable, else the problem.
  std::function<std::string(const std::string&)> check_text{};

  // Filled by ParamTable::add.
  ParamKind kind = ParamKind::Real;
  ParamValue default_value{};
  std::function<ParamValue(const Params&)> get{};
  std::function<void(Params&, const ParamValue&)> set{};

  [[nodiscard]] bool dimensionless() const;
  // "[0, 1e+06] um^2/s", "[3, 100000]", "zero_flux | dirichlet", or the allowed text.
  [[nodiscard]] std::string range_text(bool with_unit = true) const;
  // True when v (canonical unit) lies in [lo, hi] with the declared openness.
  [[nodiscard]] bool in_range(double v) const;

  // A value of this parameter as text with its canonical unit: Short for
  // people ("20 um", %g digits), Yaml for the resolved config (exact digits,
  // quoted strings) so that it loads back to the same bits.
  enum class Style { Short, Yaml };
  [[nodiscard]] std::string format_value(const ParamValue& v, Style style) const;
};

// Enums a config names by word (ParamKind::Choice). Each lists its names
// once, here; both conversions and the allowed list in the docs and error
// messages come from that table, so a new choice is one specialisation.
template <class E>
struct ChoiceNames;  // no definition: E is not a choice
template <>
struct ChoiceNames<BoundaryKind> {
  static constexpr std::array<std::pair<BoundaryKind, std::string_view>, 2> table{
      {{BoundaryKind::ZeroFlux, "zero_flux"}, {BoundaryKind::Dirichlet, "dirichlet"}}};
};
template <>
struct ChoiceNames<FieldSolver> {
  static constexpr std::array<std::pair<FieldSolver, std::string_view>, 2> table{
      {{FieldSolver::Transient, "transient"}, {FieldSolver::QuasiSteady, "quasi_steady"}}};
};

template <class E>
concept ChoiceEnum = requires {
  ChoiceNames<E>::table;
};

template <ChoiceEnum E>
[[nodiscard]] std::string choice_name(E v) {
  for (const auto& [e, name] : ChoiceNames<E>::table)
    if (e == v) return std::string(name);
  throw std::logic_error("choice_name: value missing from its ChoiceNames table");
}

// Throws std::invalid_argument for a name not in the table.
template <ChoiceEnum E>
[[nodiscard]] E choice_from_name(const std::string& name) {
  for (const auto& [e, n] : ChoiceNames<E>::table)
    if (n == name) return e;
  throw std::invalid_argument("'" + name + "' is not a known choice");
}

template <ChoiceEnum E>
[[nodiscard]] std::vector<std::string> choice_names() {
  std::vector<std::string> out;
  for (const auto& entry : ChoiceNames<E>::table) out.emplace_back(entry.second);
  return out;
}

namespace detail {
inline ParamValue to_param_value(double v) {
  return v;
}
inline ParamValue to_param_value(int v) {
  return std::int64_t{v};
}
inline ParamValue to_param_value(std::uint64_t v) {
  return static_cast<std::int64_t>(v);
}
inline ParamValue to_param_value(bool v) {
  return v;
}
inline ParamValue to_param_value(const std::string& v) {
  return v;
}
inline ParamValue to_param_value(const std::array<double, 3>& v) {
  return v;
}
inline ParamValue to_param_value(const std::vector<std::string>& v) {
  return v;
}
template <ChoiceEnum E>
ParamValue to_param_value(E v) {
  return choice_name(v);
}

inline void from_param_value(const ParamValue& v, double& out) {
  out = std::get<double>(v);
}
inline void from_param_value(const ParamValue& v, int& out) {
  out = static_cast<int>(std::get<std::int64_t>(v));
}
inline void from_param_value(const ParamValue& v, std::uint64_t& out) {
  out = static_cast<std::uint64_t>(std::get<std::int64_t>(v));
}
inline void from_param_value(const ParamValue& v, bool& out) {
  out = std::get<bool>(v);
}
inline void from_param_value(const ParamValue& v, std::string& out) {
  out = std::get<std::string>(v);
}
inline void from_param_value(const ParamValue& v, std::array<double, 3>& out) {
  out = std::get<std::array<double, 3>>(v);
}
inline void from_param_value(const ParamValue& v, std::vector<std::string>& out) {
  out = std::get<std::vector<std::string>>(v);
}
template <ChoiceEnum E>
void from_param_value(const ParamValue& v, E& out) {
  out = choice_from_name<E>(std::get<std::string>(v));
}

template <class T>
constexpr ParamKind kind_of() {
  if constexpr (std::is_same_v<T, double>) return ParamKind::Real;
  if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::uint64_t>)
    return ParamKind::Integer;
  if constexpr (std::is_same_v<T, bool>) return ParamKind::Bool;
  if constexpr (std::is_same_v<T, std::string>) return ParamKind::String;
  if constexpr (ChoiceEnum<T>) return ParamKind::Choice;
  if constexpr (std::is_same_v<T, std::array<double, 3>>) return ParamKind::Vec3;
  if constexpr (std::is_same_v<T, std::vector<std::string>>) return ParamKind::StringList;
}

// The type of the Params member a reference function returns.
template <class Ref>
using MemberOf = std::remove_cvref_t<std::invoke_result_t<Ref, Params&>>;
}  // namespace detail

struct ParamTable {
  std::vector<ParamSpec> specs;     // in documentation order, grouped by section
  std::vector<FieldParams> fields;  // the diffusing fields (name, unit) in model order

  // Register a parameter. `ref` maps a Params to the member (e.g.
  // [](Params& p) -> double& { return p.grid.voxel_um; }); its type fixes the kind.
  template <class Ref>
  void add(ParamSpec spec, Ref ref, const detail::MemberOf<Ref>& default_value) {
    using T = detail::MemberOf<Ref>;
    spec.kind = detail::kind_of<T>();
    if constexpr (ChoiceEnum<T>) spec.choices = choice_names<T>();
    spec.default_value = detail::to_param_value(default_value);
    // `get` reads through the same reference function; the const_cast never
    // leads to a write.
    spec.get = [ref](const Params& p) {
      return detail::to_param_value(ref(const_cast<Params&>(p)));
    };
    spec.set = [ref](Params& p, const ParamValue& v) { detail::from_param_value(v, ref(p)); };
    specs.push_back(std::move(spec));
  }

  [[nodiscard]] const ParamSpec* find(std::string_view key) const;
};

// The block of keys every diffusing field has: fields.<name>.{diffusion,
// decay, substeps, boundary, boundary_value, initial}. Adding a field to the
// model is one call of add_field_block in param_table.cpp.
struct FieldBlock {
  std::string name{};         // key under fields.
  std::string unit{};         // unit of the concentration (canonical), e.g. "nM"
  std::string description{};  // what the field is, e.g. "free bone morphogenetic protein"
  std::string note{};         // optional: how to read the value (added to the initial's meaning)
  double diffusion_um2_s = 10;
  std::string diffusion_source{};
  double decay_per_s = 0;
  std::string decay_source{};
  int substeps = 1;
  FieldSolver solver = FieldSolver::Transient;
  std::string solver_source{};     // why this solver suits the field
  double steady_tolerance = 1e-3;  // [unit/s]
  BoundaryKind boundary = BoundaryKind::ZeroFlux;
  double boundary_value = 0;
  double initial = 0;
  std::string value_source{};  // source of boundary_value and initial
  double value_lo = 0;         // allowed range of boundary_value and initial [unit]
  double value_hi = 1e6;
};
void add_field_block(ParamTable& table, const FieldBlock& block);

// The one table of the model (built on first use).
[[nodiscard]] const ParamTable& parameter_table();

// Names output.fields may list besides "all": every field, then the
// non-field meshes of a snapshot.
[[nodiscard]] std::vector<std::string> output_mesh_names(const Params& p);

}  // namespace hosim
