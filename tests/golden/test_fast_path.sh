#!/usr/bin/env bash
# The no-change fast path: a build whose inputs and outputs are all as the
# last build left them stops at once; any change, a deleted output, a new
# post, a post coming out of the future, new options or --recheck mean a
# full build; an input changed in the last seconds is not trusted.
. "$(dirname "$0")/../common.sh"
site="$work/site"; out="$work/out"
mkdir -p "$site/posts"
printf 'site:\n  title: Fast\n  url: https://fast.example\ncards:\n  when: always\n' > "$site/feedcard.yaml"
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nBody one.\n' > "$site/posts/one.md"
printf -- '---\ntitle: Later\ndate: 2031-06-01\n---\nFrom the future.\n' > "$site/posts/later.md"
age() { find "$site" -exec touch -d '1 hour ago' {} +; } # inputs older than the racy window
# The renderer module is an input too (cards are keyed by it): one built
# moments ago is rightly not trusted yet, so wait until it is old enough.
module="$(dirname "$FEEDCARD_BIN")/feedcard-render.so"
if [ -f "$module" ]; then
	wait=$((3 - ($(date +%s) - $(stat -c %Y "$module"))))
	[ "$wait" -gt 0 ] && sleep "$wait"
fi
build() { SOURCE_DATE_EPOCH=${NOW:-1893456000} "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$out" "$@" 2>"$work/stderr"; }
fast() { build "$@" | grep -q "nothing changed since the last build"; }

age
build >/dev/null || fail "first build"
fast || fail "second build should take the fast path"
fast --recheck && fail "--recheck should read every post"
fast || fail "fast path after --recheck"
fast --drafts && fail "other options should mean a full build"

printf -- '---\ntitle: One, edited\ndate: 2024-01-01\n---\nBody one.\n' > "$site/posts/one.md"
fast && fail "an edited post was not seen"
grep -q "One, edited" "$out/rss.xml" || fail "the edit is not in the feed"
# Edited just now: too new to trust, so no state is saved and the next build is full too.
fast && fail "a build right after an edit trusted a racy stat"
age; build >/dev/null; fast || fail "fast path once inputs are old again"

rm "$out/blog/2024/01/01/one/ogimage.jpg"
fast && fail "a deleted card was not seen"
[ -f "$out/blog/2024/01/01/one/ogimage.jpg" ] || fail "the deleted card was not rendered again"

age; build >/dev/null
printf -- '---\ntitle: Two\ndate: 2024-02-01\n---\nBody two.\n' > "$site/posts/two.md"
touch -d '1 hour ago' "$site/posts/two.md"   # old file, but the folder changed
fast && fail "a new post was not seen"
grep -q "<title>Two</title>" "$out/rss.xml" || fail "the new post is not in the feed"

age; build >/dev/null; fast || fail "fast path before the future post's date"
NOW=1950000000 fast && fail "a post whose date has come was not put in the feed"
NOW=1950000000 build >/dev/null
grep -q "<title>Later</title>" "$out/rss.xml" || fail "the post from the future is not in the feed"
echo "fast path: all cases pass"
