#!/usr/bin/env bash
# The teaching pictures (issue 8) on a short run of the teaching slice.
#   teaching_test.sh movie      analysis/movie.py (one run and a grid of two)
#                               and analysis/explorer.py write their files;
#                               bad input exits 2 with a message, no traceback
#   teaching_test.sh browser    the explorer in headless Chromium: moving the
#                               slider (through the URL fragment, which drives
#                               the slider's own input event) changes the day
#                               label and the picture; screenshots saved
# Environment: HOSIM (binary), SRC (source tree), WORK (scratch folder).
# Exit 77 (skipped) when ffmpeg or chromium is missing; `bash .ci/setup
# --tests` installs both.
set -euo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
PY=/usr/bin/python3
mode=${1:?movie or browser}
out="$WORK/teaching_$mode"
rm -rf "$out" && mkdir -p "$out"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Three days of inflammation and progenitor influx: four frames (days 0-3)
# that differ, in about ten seconds (the first days are the costly ones).
short_run() { # config name -> $out/name
  "$HOSIM" run "$SRC/configs/teaching/$1.yaml" -o "$out/$1" --quiet --set run.duration=3day
}

case "$mode" in
  movie)
    command -v ffmpeg >/dev/null || { echo "SKIP: ffmpeg not installed (bash .ci/setup --tests)"; exit 77; }
    short_run untreated
    short_run no_bmp
    $PY "$SRC/analysis/movie.py" "$out/untreated" --field bmp -o "$out/one"
    $PY "$SRC/analysis/movie.py" "$out/untreated" "$out/no_bmp" --field inflammation -o "$out/grid" --no-gif
    for f in one.mp4 one.gif grid.mp4; do test -s "$out/$f" || fail "$f not written"; done
    test ! -e "$out/grid.gif" || fail "--no-gif wrote a GIF"
    # One frame per snapshot (days 0-3).
    frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames \
             -of csv=p=0 "$out/one.mp4")
    [ "$frames" = 4 ] || fail "one.mp4 has $frames frames, expected 4"
    $PY "$SRC/analysis/explorer.py" "$out/untreated" -o "$out/explorer.html"
    test -s "$out/explorer.html" || fail "explorer.html not written"
    # Self-contained: nothing fetched from elsewhere.
    if grep -Eq '<script[^>]+src=|<link[^>]+href=|https?://' "$out/explorer.html"; then
      fail "explorer.html refers to an external resource"
    fi
    # User errors: exit 2, a message naming the problem, no traceback.
    expect_error() { # pattern command...
      local pattern=$1; shift
      set +e; "$@" >"$out/err.txt" 2>&1; local rc=$?; set -e
      [ $rc = 2 ] || fail "$* exited $rc, expected 2: $(cat "$out/err.txt")"
      grep -q "$pattern" "$out/err.txt" || fail "$* said: $(cat "$out/err.txt"), expected /$pattern/"
      ! grep -q Traceback "$out/err.txt" || fail "$* printed a traceback"
    }
    expect_error "no run.h5" $PY "$SRC/analysis/movie.py" "$out/missing"
    expect_error "unknown field 'oxygen'.*o2" $PY "$SRC/analysis/movie.py" "$out/untreated" --field oxygen
    expect_error "no run.h5" $PY "$SRC/analysis/explorer.py" "$out/missing"
    echo "movie, grid and explorer written in $out"
    ;;
  browser)
    chrome=""
    for c in chromium chromium-browser google-chrome; do
      command -v $c >/dev/null && { chrome=$c; break; }
    done
    [ -n "$chrome" ] || { echo "SKIP: chromium not installed (bash .ci/setup --tests)"; exit 77; }
    short_run untreated
    $PY "$SRC/analysis/explorer.py" "$out/untreated" -o "$out/explorer.html"
    url="file://$out/explorer.html"
    flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=15000
           --user-data-dir="$out/profile")
    body() { # fragment -> the <body> tag once the page has drawn
      "$chrome" "${flags[@]}" --dump-dom "$url#$1" 2>/dev/null >"$out/dom.html"
      grep -o '<body[^>]*>' "$out/dom.html" | head -1
    }
    attr() { sed -n "s/.*data-$1=\"\([^\"]*\)\".*/\1/p" <<<"$2"; }
    label() { grep -o '<span id="day-label">[^<]*' "$out/dom.html" | sed 's/.*>//'; }
    b0=$(body "day=0"); l0=$(label)
    b3=$(body "day=3"); l3=$(label)
    bf=$(body "day=3&field=ph&layers=cells")
    echo "day 0: $b0 label '$l0'"
    echo "day 3: $b3 label '$l3'"
    echo "day 3, pH, cells only: $bf"
    for b in "$b0" "$b3" "$bf"; do
      [ "$(attr ready "$b")" = 1 ] || fail "the page did not finish drawing: $b"
      [ -z "$(attr error "$b")" ] || fail "the page reported an error: $(attr error "$b")"
    done
    [ "$l0" = "Day 0" ] || fail "day label at #day=0 is '$l0'"
    [ "$l3" = "Day 3" ] || fail "day label at #day=3 is '$l3' (the slider did not move)"
    [ "$(attr day "$b3")" = 3 ] || fail "data-day at #day=3 is $(attr day "$b3")"
    [ "$(attr frame-hash "$b0")" != "$(attr frame-hash "$b3")" ] || fail "the picture did not change with the day"
    [ "$(attr field "$bf")" = ph ] || fail "the field selector did not switch to pH"
    [ "$(attr layers "$bf")" = cells ] || fail "the layer toggles did not apply"
    [ "$(attr frame-hash "$bf")" != "$(attr frame-hash "$b3")" ] || fail "field and layers did not change the picture"
    for d in 0 3; do
      "$chrome" "${flags[@]}" --window-size=1400,1100 --screenshot="$out/explorer_day$d.png" \
        "$url#day=$d" 2>/dev/null >/dev/null
      test -s "$out/explorer_day$d.png" || fail "no screenshot at day $d"
    done
    cmp -s "$out/explorer_day0.png" "$out/explorer_day3.png" && fail "screenshots at days 0 and 3 are identical"
    echo "explorer works in $chrome; screenshots $out/explorer_day0.png $out/explorer_day3.png"
    ;;
  *)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
