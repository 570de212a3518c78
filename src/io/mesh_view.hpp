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

}  // namespace hosim
