#pragma once
// Cell types of MODEL.md §2. The numeric values are part of the HDF5 contract
// (the cell_type mesh stores them and lists this enum in an attribute): append,
// never renumber.
#include <array>
#include <cstdint>
#include <string_view>

namespace hosim {

enum class CellType : std::uint8_t {
  None = 0,
  Mpc = 1,
  Neutrophil = 2,
  MacrophageM1 = 3,
  MacrophageM2 = 4,
  Fibroblast = 5,
  Chondrocyte = 6,
  HypertrophicChondrocyte = 7,
  Osteoblast = 8,
  Osteocyte = 9,
};
inline constexpr int kCellTypeCount = 10;

inline constexpr std::array<std::string_view, kCellTypeCount> kCellTypeNames{
    "none",          "mpc",        "neutrophil",  "macrophage_m1",
    "macrophage_m2", "fibroblast", "chondrocyte", "hypertrophic_chondrocyte",
    "osteoblast",    "osteocyte"};

[[nodiscard]] constexpr std::string_view name_of(CellType t) {
  return kCellTypeNames[static_cast<int>(t)];
}

}  // namespace hosim
