#!/usr/bin/env bash
# Broken posts: every one is reported as file:line:col: error, all of them in
# one run, the exit status is 1, and the previous output is left untouched.
. "$(dirname "$0")/../common.sh"

site="$work/site"
mkdir -p "$site/posts"
cat > "$site/feedcard.yaml" <<'YAML'
site:
  title: Hostile
  url: https://hostile.example
content: posts
YAML
printf -- '---\ntitle: Good post\ndate: 2024-05-01\n---\nFine.\n' > "$site/posts/good.md"

"$FEEDCARD_BIN" build -q -c "$site/feedcard.yaml" -o "$work/out" || fail "clean build failed"
before=$(cd "$work/out" && find . -type f -exec sha256sum {} + | sort)

p="$site/posts"
printf '# No front matter at all\n' > "$p/nofm.md"
printf -- '---\ntitle: [unclosed\ndate: 2024-01-01\n---\n' > "$p/yaml.md"
printf -- '---\ndate: 2024-01-01\n---\nbody\n' > "$p/notitle.md"
printf -- '---\ntitle: Bad date\ndate: 2024-02-30\n---\n' > "$p/baddate.md"
printf -- '---\ntitle: caf\xe9\ndate: 2024-01-01\n---\n' > "$p/utf8.md"
printf -- '---\ntitle: "bell\x07"\ndate: 2024-01-01\n---\n' > "$p/control.md"
{ printf -- '---\ndate: 2024-01-01\ntitle: '; head -c 1048576 /dev/zero | tr '\0' 'a'; printf '\n---\n'; } > "$p/hugetitle.md"
printf -- '+++\ntitle = "toml"\ndate = \n+++\n' > "$p/toml.md"
printf -- '---\ntitle: Escape\ndate: 2024-01-01\npath: /../../etc/\n---\n' > "$p/escape.md"
mkdir -p "$p/a" "$p/b"
printf -- '---\ntitle: One\ndate: 2024-03-03\n---\n' > "$p/a/2024-03-03-same.md"
printf -- '---\ntitle: Two\ndate: 2024-03-03\n---\n' > "$p/b/2024-03-03-same.md"

"$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$work/out" >"$work/stdout" 2>"$work/stderr"
rc=$?
[ $rc -eq 1 ] || fail "exit status $rc, want 1"
expect() { grep -qF -- "$1" "$work/stderr" || { cat "$work/stderr"; fail "missing: $1"; }; }
expect "$p/nofm.md:1:1: error: no front matter"
expect "$p/yaml.md:3:5: error: invalid YAML"
expect "$p/notitle.md:1:1: error: missing required field 'title'"
expect "$p/baddate.md:3:15: error: invalid date '2024-02-30': no such day in that month"
expect "$p/utf8.md:2:11: error: invalid UTF-8 at byte offset 14 (byte 0xE9)"
expect "$p/control.md:2:13: warning: removed 1 control character"
expect "$p/hugetitle.md:3:8: error: the title is 1048576 bytes long; the limit is 2048"
expect "$p/toml.md:3:8: error: invalid TOML: "
expect "$p/escape.md:4:7: error: path '/../../etc/' must start with '/' and stay inside the site"
expect "nothing was written"
after=$(cd "$work/out" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || fail "the previous output changed"
ls "$work/out"/blog/*.tmp.* "$work/out"/*.tmp.* 2>/dev/null && fail "temporary files left behind"

# check reports the same errors and writes nothing.
"$FEEDCARD_BIN" check -c "$site/feedcard.yaml" >/dev/null 2>"$work/check"
[ $? -eq 1 ] || fail "check should exit 1"
grep -qF "$p/yaml.md:3:5: error: invalid YAML" "$work/check" || fail "check missed the YAML error"

# --keep-going: the good posts are written, the bad ones reported as warnings.
rm -f "$p/b/2024-03-03-same.md"
"$FEEDCARD_BIN" build -k -c "$site/feedcard.yaml" -o "$work/out" >/dev/null 2>"$work/kg"
[ $? -eq 0 ] || { cat "$work/kg"; fail "--keep-going should exit 0"; }
grep -qF "$p/yaml.md:3:5: warning: invalid YAML" "$work/kg" || fail "--keep-going did not demote the error"
grep -q "<title>One</title>" "$work/out/rss.xml" || fail "--keep-going lost the good posts"
grep -q "Bad date" "$work/out/rss.xml" && fail "--keep-going kept a bad post"

# Two posts with one output path: an error naming both files.
printf -- '---\ntitle: Two\ndate: 2024-03-03\n---\n' > "$p/b/2024-03-03-same.md"
rm -f "$p"/{nofm,yaml,notitle,baddate,utf8,hugetitle,toml,escape}.md
"$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$work/out" >/dev/null 2>"$work/coll"
[ $? -eq 1 ] || fail "collision should exit 1"
grep -qF "$p/b/2024-03-03-same.md: error: its output path /blog/2024/03/03/same/ is also the output path of $p/a/2024-03-03-same.md" "$work/coll" || { cat "$work/coll"; fail "collision message"; }
echo "hostile: bad posts reported, output kept"
