// The `interventions:` list: loading, resolution (names, `after`, timing)
// and the error messages for wrong entries (MODEL.md §4, issue 5).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "config/config.hpp"
#include "core/errors.hpp"
#include "interventions/schedule.hpp"

namespace hosim {
namespace {

constexpr double kDay = 86400;

Schedule schedule_of(const std::string& list) {
  return Schedule(load_config_text("interventions:\n" + list, "x.yaml").params);
}

// The message of the ConfigError the list raises (empty when none).
std::string error_of(const std::string& list) {
  try {
    (void)schedule_of(list);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(Schedule, EmptyListIsNeutral) {
  const Schedule s(load_config_text("{}").params);
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(s.column_names().empty());
}

TEST(Schedule, ResolvesNamesTimingAndAfter) {
  const Schedule s = schedule_of(
      "  - {type: excision, name: surgery, start: 30 day}\n"
      "  - {type: radiation, after: surgery, start: 36 h, dose: 8 Gy}\n"
      "  - {type: nsaid, start: 0 day, end: 2 week}\n"
      "  - {type: nsaid, preset: celecoxib, after: surgery, start: 0 day, end: 28 day}\n"
      "  - {type: noggin, start: 1 day, doses: 3, interval: 12 h, dose: {value: 5, unit: nM}}\n");
  const auto& e = s.entries();
  ASSERT_EQ(e.size(), 5U);
  EXPECT_EQ(e[0].name, "surgery");
  EXPECT_EQ(e[1].name, "radiation");
  EXPECT_DOUBLE_EQ(e[1].timing.start_s, 31.5 * kDay);
  EXPECT_DOUBLE_EQ(e[1].settings.real("dose"), 8.0);
  EXPECT_EQ(e[2].name, "nsaid");
  EXPECT_DOUBLE_EQ(e[2].timing.end_s, 14 * kDay);
  EXPECT_DOUBLE_EQ(e[2].settings.real("inhibition"), 0.9);  // indomethacin preset
  EXPECT_EQ(e[3].name, "nsaid_2");
  EXPECT_DOUBLE_EQ(e[3].timing.start_s, 30 * kDay);
  EXPECT_DOUBLE_EQ(e[3].timing.end_s, 58 * kDay);
  EXPECT_DOUBLE_EQ(e[3].settings.real("inhibition"), 0.7);  // celecoxib preset
  EXPECT_EQ(e[4].timing.doses, 3);
  EXPECT_DOUBLE_EQ(e[4].timing.dose_time(2), 2 * kDay);
  EXPECT_DOUBLE_EQ(e[4].settings.real("dose"), 5.0);
  const auto cols = s.column_names();
  EXPECT_EQ(cols.front(), "surgery_excised_volume");
  EXPECT_NE(std::find(cols.begin(), cols.end(), "nsaid_2_cox2_inhibition"), cols.end());
}

TEST(Schedule, ResolvedYamlKeepsTheListExactly) {
  const std::string list =
      "  - {type: radiation, name: rt, start: 1.25 day, region: {radii: [1 mm, 2 mm, 3 mm]}}\n"
      "  - {type: etidronate, start: 7 day, dose: \"20 mg/kg/day\"}\n";
  const LoadedConfig a = load_config_text("interventions:\n" + list, "x.yaml");
  const LoadedConfig b = load_config_text(a.resolved_yaml, "resolved.yaml");
  EXPECT_EQ(a.resolved_yaml, b.resolved_yaml);
  const Schedule sa(a.params), sb(b.params);
  EXPECT_EQ(sa.describe(), sb.describe());
  EXPECT_DOUBLE_EQ(sb.entries()[0].settings.vec("region.radii")[2], 3000.0);
}

TEST(Schedule, OverrideReplacesTheList) {
  const LoadedConfig c =
      load_config_text("interventions: [{type: nsaid, start: 0 day}]\n", "x.yaml",
                       {"interventions=[{type: palovarotene, start: 2 day, end: 9 day}]"});
  const Schedule s(c.params);
  ASSERT_EQ(s.entries().size(), 1U);
  EXPECT_EQ(s.entries()[0].type->name, "palovarotene");
}

TEST(ScheduleErrors, UnknownTypeSuggestsTheNearest) {
  const std::string m = error_of("  - {type: nsiad, start: 0 day}\n");
  EXPECT_NE(m.find("x.yaml:2"), std::string::npos) << m;
  EXPECT_NE(m.find("interventions[0].type = \"nsiad\": unknown intervention type (did you mean "
                   "'nsaid'?)"),
            std::string::npos)
      << m;
}

TEST(ScheduleErrors, MissingTypeNamesTheTypes) {
  const std::string m = error_of("  - {start: 0 day}\n");
  EXPECT_NE(m.find("interventions[0] has no 'type'; give one of nsaid, etidronate"),
            std::string::npos)
      << m;
}

TEST(ScheduleErrors, StartAfterEnd) {
  const std::string m = error_of("  - {type: nsaid, start: 14 day, end: 7 day}\n");
  EXPECT_NE(m.find("interventions[0] (nsaid): end (7 day) must come after start (14 day)"),
            std::string::npos)
      << m;
}

TEST(ScheduleErrors, NegativeDose) {
  const std::string m = error_of("  - {type: etidronate, start: 0 day, dose: -5 mg/kg/day}\n");
  EXPECT_NE(m.find("interventions[0] (etidronate).dose = \"-5 mg/kg/day\": out of range; allowed "
                   "[0, 100] mg/kg/day"),
            std::string::npos)
      << m;
}

TEST(ScheduleErrors, DoseUnitMissing) {
  const std::string m = error_of("  - {type: radiation, start: 1 day, dose: 7}\n");
  EXPECT_NE(m.find("interventions[0] (radiation).dose = \"7\": needs a unit (Gy or another unit "
                   "of the same dimension), e.g. \"7 Gy\""),
            std::string::npos)
      << m;
}

TEST(ScheduleErrors, WrongDimension) {
  const std::string m = error_of("  - {type: radiation, start: 1 day, dose: 7 mg}\n");
  EXPECT_NE(m.find("(radiation).dose = \"7 mg\""), std::string::npos) << m;
}

TEST(ScheduleErrors, StartIsRequired) {
  const std::string m = error_of("  - {type: palovarotene, end: 9 day}\n");
  EXPECT_NE(m.find("interventions[0] (palovarotene) needs 'start'"), std::string::npos) << m;
}

TEST(ScheduleErrors, TimingKindsAreNotMixed) {
  EXPECT_NE(error_of("  - {type: nsaid, start: 0 day, doses: 3}\n")
                .find("nsaid is continuous: give start and end, not doses/interval"),
            std::string::npos);
  EXPECT_NE(error_of("  - {type: radiation, start: 0 day, end: 3 day}\n")
                .find("radiation is given in doses: give start, doses and interval, not end"),
            std::string::npos);
  EXPECT_NE(error_of("  - {type: radiation, start: 0 day, doses: 5}\n")
                .find("has doses = 5 but no 'interval'"),
            std::string::npos);
}

TEST(ScheduleErrors, UnknownKeySuggests) {
  const std::string m = error_of("  - {type: radiation, start: 0 day, dsoe: 7 Gy}\n");
  EXPECT_NE(m.find("unknown key 'dsoe' (did you mean 'dose'?)"), std::string::npos) << m;
}

TEST(ScheduleErrors, BadChoice) {
  const std::string m = error_of("  - {type: noggin, start: 0 day, mode: sistemic}\n");
  EXPECT_NE(m.find("not a known choice; allowed local, systemic (did you mean 'systemic'?)"),
            std::string::npos)
      << m;
}

TEST(ScheduleErrors, AfterReferences) {
  EXPECT_NE(error_of("  - {type: radiation, after: surgery, start: 1 day}\n")
                .find("after = \"surgery\": no intervention has that name"),
            std::string::npos);
  EXPECT_NE(error_of("  - {type: radiation, name: a, after: b, start: 1 day}\n"
                     "  - {type: radiation, name: b, after: a, start: 1 day}\n")
                .find("the `after` references form a cycle"),
            std::string::npos);
  EXPECT_NE(error_of("  - {type: radiation, name: a, start: 1 day}\n"
                     "  - {type: nsaid, name: a, start: 1 day}\n")
                .find("the name 'a' is already used by interventions[0]"),
            std::string::npos);
}

TEST(ScheduleErrors, ListShapeErrors) {
  EXPECT_NE(std::string([] {
              try {
                (void)load_config_text("interventions: {type: nsaid}\n", "x.yaml");
              } catch (const ConfigError& e) {
                return e.what();
              }
              return "";
            }())
                .find("interventions = \"{type: nsaid}\": must be a list of entries"),
            std::string::npos);
  EXPECT_NE(error_of("  - {type: radiation, start: 1 day, region: {radii: [1 mm, 1 mm]}}\n")
                .find("must be a list of 3 values"),
            std::string::npos);
}

TEST(DrugLevel, OnsetAndWashout) {
  Timing tm;
  tm.start_s = 10;
  tm.end_s = 110;
  EXPECT_EQ(hook_util::drug_level(tm, 5, 10, 20), 0.0);
  EXPECT_NEAR(hook_util::drug_level(tm, 20, 10, 20), 1 - std::exp(-1.0), 1e-15);
  const double at_end = 1 - std::exp(-10.0);
  EXPECT_NEAR(hook_util::drug_level(tm, 130, 10, 20), at_end * std::exp(-1.0), 1e-15);
  EXPECT_EQ(hook_util::drug_level(tm, 10, 0, 0), 1.0);
  EXPECT_EQ(hook_util::drug_level(tm, 110, 0, 0), 0.0);
}

}  // namespace
}  // namespace hosim
