#include "sim/checks.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "core/errors.hpp"

namespace hosim {
namespace {

ModelState two_fields() {
  ModelState s;
  s.grid.nx = 8;
  s.grid.ny = 4;
  s.grid.nz = 3;
  s.fields.emplace_back("o2", "mmHg", s.grid, 40.0);
  s.fields.emplace_back("factor", "nM", s.grid, 1.0);
  s.step = 17;
  s.time_s = 17 * 900.0;
  return s;
}

std::string message_of(const ModelState& s) {
  try {
    check_fields(s, 1e-9);
  } catch (const NumericalError& e) {
    EXPECT_EQ(e.code(), ExitCode::NumericalFailure);
    return e.what();
  }
  return "";
}

TEST(Checks, CleanFieldsPass) {
  EXPECT_NO_THROW(check_fields(two_fields(), 1e-9));
}

TEST(Checks, NaNIsReportedWithFieldVoxelAndStep) {
  ModelState s = two_fields();
  s.fields[1].values[s.grid.index(5, 2, 1)] = std::numeric_limits<double>::quiet_NaN();
  s.fields[1].values[s.grid.index(6, 3, 2)] = -1.0;
  EXPECT_EQ(message_of(s),
            "field 'factor' is not finite at voxel (x=5, y=2, z=1) after step 17 (day 0.177): "
            "value nan nM");
}

TEST(Checks, NegativeBeyondToleranceIsReported) {
  ModelState s = two_fields();
  s.fields[0].values[s.grid.index(1, 0, 0)] = -1e-12;  // within tolerance
  EXPECT_NO_THROW(check_fields(s, 1e-9));
  s.fields[0].values[s.grid.index(3, 1, 2)] = -0.5;
  EXPECT_EQ(message_of(s),
            "field 'o2' is negative at voxel (x=3, y=1, z=2) after step 17 (day 0.177): "
            "value -0.5 mmHg");
}

TEST(Checks, ToleranceIsRelativeToTheFieldScale) {
  // -2e-8 is within 1e-9 of a field whose largest value is 40 (floor -4e-8)
  // but not of one whose largest value is 1 (floor -1e-9).
  ModelState s = two_fields();
  s.fields[0].values[s.grid.index(2, 2, 2)] = -2e-8;
  EXPECT_NO_THROW(check_fields(s, 1e-9));
  s.fields[1].values[s.grid.index(2, 2, 2)] = -2e-8;
  EXPECT_THROW(check_fields(s, 1e-9), NumericalError);
}

}  // namespace
}  // namespace hosim
