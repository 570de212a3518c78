#include "core/units.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/errors.hpp"

namespace hosim::units {
namespace {

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no ConfigError)";
}

TEST(Units, DimensionlessForms) {
  for (const char* t : {"", "1", "  ", " 1 "}) {
    const Unit u = parse_unit(t);
    EXPECT_TRUE(u.dim.dimensionless()) << t;
    EXPECT_EQ(u.scale, 1.0) << t;
  }
  EXPECT_DOUBLE_EQ(parse_unit("%").scale, 0.01);
  EXPECT_TRUE(parse_unit("%").dim.dimensionless());
}

TEST(Units, DimensionsOfCompoundUnits) {
  EXPECT_EQ(parse_unit("um^2/s").dim.to_string(), "length^2 time^-1");
  EXPECT_EQ(parse_unit("mol/cell/s").dim.to_string(), "time^-1 amount cell^-1");
  EXPECT_EQ(parse_unit("1/day").dim.to_string(), "time^-1");
  EXPECT_EQ(parse_unit("nM/s").dim.to_string(), "length^-3 time^-1 amount");
  EXPECT_EQ(parse_unit("ng/mL").dim.to_string(), "length^-3 mass");
  EXPECT_EQ(parse_unit("U/L").dim.to_string(), "length^-3 activity");
  EXPECT_EQ(parse_unit("Gy").dim.to_string(), "dose");
  EXPECT_EQ(parse_unit("mmHg").dim.to_string(), "pressure");
  EXPECT_EQ(parse_unit("s^-1").dim, parse_unit("1/s").dim);
  EXPECT_EQ(parse_unit("mol/(cell*s)").dim, parse_unit("mol/cell/s").dim);
  EXPECT_EQ(parse_unit("cells").dim, parse_unit("cell").dim);
}

TEST(Units, ConversionFactors) {
  EXPECT_DOUBLE_EQ(conversion_factor("mm", "um"), 1e3);
  EXPECT_DOUBLE_EQ(conversion_factor("µm", "um"), 1.0);
  EXPECT_DOUBLE_EQ(conversion_factor("μm", "um"), 1.0);  // Greek mu, not the micro sign
  EXPECT_DOUBLE_EQ(conversion_factor("day", "s"), 86400);
  EXPECT_DOUBLE_EQ(conversion_factor("d", "h"), 24);
  EXPECT_DOUBLE_EQ(conversion_factor("week", "day"), 7);
  EXPECT_DOUBLE_EQ(conversion_factor("hr", "min"), 60);
  EXPECT_DOUBLE_EQ(conversion_factor("1/day", "1/s"), 1.0 / 86400);
  EXPECT_DOUBLE_EQ(conversion_factor("um/h", "um/s"), 1.0 / 3600);
  EXPECT_DOUBLE_EQ(conversion_factor("mm^2/s", "um^2/s"), 1e6);
  EXPECT_DOUBLE_EQ(conversion_factor("cm^2/s", "um^2/s"), 1e8);
  EXPECT_DOUBLE_EQ(conversion_factor("uM", "nM"), 1e3);
  EXPECT_DOUBLE_EQ(conversion_factor("pM", "nM"), 1e-3);
  EXPECT_DOUBLE_EQ(conversion_factor("nmol/L", "nM"), 1.0);
  EXPECT_DOUBLE_EQ(conversion_factor("mol/m^3", "mM"), 1.0);
  EXPECT_DOUBLE_EQ(conversion_factor("ng/mL", "ug/L"), 1.0);
  EXPECT_DOUBLE_EQ(conversion_factor("kPa", "mmHg"), 7.50062);
  EXPECT_DOUBLE_EQ(conversion_factor("Pa", "kPa"), 1e-3);
  EXPECT_DOUBLE_EQ(conversion_factor("%", "1"), 0.01);
  EXPECT_DOUBLE_EQ(conversion_factor("fmol/cell/s", "mol/cell/s"), 1e-15);
  EXPECT_DOUBLE_EQ(conversion_factor("mg", "kg"), 1e-6);
  EXPECT_DOUBLE_EQ(conversion_factor("pg", "ng"), 1e-3);
  EXPECT_DOUBLE_EQ(conversion_factor("uL", "mL"), 1e-3);
}

TEST(Units, DecimalPrefixesConvertExactly) {
  // Scales are kept as mantissa * 10^n, so "0.5 mm" becomes exactly 500 um.
  EXPECT_EQ(conversion_factor("mm", "um"), 1000.0);
  EXPECT_EQ(conversion_factor("um", "mm"), 1e-3);
  EXPECT_EQ(conversion_factor("mm^2/s", "um^2/s"), 1e6);
  EXPECT_EQ(conversion_factor("uM", "nM"), 1000.0);
  EXPECT_EQ(conversion_factor("ng/mL", "ug/L"), 1.0);
  EXPECT_EQ(conversion_factor("nmol/L", "nM"), 1.0);
  EXPECT_EQ(conversion_factor("%", "1"), 0.01);
  EXPECT_EQ(parse_unit("um").scale, 1e-6);
  EXPECT_EQ(parse_unit("nM").scale, 1e-6);
}

