#!/usr/bin/env bash
# Cards in `feedcard build`: where they land, hand-made images kept, names we
# cannot write, enclosures in every feed, and the incremental counts.
. "$(dirname "$0")/../common.sh"
site="$work/site"; out="$work/out"
mkdir -p "$site/posts/a" "$site/posts/b" "$site/posts/c"
config() {
	printf 'site:\n  title: Cards\n  url: https://cards.example\npermalink: /p/{slug}/\ncards:\n%s\n' "$1" > "$site/feedcard.yaml"
}
config "  when: missing"
printf -- '---\ntitle: Hand made\ndate: 2024-01-01\nogImage: hand.png\n---\nA.\n' > "$site/posts/a/index.md"
"$FEEDCARD_BIN" card --title "Made by hand" -o "$site/posts/a/hand.png" || fail "making the hand-made image"
printf -- '---\ntitle: Rendered card\ndate: 2024-01-02\n---\nB.\n' > "$site/posts/b/index.md"
printf -- '---\ntitle: Avif name\ndate: 2024-01-03\nogImage: pic.avif\n---\nC.\n' > "$site/posts/c/index.md"

build() { "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$out" "$@" 2>"$work/stderr"; }
# --recheck: a build whose inputs are all older than the state's racy window
# (a slow or loaded machine) may otherwise stop at "nothing changed", which
# prints no counts.
counts() { build --recheck | grep -o "cards: .*copied"; }

[ "$(counts)" = "cards: 2 rendered, 0 reused, 1 copied" ] || fail "first build: $(cat "$work/stderr")"
cmp "$site/posts/a/hand.png" "$out/p/a/hand.png" || fail "hand-made image not copied unchanged"
[ "$(identify -format '%m %wx%h' "$out/p/b/ogimage.jpg")" = "JPEG 1200x630" ] || fail "no card for b"
[ "$(identify -format '%m %wx%h' "$out/p/c/pic.jpg")" = "JPEG 1200x630" ] || fail "pic.avif should become pic.jpg"
grep -qF "posts/c/index.md: warning: ogImage 'pic.avif' is not a format cards are written in (jpg, png, webp): its card is pic.jpg" "$work/stderr" || fail "no warning for pic.avif"

# Enclosures point at the files actually written, with their sizes.
size_b=$(stat -c %s "$out/p/b/ogimage.jpg")
grep -qF "<enclosure url=\"https://cards.example/p/b/ogimage.jpg\" length=\"$size_b\" type=\"image/jpeg\"/>" "$out/rss.xml" || fail "RSS enclosure for b"
grep -qF "url=\"https://cards.example/p/c/pic.jpg\"" "$out/rss.xml" || fail "RSS enclosure for c names pic.jpg"
grep -qF "<media:content url=\"https://cards.example/p/a/hand.png\" medium=\"image\" type=\"image/png\"" "$out/rss.xml" || fail "media:content for a"
grep -qF "<link rel=\"enclosure\" type=\"image/jpeg\" length=\"$size_b\" href=\"https://cards.example/p/b/ogimage.jpg\"/>" "$out/atom.xml" || fail "Atom enclosure for b"
grep -qF '"image": "https://cards.example/p/b/ogimage.jpg"' "$out/feed.json" || fail "JSON image for b"

# Incremental: nothing changed, nothing rendered; one title changed, one card.
[ "$(counts)" = "cards: 0 rendered, 2 reused, 1 copied" ] || fail "no-change build rendered cards"
sed -i 's/^title: Rendered card$/title: Rendered card, renamed/' "$site/posts/b/index.md"
[ "$(counts)" = "cards: 1 rendered, 1 reused, 1 copied" ] || fail "a changed title should render exactly one card"
echo "More body text." >> "$site/posts/b/index.md"
[ "$(counts)" = "cards: 0 rendered, 2 reused, 1 copied" ] || fail "a body change re-rendered a card the template does not show it on"
rm "$out/p/c/pic.jpg"
[ "$(counts)" = "cards: 1 rendered, 1 reused, 1 copied" ] || fail "a deleted card should be rendered again"
printf -- '---\ntitle: Avif name\ndate: 2024-01-03\nogImage: pic.avif\ncardTemplate: dark\n---\nC.\n' > "$site/posts/c/index.md"
[ "$(counts)" = "cards: 1 rendered, 1 reused, 1 copied" ] || fail "another template should render the card again"

