#!/usr/bin/env bash
# Hostile files and folders: symbolic links out of the output folder, a
# folder where a file should be, a FIFO and a broken link named like posts,
# a symbolic link loop, 100,000 empty posts, an output folder that cannot be
# made, and a full disk (RLIMIT_FSIZE). Each case: its message, its exit
# status, bounded time, and the previous output untouched.
. "$(dirname "$0")/../common.sh"
site="$work/site"; out="$work/out"
mkdir -p "$site/posts"
printf 'site:\n  title: F\n  url: https://f.example\nfeeds:\n  dir: blog\n' > "$site/feedcard.yaml"
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nBody.\n' > "$site/posts/one.md"
build() { ( ulimit -t 60; exec "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$out" "$@" ) >"$work/stdout" 2>"$work/stderr"; }
sums() { (cd "$out" && find . -type f -exec sha256sum {} + | sort); }
expect() { grep -qF -- "$1" "$work/stderr" || { cat "$work/stderr"; fail "missing: $1"; }; }
build || fail "first build"
before=$(sums)

# A symbolic link that leads out of the output folder is refused.
mkdir -p "$work/elsewhere"
rm -rf "$out/blog/2024" && ln -s "$work/elsewhere" "$out/blog/2024"
build; [ $? -eq 1 ] || fail "symlink out: want exit 1"
expect "refusing to write outside the output folder"
[ -z "$(ls -A "$work/elsewhere")" ] || fail "something was written through the link"
rm "$out/blog/2024"
build || fail "rebuild"
before=$(sums)

# A folder where a feed file should be: refused before anything is replaced.
printf -- '---\ntitle: One, renamed\ndate: 2024-01-01\n---\nBody.\n' > "$site/posts/one.md"
rm "$out/blog/atom.xml" && mkdir "$out/blog/atom.xml"
build; [ $? -eq 1 ] || fail "folder in the way: want exit 1"
expect "blog/atom.xml: error: cannot write: a folder of that name is in the way"
refute_text "$out/blog/rss.xml" "One, renamed"   # not replaced by a failed build
rmdir "$out/blog/atom.xml"

# A FIFO and a broken link named like posts: errors, no hang.
mkfifo "$site/posts/fifo.md"
ln -s "$work/nowhere.md" "$site/posts/broken.md"
build; [ $? -eq 1 ] || fail "fifo/broken link: want exit 1"
expect "posts/fifo.md: error: cannot read: not a regular file"
expect "posts/broken.md: error: cannot read: a symbolic link to nothing"
rm "$site/posts/fifo.md" "$site/posts/broken.md"

# A symbolic link loop in the content folder: not followed, no hang.
ln -s .. "$site/posts/loop"
build || { cat "$work/stderr"; fail "symlink loop"; }
expect "posts/loop: note: symbolic link to a folder not followed"
rm "$site/posts/loop"

# FIFOs in place of feedcard's own files in the output folder (its state,
# card cache and list of outputs) read as absent, and a template image that
# is a FIFO is an error at its line: no hang (ulimit -t cannot see one).
build || fail "rebuild before the FIFOs"
for f in .feedcard-state .feedcard-cache .feedcard-outputs; do rm -f "$out/$f" && mkfifo "$out/$f"; done
timeout 30 "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$out" >"$work/stdout" 2>"$work/stderr"
rc=$?
[ $rc -ne 124 ] || fail "a FIFO among feedcard's own files hung the build"
[ $rc -eq 0 ] || { cat "$work/stderr"; fail "FIFOs as feedcard's own files: want exit 0, got $rc"; }
for f in .feedcard-cache .feedcard-outputs; do [ -f "$out/$f" ] || fail "$f was not written"; done
[ -p "$out/.feedcard-state" ] && fail "the state FIFO was left" # saved, or removed when an input is too new
mkfifo "$work/bg.png"
sed 's|^  color: "#ffffff"|  color: "#ffffff"\n  image: bg.png|' "$FEEDCARD_SRC/templates/default.yaml" > "$work/fifo.yaml"
grep -q "image: bg.png" "$work/fifo.yaml" || fail "could not make the FIFO template"
timeout 30 "$FEEDCARD_BIN" card -T "$work/fifo.yaml" -t "FIFO" -o "$work/fifo.jpg" >/dev/null 2>"$work/stderr"
rc=$?
[ $rc -ne 124 ] || fail "a FIFO template image hung the card"
[ $rc -eq 1 ] || fail "a FIFO template image: exit $rc, want 1"
expect "fifo.yaml:7:"
expect "cannot open image"
rm "$work/bg.png"

# The output folder cannot be made.
( ulimit -t 10; exec "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o /proc/self/nope ) >/dev/null 2>"$work/stderr"
[ $? -eq 1 ] || fail "unmakeable output: want exit 1"
expect "/proc/self/nope: error: cannot create folder"

# A full disk: writes fail with EFBIG past RLIMIT_FSIZE. Cards do not fit,
# the build fails, and the previous output is untouched.
build || fail "rebuild"
before=$(sums)
printf -- '---\ntitle: One, renamed again\ndate: 2024-01-01\n---\nBody.\n' > "$site/posts/one.md"
( trap '' XFSZ; ulimit -f 16; exec "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$out" ) >/dev/null 2>"$work/stderr"
[ $? -eq 1 ] || fail "full disk: want exit 1"
expect "error: cannot write: File too large"
expect "the previous output is unchanged"
[ "$before" = "$(sums)" ] || fail "a failed build on a full disk changed the output"
[ -z "$(ls -A "$out/.feedcard-tmp" 2>/dev/null)" ] || fail "temporary files left after a failed build"

# 100,000 empty files: every one named, in bounded time and memory.
mkdir -p "$work/many/posts"
printf 'site:\n  title: M\n  url: https://m.example\ncards:\n  when: never\n' > "$work/many/feedcard.yaml"
(cd "$work/many/posts" && seq -f "p%06g.md" 1 100000 | xargs touch)
( ulimit -t 60; [ -n "${FEEDCARD_SANITIZED:-}" ] || ulimit -v 1048576; exec "$FEEDCARD_BIN" build -c "$work/many/feedcard.yaml" -o "$work/many/out" ) >/dev/null 2>"$work/stderr"
[ $? -eq 1 ] || fail "100,000 empty posts: want exit 1"
[ "$(grep -c ': error: no front matter' "$work/stderr")" -eq 100000 ] || fail "not every empty post was named"
expect "feedcard: 100000 errors in 100000 of 100000 posts; nothing was written"
echo "hostile files: all cases pass"
