#!/usr/bin/env bash
# Crash safety: SIGKILL `feedcard build` at many moments of a large build
# (the ebpf.io corpus with every card re-rendered) and check after each kill
# that every file in the output is the complete old version or the complete
# new one, and that the next build finishes cleanly with the new output.
. "$(dirname "$0")/../common.sh"
: "${FEEDCARD_CORPUS:?}"
# pid is the build this script started and has not yet reaped, else empty:
# never 0, which kill would take for the whole process group (ctest too).
pid=
at_exit '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null'
conf() { ebpf_config "$work/$1.yaml" "$3" "when: always" "template: $2"; } # conf NAME TEMPLATE LIMIT
conf old default 20
conf new summit 0
hashes() { (cd "$1" && find . -type f ! -path './.feedcard-tmp/*' ! -name .feedcard-state -exec sha256sum {} + | sort -k2); }

"$FEEDCARD_BIN" build -q -c "$work/old.yaml" -o "$work/old" || fail "old build"
start=$(date +%s%N)
"$FEEDCARD_BIN" build -q -c "$work/new.yaml" -o "$work/new" || fail "new build"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
hashes "$work/old" > "$work/old.sums"
hashes "$work/new" > "$work/new.sums"
cmp -s "$work/old.sums" "$work/new.sums" && fail "old and new outputs should differ"

# check_whole WHEN: every file is exactly an old or a new version of itself.
check_whole() {
	hashes "$work/out" > "$work/out.sums"
	while read -r sum path; do
		grep -qxF "$sum  $path" "$work/old.sums" || grep -qxF "$sum  $path" "$work/new.sums" ||
			fail "after a kill $1, $path is neither the old nor the new version"
	done < "$work/out.sums"
	n_old=$(grep -cxFf "$work/old.sums" "$work/out.sums")
	n_new=$(grep -cxFf "$work/new.sums" "$work/out.sums")
	echo "kill $1: $n_old old files, $n_new new files"
}
# rebuild_clean WHEN: the next build finishes and leaves exactly the new output.
rebuild_clean() {
	"$FEEDCARD_BIN" build -q -c "$work/new.yaml" -o "$work/out" || fail "build after a kill $1 failed"
	cmp -s <(hashes "$work/out") "$work/new.sums" || fail "after a kill $1 the rebuild differs from a clean build"
	[ -e "$work/out/.feedcard-tmp" ] && fail "temporary folder left after a clean build"
}

# Kills at random moments of the build (rendering, staging, committing).
RANDOM=4151 # reproducible
for k in 1 2; do
	rm -rf "$work/out" && cp -a "$work/old" "$work/out"
	delay=$(( RANDOM % (ms + ms / 5 + 1) ))
	"$FEEDCARD_BIN" build -q -c "$work/new.yaml" -o "$work/out" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
	check_whole "at ${delay} ms"
done

# Kills inside the commit, where files are renamed into place: strace sends
# SIGKILL at the Nth rename, so some files are new and the rest old.
renames=$(grep -c . "$work/new.sums")
for n in 1 $((renames / 2)) $((renames - 1)); do
	rm -rf "$work/out" && cp -a "$work/old" "$work/out"
	( strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=SIGKILL:when=$n \
		"$FEEDCARD_BIN" build -q -c "$work/new.yaml" -o "$work/out" ) >/dev/null 2>&1
	check_whole "at rename $n"
	[ "$n_new" -gt 0 ] || [ "$n" -eq 1 ] || fail "the kill at rename $n left no new file: the commit was not reached"
done
rebuild_clean "at rename $n"
echo "crash safety: every file whole after 5 kills of a ${ms} ms build"
