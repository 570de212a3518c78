#pragma once
// Lesion type (MODEL.md §5): ossification or calcinosis, from what a
// pathologist and a radiologist see rather than from how the mineral was
// made. Ossification is mineralised bone matrix: its mineral lies in osteoid
// laid by osteoblasts, and it matures. Calcinosis (seed 001) is
// structureless calcified material without bone matrix, in several
// lobulated nodules. The classifier decides on the share of the lesion's
// mineral that lies in osteoid (readouts.calcinosis_osteoid); the number of
// separate dense nodules is reported beside it as the radiological picture.
#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

enum class LesionKind : int { None = 0, Ossification = 1, Calcinosis = 2 };

struct LesionType {
  double mineral_in_osteoid =
      0;               // share of the mineral volume lying in osteoid (0 without mineral)
  double nodules = 0;  // separate dense masses in the whole symmetric domain
  LesionKind kind = LesionKind::None;
};

// Separate dense masses as an image of readouts.nodule_resolution shows
// them: the grid is averaged over blocks of that edge, a block whose mean
// mineral reaches tissue.ho_threshold is dense, and the face-connected
// components of dense blocks are counted (speckled woven bone a few voxels
// apart reads as one mass, as it does on CT). On a mirror-reduced grid a component that
// touches a mirror plane joins its mirror image, so each component counts
// once per copy of the domain it does not touch.
[[nodiscard]] double count_nodules(const ModelState& s, const Params& p);

// The classification of the state's mineral; None when no voxel is dense
// (mineral below tissue.ho_threshold everywhere).
[[nodiscard]] LesionType classify_lesion(const ModelState& s, const Params& p);

}  // namespace hosim
