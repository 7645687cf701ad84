#!/usr/bin/env bash
# Posts written for Jekyll, Hugo, Astro and Eleventy, as their owners write
# them (tests/golden/dialects/site), built with a feedcard.yaml of a few
# lines: every post read, each field found under its generator's name, and
# the feeds equal to the expected ones byte for byte (a post past its
# expiryDate read, and left out of them).
. "$(dirname "$0")/../common.sh"
src="$FEEDCARD_SRC/tests/golden/dialects"
cp -r "$src/site" "$work/site"
expect_status 0 build -c "$work/site/feedcard.yaml" -o "$work/out"
expect_text "$work/stdout" "feedcard: 7 posts"
# The messages real data earns, and no other.
sed "s|$work/site/||" "$work/stderr" > "$work/messages"
golden_file "$src/expected/messages" "$work/messages"
for f in rss.xml atom.xml feed.json; do
	golden_file "$src/expected/$f" "$work/out/$f"
done
xmllint --noout "$work/out/rss.xml" "$work/out/atom.xml" || fail "not well-formed"
refute_text "$work/out/rss.xml" "An offer that ended"   # past its expiryDate
echo "dialects: all posts read, feeds as expected"
