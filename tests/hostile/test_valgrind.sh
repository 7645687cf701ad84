#!/usr/bin/env bash
# Memcheck on whole builds of the example site: cold (cards rendered through
# the renderer module), then with every card reused, then the no-change fast
# path. No errors and no definite leaks.
. "$(dirname "$0")/../common.sh"
if [ -n "${FEEDCARD_SANITIZED:-}" ]; then echo "valgrind: not run on a sanitizer build"; exit 0; fi
command -v valgrind >/dev/null || fail "valgrind is not installed"
run() {
	valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions="$FEEDCARD_SRC/tests/valgrind.supp" \
		--show-leak-kinds=definite --log-file="$work/vg.log" \
		"$FEEDCARD_BIN" build -q -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$work/out" "$@" 2>/dev/null
	local rc=$?
	[ $rc -eq 0 ] || { cat "$work/vg.log"; fail "memcheck, exit $rc ($*)"; }
}
run --recheck
run --recheck
run
[ -f "$work/out/blog/2025/01/15/tracing-tips/ogimage.jpg" ] || fail "no card rendered"
echo "valgrind: no errors, no definite leaks in 3 builds"
