#include "core/units.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace hosim::units {

namespace {

constexpr std::array<const char*, kBaseCount> kBaseNames{
    "length", "time", "mass", "amount", "pressure", "dose", "activity", "cell", "count"};

Dimension dim(std::initializer_list<std::pair<Base, int>> exps) {
  Dimension d;
  for (auto [base, e] : exps) d.exp[static_cast<int>(base)] = static_cast<std::int8_t>(e);
  return d;
}

struct Symbol {
  std::string_view name;
  double scale;  // in the base units of Unit::scale
  Dimension dim;
};

// Scales relative to m, s, kg, mol, mmHg, Gy, U, cell. Concentrations are
// amount per volume, so "nM" and "nmol/L" convert into each other.
const std::vector<Symbol>& symbols() {
  static const std::vector<Symbol> table = [] {
    const Dimension L = dim({{Base::Length, 1}});
    const Dimension T = dim({{Base::Time, 1}});
    const Dimension M = dim({{Base::Mass, 1}});
    const Dimension N = dim({{Base::Amount, 1}});
    const Dimension V = dim({{Base::Length, 3}});
    const Dimension C = dim({{Base::Amount, 1}, {Base::Length, -3}});
    const Dimension P = dim({{Base::Pressure, 1}});
    const Dimension none{};
    return std::vector<Symbol>{
        {"m", 1, L},          {"cm", 1e-2, L},        {"mm", 1e-3, L},
        {"um", 1e-6, L},      {"µm", 1e-6, L},        {"μm", 1e-6, L},
        {"nm", 1e-9, L},      {"s", 1, T},            {"min", 60, T},
        {"h", 3600, T},       {"hr", 3600, T},        {"day", 86400, T},
        {"d", 86400, T},      {"week", 604800, T},    {"kg", 1, M},
        {"g", 1e-3, M},       {"mg", 1e-6, M},        {"ug", 1e-9, M},
        {"µg", 1e-9, M},      {"μg", 1e-9, M},        {"ng", 1e-12, M},
        {"pg", 1e-15, M},     {"mol", 1, N},          {"mmol", 1e-3, N},
        {"umol", 1e-6, N},    {"µmol", 1e-6, N},      {"μmol", 1e-6, N},
        {"nmol", 1e-9, N},    {"pmol", 1e-12, N},     {"fmol", 1e-15, N},
        {"L", 1e-3, V},       {"mL", 1e-6, V},        {"uL", 1e-9, V},
        {"µL", 1e-9, V},      {"μL", 1e-9, V},        {"M", 1e3, C},
        {"mM", 1, C},         {"uM", 1e-3, C},        {"µM", 1e-3, C},
        {"μM", 1e-3, C},      {"nM", 1e-6, C},        {"pM", 1e-9, C},
        {"mmHg", 1, P},       {"kPa", 7.50062, P},    {"Pa", 7.50062e-3, P},
        {"Gy", 1, dim({{Base::Dose, 1}})},            {"U", 1, dim({{Base::Activity, 1}})},
        {"cell", 1, dim({{Base::Cell, 1}})},          {"cells", 1, dim({{Base::Cell, 1}})},
        {"%", 0.01, none},
    };
  }();
  return table;
}

constexpr std::string_view kKnownHint =
    "known units include um, mm, m (length); s, min, h, day, week (time); ng, ug, mg, g (mass); "
    "nmol, mol (amount); uL, mL, L (volume); pM, nM, uM, mM, M (concentration); mmHg, kPa "
    "(pressure); Gy; U; cell; %";

// Raise a unit to an integer power by repeated multiplication, so the same
// expression always yields the same bits and "x/x" converts by exactly 1.
Unit power(const Unit& u, int p) {
  Unit r;
  double s = 1;
  for (int i = 0; i < std::abs(p); ++i) s *= u.scale;
  r.scale = p >= 0 ? s : 1 / s;
  for (int b = 0; b < kBaseCount; ++b) r.dim.exp[b] = static_cast<std::int8_t>(u.dim.exp[b] * p);
  return r;
}

Unit multiply(const Unit& a, const Unit& b, bool divide) {
  Unit r;
  r.scale = divide ? a.scale / b.scale : a.scale * b.scale;
  for (int i = 0; i < kBaseCount; ++i) {
    const int e = divide ? a.dim.exp[i] - b.dim.exp[i] : a.dim.exp[i] + b.dim.exp[i];
    if (std::abs(e) > 60) throw ConfigError("unit power too large");
    r.dim.exp[i] = static_cast<std::int8_t>(e);
  }
  return r;
}

bool is_symbol_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  // Bytes >= 0x80 belong to UTF-8 sequences such as µ (micro sign) and μ (Greek mu).
  return std::isalpha(u) != 0 || u >= 0x80 || c == '%';
}

