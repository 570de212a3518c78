#include <algorithm>
#include <cmath>

#include "config/params.hpp"

namespace hosim {

double precipitation_phosphate_mM(const PrecipitationParams& p) {
  return p.calcium_mM > 0 ? p.product_threshold_mM2 / p.calcium_mM : HUGE_VAL;
}

double highest_phosphate_mM(const Params& p) {
  const FieldParams* f = p.field("phosphate");
  if (f == nullptr) return 0;
  double highest = std::max(p.phosphate.serum_mM, f->initial);
  if (f->boundary == BoundaryKind::Dirichlet) highest = std::max(highest, f->boundary_value);
  return highest;
}

bool precipitation_possible(const Params& p) {
  return highest_phosphate_mM(p) > precipitation_phosphate_mM(p.precipitation);
}

}  // namespace hosim
