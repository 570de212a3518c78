#pragma once
// "Did you mean" suggestions for misspelt keys, units and names.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hosim {

// Optimal-string-alignment edit distance: insertions, deletions,
// substitutions and transpositions of neighbours each cost 1, so "vxoel" is
// one step from "voxel".
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `typed` when it is close enough to be a plausible
// typo (distance at most max(1, |typed| / 3)); ties go to the earlier candidate.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view typed,
                                                       const std::vector<std::string>& candidates);

}  // namespace hosim
