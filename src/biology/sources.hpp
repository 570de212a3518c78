#pragma once
// Sources and sinks of the diffusing fields, recomputed every step from the
// state (so they carry no hidden state across a checkpoint).
#include <vector>

#include "config/params.hpp"
#include "core/aligned_buffer.hpp"
#include "model/state.hpp"

namespace hosim {

struct FieldSources {
  AlignedBuffer<double> source;  // [field unit / s]
  // First-order uptake [1/s]; empty for a field without a first-order sink
  // (BMP, Noggin, inflammatory signal, ROS), which the transport reads as none.
  AlignedBuffer<double> uptake;
};

// Size one FieldSources per field and fill them for time t (start of the
// transport step).
void compute_sources(const ModelState& s, const Params& p, double t_s,
                     std::vector<FieldSources>& out);

// BMP–Noggin binding after transport: with Kd ≈ 20 pM (MODEL.md §2) the
// complex hardly dissociates, so it is treated as irreversible
// sequestration, dA/dt = dN/dt = −k·A·N, solved exactly per voxel.
void bind_bmp_noggin(ModelState& s, const Params& p, double dt_s);

}  // namespace hosim
