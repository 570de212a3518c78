// ParamSpec helpers and the per-field block of keys.
#include <stdexcept>

#include "config/number_format.hpp"
#include "config/param_table.hpp"

namespace hosim {

bool ParamSpec::dimensionless() const {
  return unit.empty() || unit == "1";
}

bool ParamSpec::in_range(double v) const {
  const bool above = lo_open ? v > lo : v >= lo;
  const bool below = hi_open ? v < hi : v <= hi;
  return above && below;
}

std::string ParamSpec::range_text(bool with_unit) const {
  const std::string unit_suffix = with_unit && !dimensionless() ? " " + unit : "";
  switch (kind) {
    case ParamKind::Real:
    case ParamKind::Vec3:
      return std::string(lo_open ? "(" : "[") + format_short(lo) + ", " + format_short(hi) +
             (hi_open ? ")" : "]") + unit_suffix;
    case ParamKind::Integer:
      return std::string("[") + std::to_string(ilo) + ", " + std::to_string(ihi) + "]";
    case ParamKind::Bool:
      return "true | false";
    case ParamKind::Choice: {
      std::string out;
      for (const auto& c : choices) out += (out.empty() ? "" : " | ") + c;
      return out;
    }
    case ParamKind::String:
    case ParamKind::StringList:
      return allowed;
  }
  return allowed;
}

std::string ParamSpec::format_value(const ParamValue& v, Style style) const {
  const auto number = [&](double x) {
    std::string t = style == Style::Yaml ? format_exact(x) : format_short(x);
    return dimensionless() ? t : t + " " + unit;
  };
  const auto text = [&](const std::string& s) { return style == Style::Yaml ? yaml_quoted(s) : s; };
  switch (kind) {
    case ParamKind::Real:
      return number(std::get<double>(v));
    case ParamKind::Integer:
      return std::to_string(std::get<std::int64_t>(v));
    case ParamKind::Bool:
      return std::get<bool>(v) ? "true" : "false";
    case ParamKind::String:
      return text(std::get<std::string>(v));
    case ParamKind::Choice:
      return std::get<std::string>(v);
    case ParamKind::Vec3: {
      const auto& a = std::get<std::array<double, 3>>(v);
      return std::string("[") + number(a[0]) + ", " + number(a[1]) + ", " + number(a[2]) + "]";
    }
    case ParamKind::StringList: {
      std::string out;
      for (const auto& s : std::get<std::vector<std::string>>(v))
        out += (out.empty() ? "" : ", ") + text(s);
      return "[" + out + "]";
    }
  }
  return {};
}

const ParamSpec* ParamTable::find(std::string_view key) const {
  for (const auto& s : specs)
    if (s.key == key) return &s;
  return nullptr;
}

namespace {

// The field of that name in p; the table creates every registered field in
// default_params(), so a miss is a programming error.
FieldParams& field_ref(Params& p, const std::string& name) {
  for (auto& f : p.transport.fields)
    if (f.name == name) return f;
  throw std::logic_error("Params has no field '" + name + "' (not built by default_params?)");
}

}  // namespace

void add_field_block(ParamTable& t, const FieldBlock& b) {
  FieldParams entry;
  entry.name = b.name;
  entry.unit = b.unit;
  t.fields.push_back(entry);

  const std::string k = "fields." + b.name + ".";
  const std::string name = b.name;
  auto field = [name](Params& p) -> FieldParams& { return field_ref(p, name); };

  t.add(
      {.key = k + "diffusion",
       .unit = "um^2/s",
       .lo = 0,
       .hi = 1e6,
       .meaning = "effective diffusion coefficient of the " + b.description + " in tissue",
       .source = b.diffusion_source},
      [field](Params& p) -> double& { return field(p).diffusion_um2_s; }, b.diffusion_um2_s);
  t.add(
      {.key = k + "decay",
       .unit = "1/s",
       .display_unit = "1/h",
       .lo = 0,
       .hi = 1,
       .meaning = "first-order decay rate of the " + b.description + " (ln 2 / half-life)",
       .source = b.decay_source},
      [field](Params& p) -> double& { return field(p).decay_per_s; }, b.decay_per_s);
  t.add(
      {.key = k + "substeps",
       .ilo = 1,
       .ihi = 1000,
       .meaning =
           "transport sub-steps of the " + b.name + " field per cell step (solver transient)",
       .source = "numerical setting"},
      [field](Params& p) -> int& { return field(p).substeps; }, b.substeps);
  t.add(
      {.key = k + "solver",
       .meaning = "how the " + b.name +
                  " field is advanced: transient (implicit time steps) or quasi_steady (solved "
                  "to its steady state with each step's sources and sinks; for fields that "
                  "relax much faster than the cell step)",
       .source = b.solver_source.empty() ? std::string("numerical setting") : b.solver_source},
      [field](Params& p) -> FieldSolver& { return field(p).solver; }, b.solver);
  t.add(
      {.key = k + "steady_tolerance",
       .unit = b.unit == "1" ? "1/s" : b.unit + "/s",
       .lo = 0,
       .hi = 1e6,
       .lo_open = true,
       .meaning = "quasi_steady: largest |D∇²u − (λ+k)u + S| accepted at convergence",
       .source = "numerical setting; the error it leaves is about tolerance / (local uptake "
                 "rate), tested in tests/transport/test_steady_solver.cpp"},
      [field](Params& p) -> double& { return field(p).steady_tolerance; }, b.steady_tolerance);
  t.add(
      {.key = k + "steady_max_iterations",
       .ilo = 1,
       .ihi = 100000,
       .meaning = "quasi_steady: iterations after which an unconverged solve stops the run "
                  "(exit 4)",
       .source = "numerical setting; a cold start of the default oxygen field takes ~25"},
      [field](Params& p) -> int& { return field(p).steady_max_iterations; },
      entry.steady_max_iterations);
  t.add(
      {.key = k + "boundary",
       .meaning = "domain boundary condition of the " + b.name +
                  " field: zero_flux (closed) or dirichlet (held at boundary_value)",
       .source = "MODEL.md §2: zero-flux by default; far-field (Dirichlet) values where a "
                 "scenario asks for them"},
      [field](Params& p) -> BoundaryKind& { return field(p).boundary; }, b.boundary);
  t.add(
      {.key = k + "boundary_value",
       .unit = b.unit,
       .lo = b.value_lo,
       .hi = b.value_hi,
       .meaning = "value held on the boundary when boundary is dirichlet",
       .source = b.value_source},
      [field](Params& p) -> double& { return field(p).boundary_value; }, b.boundary_value);
  t.add(
      {.key = k + "initial",
       .unit = b.unit,
       .lo = b.value_lo,
       .hi = b.value_hi,
       .meaning = "initial value of the " + b.name + " field everywhere, before the injury" +
                  (b.note.empty() ? "" : "; " + b.note),
       .source = b.value_source},
      [field](Params& p) -> double& { return field(p).initial; }, b.initial);
}

std::vector<std::string> output_mesh_names(const Params& p) {
  std::vector<std::string> names;
  for (const auto& f : p.transport.fields) names.push_back(f.name);
  for (const char* n :
       {"cell_type", "anatomy", "injured", "muscle", "necrosis", "haemorrhage", "vessels",
        "fibrous", "cartilage", "osteoid", "mineral", "maturity", "ph", "alp", "radiograph"})
    names.emplace_back(n);
  return names;
}

}  // namespace hosim
