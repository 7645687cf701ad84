#!/usr/bin/env bash
# Posts written for Jekyll, Hugo, Astro and Eleventy, as their owners write
# them (tests/golden/dialects/site), built with a feedcard.yaml of a few
# lines: every post read, each field found under its generator's name, and
# the feeds equal to the expected ones byte for byte (a post past its
# expiryDate read, and left out of them).
. "$(dirname "$0")/../common.sh"
src="$(dirname "$0")/dialects"
cp -r "$src/site" "$work/site"
"$FEEDCARD_BIN" build -c "$work/site/feedcard.yaml" -o "$work/out" >"$work/stdout" 2>"$work/stderr"
rc=$?
[ $rc -eq 0 ] || { cat "$work/stderr"; fail "build: exit $rc"; }
grep -q "feedcard: 7 posts" "$work/stdout" || { cat "$work/stdout"; fail "not every post was read"; }
# The messages real data earns, and no other.
sed "s|$work/site/||" "$work/stderr" > "$work/messages"
diff -u "$src/expected/messages" "$work/messages" || fail "messages differ"
for f in rss.xml atom.xml feed.json; do
	if [ -n "${FEEDCARD_UPDATE_GOLDEN:-}" ]; then
		cp "$work/out/$f" "$src/expected/$f"
	fi
	diff -u "$src/expected/$f" "$work/out/$f" || fail "$f differs from tests/golden/dialects/expected/$f"
done
xmllint --noout "$work/out/rss.xml" "$work/out/atom.xml" || fail "not well-formed"
grep -q "An offer that ended" "$work/out/rss.xml" && fail "a post past its expiryDate is in the feed"
echo "dialects: all posts read, feeds as expected"
