#pragma once
// What a snapshot writes: read-only views of per-voxel arrays, assembled by
// src/sim from the state. io does not need to know the model's structure.
#include <cstdint>
#include <string>

namespace hosim {

struct MeshView {
  enum class Type { Float64, Float32, UInt8 };
  std::string name;  // dataset name under /data/<step>/meshes/
  std::string unit;  // unit attribute ("1" for dimensionless, "enum" for labels)
  Type type = Type::Float64;
  const void* data = nullptr;  // grid.size() values, x fastest
  std::string enum_map;        // for labels: "0=none,1=mpc,..." written as attribute "enum"
};

// A 2D image written with a snapshot under /data/<step>/images/<name>, such
// as the radiograph (a projection of the volume along z): [ny][nx] float32,
// x fastest, pixels of the grid's x and y.
struct ImageView {
  std::string name;         // dataset name under /data/<step>/images/
  std::string unit;         // unit attribute
  std::string description;  // what the pixels hold (attribute "description")
  int nx = 0, ny = 0;
  const float* data = nullptr;  // nx * ny values, x fastest
};

}  // namespace hosim
