#!/usr/bin/env bash
# A run gives the same bits whatever instruction set the build targets
# (CMakeLists.txt: HOSIM_ARCH, -ffp-contract=off). Builds hosim a second time
# for another -march (x86-64, the portable baseline; or native when the tested
# build is itself the baseline), then runs the 2D teaching slice and the
# default 3D scenario for a few days with both binaries and compares /data
# and /timeseries of run.h5 (provenance records the flags and differs).
# Environment: HOSIM (binary), SRC (source tree), WORK (scratch folder),
# ARCH (HOSIM_ARCH of the tested build). About 3 min on 2 cores (label slow).
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

same() {  # name config duration
  local name=$1 config=$2 days=$3
  rm -rf "$dir/$name"_{a,b}
  "$HOSIM" run "$config" --set run.duration="$days" --quiet -o "$dir/${name}_a"
  "$second" run "$config" --set run.duration="$days" --quiet -o "$dir/${name}_b"
  # h5diff -c lists every object that differs; only provenance may.
  local diffs
  diffs=$(h5diff -c "$dir/${name}_a/run.h5" "$dir/${name}_b/run.h5" |
          grep -E '^(dataset|attribute|group)' | grep -v provenance || true)
  if [ -n "$diffs" ]; then
    echo "FAIL: $name differs between -march=$ARCH and -march=$other:"
    echo "$diffs" | head -20
    return 1
  fi
  echo "ok: $name ($days) identical for -march=$ARCH and -march=$other"
}

same teaching_2d "$SRC/configs/teaching_2d.yaml" 20day
same default_3d "$SRC/configs/default.yaml" 6day
