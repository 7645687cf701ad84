#!/usr/bin/env bash
# Hostile front matter and text: every case gets its message at file:line:col,
# exit status 1 (or 0 with --keep-going), bounded time and memory, and no
# crash. Each case is one post, checked on its own.
. "$(dirname "$0")/../common.sh"
site="$work/site"
mkdir -p "$site/posts"
printf 'site:\n  title: H\n  url: https://h.example\ncards:\n  when: never\n' > "$site/feedcard.yaml"

# run NAME STATUS MESSAGE: build with only that post; check status and message;
# limits: 10 s of CPU and 512 MB of address space.
run() {
	local name=$1 want=$2 msg=$3
	rm -rf "$site/posts" && mkdir -p "$site/posts" && cp "$work/cases/$name" "$site/posts/$name"
	( ulimit -t 10; [ -n "${FEEDCARD_SANITIZED:-}" ] || ulimit -v 524288; exec "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$work/out" ) \
		>"$work/stdout" 2>"$work/stderr"
	local rc=$?
	[ $rc -eq "$want" ] || { cat "$work/stderr"; fail "$name: exit $rc, want $want"; }
	[ -z "$msg" ] || grep -qF -- "posts/$name$msg" "$work/stderr" || { cat "$work/stderr"; fail "$name: missing '$msg'"; }
}
mkdir -p "$work/cases" && cd "$work/cases"
printf -- '---\n---\n' > empty.md
printf -- '---\n' > only-fence.md
printf -- '---\ntitle: x\ndate: 2024-01-01\n\tcategories: [a]\n---\n' > tabs.md
{
	printf -- '---\ntitle: bomb\ndate: 2024-01-01\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	prev=a
	for n in b c d e f g h i; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $n $n $prev $prev $prev $prev $prev $prev $prev $prev $prev
		prev=$n
	done
	printf 'categories: *i\ntags: *i\n---\n'
} > bomb.md
printf -- '---\ntitle: a\ntitle: b\ndate: 2024-01-01\n---\n' > dupkey.md
printf -- '---\ntitle: [a, b]\ndate: 2024-01-01\n---\n' > listtitle.md
printf -- '---\ntitle: {a: 1}\ndate: 2024-01-01\n---\n' > maptitle.md
{ printf -- '---\ntitle: big\ndate: 2024-01-01\ndescription: '; head -c 10485760 /dev/zero | tr '\0' 'x'; printf '\n---\n'; } > tenmb.md
printf -- '+++\ntitle = "toml"\ndate = \n+++\n' > toml.md
printf -- '---\ntitle: over\xc0\xaflong\ndate: 2024-01-01\n---\n' > overlong.md
# Hostile TOML and JSON front matter: deep nesting of each kind, 10 MB
# strings, 4 MB of keys, invalid UTF-8.
python3 - <<'PY'
deep = 10000
def w(name, text):
    with open(name, "w") as f:
        f.write(text)
head = '+++\ntitle = "x"\ndate = 2024-01-01\n'
w("toml-deep-arrays.md", head + "a = " + "[" * deep + "]" * deep + "\n+++\n")
w("toml-deep-inline.md", head + "a = " + "{b = " * deep + "1" + "}" * deep + "\n+++\n")
w("toml-deep-dotted.md", head + "k." * deep + "k = 1\n+++\n")
w("toml-deep-tables.md", head + "[k" + ".k" * deep + "]\n+++\n")
w("toml-tenmb.md", head + 'description = "' + "x" * (10 << 20) + '"\n+++\n')
w("toml-4mb.md", head + "".join(f"k{i} = {i}\n" for i in range(400000)) + "+++\n")
w("json-deep.md", '{"title": "x", "date": "2024-01-01", "a": ' + "[" * deep + "]" * deep + "}\n")
w("json-deep-objects.md", '{"title": "x", "date": "2024-01-01", "a": ' + '{"b": ' * 500 + "1" + "}" * 500 + "}\n")
w("json-tenmb.md", '{"title": "x", "date": "2024-01-01", "description": "' + "x" * (10 << 20) + '"}\n')
PY
printf -- '+++\ntitle = "caf\xe9"\ndate = 2024-01-01\n+++\n' > toml-utf8.md
printf -- '---\ntitle: nul\x00byte\ndate: 2024-01-01\n---\n' > nul.md
printf -- '---\ntitle: x\ndate: 2024-01-01\nslug: ../../etc\n---\n' > slug.md
printf -- '---\ntitle: x\ndate: 2024-01-01\npath: /blog/%%2e%%2e/%%2e%%2e/x/\n---\n' > encoded.md
printf -- '---\ntitle: x\ndate: 2024-01-01\npath: /blog\\..\\x/\n---\n' > backslash.md
printf -- '---\ntitle: x\ndate: 2024-01-01\nogImage: /etc/passwd\n---\n' > absimage.md
printf -- '---\ntitle: x\ndate: 2024-01-01\nogImage: ../../escape.jpg\n---\n' > dotimage.md
printf -- '---\ntitle: x\ndate: 2024-01-01\npath: relative/x/\n---\n' > relpath.md
cd - >/dev/null

