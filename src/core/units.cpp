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

// A scale kept as mantissa * 10^exp10, so that decimal prefixes convert
// exactly: mm -> um is exactly 1000, not 1e-3 / 1e-6 = 1000.0000000000001.
struct Exact {
  double mant = 1;
  int exp10 = 0;
  Dimension dim;
};

struct Symbol {
  std::string_view name;
  double mant;  // scale in the base units of Unit::scale is mant * 10^exp10
  int exp10;
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
        {"m", 1, 0, L},
        {"cm", 1, -2, L},
        {"mm", 1, -3, L},
        {"um", 1, -6, L},
        {"µm", 1, -6, L},
        {"μm", 1, -6, L},
        {"nm", 1, -9, L},
        {"s", 1, 0, T},
        {"min", 60, 0, T},
        {"h", 3600, 0, T},
        {"hr", 3600, 0, T},
        {"day", 86400, 0, T},
        {"d", 86400, 0, T},
        {"week", 604800, 0, T},
        {"kg", 1, 0, M},
        {"g", 1, -3, M},
        {"mg", 1, -6, M},
        {"ug", 1, -9, M},
        {"µg", 1, -9, M},
        {"μg", 1, -9, M},
        {"ng", 1, -12, M},
        {"pg", 1, -15, M},
        {"mol", 1, 0, N},
        {"mmol", 1, -3, N},
        {"umol", 1, -6, N},
        {"µmol", 1, -6, N},
        {"μmol", 1, -6, N},
        {"nmol", 1, -9, N},
        {"pmol", 1, -12, N},
        {"fmol", 1, -15, N},
        {"L", 1, -3, V},
        {"mL", 1, -6, V},
        {"uL", 1, -9, V},
        {"µL", 1, -9, V},
        {"μL", 1, -9, V},
        {"M", 1, 3, C},
        {"mM", 1, 0, C},
        {"uM", 1, -3, C},
        {"µM", 1, -3, C},
        {"μM", 1, -3, C},
        {"nM", 1, -6, C},
        {"pM", 1, -9, C},
        {"mmHg", 1, 0, P},
        {"kPa", 7.50062, 0, P},
        {"Pa", 7.50062, -3, P},
        {"Gy", 1, 0, dim({{Base::Dose, 1}})},
        {"U", 1, 0, dim({{Base::Activity, 1}})},
        {"cell", 1, 0, dim({{Base::Cell, 1}})},
        {"cells", 1, 0, dim({{Base::Cell, 1}})},
        {"%", 1, -2, none},
    };
  }();
  return table;
}

constexpr std::string_view kKnownHint =
    "known units include um, mm, m (length); s, min, h, day, week (time); ng, ug, mg, g (mass); "
    "nmol, mol (amount); uL, mL, L (volume); pM, nM, uM, mM, M (concentration); mmHg, kPa "
    "(pressure); Gy; U; cell; %";

// m * 10^e as a double; powers of ten up to 1e22 are exact, and dividing by
// one (rather than multiplying by an inexact 1e-3) keeps results correctly rounded.
double times_pow10(double m, int e) {
  if (std::abs(e) > 22) return m * std::pow(10.0, e);
  double p = 1;
  for (int i = 0; i < std::abs(e); ++i) p *= 10;
  return e >= 0 ? m * p : m / p;
}

// Raise a unit to an integer power by repeated multiplication, so the same
// expression always yields the same bits.
Exact power(const Exact& u, int p) {
  Exact r;
  double m = 1;
  for (int i = 0; i < std::abs(p); ++i) m *= u.mant;
  r.mant = p >= 0 ? m : 1 / m;
  r.exp10 = u.exp10 * p;
  for (int b = 0; b < kBaseCount; ++b) r.dim.exp[b] = static_cast<std::int8_t>(u.dim.exp[b] * p);
  return r;
}

Exact multiply(const Exact& a, const Exact& b, bool divide) {
  Exact r;
  r.mant = divide ? a.mant / b.mant : a.mant * b.mant;
  r.exp10 = divide ? a.exp10 - b.exp10 : a.exp10 + b.exp10;
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

  Exact parse() {
    Exact u = expr();
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
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0)
      ++pos_;
  }

  Exact expr() {
    Exact u = factor();
    for (;;) {
      skip_space();
      if (pos_ >= text_.size()) return u;
      const char op = text_[pos_];
      if (op != '*' && op != '/') return u;
      ++pos_;
      u = multiply(u, factor(), op == '/');
    }
  }

  Exact factor() {
    Exact u = primary();
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '^') {
      ++pos_;
      skip_space();
      const std::size_t start = pos_;
      if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0)
        ++pos_;
      std::string digits(text_.substr(start, pos_ - start));
      if (!digits.empty() && digits[0] == '+') digits.erase(0, 1);
      int p = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
          std::abs(p) > 20)
        fail("expected an integer power after '^'");
      u = power(u, p);
    }
    return u;
  }

  Exact primary() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a unit symbol at the end");
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      Exact u = expr();
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ')') fail("missing ')'");
      ++pos_;
      return u;
    }
    if (c == '1') {
      ++pos_;
      return Exact{};
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
      if (s.name == name) return Exact{s.mant, s.exp10, s.dim};
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
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
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

namespace {
Exact parse_exact(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty() || t == "1") return Exact{};
  return Parser(t).parse();
}
}  // namespace

Unit parse_unit(std::string_view text) {
  const Exact e = parse_exact(text);
  return Unit{times_pow10(e.mant, e.exp10), e.dim};
}

double conversion_factor(std::string_view from, std::string_view to) {
  const Exact a = parse_exact(from);
  const Exact b = parse_exact(to);
  if (a.dim != b.dim)
    throw ConfigError("cannot convert '" + std::string(trim(from)) + "' (" + a.dim.to_string() +
                      ") to '" + std::string(trim(to)) + "' (" + b.dim.to_string() + ")");
  return times_pow10(a.mant / b.mant, a.exp10 - b.exp10);
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
    const auto [end, ec] =
        std::from_chars(rest.data(), rest.data() + rest.size(), value, std::chars_format::general);
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
