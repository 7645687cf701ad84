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
expect "$p/escape.md:4:7: error: path '/../../etc/' must stay inside the site"
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
refute_text "$work/out/rss.xml" "Bad date"   # --keep-going keeps no bad post

# Two posts with one permalink (and so one card file) are not an error: the
# site shows one of them there, and the second's card is told apart, with a
# warning naming both files (tests/hostile/test_collisions.sh has the rest).
printf -- '---\ntitle: Two\ndate: 2024-03-03\n---\n' > "$p/b/2024-03-03-same.md"
rm -f "$p"/{nofm,yaml,notitle,baddate,utf8,hugetitle,toml,escape}.md
"$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$work/out" >/dev/null 2>"$work/coll"
[ $? -eq 0 ] || { cat "$work/coll"; fail "a shared permalink should exit 0"; }
grep -qF "$p/b/2024-03-03-same.md: warning: has the permalink /blog/2024/03/03/same/ of $p/a/2024-03-03-same.md: the site shows one of them there (a slug or path in its front matter tells them apart); its card is blog/2024/03/03/2024-03-03-same/ogimage.jpg" "$work/coll" || { cat "$work/coll"; fail "collision message"; }
[ -f "$work/out/blog/2024/03/03/same/ogimage.jpg" ] && [ -f "$work/out/blog/2024/03/03/2024-03-03-same/ogimage.jpg" ] || fail "both cards should be written"
# A post's own cardTemplate that cannot be used costs its look, not the
# build: warnings, and its card takes the site's template.
printf -- '---\ntitle: Own template\ndate: 2024-04-04\ncardTemplate: nope.yaml\n---\nBody.\n' > "$p/own.md"
"$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$work/out" >/dev/null 2>"$work/own"
[ $? -eq 0 ] || { cat "$work/own"; fail "a bad cardTemplate should exit 0"; }
grep -qF "$p/nope.yaml: warning: cannot read" "$work/own" || { cat "$work/own"; fail "the template's problem, as a warning"; }
grep -qF "$p/own.md: warning: its cardTemplate 'nope.yaml' cannot be used: its card takes the site's template" "$work/own" || { cat "$work/own"; fail "cardTemplate fallback message"; }
[ -f "$work/out/blog/2024/04/04/own/ogimage.jpg" ] || fail "no card with the site's template"
# So does a hand-made image that cannot be read (past the 64 MB limit).
printf -- '---\ntitle: Big image\ndate: 2024-04-05\nogImage: big.png\n---\nBody.\n' > "$p/big.md"
truncate -s 70M "$p/big.png"
"$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$work/out" >/dev/null 2>"$work/big"
[ $? -eq 0 ] || { cat "$work/big"; fail "an unreadable ogImage should exit 0"; }
grep -qF "$p/big.md: warning: its image $p/big.png could not be read: the feeds show no image for it" "$work/big" || { cat "$work/big"; fail "unreadable ogImage message"; }
refute_text "$work/out/rss.xml" "big.png"   # no pointer to an image not written
rm -f "$p/big.png" "$p/big.md"
echo "hostile: bad posts reported, output kept"
