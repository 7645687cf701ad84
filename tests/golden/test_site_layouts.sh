#!/usr/bin/env bash
# Sites laid out as Jekyll and Hugo lay them out (tests/golden/layouts/, written
# by us), read where they stand: which files are posts, where their pages
# are (permalink placeholders and Jekyll's named styles), _drafts with
# --drafts, and where their cards go.
. "$(dirname "$0")/../common.sh"
cp -r "$FEEDCARD_SRC/tests/golden/layouts" "$work/sites"
jekyll="$work/sites/jekyll" hugo="$work/sites/hugo"
# The draft has no date: its file's last change dates it, as Jekyll does.
touch -d '2021-06-07 12:00:00 UTC' "$jekyll/_drafts/unfinished-thoughts.md"
urls() { jq -r '.items[].url' "$1/feed.json" | sort; }
build() { expect_status 0 build -q -j 2 "$@"; }

# Jekyll: the "date" style, the dated files of each _posts folder, none of
# the pages; the folder above _posts is a category.
build -c "$jekyll/feedcard.yaml" -o "$work/j"
[ ! -s "$work/stderr" ] || { cat "$work/stderr"; fail "the Jekyll site gave messages"; }
diff -u - <(urls "$work/j") <<'URLS' || fail "Jekyll pages"
https://jekyll.example.org/2020/12/31/new-year.html
https://jekyll.example.org/2021/03/04/Hello-World.html
https://jekyll.example.org/news/2021/04/01/in-a-category.html
https://jekyll.example.org/release%20notes/2021/03/05/second-post.html
URLS
# A page written as a file gets its card in a folder of its name.
[ -f "$work/j/2021/03/04/Hello-World/ogimage.jpg" ] || fail "no card beside the .html page"
[ "$(jq -r '.items[] | select(.title == "In a category folder") | .tags | join(",")' "$work/j/feed.json")" = "news" ] ||
	fail "the folder above _posts is not a category"
# --drafts reads _drafts too.
build -c "$jekyll/feedcard.yaml" -o "$work/jd" --drafts
urls "$work/jd" > "$work/jd.urls"
grep -qx "https://jekyll.example.org/2021/06/07/unfinished-thoughts.html" "$work/jd.urls" || fail "the draft is not in the feed with --drafts"
[ "$(urls "$work/jd" | wc -l)" = 5 ] || fail "--drafts: $(urls "$work/jd")"
# Another style, and the layout said in the config: the same posts.
sed -i 's|^permalink: date|permalink: pretty\nlayout: jekyll|' "$jekyll/feedcard.yaml"
build -c "$jekyll/feedcard.yaml" -o "$work/jp"
diff -u - <(urls "$work/jp") <<'URLS' || fail "Jekyll pretty pages"
https://jekyll.example.org/2020/12/31/new-year/
https://jekyll.example.org/2021/03/04/Hello-World/
https://jekyll.example.org/news/2021/04/01/in-a-category/
https://jekyll.example.org/release%20notes/2021/03/05/second-post/
URLS
# The plain layout takes every post file: the About page, which has no
# date, is then an error.
sed -i 's|^layout: jekyll|layout: plain|' "$jekyll/feedcard.yaml"
expect_status 1 check -q -c "$jekyll/feedcard.yaml"
expect_regex "$work/stderr" "about.md:.*error"   # the About page read as a post

# Hugo: sections, page bundles (their other files are resources), .html
# with front matter only, .mdx, names starting with _ or . skipped.
build -c "$hugo/feedcard.yaml" -o "$work/h"
[ ! -s "$work/stderr" ] || { cat "$work/stderr"; fail "the Hugo site gave messages"; }
# Without -q, one note: what the bundle's other Markdown file is.
expect_status 0 check -c "$hugo/feedcard.yaml"
[ "$(cat "$work/stderr")" = "$hugo/content/posts/bundle-post: note: a page bundle (it holds index.md): its 1 other post file is its resources, not posts (a section's own page is named _index.md)" ] ||
	{ cat "$work/stderr"; fail "the Hugo site's messages"; }
diff -u - <(urls "$work/h") <<'URLS' || fail "Hugo pages"
https://hugo.example.org/2019/01/about/
https://hugo.example.org/notes/2020/01/a-note/
https://hugo.example.org/posts/2022/05/a-page-bundle/
https://hugo.example.org/posts/2022/05/an-html-page-with-front-matter/
https://hugo.example.org/posts/2022/05/an-mdx-post/
https://hugo.example.org/posts/2022/05/custom-slug/
https://hugo.example.org/posts/2022/05/first-post-really/
URLS
# Hugo's file-name tokens: the bundle's folder, the file's stem.
sed -i 's|^permalink: .*|permalink: /:sections/:contentbasename/|' "$hugo/feedcard.yaml"
build -c "$hugo/feedcard.yaml" -o "$work/h2"
diff -u - <(urls "$work/h2") <<'URLS' || fail "Hugo pages by file name"
https://hugo.example.org/about/
https://hugo.example.org/notes/2020-01-02-dated/
https://hugo.example.org/posts/bundle-post/
https://hugo.example.org/posts/component/
https://hugo.example.org/posts/first-post/
https://hugo.example.org/posts/page/
https://hugo.example.org/posts/with-slug/
URLS
# One pattern per section, as Hugo's [permalinks]: the others keep their path.
sed -i 's|^permalink: .*|permalink: {posts: "/p/:year/:slug/"}|' "$hugo/feedcard.yaml"
build -c "$hugo/feedcard.yaml" -o "$work/h3"
diff -u - <(urls "$work/h3") <<'URLS' || fail "Hugo pages by section"
https://hugo.example.org/about/
https://hugo.example.org/notes/2020-01-02-dated/
https://hugo.example.org/p/2022/a-page-bundle/
https://hugo.example.org/p/2022/an-html-page-with-front-matter/
https://hugo.example.org/p/2022/an-mdx-post/
https://hugo.example.org/p/2022/custom-slug/
https://hugo.example.org/p/2022/first-post-really/
URLS
# An unknown placeholder is a config error at its line and column.
sed -i 's|^permalink: .*|permalink: /:year/:nope/:slug/|' "$hugo/feedcard.yaml"
expect_status 2 check -q -c "$hugo/feedcard.yaml"
expect_regex "$work/stderr" "feedcard.yaml:[0-9]+:[0-9]+: error: permalink: unknown placeholder at ':nope/:slug/'"
echo "golden: Jekyll and Hugo layouts read"
