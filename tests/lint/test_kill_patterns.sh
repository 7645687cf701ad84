#!/usr/bin/env bash
# No test or CI script may signal anything but a process it started: no
# `kill 0` or `kill -9 0` (the whole process group: ctest and the shell that
# ran it), no negative PID (`kill -- -PGID`, `kill -TERM -$pid`), no pkill,
# killall or os.killpg, and no PID variable set to 0. Every script, C and
# Python file under tests/ and bench/, .ci/ and bootstrap.sh is checked; the
# patterns are first tried on lines they must and must not match, so the
# test can fail.
. "$(dirname "$0")/../common.sh"
self=$(realpath "${BASH_SOURCE[0]}")

k='(^|[^[:alnum:]_.])kill'
opt='([[:space:]]+(-s[[:space:]]+[[:alnum:]]+|-[[:alnum:]]+))'
patterns=(
	"$k$opt*([[:space:]]+--)?[[:space:]]+[\"']?0[\"']?([^[:alnum:]_]|\$)" # kill [-SIG] [--] 0
	"$k$opt+[[:space:]]+-[^-[:space:]]"                                 # kill -SIG -PGID
	"$k$opt*[[:space:]]+--[[:space:]]+-"                                # kill [-SIG] -- -PGID
	'(^|[^[:alnum:]_])(pkill|killall|killpg)([^[:alnum:]_]|$)'
	'os\.kill\([[:space:]]*(0|-)'
	# A PID variable that starts at 0 becomes `kill 0` when the kill runs
	# before the process is started (test_crash_safety.sh's old EXIT trap).
	"[[:alnum:]_]*pid[[:space:]]*=[[:space:]]*[\"']?0[\"']?([^[:alnum:]_.x]|\$)"
)
bad() { # bad: read lines, print those a pattern matches
	local args=()
	for p in "${patterns[@]}"; do args+=(-e "$p"); done
	grep -nE "${args[@]}"
}

must_match=$(cat <<'LINES'
kill 0
kill -9 0
trap 'kill -9 0' EXIT
kill -TERM 0 2>/dev/null
kill -s KILL 0
kill -9 "0"
kill -- -$pgid
kill -9 -- -"$pid"
kill -KILL -$pgid
kill -s TERM -"$pid"
kill -9 -1
pkill -f feedcard
killall feedcard
os.killpg(pgid, signal.SIGTERM)
os.kill(0, signal.SIGKILL)
os.kill(-proc.pid, 9)
pid=0
	server_pid="0"
pid_t pid = 0;
LINES
)
must_not_match=$(cat <<'LINES'
kill -0 "$pid" 2>/dev/null || break
kill -TERM "$server_pid" 2>/dev/null
[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
kill "$pid"
kill -s TERM -- "$pid"
self.proc.kill()
os.kill(pid, signal.SIGTERM)
# check after each kill that every file is whole
skill 0
pid=
if (pid == 0) {
pid=01234
LINES
)
while IFS= read -r line; do
	printf '%s\n' "$line" | bad >/dev/null || fail "the patterns miss: $line"
done <<< "$must_match"
if hits=$(printf '%s\n' "$must_not_match" | bad); then
	fail "the patterns wrongly match: $hits"
fi

cd "$FEEDCARD_SRC" || fail "no source tree at $FEEDCARD_SRC"
n=0
found=0
while IFS= read -r -d '' f; do
	[ "$(realpath "$f")" = "$self" ] && continue
	case "$f" in
	*.sh | *.py | *.c | *.h | ./bootstrap.sh) ;;
	*) head -c2 "$f" | grep -q '^#!' || continue ;;
	esac
	n=$((n + 1))
	if hits=$(bad < "$f"); then
		echo "$f: signals what it did not start:"
		echo "$hits"
		found=1
	fi
done < <(find ./tests ./bench ./.ci ./bootstrap.sh -path ./tests/fuzz/corpus -prune -o -type f -print0)
[ "$found" -eq 0 ] || fail "kill only the PIDs a test started (see above)"
[ "$n" -gt 20 ] || fail "only $n scripts found under $FEEDCARD_SRC: wrong folder?"
echo "no group kill in $n scripts"
