# The prologue of every script test (bash), sourced first:
#   . "$(dirname "$0")/../common.sh"
# It sets strict mode without -e (a test states each check it makes, with
# `|| fail "why"`; `! cmd` and `cmd && fail` are no checks under -e, and a
# failed command that nobody tested is a bug of the test, not a pass),
# names the program under test and the source tree, makes a scratch folder
# $work removed at exit, and gives the helpers below. See tests/README.md.
set -uo pipefail
: "${FEEDCARD_BIN:?FEEDCARD_BIN names the feedcard program to test}"
: "${FEEDCARD_SRC:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
work=$(mktemp -d)

# at_exit CMD: run CMD (a string for eval) at exit, before $work is removed;
# a test that starts a server stops it here.
common_at_exit=()
at_exit() { common_at_exit+=("$1"); }
common_exit() {
	local cmd
	for cmd in "${common_at_exit[@]}"; do eval "$cmd"; done
	rm -rf "$work"
}
trap common_exit EXIT

# fail WHY: the test fails, at once.
fail() { echo "FAIL: $*"; exit 1; }
# For a test of many independent checks: fail_later WHY notes a failure and
# goes on; finish MESSAGE then exits 1 if any was noted, else prints MESSAGE.
common_failures=0
fail_later() { echo "FAIL: $*"; common_failures=$((common_failures + 1)); }
finish() {
	[ "$common_failures" -eq 0 ] || { echo "$common_failures checks failed"; exit 1; }
	echo "$1"
	exit 0
}

# run_fc ARGS...: run feedcard with ARGS (stdin empty), its stdout in
# $work/stdout, its stderr in $work/stderr, its exit status in $rc. The
# program's own statuses are 0, 1 (content errors) and 2 (usage and config
# errors); any other (a signal such as 139, a sanitizer's report, 70 for an
# internal error, 126/127 for a program that did not run) fails the test
# here, so that no check of "it failed" can be met by a crash.
run_fc() {
	"$FEEDCARD_BIN" "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
	rc=$?
	case $rc in
	0 | 1 | 2) ;;
	*) cat "$work/stderr"; fail "feedcard $*: exit status $rc: crashed, killed or did not run" ;;
	esac
}

# expect_status N ARGS...: run_fc ARGS, and fail unless it exits N.
expect_status() {
	local want=$1
	shift
	run_fc "$@"
	[ "$rc" -eq "$want" ] || { cat "$work/stderr"; fail "feedcard $*: exit status $rc, want $want"; }
}

# Output checks. FILE must exist and be readable: grep's status 2 (no such
# file) fails the test in every one, never counting as "not found".
# expect_line FILE LINE: some line of FILE is exactly LINE.
# expect_text FILE TEXT: some line of FILE holds TEXT (a fixed string).
# expect_regex FILE ERE: some line of FILE matches the extended regex.
# refute_text FILE TEXT: no line of FILE holds TEXT.
# refute_regex FILE ERE: no line of FILE matches the regex.
common_grep() { # common_grep WANT(0 found, 1 absent) FILE WHAT GREP-ARGS...
	local want=$1 file=$2 what=$3
	shift 3
	[ -r "$file" ] || fail "no file $file to look for $what in"
	grep -q "$@" -- "$file"
	local st=$?
	[ "$st" -le 1 ] || fail "grep $* $file: status $st"
	[ "$st" -eq "$want" ] && return 0
	if [ "$want" -eq 0 ]; then
		sed -n '1,20p' "$file"
		fail "$file lacks $what"
	fi
	grep -n "$@" -- "$file" | head -5
	fail "$file holds $what"
}
expect_line() { common_grep 0 "$1" "the line '$2'" -xF -e "$2"; }
expect_text() { common_grep 0 "$1" "'$2'" -F -e "$2"; }
expect_regex() { common_grep 0 "$1" "a match of /$2/" -E -e "$2"; }
refute_text() { common_grep 1 "$1" "'$2'" -F -e "$2"; }
refute_regex() { common_grep 1 "$1" "a match of /$2/" -E -e "$2"; }

# ebpf_config FILE LIMIT [CARDS-LINE...]: write to FILE the ebpf.io site's
# config (tests/fixtures/ebpf.yaml) reading the posts from $FEEDCARD_CORPUS,
# with feeds.limit LIMIT and, given lines such as "when: always", a cards:
# section of them.
ebpf_config() {
	local file=$1 limit=$2
	shift 2
	: "${FEEDCARD_CORPUS:?FEEDCARD_CORPUS names the folder of the ebpf.io posts}"
	sed -e "s|@CORPUS@|$FEEDCARD_CORPUS|" -e "s|@LIMIT@|$limit|" \
		"$FEEDCARD_SRC/tests/fixtures/ebpf.yaml" >"$file" || fail "cannot write $file"
	if [ $# -gt 0 ]; then
		echo "cards:"
		printf '  %s\n' "$@"
	fi >>"$file"
}

# The golden files: FEEDCARD_UPDATE_GOLDEN=1 makes every golden comparison
# (these two, tests/cards/test_golden.sh and the C tests' testutil.h)
# write what the program made over the golden copy instead of comparing.
common_update_golden() { [ "${FEEDCARD_UPDATE_GOLDEN:-0}" = 1 ]; }
# golden_file GOLDEN ACTUAL: ACTUAL's bytes are GOLDEN's.
golden_file() {
	if common_update_golden; then
		mkdir -p "$(dirname "$1")" && cp "$2" "$1" || fail "cannot update $1"
		echo "updated $1"
		return 0
	fi
	[ -f "$1" ] || fail "no golden file $1 (FEEDCARD_UPDATE_GOLDEN=1 writes it)"
	cmp -s "$1" "$2" || { diff -u "$1" "$2" | head -60; fail "$2 differs from $1"; }
}
# golden_tree GOLDEN_DIR ACTUAL_DIR NAME-PATTERN...: the files of
# ACTUAL_DIR whose names match a pattern are, by path and bytes, those of
# GOLDEN_DIR. Updating replaces GOLDEN_DIR's whole content.
golden_tree() {
	local golden=$1 actual=$2
	shift 2
	local expr=() p
	for p in "$@"; do expr+=(${expr[@]:+-o} -name "$p"); done
	if common_update_golden; then
		rm -rf "$golden" && mkdir -p "$golden" || fail "cannot update $golden"
		(cd "$actual" && find . -type f \( "${expr[@]}" \) -print0 | xargs -0r cp --parents -t "$golden") ||
			fail "cannot update $golden"
		echo "updated $golden"
		return 0
	fi
	[ -d "$golden" ] || fail "no golden folder $golden (FEEDCARD_UPDATE_GOLDEN=1 writes it)"
	(cd "$golden" && find . -type f | sort) >"$work/golden.list" || fail "cannot list $golden"
	(cd "$actual" && find . -type f \( "${expr[@]}" \) | sort) >"$work/actual.list" || fail "cannot list $actual"
	[ -s "$work/golden.list" ] || fail "$golden is empty"
	diff -u "$work/golden.list" "$work/actual.list" || fail "$actual makes other files than $golden holds"
	local f
	while IFS= read -r f; do
		cmp -s "$golden/$f" "$actual/$f" || { diff -u "$golden/$f" "$actual/$f" | head -60; fail "$actual/$f differs from $golden/$f"; }
	done <"$work/golden.list"
}
