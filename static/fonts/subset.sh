#!/bin/sh
# Rebuilds the vendored woff2 subsets from Debian's Noto fonts (fonts-noto-core 20201225).
# Not run by the app or its tests; the woff2 files are committed. Needs:
#   apt-get install fonts-noto-core
#   python3 -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fonttools brotli
# The Unicode ranges below are the ones static/css/reseau.css gives each @font-face
# (unicode-range): keep both in step. Hinting is dropped: it doubles the size, and
# Chromium, Firefox and Edge draw unhinted outlines well on every platform.
set -eu
NOTO=${NOTO:-/usr/share/fonts/truetype/noto}
SUBSET=${SUBSET:-/tmp/fontvenv/bin/pyftsubset}
OUT=$(dirname "$0")
# Latin, French and Vietnamese (ơ ư đ and the tone marks, precomposed and combining).
LATIN="U+0000-00FF,U+0100-017F,U+0131,U+01A0-01A1,U+01AF-01B0,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0300-0309,U+0323,U+0329,U+1EA0-1EF9,U+2000-200A,U+2010-206F,U+20A0-20C0,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
KHMER="U+1780-17FF,U+19E0-19FF,U+200B-200D,U+25CC"
LAO="U+0E80-0EFF,U+200B-200D,U+25CC"
for weight in Regular Bold; do
  "$SUBSET" "$NOTO/NotoSans-$weight.ttf" --unicodes="$LATIN" --layout-features+=tnum,lnum \
    --no-hinting --desubroutinize --flavor=woff2 --output-file="$OUT/NotoSans-$weight.woff2"
  # Khmer and Lao need every shaping feature (stacked consonants, vowel reordering).
  "$SUBSET" "$NOTO/NotoSansKhmer-$weight.ttf" --unicodes="$KHMER" --layout-features='*' \
    --no-hinting --desubroutinize --flavor=woff2 --output-file="$OUT/NotoSansKhmer-$weight.woff2"
  "$SUBSET" "$NOTO/NotoSansLao-$weight.ttf" --unicodes="$LAO" --layout-features='*' \
    --no-hinting --desubroutinize --flavor=woff2 --output-file="$OUT/NotoSansLao-$weight.woff2"
done
