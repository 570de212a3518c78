#!/usr/bin/env bash
# A run gives the same bits whatever instruction set the build targets
# (CMakeLists.txt: HOSIM_ARCH, -ffp-contract=off). Builds hosim a second time
# for another -march (x86-64, the portable baseline; or native when the tested
# build is itself the baseline), then runs the 2D teaching slice and the
# default 3D scenario for a few days with both binaries and compares /data
# and /timeseries of run.h5 (provenance records the flags and differs).
# The vector kernels pick their path at run time from the processor, so the
# tested binary also runs the default scenario with them capped
# (HOSIM_SIMD=portable and avx2, core/simd_cap.hpp): on a processor with
# AVX-512 the narrower paths run in a whole simulation only then.
# Environment: HOSIM (binary), SRC (source tree), WORK (scratch folder),
# ARCH (HOSIM_ARCH of the tested build). About 4 min on 2 cores (label slow).
set -euo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}" "${ARCH?}"
other=x86-64
[ "$ARCH" = x86-64 ] && other=native
dir="$WORK/isa_identity"
build="$dir/build_$other"
mkdir -p "$dir"
cmake -S "$SRC" -B "$build" -DCMAKE_BUILD_TYPE=Release -DHOSIM_ARCH="$other" \
  -DHOSIM_BUILD_TESTS=OFF -DHOSIM_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target hosim -j2 >/dev/null
second="$build/hosim"

# h5diff -c lists every object that differs; only provenance may.
compare() {  # a b what
  local diffs
  diffs=$(h5diff -c "$1/run.h5" "$2/run.h5" |
          grep -E '^(dataset|attribute|group)' | grep -v provenance || true)
  if [ -n "$diffs" ]; then
    echo "FAIL: $3:"
    echo "$diffs" | head -20
    return 1
  fi
  echo "ok: $3"
}

same() {  # name config duration
  local name=$1 config=$2 days=$3
  rm -rf "$dir/$name"_{a,b}
  "$HOSIM" run "$config" --set run.duration="$days" --quiet -o "$dir/${name}_a"
  "$second" run "$config" --set run.duration="$days" --quiet -o "$dir/${name}_b"
  compare "$dir/${name}_a" "$dir/${name}_b" \
    "$name ($days) identical for -march=$ARCH and -march=$other"
}

same teaching_2d "$SRC/configs/teaching_2d.yaml" 20day
same default_3d "$SRC/configs/default.yaml" 6day

for cap in portable avx2; do
  rm -rf "$dir/default_3d_$cap"
  HOSIM_SIMD=$cap "$HOSIM" run "$SRC/configs/default.yaml" --set run.duration=6day --quiet \
    -o "$dir/default_3d_$cap"
  compare "$dir/default_3d_a" "$dir/default_3d_$cap" \
    "default_3d (6day) identical with the vector kernels capped at HOSIM_SIMD=$cap"
done