run empty.md 1 ":1:1: error: the front matter is empty"
run only-fence.md 1 ":2:1: warning: front matter has no closing '---'"
run tabs.md 1 ":4:1: error: invalid YAML: found a tab character"
run bomb.md 0 ":11:4: warning: each entry of 'categories' must be a string: this one is left out"
run dupkey.md 0 ":3:1: warning: duplicate key 'title' (first given on line 2): this one is used"
run listtitle.md 1 ":2:8: error: 'title' must be a string, not a list"
run maptitle.md 1 ":2:8: error: 'title' must be a string, not a mapping"
run tenmb.md 1 ":2:1: error: the front matter is 10485802 bytes; the limit is 4194304"
run toml.md 1 ":3:8: error: invalid TOML: "
run overlong.md 1 ":2:12: error: invalid UTF-8 at byte offset 15 (byte 0xC0)"
run toml-deep-arrays.md 1 ":4:"
run toml-deep-inline.md 1 ":4:"
run toml-deep-dotted.md 1 ":4:199: error: invalid TOML: arrays and tables nested more than 100 deep"
run toml-deep-tables.md 1 ":4:1: error: invalid TOML: arrays and tables nested more than 100 deep"
run toml-tenmb.md 1 ":2:1: error: the front matter is 10485807 bytes; the limit is 4194304"
run toml-4mb.md 1 ":2:1: error: the front matter is 6577810 bytes; the limit is 4194304"
run toml-utf8.md 1 ":2:13: error: invalid UTF-8 at byte offset 16 (byte 0xE9)"
run json-deep.md 1 ":1:"
run json-deep-objects.md 1 ":1:1: error: invalid JSON: objects and arrays nested more than 100 deep"
run json-tenmb.md 1 ":1:1: error: the front matter is 10485815 bytes; the limit is 4194304"
run nul.md 1 ":2:11: error: NUL byte at byte offset 14"
run slug.md 1 ":4:7: error: slug '../../etc' must be a non-empty name without '/' or '..'"
run encoded.md 1 ":4:7: error: path '/blog/%2e%2e/%2e%2e/x/' must stay inside the site"
run backslash.md 1 ":4:7: error: path '/blog\\..\\x/' must stay inside the site"
# A path on the site is a picture the site has: shown by the feeds as it is.
run absimage.md 0 ""
grep -qF '<media:content url="https://h.example/etc/passwd" medium="image"/>' "$work/out/rss.xml" || fail "absimage: not the site's picture"
[ -e "$work/out/etc/passwd" ] && fail "absimage: something written at its path"
run dotimage.md 0 ":4:10: warning: ogImage '../../escape.jpg' is neither a file beside the post, a path on the site nor an http(s) URL: left out"
# A path without its leading '/' (Hugo's url may be written so) is on the site.
run relpath.md 0 ""
grep -qF '<link>https://h.example/relative/x/</link>' "$work/out/rss.xml" || fail "relpath: not at /relative/x/"

# Text that is legal but hostile: escaped, never executed, and named.
printf -- '\xef\xbb\xbf---\r\ntitle: "<script>alert(1)</script> ]]> \xe2\x80\xae evil"\r\ndate: 2024-01-01\r\n---\r\nBody <script>x()</script>\r\n' > "$work/cases/script.md"
run script.md 0 ":2:8: warning: the title holds the bidirectional control U+202E"
# Tags in a title are markup, as the generators show them: a script goes.
grep -qF "<title>]]&gt; " "$work/out/rss.xml" || fail "title not escaped"
refute_text "$work/out/rss.xml" "alert(1)"   # the script in the title goes
refute_text "$work/out/rss.xml" "CDATA"
refute_text "$work/out/atom.xml" "x()"       # and the one in the body
xmllint --noout "$work/out/rss.xml" "$work/out/atom.xml" || fail "not well-formed"
echo "hostile input: all cases pass"
