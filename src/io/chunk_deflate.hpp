#pragma once
// The shuffle + deflate filter pipeline of HDF5 (H5Pset_shuffle, then
// H5Pset_deflate), applied by hosim itself so that the chunks of one dataset
// can be compressed in parallel and then handed to HDF5 whole
// (H5Dwrite_chunk). HDF5 runs its filters serially on the writing thread;
// deflate was most of the time a snapshot took (bench/README.md). A reader
// undoes the pipeline as for any chunk HDF5 filtered itself, so files open
// in h5py, h5dump and ParaView as before, with the same values.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hosim::io {

// HDF5's byte shuffle: with `element_bytes` = s and n = bytes.size() / s
// whole elements, byte j of element i goes to j·n + i; trailing bytes that
// make no whole element stay at the end, and s = 1 changes nothing.
void shuffle_bytes(std::span<const std::uint8_t> in, std::size_t element_bytes,
                   std::span<std::uint8_t> out);

// Its inverse (tests, and readers of raw chunks).
void unshuffle_bytes(std::span<const std::uint8_t> in, std::size_t element_bytes,
                     std::span<std::uint8_t> out);

// Shuffles `raw` and deflates it (zlib compress2, `level` 1–9) into `out`,
// which is resized to the compressed size. Throws std::runtime_error with
// zlib's status when zlib fails.
void shuffle_deflate(std::span<const std::uint8_t> raw, std::size_t element_bytes, int level,
                     std::vector<std::uint8_t>& out);

}  // namespace hosim::io
