#!/usr/bin/env bash
# Golden-file test: the bundled example site's feeds, byte for byte, and the
# same bytes whatever the thread count. Regenerate after an intended change:
#   FEEDCARD_BIN=build/src/feedcard SOURCE_DATE_EPOCH=1893456000 tests/golden/test_examples.sh --update
set -euo pipefail
: "${FEEDCARD_BIN:?}" "${FEEDCARD_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
expected="$FEEDCARD_SRC/tests/golden/examples/expected"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$FEEDCARD_BIN" build -q -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/j1" -j 1 2>"$work/stderr1"
"$FEEDCARD_BIN" build -q -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/j2" -j 2 2>"$work/stderr2"

if [ "${1:-}" = "--update" ]; then
	rm -rf "$expected" && mkdir -p "$expected" && cp -r "$work/j1/." "$expected/"
	echo "updated $expected"
	exit 0
fi

diff -r "$work/j1" "$work/j2"                      # thread count changes nothing
diff -ru "$expected" "$work/j1"                     # byte-identical to the golden files
cmp "$work/stderr1" "$work/stderr2"                 # messages in the same order too
# The draft and the future post stay out; --drafts --future put them in.
! grep -q "Notes we have not finished" "$work/j1/blog/rss.xml"
! grep -q "A post from the future" "$work/j1/blog/atom.xml"
"$FEEDCARD_BIN" build -q -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/all" --drafts --future 2>/dev/null
grep -q "Notes we have not finished" "$work/all/blog/rss.xml"
grep -q "A post from the future" "$work/all/blog/atom.xml"
# A second build over the same output rewrites nothing.
out=$("$FEEDCARD_BIN" build -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/j1" 2>/dev/null)
echo "$out" | grep -q "(0 written, 18 unchanged)" || { echo "second build wrote files: $out"; exit 1; }
echo "golden: examples match"
