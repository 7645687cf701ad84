#!/usr/bin/env bash
# feedcard card / templates from the command line: formats by extension,
# sizes, exit statuses and file:line:col errors for bad templates.
. "$(dirname "$0")/../common.sh"

"$FEEDCARD_BIN" card --title "eBPF Summit 2024" -o "$work/a.jpg" || fail_later "default jpg"
[ "$(identify -format '%m %wx%h' "$work/a.jpg")" = "JPEG 1200x630" ] || fail_later "a.jpg is not a 1200x630 JPEG"
"$FEEDCARD_BIN" card --title T --description D --date 2024-10-09 --author A \
	--template "$FEEDCARD_SRC/templates/summit.yaml" --size 600x315 --quality 70 -o "$work/b.png" || fail_later "summit png"
[ "$(identify -format '%m %wx%h' "$work/b.png")" = "PNG 600x315" ] || fail_later "b.png is not a 600x315 PNG"
"$FEEDCARD_BIN" card --title T --template dark -o "$work/c.webp" || fail_later "dark webp"
[ "$(identify -format '%m %wx%h' "$work/c.webp")" = "WEBP 1200x630" ] || fail_later "c.webp is not a 1200x630 WebP"

list=$("$FEEDCARD_BIN" templates) || fail_later "templates exit status"
for t in default summit dark; do
	echo "$list" | grep -Eq "^$t +[A-Z]" || fail_later "templates does not list $t with a description"
done

# Usage errors: 2.
"$FEEDCARD_BIN" card --title T 2>/dev/null; [ $? = 2 ] || fail_later "missing -o should exit 2"
"$FEEDCARD_BIN" card --title T -o "$work/x.gif" 2>/dev/null; [ $? = 2 ] || fail_later "gif should exit 2"
"$FEEDCARD_BIN" card --bogus 2>/dev/null; [ $? = 2 ] || fail_later "unknown option should exit 2"
"$FEEDCARD_BIN" card --template nosuch -o "$work/x.jpg" 2>/dev/null; [ $? = 2 ] || fail_later "unknown template name should exit 2"
"$FEEDCARD_BIN" card --date 2024-13-01 -o "$work/x.jpg" 2>/dev/null; [ $? = 2 ] || fail_later "bad date should exit 2"

# Content errors: 1, with file:line:col.
printf 'width: 1200\nheight: 630\nlayers:\n  - type: text\n    text: "{title}"\n    box: [0, 0, 100, 100]\n    font: "No Such Font Family"\n' > "$work/badfont.yaml"
err=$("$FEEDCARD_BIN" card --title T --template "$work/badfont.yaml" -o "$work/x.jpg" 2>&1); rc=$?
[ $rc = 1 ] || fail_later "bad font: exit $rc, want 1"
echo "$err" | grep -q "badfont.yaml:7:11: error: font family 'No Such Font Family' not found" || fail_later "bad font message: $err"
printf 'layers:\n  - type: rect\n    box: [0, 0, 10, 10]\n    color: "#zzz"\n' > "$work/badcolour.yaml"
err=$("$FEEDCARD_BIN" card --title T --template "$work/badcolour.yaml" -o "$work/x.jpg" 2>&1); rc=$?
[ $rc = 1 ] || fail_later "bad colour: exit $rc"
echo "$err" | grep -q "badcolour.yaml:4:12: error: bad colour" || fail_later "bad colour message: $err"
printf 'layers:\n  - type: image\n    path: logo.png\n    box: [0, 0, 10, 10]\n' > "$work/badimg.yaml"
echo "not an image" > "$work/logo.png"
err=$("$FEEDCARD_BIN" card --title T --template "$work/badimg.yaml" -o "$work/x.jpg" 2>&1); rc=$?
[ $rc = 1 ] || fail_later "bad image: exit $rc"
echo "$err" | grep -q "badimg.yaml:3:11: error: .*logo.png is not a PNG" || fail_later "bad image message: $err"
[ ! -e "$work/x.jpg" ] || fail_later "a failed render must not write output"

# Tofu warning names the output and the character.
err=$("$FEEDCARD_BIN" card --title "$(printf 'x \xf4\x8f\xbf\xbd')" -o "$work/t.jpg" 2>&1) || fail_later "tofu render"
echo "$err" | grep -q "t.jpg: warning: .*U+10FFFD" || fail_later "tofu warning: $err"

finish "card and templates: all cases pass"
