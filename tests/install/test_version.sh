#!/usr/bin/env bash
# feedcard --version names every library it runs with, at the version the
# library reports (the same as its Debian -dev package's pkg-config
# version; FreeType's from its header, whose pkg-config version is a
# libtool number), the module's only when the module loads.
. "$(dirname "$0")/../common.sh"

"$FEEDCARD_BIN" --version > "$work/v.out" 2> "$work/v.err" || fail "--version failed: $(cat "$work/v.err")"
head -1 "$work/v.out" | grep -qx 'feedcard [0-9][0-9.]*' || fail "first line: $(head -1 "$work/v.out")"
[ -s "$work/v.err" ] && fail "--version wrote to stderr: $(cat "$work/v.err")"

expect() { # expect FILE NAME VERSION
	grep -qxE "  $2 +$(printf '%s' "$3" | sed 's/\./\\./g')( \(built with\))?" "$1" ||
		fail "$2 should be $3 in: $(grep -F "  $2 " "$1" || echo '(no line)')"
}
core=(libxml2:libxml-2.0 libyaml:yaml-0.1 jansson:jansson glib:glib-2.0 xxHash:libxxhash zlib:zlib)
module=(cairo:cairo Pango:pango HarfBuzz:harfbuzz fontconfig:fontconfig libjpeg-turbo:libjpeg
	libwebp:libwebp libpng:libpng librsvg:librsvg-2.0 libmicrohttpd:libmicrohttpd)
for pair in "${core[@]}" "${module[@]}"; do
	expect "$work/v.out" "${pair%%:*}" "$(pkg-config --modversion "${pair#*:}")"
done
ft=/usr/include/freetype2/freetype/freetype.h
ftv=$(awk '/#define FREETYPE_(MAJOR|MINOR|PATCH) /{printf "%s%s", sep, $3; sep="."}' "$ft")
expect "$work/v.out" FreeType "$ftv"
grep -q '^card and serve module .*:$' "$work/v.out" || fail "the module's file is not named"

# Without its module: the core's libraries, and why the module is missing.
FEEDCARD_RENDER_MODULE=$work/none.so "$FEEDCARD_BIN" --version > "$work/n.out" 2> "$work/n.err" ||
	fail "--version without the module failed"
for pair in "${core[@]}"; do
	expect "$work/n.out" "${pair%%:*}" "$(pkg-config --modversion "${pair#*:}")"
done
grep -q '^card and serve module: not loaded' "$work/n.out" || fail "no 'not loaded' line: $(cat "$work/n.out")"
grep -q 'none.so.*cannot load the card and serve module' "$work/n.err" || fail "no reason on stderr: $(cat "$work/n.err")"
refute_regex "$work/n.out" '^  (cairo|Pango) '   # no module library without the module
echo "--version: $(($(wc -l < "$work/v.out") - 3)) libraries, each at its runtime version"
