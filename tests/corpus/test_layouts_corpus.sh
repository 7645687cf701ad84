#!/usr/bin/env bash
# The real sites of ../shared/corpus read where they stand, as their
# generators lay them out: how many posts each holds (which files are
# posts: Jekyll's dated _posts files, not its pages; Hugo's sections, not
# their _index.md; an Eleventy site's _posts), and pages the real sites have.
. "$(dirname "$0")/../common.sh"
corpus="$FEEDCARD_SRC/../shared/corpus"
[ -d "$corpus/jekyll/docs/_posts" ] || fail "no corpus at $corpus"

# site folder, content, permalink, posts it holds
check_site() {
	local name=$1 content=$2 permalink=$3 want=$4
	printf 'site: {title: %s, url: https://%s.example}\ncontent: %s\npermalink: "%s"\nfeeds: {limit: 0, formats: [json], per_category: false, per_tag: false}\ncards: {when: never}\n' \
		"$name" "$name" "$content" "$permalink" > "$work/$name.yaml"
	local out
	out=$("$FEEDCARD_BIN" check -k -j 2 -c "$work/$name.yaml" 2>/dev/null) || fail "$name: check failed"
	echo "$out" | grep -q "^feedcard: $want posts checked" || fail "$name: wanted $want posts: $out"
	"$FEEDCARD_BIN" build -q -k -j 2 -c "$work/$name.yaml" -o "$work/$name" 2>/dev/null || fail "$name: build failed"
}
has_page() {
	jq -r '.items[].url' "$work/$1/feed.json" > "$work/$1.urls" || fail "$1: no feed"
	grep -qx "https://$1.example$2" "$work/$1.urls" || fail "$1: no page $2"
}

# Jekyll's own site: the content folder is the site root (docs), a Jekyll site.
check_site jekyll "$corpus/jekyll/docs" "/news/:year/:month/:day/:title/" 102
has_page jekyll /news/2013/05/06/jekyll-1-0-0-released/
# Hugo, YAML, posts in year/month folders under the news section.
check_site digitalgov "$corpus/digitalgov/content" "/:year/:month/:day/:slug/" 2083
has_page digitalgov /2024/12/23/designing-a-multilingual-future/
# Eleventy with Jekyll-style _posts at the root, an empty _posts/drafts.
check_site servo "$corpus/servo" "/blog/:year/:month/:day/:title/" 205
has_page servo /blog/2014/09/01/twis-1/
# Hugo, TOML: every post found (their front matter is another matter).
printf 'site: {title: npf, url: https://npf.example}\ncontent: %s\npermalink: {blog: "/:year/:month/:contentbasename/"}\n' \
	"$corpus/npf/content" > "$work/npf.yaml"
out=$("$FEEDCARD_BIN" check -k -c "$work/npf.yaml" 2>/dev/null) || fail "npf: check failed"
echo "$out" | grep -q "^feedcard: 79 posts checked" || fail "npf: $out"
echo "corpus: Jekyll, Hugo and Eleventy layouts read"
