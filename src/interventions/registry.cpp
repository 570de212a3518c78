// The intervention types: a new one is one file and one line here.
#include "interventions/intervention.hpp"

namespace hosim {

const std::vector<InterventionType>& intervention_types() {
  static const std::vector<InterventionType> types{
      nsaid_type(), etidronate_type(), radiation_type(),    noggin_type(),
      pemf_type(),  scavenger_type(),  palovarotene_type(), excision_type(),
  };
  return types;
}

}  // namespace hosim
