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
  AlignedBuffer<double> uptake;  // first-order uptake [1/s]
};

// Size one FieldSources per field and fill them for time t (start of the
// transport step).
void compute_sources(const ModelState& s, const Params& p, double t_s,
                     std::vector<FieldSources>& out);

}  // namespace hosim