# A changed renderer (an upgrade of the same version) draws every card again.
module="$(dirname "$FEEDCARD_BIN")/feedcard-render.so"
if [ -f "$module" ]; then
	cp "$module" "$work/render.so" && printf 'x' >> "$work/render.so"
	export FEEDCARD_RENDER_MODULE="$work/render.so"
	[ "$(counts)" = "cards: 2 rendered, 0 reused, 1 copied" ] || fail "a changed renderer kept the old cards"
	[ "$(counts)" = "cards: 0 rendered, 2 reused, 1 copied" ] || fail "the same renderer drew cards again"
	unset FEEDCARD_RENDER_MODULE
	[ "$(counts)" = "cards: 2 rendered, 0 reused, 1 copied" ] || fail "back to the first renderer kept the other's cards"
fi

# Fonts installed or removed (here: a user font folder appears) draw the
# cards again, since fallback glyphs may change; nothing else does.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME"
[ "$(counts)" = "cards: 0 rendered, 2 reused, 1 copied" ] || fail "a home without font folders drew cards again"
mkdir -p "$XDG_DATA_HOME/fonts/new-family"
# Without --recheck: the fast path must see the new folder too.
[ "$(build | grep -o "cards: .*copied")" = "cards: 2 rendered, 0 reused, 1 copied" ] ||
	fail "a new font folder kept the old cards: $(cat "$work/stderr")"
[ "$(counts)" = "cards: 0 rendered, 2 reused, 1 copied" ] || fail "cards drawn again with no font change"

# when: always renders over the hand-made name; never makes no cards.
config "  when: always"
[ "$(counts)" = "cards: 1 rendered, 2 reused, 0 copied" ] || fail "when: always: $(cat "$work/stderr")"
cmp -s "$site/posts/a/hand.png" "$out/p/a/hand.png"
[ $? -eq 1 ] || fail "when: always should render a's card over the hand-made image"
config "  when: never"
[ "$(counts)" = "cards: 0 rendered, 0 reused, 1 copied" ] || fail "when: never"
refute_text "$out/rss.xml" "p/b/ogimage.jpg"   # when: never points at no card

# A broken template fails the build at its line, and nothing is replaced.
before=$(cd "$out" && find . -type f -exec sha256sum {} + | sort)
printf 'width: 1200\nheight: 630\nbackground: "#12345"\n' > "$site/bad.yaml"
config "  template: bad.yaml"
build >/dev/null; rc=$?
[ $rc -eq 1 ] || fail "bad template: exit $rc"
grep -q "bad.yaml:3:13: error" "$work/stderr" || { cat "$work/stderr"; fail "bad template error position"; }
[ "$before" = "$(cd "$out" && find . -type f -exec sha256sum {} + | sort)" ] || fail "a failed build changed the output"
"$FEEDCARD_BIN" check -c "$site/feedcard.yaml" >/dev/null 2>"$work/stderr"; rc=$?
[ $rc -eq 1 ] && grep -q "bad.yaml:3:13: error" "$work/stderr" || fail "check should report the bad template (exit $rc)"

# Two posts whose images would be one file: an error naming both.
config $'  when: always\n  name: card.jpg'
printf -- '---\ntitle: X\ndate: 2024-02-01\npath: /x/\nogImage: y/card.jpg\n---\n' > "$site/posts/x.md"
printf -- '---\ntitle: Y\ndate: 2024-02-02\npath: /x/y/\n---\n' > "$site/posts/y.md"
build >/dev/null; rc=$?
[ $rc -eq 1 ] || fail "image collision: exit $rc"
grep -q "posts/y.md: error: its image x/y/card.jpg is also the image of .*posts/x.md" "$work/stderr" || { cat "$work/stderr"; fail "collision message"; }
echo "build cards: all cases pass"
