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
	rm -rf "$expected" && mkdir -p "$expected" && (cd "$work/j1" && find . -name '*.xml' -o -name '*.json' | xargs cp --parents -t "$expected")
	echo "updated $expected"
	exit 0
fi

diff -r -x .feedcard-state "$work/j1" "$work/j2"   # thread count changes nothing
# Feeds byte-identical to the golden files (card images are compared by the
# cards tests with a tolerance; their byte lengths are in the feeds).
feeds() { (cd "$1" && find . -name '*.xml' -o -name '*.json' | sort); }
[ "$(feeds "$expected")" = "$(feeds "$work/j1")" ] || { diff <(feeds "$expected") <(feeds "$work/j1"); exit 1; }
for f in $(feeds "$expected"); do diff -u "$expected/$f" "$work/j1/$f"; done
# The hand-made image is copied unchanged; the others get rendered cards.
cmp "$FEEDCARD_SRC/examples/posts/2024-10-09-summit-recap/ogimage.jpg" "$work/j1/blog/2024/10/09/summit-recap/ogimage.jpg"
for p in 2025/01/15/tracing-tips 2025/02/03/japanese-meetup 2025/03/01/link-elsewhere; do
	[ "$(identify -format "%m %wx%h" "$work/j1/blog/$p/ogimage.jpg")" = "JPEG 1200x630" ] || { echo "no card for $p"; exit 1; }
done
cmp "$work/stderr1" "$work/stderr2"                 # messages in the same order too
# The draft and the future post stay out; --drafts --future put them in.
! grep -q "Notes we have not finished" "$work/j1/blog/rss.xml"
! grep -q "A post from the future" "$work/j1/blog/atom.xml"
"$FEEDCARD_BIN" build -q -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/all" --drafts --future 2>/dev/null
grep -q "Notes we have not finished" "$work/all/blog/rss.xml"
grep -q "A post from the future" "$work/all/blog/atom.xml"
# A second build over the same output rewrites nothing: with --recheck it
# reads every post and reuses every card; without, it sees that no input
# changed and stops at once (unless an input is too new to trust its stat).
out=$("$FEEDCARD_BIN" build --recheck -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/j1" 2>/dev/null)
echo "$out" | grep -q "(0 written, 18 unchanged); cards: 0 rendered, 3 reused, 1 copied" || { echo "second build wrote files: $out"; exit 1; }
out=$("$FEEDCARD_BIN" build -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/j1" 2>/dev/null)
echo "$out" | grep -Eq "nothing changed since the last build \([0-9]+ files checked\)|\(0 written, 18 unchanged\)" || { echo "third build: $out"; exit 1; }
diff -ru <(cd "$expected" && find . -type f | sort) <(cd "$work/j1" && find . \( -name '*.xml' -o -name '*.json' \) | sort) >/dev/null
echo "golden: examples match"
