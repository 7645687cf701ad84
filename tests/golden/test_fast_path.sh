#!/usr/bin/env bash
# The no-change fast path: a build whose inputs and outputs are all as the
# last build left them stops at once; any change, a deleted output, a new
# post, a post coming out of the future, new options or --recheck mean a
# full build; an input changed in the last seconds is not trusted.
#
# No case depends on how long a build takes. The fast path distrusts an
# input whose mtime is within 2 s of the clock when the state is saved (its
# "racy" window), so every input this test controls is
# dated an hour back before a build that must save its state, and an input
# that must be distrusted is dated an hour ahead: neither is near the window
# however slow the machine. The inputs beyond the site are controlled too:
# the renderer module and the data folder (fonts, templates) are copies
# here, and HOME (user font folders) is a folder here.
. "$(dirname "$0")/../common.sh"
site="$work/site"; out="$work/out"
mkdir -p "$site/posts" "$work/home"
printf 'site:\n  title: Fast\n  url: https://fast.example\ncards:\n  when: always\n' > "$site/feedcard.yaml"
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nBody one.\n' > "$site/posts/one.md"
printf -- '---\ntitle: Later\ndate: 2031-06-01\n---\nFrom the future.\n' > "$site/posts/later.md"
mkdir -p "$work/data" && cp -r "$FEEDCARD_SRC/fonts" "$FEEDCARD_SRC/templates" "$work/data/" || fail "copying the data folder"
export FEEDCARD_DATA_DIR="$work/data" HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share"
module="$(dirname "$FEEDCARD_BIN")/feedcard-render.so"
if [ -f "$module" ]; then
	cp "$module" "$work/render.so" || fail "copying the renderer module"
	export FEEDCARD_RENDER_MODULE="$work/render.so"
fi
# age: every input an hour old, far outside the racy window.
age() { find "$site" "$work/data" "$work/home" "$work/render.so" -exec touch -d '1 hour ago' {} + 2>/dev/null || fail "age"; }
# path BUILD-ARGS...: a build that must exit 0; $path is "fast" when it
# took the fast path, "full" when it read the posts.
path() {
	SOURCE_DATE_EPOCH=${NOW:-1893456000} expect_status 0 build -c "$site/feedcard.yaml" -o "$out" "$@"
	if grep -q "nothing changed since the last build" "$work/stdout"; then
		path=fast
	elif grep -q "^feedcard: .* feed files " "$work/stdout"; then
		path=full
	else
		cat "$work/stdout"; fail "a build that says neither 'nothing changed' nor what it wrote"
	fi
}
want() { # want fast|full WHY BUILD-ARGS...
	local w=$1 why=$2
	shift 2
	path "$@"
	[ "$path" = "$w" ] || fail "$why: a $path build, want $w"
}

age
want full "first build"
want fast "second build should take the fast path"
want full "--recheck should read every post" --recheck
want fast "fast path after --recheck"
want full "other options should mean a full build" --drafts

printf -- '---\ntitle: One, edited\ndate: 2024-01-01\n---\nBody one.\n' > "$site/posts/one.md"
touch -d '1 hour ago' "$site/posts/one.md"
want full "an edited post was not seen"
expect_text "$out/rss.xml" "One, edited"
# An input dated inside the racy window (here: ahead of the clock, so it
# stays inside while the build runs) is not trusted: no state is saved and
# the next build is full too.
touch -d '1 hour' "$site/posts/one.md"
want full "a changed mtime was not seen"
[ ! -e "$out/.feedcard-state" ] || fail "a state was saved with an input inside the racy window"
want full "a build right after an edit trusted a racy stat"
age; want full "a build after aging"; want fast "fast path once inputs are old again"

rm "$out/blog/2024/01/01/one/ogimage.jpg"
want full "a deleted card was not seen"
[ -f "$out/blog/2024/01/01/one/ogimage.jpg" ] || fail "the deleted card was not rendered again"

want fast "fast path once the card is back"
printf -- '---\ntitle: Two\ndate: 2024-02-01\n---\nBody two.\n' > "$site/posts/two.md"
touch -d '1 hour ago' "$site/posts/two.md"   # old file, but the folder changed
want full "a new post was not seen"
expect_text "$out/rss.xml" "<title>Two</title>"

age; want full "a build after aging"; want fast "fast path before the future post's date"
NOW=1950000000 want full "a post whose date has come was not put in the feed"
expect_text "$out/rss.xml" "<title>Later</title>"
echo "fast path: all cases pass"
