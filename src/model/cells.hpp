#pragma once
// On-lattice cell agents, at most one per voxel, stored as a struct of arrays.
// A cell's slot (its index in these arrays) changes when cells die and
// when the store is renumbered; its id never changes. Slots follow one
// deterministic rule (daughters appended in the order of their parents'
// voxels, dead slots filled from the end, and every few steps all in voxel
// order; model/cell_engine.hpp), so the arrays are identical for any thread
// count. What a cell does never depends on its slot.
#include <cstdint>
#include <vector>

#include "model/cell_types.hpp"

namespace hosim {

struct CellStore {
  std::vector<std::uint64_t> id;
  std::vector<CellType> type;
  std::vector<std::uint32_t> voxel;  // flat voxel index
  std::vector<double> age_s;         // time since birth or arrival [s]
  std::vector<double> state_age_s;   // time in the current type/state [s]
  // HIF-1α memory [s]: the hypoxia a cell has lived through, as time at full
  // HIF activity fading with cells.mpc.priming_memory (biology/hif_memory.hpp).
  // Daughters inherit it. Zero, and never updated, while
  // cells.mpc.hypoxic_priming is 0.
  std::vector<float> hif_memory_s;

  // Bytes one cell takes in the arrays.
  static constexpr std::size_t kBytesPerCell = sizeof(std::uint64_t) + sizeof(CellType) +
                                               sizeof(std::uint32_t) + 2 * sizeof(double) +
                                               sizeof(float);

  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
  // Bytes held by the arrays (their capacities).
  [[nodiscard]] std::size_t capacity_bytes() const noexcept {
    return id.capacity() * sizeof(std::uint64_t) + type.capacity() * sizeof(CellType) +
           voxel.capacity() * sizeof(std::uint32_t) +
           (age_s.capacity() + state_age_s.capacity()) * sizeof(double) +
           hif_memory_s.capacity() * sizeof(float);
  }
  // fn(array) for each of the arrays above, in declaration order: what
  // happens to every cell array alike (reserve, resize, block moves) is
  // written once, and a new per-cell array is added in one place.
  template <class Fn>
  void for_each_array(Fn&& fn) {
    fn(id);
    fn(type);
    fn(voxel);
    fn(age_s);
    fn(state_age_s);
    fn(hif_memory_s);
  }
  void reserve(std::size_t n) {
    for_each_array([n](auto& a) { a.reserve(n); });
  }
  // Keeps the first n cells (n ≤ size()).
  void truncate(std::size_t n) {
    for_each_array([n](auto& a) { a.resize(n); });
  }
  void push(std::uint64_t cid, CellType t, std::uint32_t vox, double age, double state_age,
            float hif_memory = 0) {
    if (id.size() == id.capacity()) reserve(grown_capacity(id.size()));
    id.push_back(cid);
    type.push_back(t);
    voxel.push_back(vox);
    age_s.push_back(age);
    state_age_s.push_back(state_age);
    hif_memory_s.push_back(hif_memory);
  }
  // Room for n cells, growing by a quarter when full, not by the library's
  // doubling: a store that has just doubled holds up to twice the cells it
  // needs, and cells are a fifth of the state's memory (issue 4).
  [[nodiscard]] static std::size_t grown_capacity(std::size_t n) noexcept { return n + n / 4 + 64; }
  void reserve_for(std::size_t n) {
    if (id.capacity() < n) reserve(grown_capacity(n));
  }
  void clear() {
    for_each_array([](auto& a) { a.clear(); });
  }
};

}  // namespace hosim
