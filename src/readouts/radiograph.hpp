#pragma once
// The radiograph readout (MODEL.md §5): a digitally reconstructed radiograph
// (DRR) of the mineral, and whether a reader would see it. The beam runs
// along z (an antero-posterior view of the x–y plane). What a voxel adds is
// the extra attenuation of its mineral over soft tissue; soft tissue alone is
// the background, so the image is the contrast of the mineral against it:
//
//   C(x, y) = 1 − exp(−μ · s · Σ_z Mn(x, y, z) · dz)
//
// with μ = readouts.radiograph_mu_mineral and s = readouts.lesion_scale (a
// path through the simulated lesion stands for s times that path through the
// clinical lesion). A 2D slice has no depth of its own: it is read as a prism
// as deep as the injury (2 × injury.radii[z]) with the slice's mineral along
// the whole path. The mineral is "visible" when the mean contrast over some
// square patch of side readouts.radiograph_patch (clinical size, so
// patch / s on the grid) reaches readouts.radiograph_contrast.
#include <cstddef>
#include <vector>

#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

struct Radiograph {
  int nx = 0, ny = 0;           // pixels: the grid's x and y (a mirrored axis is not unfolded)
  std::vector<float> contrast;  // [ny][nx], x fastest, 0–1
};

// The DRR of the state's mineral. On a grid mirrored in z the path is doubled
// (the beam crosses the mirror image too); mirrored x or y are left folded,
// as in the meshes.
[[nodiscard]] Radiograph project_radiograph(const ModelState& s, const Params& p);

// Side of the visibility patch in pixels: the clinical patch over the lesion
// scale, on the grid, at least one pixel.
[[nodiscard]] int radiograph_patch_pixels(const Params& p);

// The largest mean contrast over a square patch of radiograph_patch_pixels
// pixels, with the image unfolded across mirrored x and y (a patch may
// straddle a mirror plane). A patch larger than the image is clipped to it.
[[nodiscard]] double radiograph_patch_contrast(const Radiograph& r, const Params& p);

}  // namespace hosim
