#!/usr/bin/env bash
# Golden-file test: the bundled example site's feeds, byte for byte, and the
# same bytes whatever the thread count. Regenerate after an intended change
# with FEEDCARD_UPDATE_GOLDEN=1 (tests/README.md).
. "$(dirname "$0")/../common.sh"
expected="$FEEDCARD_SRC/tests/golden/examples/expected"
config="$FEEDCARD_SRC/examples/feedcard.yaml"

expect_status 0 build -q -c "$config" -o "$work/j1" -j 1
cp "$work/stderr" "$work/stderr1"
expect_status 0 build -q -c "$config" -o "$work/j2" -j 2
cp "$work/stderr" "$work/stderr2"
# Feeds byte-identical to the golden files (card images are compared by the
# cards tests with a tolerance; their byte lengths are in the feeds).
golden_tree "$expected" "$work/j1" '*.xml' '*.json'
diff -r -x .feedcard-state "$work/j1" "$work/j2" || fail "-j 2 wrote other files or bytes than -j 1"
cmp "$work/stderr1" "$work/stderr2" || fail "the messages of -j 1 and -j 2 differ or come in another order"
# The hand-made image is copied unchanged; the others get rendered cards.
cmp "$FEEDCARD_SRC/examples/posts/2024-10-09-summit-recap/ogimage.jpg" "$work/j1/blog/2024/10/09/summit-recap/ogimage.jpg" ||
	fail "the hand-made image was not copied unchanged"
for p in 2025/01/15/tracing-tips 2025/02/03/japanese-meetup 2025/03/01/link-elsewhere; do
	[ "$(identify -format "%m %wx%h" "$work/j1/blog/$p/ogimage.jpg")" = "JPEG 1200x630" ] || fail "no card for $p"
done
# The draft and the future post stay out; --drafts --future put them in.
refute_text "$work/j1/blog/rss.xml" "Notes we have not finished"
refute_text "$work/j1/blog/atom.xml" "A post from the future"
expect_status 0 build -q -c "$config" -o "$work/all" --drafts --future
expect_text "$work/all/blog/rss.xml" "Notes we have not finished"
expect_text "$work/all/blog/atom.xml" "A post from the future"
# A second build over the same output rewrites nothing: with --recheck it
# reads every post and reuses every card; without, it sees that no input
# changed and stops at once (unless an input is too new to trust its stat).
expect_status 0 build --recheck -c "$config" -o "$work/j1"
expect_text "$work/stdout" "(0 written, 18 unchanged); cards: 0 rendered, 3 reused, 1 copied"
expect_status 0 build -c "$config" -o "$work/j1"
expect_regex "$work/stdout" "nothing changed since the last build \([0-9]+ files checked\)|\(0 written, 18 unchanged\)"
golden_tree "$expected" "$work/j1" '*.xml' '*.json'
echo "golden: examples match"
