#!/usr/bin/env bash
# Generator syntax in bodies, through the whole build: Hugo shortcodes,
# Liquid and kramdown become what readers need, code keeps them as written,
# the summary separator gives the summary, and what is removed is warned
# once per kind per build, at its first place in file order, with the
# number of posts, whatever the number of threads.
. "$(dirname "$0")/../common.sh"
site="$work/site"
mkdir -p "$site/posts"
printf 'site:\n  title: Gen\n  url: https://gen.example/sub\ncontent: posts\nfeeds:\n  limit: 0\n  per_category: false\n  per_tag: false\ncards:\n  when: never\n' > "$site/feedcard.yaml"
for n in 1 2 3 4 5 6; do
	cat > "$site/posts/p$n.md" <<POST
---
title: Post $n
date: 2024-01-0$n
---
Intro $n with {{< youtube vid$n >}} and ![i]({{ site.baseurl }}/img/$n.png){: .wide}.

<!--more-->

{{< legacy-img src="x$n" >}}
{% include note.html %}

{{< highlight go >}}
func f$n() {}
{{< /highlight >}}

\`{{< youtube kept >}}\`
POST
done
# Links between posts go to the target's own URL (its slug, not its file name).
printf -- '---\ntitle: Target\ndate: 2024-02-01\nslug: custom\n---\nHere.\n' > "$site/posts/2024-02-01-target.md"
printf -- '---\ntitle: Linker\ndate: 2024-02-02\n---\n[r]({{< ref "2024-02-01-target.md" >}}) [p]({%% post_url 2024-02-01-target %%})\n' > "$site/posts/linker.md"
build() { "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$work/out" -j "$1" 2>"$work/stderr" >/dev/null; }
build 1 || fail "build: $(cat "$work/stderr")"
cp "$work/stderr" "$work/stderr.j1"
feed="$work/out/feed.json"
grep -q 'https://www.youtube.com/watch?v=vid3' "$feed" || fail "no link to the video"
grep -q 'https://gen.example/sub/img/3.png' "$feed" || fail "{{ site.baseurl }} not resolved"
grep -q 'language-go' "$feed" || fail "highlight is not a code block"
[ "$(grep -o 'href=\\"https://gen.example/sub/blog/2024/02/01/custom/\\"' "$feed" | wc -l)" = 2 ] ||
	fail "ref and post_url do not link the target's own URL"
grep -q '<code>{{&lt; youtube kept &gt;}}</code>' "$feed" || fail "a shortcode in code was changed"
grep -q '"summary": "Intro 3 with https://www.youtube.com/watch?v=vid3 and ."' "$feed" ||
	fail "the text before <!--more--> is not the summary"
# Outside code, nothing of the syntax is left.
python3 - "$feed" <<'PY' || fail "generator syntax left in the feed"
import json, re, sys
for it in json.load(open(sys.argv[1]))["items"]:
    text = re.sub(r"<code>.*?</code>", "", it["content_html"], flags=re.S)
    for s in ("{{", "{%", "{:", "legacy-img", "include"):
        assert s not in text, (it["url"], s)
PY
[ "$(grep -c 'warning: removed Hugo shortcode .legacy-img. (and in 5 more posts)' "$work/stderr")" = 1 ] ||
	fail "one warning with the count expected for legacy-img: $(cat "$work/stderr")"
grep -q "posts/p1.md:9:1: warning: removed Hugo shortcode 'legacy-img'" "$work/stderr" ||
	fail "the warning names its first place: $(cat "$work/stderr")"
[ "$(grep -c "removed Liquid tag 'include' (and in 5 more posts)" "$work/stderr")" = 1 ] ||
	fail "one warning expected for include: $(cat "$work/stderr")"
[ "$(grep -c 'warning' "$work/stderr")" = 2 ] || fail "only the two kinds are warned: $(cat "$work/stderr")"
# The same messages with threads.
rm -rf "$work/out"
build 4 || fail "build -j4"
diff "$work/stderr.j1" "$work/stderr" >/dev/null || fail "messages differ with -j4: $(diff "$work/stderr.j1" "$work/stderr")"
echo "generator syntax: all cases pass"
