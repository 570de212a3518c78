#pragma once
// ModelState: everything that evolves. Operators of the scheduler are the
// only writers; observers only read. A checkpoint is this struct written out.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "core/field.hpp"
#include "core/grid.hpp"
#include "model/cells.hpp"
#include "model/treatment.hpp"

namespace hosim {

// Fixed anatomy label per voxel (used by scenarios such as the hip).
enum class Anatomy : std::uint8_t { Muscle = 0, CorticalBone = 1, Outside = 2 };

// Per-voxel tissue state that is not an agent (MODEL.md §2). Each layer is a
// float per voxel; values are fractions 0–1 unless noted.
enum class TissueLayer : int {
  Muscle = 0,   // muscle fibre integrity
  Necrosis,     // necrotic (dead, uncleared) tissue
  Haemorrhage,  // haematoma
  Vessels,      // perfused vascular density
  Fibrous,      // fibrous (scar) matrix
  Cartilage,    // cartilage matrix
  Osteoid,      // osteoid (unmineralised bone matrix) volume fraction
  Mineral,      // hydroxyapatite-mineralised fraction of the voxel (≤ osteoid)
  Maturity,     // maturation of mineralised tissue towards lamellar bone
  OsteoidAge,   // mean age of the osteoid in the voxel [s]
  Alp,          // local ALP activity (osteoblasts nearby, pH-weighted) [1], from the last step
};
inline constexpr int kTissueLayerCount = 11;
inline constexpr std::array<const char*, kTissueLayerCount> kTissueLayerNames{
    "muscle",  "necrosis", "haemorrhage", "vessels",     "fibrous", "cartilage",
    "osteoid", "mineral",  "maturity",    "osteoid_age", "alp"};
inline constexpr std::array<const char*, kTissueLayerCount> kTissueLayerUnits{
    "1", "1", "1", "1", "1", "1", "1", "1", "1", "s", "1"};

struct TissueState {
  AlignedBuffer<std::uint8_t> anatomy;  // Anatomy
  AlignedBuffer<std::uint8_t> injured;  // 1 inside the initial injury (the lesion)
  std::array<AlignedBuffer<float>, kTissueLayerCount> layers;

  [[nodiscard]] float* layer(TissueLayer l) { return layers[static_cast<int>(l)].data(); }
  [[nodiscard]] const float* layer(TissueLayer l) const {
    return layers[static_cast<int>(l)].data();
  }
};

// Whole-body compartments (one value each).
struct SystemicState {
  double serum_alp_U_L = 0;  // serum alkaline phosphatase
  // Times of the injuries so far: the contusion at t = 0, then any surgical
  // wound (excision). Each starts its own chemokine burst (recruitment).
  std::vector<double> injury_times_s{0.0};
};

struct ModelState {
  Grid grid;
  std::vector<ScalarField> fields;  // diffusing fields, in the order of Params::transport.fields
  TissueState tissue;
  SystemicState systemic;
  CellStore cells;
  TreatmentEffects effects;                         // set by the interventions each step
  std::vector<InterventionEvent> intervention_log;  // what they did (checkpointed)
  AlignedBuffer<std::int32_t> occupancy;            // slot of the cell in each voxel, -1 when empty

  std::int64_t step = 0;  // completed cell steps
  double time_s = 0;      // simulated time after injury = step * cell_step
  std::uint64_t next_cell_id = 0;
  std::uint64_t seed = 1;

  [[nodiscard]] int field_index(const std::string& name) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == name) return static_cast<int>(i);
    return -1;
  }
  // Remove the cells for which dead(slot) is true by stable compaction
  // (survivors keep their order), updating occupancy as slots shift. The
  // cell engine's deaths and the interventions' kills both go through here.
  // Returns how many were removed.
  template <class Dead>
  std::size_t remove_cells_if(Dead dead) {
    std::size_t w = 0;
    const std::size_t total = cells.size();
    for (std::size_t r = 0; r < total; ++r) {
      if (dead(r)) {
        occupancy[cells.voxel[r]] = -1;
        continue;
      }
      if (w != r) {
        cells.id[w] = cells.id[r];
        cells.type[w] = cells.type[r];
        cells.voxel[w] = cells.voxel[r];
        cells.age_s[w] = cells.age_s[r];
        cells.state_age_s[w] = cells.state_age_s[r];
        cells.hif_memory_s[w] = cells.hif_memory_s[r];
        occupancy[cells.voxel[w]] = static_cast<std::int32_t>(w);
      }
      ++w;
    }
    cells.truncate(w);
    return total - w;
  }
  std::size_t remove_cells(const std::vector<std::uint8_t>& marked) {
    return remove_cells_if([&marked](std::size_t slot) { return marked[slot] != 0; });
  }
  // Rebuild occupancy from the cell arrays (after loading or compaction).
  void rebuild_occupancy() {
    occupancy.fill(-1);
    for (std::size_t s = 0; s < cells.size(); ++s)
      occupancy[cells.voxel[s]] = static_cast<std::int32_t>(s);
  }
};

}  // namespace hosim
