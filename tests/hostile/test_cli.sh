#!/usr/bin/env bash
# The command line: help, version, usage errors and configuration errors
# (exit status 2), and output that cannot be written (exit 1, nothing lost).
. "$(dirname "$0")/../common.sh"
status() { "$@" >"$work/out" 2>"$work/err"; echo $?; }

[ "$(status "$FEEDCARD_BIN" --help)" = 0 ] && grep -q "build" "$work/out" || fail "--help"
[ "$(status "$FEEDCARD_BIN" --version)" = 0 ] && grep -q "^feedcard [0-9]" "$work/out" || fail "--version"
[ "$(status "$FEEDCARD_BIN" build --help)" = 0 ] && grep -q -- "--keep-going" "$work/out" || fail "build --help"
[ "$(status "$FEEDCARD_BIN" frobnicate)" = 2 ] || fail "unknown command"
[ "$(status "$FEEDCARD_BIN" build --frob)" = 2 ] && grep -q "unknown option '--frob'" "$work/err" || fail "unknown option"
[ "$(status "$FEEDCARD_BIN" build -j zero)" = 2 ] || fail "bad -j"
[ "$(status "$FEEDCARD_BIN" build -c "$work/missing.yaml")" = 2 ] && grep -q "missing.yaml: error: cannot read" "$work/err" || fail "missing config"

mkdir -p "$work/site/posts"
printf 'site:\n  title: X\n  url: https://x.example\nfeeds:\n  limit: -3\n  colour: red\n' > "$work/site/feedcard.yaml"
[ "$(status "$FEEDCARD_BIN" build -c "$work/site/feedcard.yaml")" = 2 ] || fail "bad config exit"
grep -qF "$work/site/feedcard.yaml:6:3: error: unknown key 'colour' in feeds" "$work/err" || { cat "$work/err"; fail "config key error"; }
printf 'site:\n  title: X\n  url: https://x.example\nfeeds:\n  limit: -3\n' > "$work/site/feedcard.yaml"
[ "$(status "$FEEDCARD_BIN" build -c "$work/site/feedcard.yaml")" = 2 ] || fail "bad config exit"
grep -qF "$work/site/feedcard.yaml:5:10: error: 'feeds.limit' must be a whole number" "$work/err" || { cat "$work/err"; fail "config value error"; }
printf 'site:\n  title: X\n  url: https://x.example\ncontent: nowhere\n' > "$work/site/feedcard.yaml"
[ "$(status "$FEEDCARD_BIN" build -c "$work/site/feedcard.yaml")" = 2 ] && grep -q "nowhere: error: the content folder does not exist" "$work/err" || fail "missing content folder"

# Output that cannot be written: a file where the output folder should be.
printf 'site:\n  title: X\n  url: https://x.example\ncontent: posts\n' > "$work/site/feedcard.yaml"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nx\n' > "$work/site/posts/a.md"
echo "precious" > "$work/blocker"
[ "$(status "$FEEDCARD_BIN" build -c "$work/site/feedcard.yaml" -o "$work/blocker/out")" = 1 ] || fail "unwritable output should exit 1"
grep -q "previous output is unchanged" "$work/err" || { cat "$work/err"; fail "unwritable output message"; }
[ "$(cat "$work/blocker")" = precious ] || fail "blocker file changed"
echo "cli: all cases behave"
