#!/usr/bin/env bash
# Collisions real sites carry, on our small site tests/hostile/collisions/:
# link-only posts with one date and slug, slugs repeated across years under a
# year-less permalink, a link-only post at a page's permalink, two pages at
# one permalink with their own image names. Each is a warning naming both
# files and where the card went; the build exits 0; the output is the same
# for -j1 and -j2; every feed item carries text; messages name files
# relative to the current folder.
. "$(dirname "$0")/../common.sh"
site="$FEEDCARD_SRC/tests/hostile/collisions"
command -v xmllint >/dev/null || fail "xmllint (libxml2-utils) is needed"

run() { # run DIR OUT JOBS [options...]: build from DIR, stderr to OUT.err
	local dir=$1 out=$2 jobs=$3; shift 3
	(cd "$dir" && "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$out" -j "$jobs" "$@") >/dev/null 2>"$out.err"
}

run "$site" "$work/j1" 1; rc=$?
[ $rc -eq 0 ] || { cat "$work/j1.err"; fail "exit $rc, want 0"; }
expect() { grep -qxF -- "$1" "$work/j1.err" || { cat "$work/j1.err"; fail "missing: $1"; }; }
expect "posts/links/b/hello.md: warning: a link-only post whose card blog/hello/ogimage.jpg would also be the card of posts/links/a/hello.md: its card is blog/hello-2/ogimage.jpg"
expect "posts/links/c/hello.md: warning: a link-only post whose card blog/hello/ogimage.jpg would also be the card of posts/links/a/hello.md: its card is blog/hello-3/ogimage.jpg"
expect "posts/links/2024-05-01-summit/index.md: warning: a link-only post whose card blog/summit/ogimage.jpg would also be the card of posts/links/2024-05-01-summit-panel/index.md: its card is blog/2024-05-01-summit/ogimage.jpg"
expect "posts/links/release-notes.md: warning: a link-only post whose card blog/release/ogimage.jpg would also be the image of posts/2019/2019-06-01-release.md: its card is blog/release-notes/ogimage.jpg"
expect "posts/2021/2021-06-01-release.md: warning: has the permalink /blog/release/ of posts/2019/2019-06-01-release.md: the site shows one of them there (a slug or path in its front matter tells them apart); its card is blog/2021-06-01-release/ogimage.jpg"
# Two pages at one permalink with their own image names write two files:
# only the feeds' shared-link warning.
refute_regex "$work/j1.err" "twins/.*card"   # the twins' cards do not collide
expect "feedcard: warning: 2 posts have the same link as an older post: each gets a tag: id (the first: posts/2021/2021-06-01-release.md: has the same link as posts/2019/2019-06-01-release.md (https://collide.example/blog/release/): it gets a tag: id; --verbose lists them all)"
[ "$(grep -c ' error: ' "$work/j1.err")" = 0 ] || fail "errors: $(cat "$work/j1.err")"

# Every post got its own card, where the warnings say.
for c in hello hello-2 hello-3 summit 2024-05-01-summit release release-notes 2021-06-01-release; do
	[ -f "$work/j1/blog/$c/ogimage.jpg" ] || fail "no card blog/$c/ogimage.jpg"
done
[ -f "$work/j1/blog/twin/a.jpg" ] && [ -f "$work/j1/blog/twin/b.jpg" ] || fail "the twins' images"
grep -qF 'href="https://collide.example/blog/hello-3/ogimage.jpg"' "$work/j1/blog/atom.xml" || fail "the enclosure names the moved card"

# The same files, bytes and messages with two threads.
run "$site" "$work/j2" 2
(cd "$work/j1" && find . -type f ! -name '.feedcard-*' | sort) > "$work/list1"
(cd "$work/j2" && find . -type f ! -name '.feedcard-*' | sort) > "$work/list2"
cmp -s "$work/list1" "$work/list2" || { diff "$work/list1" "$work/list2"; fail "-j1 and -j2 wrote other files"; }
for f in atom.xml rss.xml feed.json; do
	cmp -s "$work/j1/blog/$f" "$work/j2/blog/$f" || fail "$f differs between -j1 and -j2"
done
cmp -s "$work/j1.err" "$work/j2.err" || { diff "$work/j1.err" "$work/j2.err"; fail "messages differ between -j1 and -j2"; }