TEST(Units, SameUnitConvertsByExactlyOne) {
  // The resolved config reloads bit-identically only if x -> x is exactly 1.
  for (const char* u : {"um^2/s", "1/s", "nM/s", "um/s", "s", "nM", "um", "mol/cell/s", "mmHg",
                        "mM", "mM/s", "mmHg/s", "1/(nM*s)", "um^2/day", "um/day", "1/h"})
    EXPECT_EQ(conversion_factor(u, u), 1.0) << u;
}

// The canonical units of the HO model's parameters (ho_params.hpp) and the
// units people write them in.
TEST(Units, HoModelUnits) {
  EXPECT_EQ(parse_unit("mmHg/s").dim.to_string(), "time^-1 pressure");
  EXPECT_EQ(parse_unit("mM/s").dim, parse_unit("nM/s").dim);
  EXPECT_EQ(parse_unit("1/(nM*s)").dim, parse_unit("L/mol/s").dim);
  EXPECT_DOUBLE_EQ(conversion_factor("1/(M*s)", "1/(nM*s)"), 1e-9);  // kon 1e6 1/(M s) = 1e-3
  EXPECT_DOUBLE_EQ(conversion_factor("1/(uM*min)", "1/(nM*s)"), 1.0 / 60000);
  EXPECT_DOUBLE_EQ(conversion_factor("kPa/min", "mmHg/s"), 7.50062 / 60);
  EXPECT_DOUBLE_EQ(conversion_factor("uM/h", "mM/s"), 1e-3 / 3600);
  EXPECT_DOUBLE_EQ(conversion_factor("mmol/L", "mM"), 1.0);
  EXPECT_DOUBLE_EQ(conversion_factor("um/day", "um/s"), 1.0 / 86400);
  EXPECT_DOUBLE_EQ(conversion_factor("um^2/day", "um^2/s"), 1.0 / 86400);
  EXPECT_DOUBLE_EQ(conversion_factor("%/day", "1/s"), 0.01 / 86400);
  EXPECT_DOUBLE_EQ(conversion_factor("1/week", "1/day"), 1.0 / 7);
}

TEST(Units, DimensionMismatchNamesBoth) {
  EXPECT_EQ(error_of([] { (void)conversion_factor("s", "um"); }),
            "cannot convert 's' (time) to 'um' (length)");
  EXPECT_EQ(error_of([] { (void)conversion_factor("nM", "ng/mL"); }),
            "cannot convert 'nM' (length^-3 amount) to 'ng/mL' (length^-3 mass)");
}

TEST(Units, UnknownSymbolIsNamed) {
  const std::string msg = error_of([] { (void)parse_unit("furlong/s"); });
  EXPECT_NE(msg.find("unknown unit 'furlong' in 'furlong/s'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("known units include um"), std::string::npos) << msg;
  EXPECT_NE(error_of([] { (void)parse_unit("UM"); }).find("unknown unit 'UM'"), std::string::npos);
}

TEST(Units, MalformedExpressions) {
  EXPECT_NE(error_of([] { (void)parse_unit("um^/s"); }).find("expected an integer power"),
            std::string::npos);
  EXPECT_NE(error_of([] { (void)parse_unit("um/"); }).find("malformed unit"), std::string::npos);
  EXPECT_NE(error_of([] { (void)parse_unit("(um"); }).find("missing ')'"), std::string::npos);
  EXPECT_NE(error_of([] { (void)parse_unit("um s"); }).find("malformed unit"), std::string::npos);
}

TEST(Units, ParseQuantity) {
  Quantity q = parse_quantity("2e3 um^2/s");
  EXPECT_EQ(q.value, 2e3);
  EXPECT_EQ(q.unit, "um^2/s");
  q = parse_quantity("  20um ");
  EXPECT_EQ(q.value, 20);
  EXPECT_EQ(q.unit, "um");
  q = parse_quantity("0.05 1/day");
  EXPECT_EQ(q.value, 0.05);
  EXPECT_EQ(q.unit, "1/day");
  q = parse_quantity("1.5");
  EXPECT_EQ(q.value, 1.5);
  EXPECT_EQ(q.unit, "");
  q = parse_quantity("-5 um");
  EXPECT_EQ(q.value, -5);
  q = parse_quantity("+1.6e-5 1/s");
  EXPECT_EQ(q.value, 1.6e-5);
  q = parse_quantity("5%");
  EXPECT_EQ(q.unit, "%");
}

TEST(Units, ParseQuantityNonFinite) {
  EXPECT_TRUE(std::isnan(parse_quantity(".nan").value));
  EXPECT_TRUE(std::isnan(parse_quantity("NaN um").value));
  EXPECT_EQ(parse_quantity(".inf").value, HUGE_VAL);
  EXPECT_EQ(parse_quantity("-inf um").value, -HUGE_VAL);
  EXPECT_EQ(parse_quantity("-inf um").unit, "um");
}

TEST(Units, ParseQuantityMalformed) {
  for (const char* t : {"", "um", "abc", "1.2.3 um", "- 5", "--5"})
    EXPECT_NE(error_of([t] { (void)parse_quantity(t); }).find("malformed number"),
              std::string::npos)
        << t;
  EXPECT_NE(error_of([] { (void)parse_quantity("1e999 um"); }).find("out of range"),
            std::string::npos);
}

}  // namespace
}  // namespace hosim::units
