#pragma once
// Physical units: parsing unit expressions such as "um^2/s", "1/day",
// "mol/cell/s", "nM", "mmHg", and converting values between units of the same
// dimension. Config values are converted once, at load, into the canonical
// unit each parameter declares; the model never sees another unit.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hosim::units {

// Exponents of the base dimensions.
enum class Base : int { Length, Time, Mass, Amount, Pressure, Dose, Activity, Cell, Count };
inline constexpr int kBaseCount = 9;

struct Dimension {
  std::array<std::int8_t, kBaseCount> exp{};
  bool operator==(const Dimension&) const = default;
  [[nodiscard]] bool dimensionless() const { return *this == Dimension{}; }
  [[nodiscard]] std::string to_string() const;  // e.g. "length^2 time^-1"
};

struct Unit {
  double scale = 1.0;  // value in SI-like base units (m, s, kg, mol, mmHg, Gy, U, cell)
  Dimension dim;
};

// Parse a unit expression: products and quotients of known symbols with
// optional integer powers ("um^2/s", "mol/cell/s", "1/day", "ng/mL", "%").
// An empty string or "1" is dimensionless. Throws ConfigError naming the
// unknown symbol.
[[nodiscard]] Unit parse_unit(std::string_view text);

// Factor f such that value_in_to = f * value_in_from. Throws ConfigError when
// the dimensions differ (message names both units and their dimensions).
[[nodiscard]] double conversion_factor(std::string_view from, std::string_view to);

struct Quantity {
  double value = 0;
  std::string unit;  // as written; empty when none was written
};

// Parse "20 um", "2e3 um^2/s", "0.05 1/day", "1.5" (no unit). Throws
// ConfigError on malformed numbers.
[[nodiscard]] Quantity parse_quantity(std::string_view text);

}  // namespace hosim::units