// Recursive descent over: expr := factor (('*' | '/') factor)*;
// factor := primary ('^' integer)?; primary := symbol | '1' | '(' expr ')'.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Unit parse() {
    Unit u = expr();
    skip_space();
    if (pos_ != text_.size()) fail(std::string("unexpected '") + text_[pos_] + "'");
    return u;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& why) const {
    throw ConfigError("malformed unit '" + std::string(text_) + "': " + why);
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0) ++pos_;
  }

  Unit expr() {
    Unit u = factor();
    for (;;) {
      skip_space();
      if (pos_ >= text_.size()) return u;
      const char op = text_[pos_];
      if (op != '*' && op != '/') return u;
      ++pos_;
      u = multiply(u, factor(), op == '/');
    }
  }

  Unit factor() {
    Unit u = primary();
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '^') {
      ++pos_;
      skip_space();
      const std::size_t start = pos_;
      if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) ++pos_;
      std::string digits(text_.substr(start, pos_ - start));
      if (!digits.empty() && digits[0] == '+') digits.erase(0, 1);
      int p = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || std::abs(p) > 20)
        fail("expected an integer power after '^'");
      u = power(u, p);
    }
    return u;
  }

  Unit primary() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a unit symbol at the end");
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      Unit u = expr();
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ')') fail("missing ')'");
      ++pos_;
      return u;
    }
    if (c == '1') {
      ++pos_;
      return Unit{};
    }
    if (!is_symbol_byte(c)) fail(std::string("unexpected '") + c + "'");
    const std::size_t start = pos_;
    if (c == '%') {
      ++pos_;
    } else {
      while (pos_ < text_.size() && is_symbol_byte(text_[pos_]) && text_[pos_] != '%') ++pos_;
    }
    const std::string_view name = text_.substr(start, pos_ - start);
    for (const auto& s : symbols())
      if (s.name == name) return Unit{s.scale, s.dim};
    throw ConfigError("unknown unit '" + std::string(name) + "' in '" + std::string(text_) + "' (" +
                      std::string(kKnownHint) + ")");
  }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::string Dimension::to_string() const {
  std::string out;
  for (int b = 0; b < kBaseCount; ++b) {
    if (exp[b] == 0) continue;
    if (!out.empty()) out += ' ';
    out += kBaseNames[b];
    if (exp[b] != 1) {
      out += '^';
      out += std::to_string(exp[b]);
    }
  }
  return out.empty() ? "dimensionless" : out;
}

Unit parse_unit(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty() || t == "1") return Unit{};
  return Parser(t).parse();
}

double conversion_factor(std::string_view from, std::string_view to) {
  const Unit a = parse_unit(from);
  const Unit b = parse_unit(to);
  if (a.dim != b.dim)
    throw ConfigError("cannot convert '" + std::string(trim(from)) + "' (" + a.dim.to_string() +
                      ") to '" + std::string(trim(to)) + "' (" + b.dim.to_string() + ")");
  return a.scale / b.scale;
}

Quantity parse_quantity(std::string_view text) {
  const std::string_view t = trim(text);
  std::size_t pos = 0;
  bool negative = false;
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    negative = t[pos] == '-';
    ++pos;
  }
  const std::string_view rest = t.substr(pos);
  if (rest.empty() || rest.front() == '+' || rest.front() == '-')
    throw ConfigError("malformed number in '" + std::string(t) + "'");
  double value = 0;
  std::size_t used = 0;
  // YAML spells infinity and NaN ".inf" and ".nan"; accept them (and the C
  // spellings) so they are reported as non-finite rather than as garbage.
  for (std::string_view word : {".inf", ".nan", "infinity", "inf", "nan"}) {
    if (rest.size() >= word.size() && iequals(rest.substr(0, word.size()), word) &&
        (rest.size() == word.size() || !is_symbol_byte(rest[word.size()]))) {
      value = word.find("inf") != std::string_view::npos ? std::numeric_limits<double>::infinity()
                                                          : std::numeric_limits<double>::quiet_NaN();
      used = word.size();
      break;
    }
  }
  if (used == 0) {
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value,
                                           std::chars_format::general);
    used = static_cast<std::size_t>(end - rest.data());
    if (ec == std::errc::result_out_of_range) {
      throw ConfigError("number out of range in '" + std::string(t) + "'");
    }
    if (ec != std::errc() || used == 0)
      throw ConfigError("malformed number in '" + std::string(t) + "'");
  }
  Quantity q;
  q.value = negative ? -value : value;
  const std::string_view unit = rest.substr(used);
  // The unit must start after a space or with a symbol ("20um"); "1.2.3"
  // would otherwise be read as 1.2 with the unit ".3".
  if (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front())) == 0 &&
      !is_symbol_byte(unit.front()) && unit.front() != '/' && unit.front() != '(')
    throw ConfigError("malformed number in '" + std::string(t) + "'");
  q.unit = std::string(trim(unit));
  return q;
}

}  // namespace hosim::units
