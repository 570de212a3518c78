#pragma once
// Internal to the config module: the parts of the parameter table that
// describe the HO model (cell types and mechanisms, MODEL.md §2–§3), defined
// in param_table_ho.cpp and called from build_table() in param_table.cpp in
// the order of the Params members.
#include "config/param_table.hpp"

namespace hosim::table_detail {

inline constexpr double kDay = 86400;
inline constexpr double kHour = 3600;
inline constexpr double kMaxTime = 3650 * kDay;  // ten years: longer runs are not meaningful here

void add_cells(ParamTable& t);
void add_oxygen(ParamTable& t);
void add_acid(ParamTable& t);
void add_bmp(ParamTable& t);
void add_noggin(ParamTable& t);
void add_inflammation(ParamTable& t);
void add_ros(ParamTable& t);
void add_phosphate(ParamTable& t);
void add_precipitation(ParamTable& t);
void add_vessels(ParamTable& t);
void add_tissue(ParamTable& t);
void add_recruitment(ParamTable& t);
void add_risk(ParamTable& t);
void add_readouts(ParamTable& t);

}  // namespace hosim::table_detail
