#!/usr/bin/env bash
# Stale outputs: files an earlier build made and the current one no longer
# makes (a category nobody uses any more, a deleted post's card, a card
# renamed by a new ogImage) are removed after the new output is in place,
# with the folders that leaves empty; files feedcard did not make, and a
# tampered list, never cost a file outside the output folder or a folder.
. "$(dirname "$0")/../common.sh"
site="$work/site"; out="$work/out"
mkdir -p "$site/posts/b"
cat > "$site/feedcard.yaml" <<'EOF'
site:
  title: Stale
  url: https://stale.example
feeds:
  dir: blog
  formats: [rss, json]
cards:
  when: always
EOF
printf -- '---\ntitle: A\ndate: 2024-01-01\ncategories: [Howto]\ntags: [bpf]\n---\nBody A.\n' > "$site/posts/a.md"
printf -- '---\ntitle: B\ndate: 2024-02-01\ncategories: [News]\nogImage: card.jpg\n---\nBody B.\n' > "$site/posts/b/index.md"
build() { "$FEEDCARD_BIN" build -c "$site/feedcard.yaml" -o "$out" "$@" 2>"$work/stderr"; }

build >/dev/null || fail "first build: $(cat "$work/stderr")"
for f in blog/categories/howto/rss.xml blog/tags/bpf/feed.json blog/2024/01/01/a/ogimage.jpg \
	 blog/2024/02/01/b/card.jpg; do
	[ -f "$out/$f" ] || fail "first build did not make $f"
done
grep -qx "blog/categories/howto/rss.xml" "$out/.feedcard-outputs" || fail "the list lacks a feed"
echo "kept" > "$out/blog/mine.txt"                 # the user's own file
mkdir -p "$out/blog/categories/howto/extra"        # and their own folder
echo "kept" > "$out/blog/categories/howto/extra/notes.txt"

# A is deleted, and with it its category and tag; B's card gets a new name.
rm "$site/posts/a.md"
printf -- '---\ntitle: B\ndate: 2024-02-01\ncategories: [News]\nogImage: social.png\n---\nBody B.\n' > "$site/posts/b/index.md"
msg=$(build) || fail "second build: $(cat "$work/stderr")"
grep -q "stale files removed" <<<"$msg" || fail "no stale files reported: $msg"
for f in blog/categories/howto/rss.xml blog/categories/howto/feed.json blog/tags/bpf/rss.xml \
	 blog/tags/bpf/feed.json blog/2024/01/01/a/ogimage.jpg blog/2024/02/01/b/card.jpg; do
	[ -e "$out/$f" ] && fail "stale $f was not removed"
done
[ -d "$out/blog/2024/01" ] && fail "an emptied folder was left: blog/2024/01"
[ -d "$out/blog/tags" ] && fail "an emptied folder was left: blog/tags"
[ -f "$out/blog/2024/02/01/b/social.png" ] || fail "the renamed card is missing"
[ -f "$out/blog/categories/news/rss.xml" ] || fail "a live feed was removed"
[ -f "$out/blog/mine.txt" ] || fail "a file feedcard did not make was removed"
[ -f "$out/blog/categories/howto/extra/notes.txt" ] || fail "a folder feedcard did not make was emptied"
refute_text "$out/.feedcard-outputs" "howto"   # the new list names no removed file

# Nothing changes: nothing is removed.
msg=$(build --recheck) || fail "third build"
grep -q "stale" <<<"$msg" && fail "an unchanged build removed something: $msg"

# A tampered list: paths out of the folder, '..', folders, links are all left alone.
echo "victim" > "$work/victim.txt"
mkdir -p "$work/elsewhere"; echo "victim" > "$work/elsewhere/v.txt"
ln -s "$work/victim.txt" "$out/blog/link.txt"
ln -s "$work/elsewhere" "$out/blog/linkdir"
printf 'feedcard-outputs 1\n../victim.txt\n/etc/hostname\nblog/../../victim.txt\nblog\nblog/link.txt\n.feedcard-state\nblog/linkdir/v.txt\n' \
	> "$out/.feedcard-outputs"
build --recheck >/dev/null || fail "build after a tampered list"
[ -f "$work/victim.txt" ] || fail "a file outside the output folder was removed"
[ -f "$work/elsewhere/v.txt" ] || fail "a file reached through a linked folder was removed"
[ -L "$out/blog/link.txt" ] || fail "a symbolic link was removed"
[ -d "$out/blog" ] || fail "a folder was removed"

# A build that fails removes nothing and keeps the list.
cp "$out/.feedcard-outputs" "$work/list"
printf -- '---\ntitle: Broken\n---\n' > "$site/posts/broken.md"
expect_status 1 build -c "$site/feedcard.yaml" -o "$out"   # a broken post fails the build
cmp -s "$out/.feedcard-outputs" "$work/list" || fail "a failed build changed the list"
[ -f "$out/blog/categories/news/rss.xml" ] || fail "a failed build removed a file"
echo "stale outputs: all cases pass"
