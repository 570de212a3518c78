#pragma once
// The pH carried by the acid field: a linear buffer around the acid load of
// normal perfused tissue (pH 7.4), pH = 7.4 − (acid − reference)/buffer.
// Part of the state's meaning, so readouts and io use it as well as biology.
#include "config/ho_params.hpp"

namespace hosim {

[[nodiscard]] inline double ph_of(double acid_mM, const AcidParams& a) {
  return 7.4 - (acid_mM - a.reference_mM) / a.buffer_mM;
}

}  // namespace hosim
