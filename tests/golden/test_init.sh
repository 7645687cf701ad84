#!/usr/bin/env bash
# feedcard init on a small site of each generator (tests/golden/init/<kind>,
# written by us in each generator's own layout): it recognises the
# generator, writes a feedcard.yaml with the values of the site's config,
# and `feedcard build` with that file exits 0 and puts the feeds and the
# cards where the generator puts the posts' pages. Then: no overwrite
# without --force, -o elsewhere, a folder with no generator config.
. "$(dirname "$0")/../common.sh"
fixtures="$FEEDCARD_SRC/tests/golden/init"

# kind | generator | url | content | permalink | output | a post's page |
# the feeds' folder (in output) | the feed files feedcard writes there.
# The permalink is feedcard's {...} translation, or (after ';') the
# generator's own pattern for a feedcard that reads those.
cases=(
	"hugo-toml|Hugo|https://hugo-toml.feedcard.test|content/posts|/{year}/{month}/{slug}/;/:year/:month/:slug/|public|2024/01/first-steps/||rss.xml atom.xml feed.json"
	"hugo-dir|Hugo|https://hugo-dir.feedcard.test|content/articles|/articles/{year}/{slug}/;/articles/:year/:slug/|public|articles/2022/one/|articles|rss.xml atom.xml feed.json"
	"hugo-yaml|Hugo|https://hugo-yaml.feedcard.test|content/blog|/blog/{slug}/;/:sections/:slugorcontentbasename/|public|blog/why-yaml/|blog|rss.xml atom.xml feed.json"
	"jekyll|Jekyll|https://jekyll.feedcard.test/blog|_posts|/{year}/{month}/{day}/{slug}/;/:year/:month/:day/:title/|_site|2024/03/04/hello-world/||rss.xml atom.xml feed.json"
	"zola|Zola|https://zola.feedcard.test|content/blog|/blog/{slug}/|public|blog/dated-name/|blog|rss.xml atom.xml feed.json"
	"astro|Astro|https://astro.feedcard.test|src/content/blog|/blog/{slug}/|dist|blog/first-post/|blog|rss.xml atom.xml feed.json"
	"eleventy|Eleventy|https://eleventy.feedcard.test|src/posts|/posts/{slug}/|dist|posts/firstpost/|posts|rss.xml atom.xml feed.json"
	"gatsby|Gatsby|https://gatsby.feedcard.test|content/blog|/{slug}/|public|hello-world/||atom.xml feed.json"
)
for c in "${cases[@]}"; do
	IFS='|' read -r kind gen url content permalink output page fdir files <<<"$c"
	site="$work/$kind"
	cp -r "$fixtures/$kind" "$site"
	"$FEEDCARD_BIN" init "$site" >"$work/$kind.out" 2>"$work/$kind.err" || fail "$kind: init exited $?: $(cat "$work/$kind.err")"
	cfg="$site/feedcard.yaml"
	grep -q "^feedcard init: $gen site" "$work/$kind.out" || fail "$kind: not recognised as $gen: $(head -1 "$work/$kind.out")"
	grep -qxF "wrote $cfg" "$work/$kind.out" || fail "$kind: no 'wrote' line"
	grep -qE "^  url: \"$url\" " "$cfg" || fail "$kind: url is not $url: $(grep url: "$cfg")"
	grep -qE "^content: \"$content\" " "$cfg" || fail "$kind: content is not $content: $(grep ^content "$cfg")"
	grep -qF "permalink: \"${permalink%%;*}\" " "$cfg" || grep -qF "permalink: \"${permalink#*;}\" " "$cfg" ||
		fail "$kind: permalink is not $permalink: $(grep ^permalink "$cfg")"
	grep -qE "^output: \"$output\" " "$cfg" || fail "$kind: output is not $output: $(grep ^output "$cfg")"
	"$FEEDCARD_BIN" build -q -c "$cfg" 2>"$work/$kind.build" || fail "$kind: build exited $?: $(cat "$work/$kind.build")"
	grep -qE "^  dir: \"$fdir\" " "$cfg" || fail "$kind: feeds.dir is not '$fdir': $(grep '  dir:' "$cfg")"
	feeds="$site/$output${fdir:+/$fdir}"
	for f in $files; do
		[ -s "$feeds/$f" ] || fail "$kind: no $feeds/$f"
	done
	[ "$(cd "$feeds" && ls rss.xml atom.xml feed.json 2>/dev/null | sort | xargs)" = "$(echo $files | xargs -n1 | sort | xargs)" ] ||
		fail "$kind: feed files $(cd "$feeds" && ls rss.xml atom.xml feed.json 2>/dev/null | xargs), not $files"
	grep -qF "href=\"$url/$page\"" "$feeds/atom.xml" || fail "$kind: no entry links to $url/$page"
	[ -s "$site/$output/$page/ogimage.jpg" ] || fail "$kind: no card at $output/$page/ogimage.jpg"