# Every item carries text (Atom: summary or content, else the W3C
# validator's MissingTextualContent), link-only posts with no body included.
atom="$work/j1/blog/atom.xml"
n=$(xmllint --xpath 'count(//*[local-name()="entry"])' "$atom") || fail "xmllint atom"
[ "$n" = 10 ] || fail "$n Atom entries, want 10"
bare=$(xmllint --xpath 'count(//*[local-name()="entry"][not(*[local-name()="summary" and normalize-space()] or *[local-name()="content" and normalize-space()])])' "$atom")
[ "$bare" = 0 ] || fail "$bare Atom entries without text"
grep -qF '<summary>The summit talk (youtube.com)</summary>' "$atom" || fail "a link-only post with no text shows its title and host"
rss="$work/j1/blog/rss.xml"
bare=$(xmllint --xpath 'count(//item[not(description[normalize-space()])])' "$rss")
[ "$bare" = 0 ] || fail "$bare RSS items without a description"
python3 - "$work/j1/blog/feed.json" <<'PY' || fail "JSON Feed items without text"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
assert len(items) == 10, len(items)
for it in items:
    assert (it.get("content_html") or it.get("content_text") or "").strip(), it["id"]
PY

# One summary line for the repeated note; --verbose lists each.
grep -c "has the same date as" "$work/j1.err" | grep -qx 1 || fail "the same-date notes are not one line"
grep -qF "feedcard: note: 3 pairs of posts have the same update time in one feed (the first: posts/links/b/hello.md: has the same date as posts/links/a/hello.md (in the feed of blog/)" "$work/j1.err" || fail "same-date summary"
run "$site" "$work/v" 1 --verbose
[ "$(grep -c ': note: has the same date as' "$work/v.err")" = 3 ] || { cat "$work/v.err"; fail "--verbose should list 3 same-date notes"; }
refute_text "$work/v.err" "lists them all"   # --verbose does not summarise

# Paths relative to the current folder, from below the site too.
mkdir -p "$work/sub"
run "$site/posts/links" "$work/sub/out" 1
grep -qxF "b/hello.md: warning: a link-only post whose card blog/hello/ogimage.jpg would also be the card of a/hello.md: its card is blog/hello-2/ogimage.jpg" "$work/sub/out.err" || { cat "$work/sub/out.err"; fail "paths from posts/links"; }
(cd "$site/posts/links" && "$FEEDCARD_BIN" build -c ../../feedcard.yaml -o "$work/dots" -j 1) >/dev/null 2>"$work/dots.err"
grep -qxF "c/hello.md: warning: a link-only post whose card blog/hello/ogimage.jpg would also be the card of a/hello.md: its card is blog/hello-3/ogimage.jpg" "$work/dots.err" || { cat "$work/dots.err"; fail "paths given as ../../posts/links/"; }
run "$work" "$work/abs" 1
grep -qF "$site/posts/links/b/hello.md: warning:" "$work/abs.err" || fail "a path outside the current folder is left as it is"
# With ids: tag, the link-only posts that share a date and slug would share
# tag:collide.example,2024-05-01:summit: the later (in feed order) is told
# apart with -2, and no two items share an id.
sed -e "s#^content: posts#content: $site/posts#" -e 's#^  full_content: true#  full_content: true\n  ids: tag#' \
	"$site/feedcard.yaml" > "$work/tag.yaml"
grep -q "ids: tag" "$work/tag.yaml" || fail "could not write the ids: tag config"
(cd "$site" && "$FEEDCARD_BIN" build -c "$work/tag.yaml" -o "$work/tag" -j 2) >/dev/null 2>"$work/tag.err" || { cat "$work/tag.err"; fail "ids: tag build"; }
grep -qxF "posts/links/2024-05-01-summit/index.md: warning: has the same feed id as posts/links/2024-05-01-summit-panel/index.md (tag:collide.example,2024-05-01:summit): its id is tag:collide.example,2024-05-01:summit-2" "$work/tag.err" || { cat "$work/tag.err"; fail "the id collision warning"; }
python3 - "$work/tag/blog" <<'PY' || fail "an item id repeats"
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
A = "{http://www.w3.org/2005/Atom}"
ids = {
    "atom": [e.findtext(A + "id") for e in ET.parse(d + "/atom.xml").getroot().iter(A + "entry")],
    "rss": [i.findtext("guid") for i in ET.parse(d + "/rss.xml").getroot().iter("item")],
    "json": [i["id"] for i in json.load(open(d + "/feed.json"))["items"]],
}
for k, v in ids.items():
    assert len(v) == 10 and len(set(v)) == 10, (k, v)
assert "tag:collide.example,2024-05-01:summit-2" in ids["atom"], ids["atom"]
PY
echo "hostile: collisions told apart, deterministic, with text in every item"
