#pragma once
// Sources and sinks of the diffusing fields, recomputed every step from the
// state (so they carry no hidden state across a checkpoint).
#include <span>
#include <vector>

#include "config/params.hpp"
#include "core/aligned_buffer.hpp"
#include "model/state.hpp"

namespace hosim {

// The sources and sinks of one field. The run keeps one of these and fills
// it for each field in turn just before that field's transport, so the
// source terms cost 16 bytes per voxel, not 16 per field.
struct FieldSources {
  AlignedBuffer<double> source;  // [field unit / s]
  // First-order uptake [1/s]; used only when has_uptake (a field without a
  // first-order sink, such as BMP, decays at its field's rate instead).
  AlignedBuffer<double> uptake;
  bool has_uptake = false;
  [[nodiscard]] std::span<const double> uptake_span() const {
    return has_uptake ? uptake.span() : std::span<const double>{};
  }
};

// Whether the field has a first-order sink this step (O2, acid, phosphate;
// the inflammatory signal and Noggin only under PEMF or systemic Noggin).
[[nodiscard]] bool field_has_uptake(const ModelState& s, int field);

// The order in which fields are transported. Each field's sources are
// computed from the state just before its own transport, so a field whose
// values other fields' sources read (O2: hypoxic glycolysis and
// reperfusion ROS) comes after them; all then see the state at the start of
// the transport operator.
[[nodiscard]] std::vector<int> transport_order(const ModelState& s);

// Fill `out` with the sources and sinks of field `field` from the state.
void compute_field_sources(const ModelState& s, const Params& p, int field, FieldSources& out);

// Every field's sources at once, one FieldSources per field (tests, tools).
void compute_sources(const ModelState& s, const Params& p, std::vector<FieldSources>& out);

// BMP–Noggin binding after transport: with Kd ≈ 20 pM (MODEL.md §2) the
// complex hardly dissociates, so it is treated as irreversible
// sequestration, dA/dt = dN/dt = −k·A·N, solved exactly per voxel.
void bind_bmp_noggin(ModelState& s, const Params& p, double dt_s);

}  // namespace hosim
