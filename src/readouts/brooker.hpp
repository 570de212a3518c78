#pragma once
// Brooker grade of heterotopic ossification about the hip (MODEL.md §5;
// Brooker, Bowerman, Robinson & Riley, J Bone Joint Surg Am 1973;55:1629),
// read the way a clinician reads it: from an anteroposterior radiograph.
//   0   no heterotopic bone
//   I   islands of bone in the soft tissue about the hip
//   II  spurs from the pelvis or the proximal femur, leaving at least
//       readouts.brooker_gap (1 cm) between opposing bone surfaces
//   III spurs leaving less than that
//   IV  bony ankylosis: heterotopic bone bridges pelvis and femur
// The grade needs exactly two host-bone masses (host_bone.pelvis and
// host_bone.femur) in the image; without them it is -1 (not applicable).
#include <cstdint>
#include <vector>

#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

struct Brooker {
  int grade = -1;      // -1 not applicable, else 0–4 (I–IV)
  double gap_mm = -1;  // least distance between the two bone masses (host bone with
                       // the heterotopic bone attached to it), edge to edge; 0 when
                       // bridged; -1 when not applicable
  int islands = 0;     // heterotopic masses attached to neither bone
};

// The radiograph the grade is read from: pixels of edge pixel_um, x fastest.
struct BoneImage {
  int nx = 0, ny = 0;
  double pixel_um = 0;
  std::vector<std::uint8_t> host;  // 1 where host bone shows
  std::vector<std::uint8_t> ho;    // 1 where heterotopic bone shows (and no host bone)
};

// The state's AP radiograph at the image resolution readouts.nodule_resolution
// (beam along z, as the simulated radiograph): a pixel shows host bone when
// any voxel of its block is cortical bone, and heterotopic bone when the
// block's mean of the column-maximum mineral reaches tissue.ho_threshold
// (partial-volume averaging, so woven bone speckled finer than the image
// reads as one mass).
[[nodiscard]] BoneImage project_bone(const ModelState& s, const Params& p);

// The grade of an image; the masses are 8-connected groups of pixels.
[[nodiscard]] Brooker classify_brooker(const BoneImage& img, double gap_limit_um);

// project_bone + classify_brooker; -1 at once for a run without host bone.
[[nodiscard]] Brooker brooker_grade(const ModelState& s, const Params& p);

}  // namespace hosim
