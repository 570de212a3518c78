#pragma once
// Physicochemical precipitation of calcium phosphate (MODEL.md §3.8): the
// pathway of tumoral calcinosis, without cells. Where the local calcium ×
// phosphate product exceeds precipitation.product_threshold, crystals
// nucleate at random on damaged matrix (necrotic or fibrous) and grow on
// their own surface and across the faces of developed deposits, drawing the
// excess phosphate out of the tissue fluid; perfusion and diffusion resupply
// it. Growth is fast against that supply, so a deposit depletes its
// surroundings and suppresses new nuclei nearby: the lesion becomes several
// separate nodules rather than one mass. Each grows on into the damaged
// tissue it touches, at nearly the same speed in every direction, so the
// nodules are rounded; neighbours that meet become partly confluent,
// lobulated masses (seed 001). Nothing happens while the product stays
// below the threshold (normal serum phosphate), so HO runs are untouched.
//
// Within a step: add_precipitation_sink (with the phosphate field's sources,
// before its transport) turns the reactive crystal surface into a first-order phosphate
// sink towards the threshold level, solved by the phosphate field's
// quasi-steady solver together with diffusion and exchange (the deposit is
// diffusion-limited, which a split reaction step would miss; config
// validation requires quasi_steady when the product can exceed the
// threshold). precipitate_step (after transport) adds the phosphate that sink
// took as mineral, and nucleates new crystals.
#include <vector>

#include "biology/sources.hpp"
#include "config/params.hpp"
#include "core/aligned_buffer.hpp"
#include "model/state.hpp"

namespace hosim {

// Phosphate held in hydroxyapatite, Ca10(PO4)6(OH)2, per unit mineral
// fraction of a voxel: density 3.16 g/cm³ over 1004.6 g/mol gives 3.146 mol/L
// of formula units, 6 phosphates each.
inline constexpr double kPhosphateInMineral_mM = 3.16 / 1004.6 * 6.0 * 1e6;

// Work array shared by the two halves of a step; recomputed from the state
// every step, so it carries nothing across a checkpoint.
struct PrecipitationScratch {
  AlignedBuffer<float> surface;  // reactive crystal surface per voxel, 0–1
  bool active = false;           // some voxel was supersaturated at the start of the step
};

// Before transport: the reactive surface of every voxel from the state, and
// the deposition sink growth·surface (1/s) added to the phosphate field's
// uptake and source (towards the threshold level), where the phosphate
// exceeds that level (precipitation_phosphate_mM, config/params.hpp). No-op
// when the run cannot precipitate (precipitation_possible) or no voxel is
// supersaturated.
void add_precipitation_sink(const ModelState& s, const Params& p, PrecipitationScratch& scratch,
                            FieldSources& phosphate);

// After transport: the phosphate the sink took over dt becomes mineral, and
// damaged matrix without crystal surface nucleates at random (counter-based
// stream per voxel and step), the nucleus taking the voxel's excess
// phosphate.
void precipitate_step(ModelState& s, const Params& p, double dt_s,
                      const PrecipitationScratch& scratch);

}  // namespace hosim