done

# Values read as the configs write them.
grep -qF '  title: "Ein Hugo-Blog"' "$work/hugo-toml/feedcard.yaml" || fail "hugo-toml title"
grep -qF '  language: "de-DE"' "$work/hugo-toml/feedcard.yaml" || fail "hugo-toml language"
grep -qF '  timezone: "Europe/Berlin"' "$work/hugo-toml/feedcard.yaml" || fail "hugo-toml timezone"
grep -qF '  title: "Astro \"Starlight\" Blog"' "$work/astro/feedcard.yaml" || fail "astro: quotes in the title"
grep -qF '  author: "Zoé Zola"' "$work/zola/feedcard.yaml" || fail "zola author"
grep -qF '  language: "fr"' "$work/zola/feedcard.yaml" || fail "zola language"
# A guessed permalink says so, where the user reads it.
grep -q '^permalink: .*# TODO: ' "$work/gatsby/feedcard.yaml" || fail "gatsby: no TODO on the permalink"
grep -q '^check (marked TODO in the file):' "$work/gatsby.out" || fail "gatsby: no check list"
# gatsby-plugin-feed makes /rss.xml: feedcard leaves it to the plugin.
grep -qE '^  formats: \[atom, json\] +# rss.xml is made by gatsby-plugin-feed' "$work/gatsby/feedcard.yaml" ||
	fail "gatsby: rss.xml not left to gatsby-plugin-feed: $(grep -A1 'dir:' "$work/gatsby/feedcard.yaml")"
# So is a feed file a build of the site already made (and feedcard did not).
cp -r "$fixtures/jekyll" "$work/built"
mkdir -p "$work/built/_site" && echo '<feed/>' >"$work/built/_site/atom.xml"
"$FEEDCARD_BIN" init "$work/built" >/dev/null 2>&1 || fail "init on a built site exited $?"
grep -qE '^  formats: \[rss, json\] +# atom.xml is made by the built site' "$work/built/feedcard.yaml" ||
	fail "a built atom.xml was not left alone: $(grep -A1 'dir:' "$work/built/feedcard.yaml")"
# ... but feedcard's own files from an earlier build are feedcard's.
"$FEEDCARD_BIN" init --force "$work/jekyll" >/dev/null 2>&1 || fail "init --force on a site feedcard built exited $?"
refute_text "$work/jekyll/feedcard.yaml" 'formats:'   # feedcard's own feeds are not the site's
refute_text "$work/jekyll/feedcard.yaml" 'TODO:'      # all was found

# An existing file is never replaced without --force.
site="$work/jekyll"
cp "$site/feedcard.yaml" "$work/first.yaml"
echo "# my own edit" >>"$site/feedcard.yaml"
cp "$site/feedcard.yaml" "$work/edited.yaml"
"$FEEDCARD_BIN" init "$site" >"$work/again.out" 2>"$work/again.err"
rc=$?
[ "$rc" = 2 ] || fail "init over an existing file exited $rc, not 2"
grep -q "feedcard.yaml: error: already exists" "$work/again.err" || fail "no 'already exists' message: $(cat "$work/again.err")"
cmp -s "$site/feedcard.yaml" "$work/edited.yaml" || fail "the existing file was changed"
"$FEEDCARD_BIN" init --force "$site" >/dev/null 2>&1 || fail "init --force exited $?"
cmp -s "$site/feedcard.yaml" "$work/first.yaml" || fail "--force did not write the same config again: $(diff "$work/first.yaml" "$site/feedcard.yaml")"

