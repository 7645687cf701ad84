#!/usr/bin/env bash
# Golden test: the same posts with their front matter in YAML, TOML and JSON
# (tests/golden/formats/{yaml,toml,json}/) give byte-identical feeds, equal
# to the expected ones. Regenerate after an intended change:
#   FEEDCARD_BIN=build/src/feedcard tests/golden/test_formats.sh --update
set -euo pipefail
: "${FEEDCARD_BIN:?}" "${FEEDCARD_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
cases="$FEEDCARD_SRC/tests/golden/formats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feeds() { (cd "$1" && find . -name '*.xml' -o -name '*.json' | sort); }

for f in yaml toml json; do
	# Every post read, with no message at all.
	"$FEEDCARD_BIN" build -q -c "$cases/$f/feedcard.yaml" -o "$work/$f" 2>"$work/$f.stderr"
	[ ! -s "$work/$f.stderr" ] || { echo "$f: messages:"; cat "$work/$f.stderr"; exit 1; }
	[ "$(feeds "$work/$f" | wc -l)" -eq 15 ] || { echo "$f: not the 15 feeds"; feeds "$work/$f"; exit 1; }
done
if [ "${1:-}" = "--update" ]; then
	rm -rf "$cases/expected" && mkdir -p "$cases/expected"
	(cd "$work/yaml" && feeds . | xargs cp --parents -t "$cases/expected")
	echo "updated $cases/expected"
	exit 0
fi
for f in yaml toml json; do
	[ "$(feeds "$cases/expected")" = "$(feeds "$work/$f")" ] || { diff <(feeds "$cases/expected") <(feeds "$work/$f"); exit 1; }
	for x in $(feeds "$cases/expected"); do
		cmp "$cases/expected/$x" "$work/$f/$x" || { diff -u "$cases/expected/$x" "$work/$f/$x"; exit 1; }
	done
done
echo "golden: YAML, TOML and JSON front matter give the same feeds"
