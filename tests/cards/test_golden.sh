#!/usr/bin/env bash
# Golden images: each bundled template renders fixed fields; the PNG must
# match tests/cards/golden/<template>.png within a mean absolute pixel
# difference (fonts' antialiasing may shift by a level between library
# versions; a changed layout moves far more). FEEDCARD_UPDATE_GOLDEN=1
# rewrites the goldens (tests/README.md).
. "$(dirname "$0")/../common.sh"
golden="$FEEDCARD_SRC/tests/cards/golden"
# Normalised mean absolute error, 0..1; 0.004 is about 1 level in 255.
threshold=0.004
for t in default summit dark; do
	for kind in short long; do
		if [ $kind = short ]; then
			title="eBPF Summit 2024"
		else
			title="Understanding the eBPF verifier: bounded loops, BTF, CO-RE relocations, the ring buffer and everything in between that makes programs safe"
		fi
		out="$work/$t-$kind.png"
		if ! "$FEEDCARD_BIN" card --template "$t" --title "$title" \
			--description "A recap of the talks, demos and lightning sessions." \
			--date 2024-10-09 --author "Ada Lovelace" --categories "Community, Events" \
			--site-title "eBPF.io blog" --site-host ebpf.io --reading-time 6 -o "$out"; then
			fail_later "$t/$kind did not render"; continue
		fi
		want="$golden/$t-$kind.png"
		if common_update_golden; then
			cp "$out" "$want"; echo "updated $want"; continue
		fi
		if [ ! -f "$want" ]; then
			fail_later "no golden $want (FEEDCARD_UPDATE_GOLDEN=1 writes it)"; continue
		fi
		# compare prints "abs (normalised)" on stderr and exits 1 when different.
		mae=$(compare -metric MAE "$out" "$want" null: 2>&1 | sed -n 's/.*(\(.*\)).*/\1/p')
		if [ -z "$mae" ]; then
			fail_later "$t/$kind: cannot compare (size differs?)"; continue
		fi
		if awk -v m="$mae" -v t="$threshold" 'BEGIN { exit !(m <= t) }'; then
			echo "ok: $t/$kind MAE $mae"
		else
			fail_later "$t/$kind MAE $mae > $threshold"
			cp "$out" "/tmp/feedcard-golden-$t-$kind.png"
		fi
	done
done
finish "card golden images: all within $threshold"