# -o: the config elsewhere names the site's folders by absolute paths.
mkdir -p "$work/elsewhere"
"$FEEDCARD_BIN" init "$work/hugo-yaml" -o "$work/elsewhere/hy.yaml" >/dev/null 2>&1 || fail "init -o exited $?"
grep -qF "content: \"$work/hugo-yaml/content/blog\"" "$work/elsewhere/hy.yaml" || fail "-o: content not absolute: $(grep ^content "$work/elsewhere/hy.yaml")"
"$FEEDCARD_BIN" build -q -c "$work/elsewhere/hy.yaml" -o "$work/elsewhere/out" 2>"$work/hy.err" || fail "build with the -o config: $(cat "$work/hy.err")"
[ -s "$work/elsewhere/out/blog/atom.xml" ] || fail "-o: no feeds"

# No generator config: the folder of dated posts is found; the URL is left
# for the user, and build stops at it until it is given.
mkdir -p "$work/plain/notes/2024-05-06-a" "$work/plain/pages"
printf -- '---\ntitle: A\ndate: 2024-05-06\n---\nA.\n' >"$work/plain/notes/2024-05-06-a/index.md"
printf -- '---\ntitle: B\n---\nB, dated by its name.\n' >"$work/plain/notes/2024-06-07-b.md"
printf -- '---\ntitle: About\n---\nNo date: a page.\n' >"$work/plain/pages/about.md"
# A link loop and a FIFO named like a post neither hang nor count.
ln -s .. "$work/plain/notes/loop"
mkfifo "$work/plain/notes/2024-07-08-fifo.md"
timeout 60 "$FEEDCARD_BIN" init "$work/plain" >"$work/plain.out" 2>&1 || fail "init on a plain folder exited $?"
grep -qF 'notes: 2 dated posts' "$work/plain.out" || fail "plain: not 2 posts in notes: $(cat "$work/plain.out")"
rm "$work/plain/notes/2024-07-08-fifo.md" "$work/plain/notes/loop"
grep -q '^feedcard init: no generator site' "$work/plain.out" || fail "plain: $(head -1 "$work/plain.out")"
grep -qF 'content: "notes"' "$work/plain/feedcard.yaml" || fail "plain: content is not notes: $(grep ^content "$work/plain/feedcard.yaml")"
grep -qF '  url: ""' "$work/plain/feedcard.yaml" || fail "plain: url is not left empty"
grep -q '  - url: no URL was found' "$work/plain.out" || fail "plain: the URL is not in the check list"
"$FEEDCARD_BIN" build -q -c "$work/plain/feedcard.yaml" 2>"$work/plain.err"
rc=$?
[ "$rc" = 2 ] || fail "build with no URL exited $rc, not 2"
grep -q 'feedcard.yaml:[0-9]*:[0-9]*: error: site.url' "$work/plain.err" || fail "build did not name site.url: $(cat "$work/plain.err")"
"$FEEDCARD_BIN" init --force --url https://plain.feedcard.test --title Plain "$work/plain" >/dev/null 2>&1 || fail "init --url exited $?"
grep -qF '  title: "Plain"' "$work/plain/feedcard.yaml" || fail "--title not written"

# A generator config that does not parse: its error at its line and column.
mkdir -p "$work/bad-yaml" "$work/bad-toml"
printf 'title: Fine\nurl: [unclosed\n' >"$work/bad-yaml/_config.yml"
printf 'baseURL = "https://x.feedcard.test"\ntitle = \n' >"$work/bad-toml/hugo.toml"
for b in bad-yaml/_config.yml bad-toml/hugo.toml; do
	"$FEEDCARD_BIN" init "$work/${b%%/*}" >/dev/null 2>"$work/bad.err"
	rc=$?
	[ "$rc" = 2 ] || fail "init with a broken $b exited $rc, not 2"
	grep -qE "^$work/$b:[0-9]+:[0-9]+: error: " "$work/bad.err" || fail "no error at a line in $b: $(cat "$work/bad.err")"
	[ ! -e "$work/${b%%/*}/feedcard.yaml" ] || fail "a config was written for a broken $b"
done

# Usage errors.
"$FEEDCARD_BIN" init "$work/missing" >/dev/null 2>"$work/u1.err"
[ $? = 2 ] && grep -q "not a folder" "$work/u1.err" || fail "init on a missing folder: $(cat "$work/u1.err")"
"$FEEDCARD_BIN" init "$work/plain" "$work/jekyll" >/dev/null 2>"$work/u2.err"
[ $? = 2 ] || fail "two folders were accepted"
expect_status 0 init --help
expect_regex "$work/stdout" '^Usage: feedcard init \[options\] \[DIR\]'
echo "golden: init on each generator's site"
