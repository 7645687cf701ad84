#!/usr/bin/env bash
# Golden test: the same posts with their front matter in YAML, TOML and JSON
# (tests/golden/formats/{yaml,toml,json}/) give byte-identical feeds, equal
# to the expected ones. Regenerate after an intended change with
# FEEDCARD_UPDATE_GOLDEN=1 (from the YAML posts; tests/README.md).
. "$(dirname "$0")/../common.sh"
cases="$FEEDCARD_SRC/tests/golden/formats"

for f in yaml toml json; do
	# Every post read, with no message at all.
	expect_status 0 build -q -c "$cases/$f/feedcard.yaml" -o "$work/$f"
	[ ! -s "$work/stderr" ] || { cat "$work/stderr"; fail "$f: messages"; }
	n=$(cd "$work/$f" && find . -name '*.xml' -o -name '*.json' | wc -l)
	[ "$n" -eq 15 ] || fail "$f: $n feeds, not 15"
done
golden_tree "$cases/expected" "$work/yaml" '*.xml' '*.json'
FEEDCARD_UPDATE_GOLDEN=0 golden_tree "$cases/expected" "$work/toml" '*.xml' '*.json'
FEEDCARD_UPDATE_GOLDEN=0 golden_tree "$cases/expected" "$work/json" '*.xml' '*.json'
echo "golden: YAML, TOML and JSON front matter give the same feeds"
