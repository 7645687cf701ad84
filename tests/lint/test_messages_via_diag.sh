#!/usr/bin/env bash
# Every message goes through diag (src/diag.h): no file in src/ but the diag
# family (diag.c, diag_fatal.c) writes to stderr, calls perror or err(3)'s
# functions, or exits with the internal-error status itself. Comments and
# string literals are left out before looking, so that prose may name
# stderr. diag_fatal.c, which reports out-of-memory, must include nothing of
# ours and call no allocator: a message about memory running out cannot
# recurse into xmalloc. The patterns are first tried on lines they must and
# must not match, and every allow-list entry must still be needed, so the
# test can fail.
. "$(dirname "$0")/../common.sh"
: "${FEEDCARD_SRC:?}"

patterns=(
	'(^|[^[:alnum:]_])(stderr|STDERR_FILENO|cerr|clog)([^[:alnum:]_]|$)' # the stream, however used
	'(^|[^[:alnum:]_])(write|dprintf)[[:space:]]*\([[:space:]]*2[[:space:]]*,'  # file descriptor 2
	'(^|[^[:alnum:]_])(perror|err|errx|verr|verrx|warn|warnx|vwarn|vwarnx|error|error_at_line)[[:space:]]*\('
	'(^|[^[:alnum:]_])(exit|_exit|_Exit|quick_exit)[[:space:]]*\([[:space:]]*(70|DIAG_EXIT_INTERNAL)[[:space:]]*\)'
)
bad() { # bad: read lines, print those a pattern matches
	local args=()
	for p in "${patterns[@]}"; do args+=(-e "$p"); done
	grep -nE "${args[@]}"
}

# Code without its comments and the insides of its string and character
# literals (newlines kept, so line numbers stay right).
code_only() {
	perl -0777 -pe '
		s{ (/\*.*?\*/) | (//[^\n]*) | ("(?:[^"\\\n]|\\.)*") | (\x27(?:[^\x27\\\n]|\\.)*\x27) }{
			defined $1 ? ($1 =~ tr/\n//cdr) : defined $2 ? "" : defined $3 ? q("") : "\x27\x27"
		}gsex' "$@"
}

must_match=$(cat <<'LINES'
	fprintf(stderr, "feedcard: error: x\n");
fputs(msg, stderr);
fwrite(out.data, 1, out.len, stderr);
cli_table_print_help(stderr);
vfprintf(stderr,fmt, ap);
if (isatty(STDERR_FILENO))
write(2, buf, n);
dprintf( 2 , "x");
perror("open");
errx(1, "bad");
error(0, errno, "x");
std::cerr << "x";
exit(70);
	_exit( 70 );
exit(DIAG_EXIT_INTERNAL);
LINES
)
must_not_match=$(cat <<'LINES'
diag_error(NULL, 0, 0, "x");
fprintf(out, "stderr_like\n");
int my_stderr = 0;
write(fd, buf, 2);
writev(2, iov, 1);
diag_perror_free(x);
int error = 0;
exit(CLI_EXIT_USAGE);
exit(700);
return 70;
encode_jpeg_error_exit(cinfo);
LINES
)
while IFS= read -r line; do
	printf '%s\n' "$line" | bad >/dev/null || fail "the patterns miss: $line"
done <<<"$must_match"
if hits=$(printf '%s\n' "$must_not_match" | bad); then
	fail "the patterns wrongly match: $hits"
fi
# Comments and literals go; code around them stays.
sample=$(cat <<'LINES'
/* stderr */ x = "stderr \" stderr";// stderr
c = '"'; d = '\''; fputs(s, stderr);/* a
 stderr */ y; /* "stderr */ z;
LINES
)
want=$(cat <<'LINES'
 x = "";
c = ''; d = ''; fputs(s, stderr);
 y;  z;
LINES
)
[ "$(printf '%s\n' "$sample" | code_only)" = "$want" ] || fail "code_only leaves: $(printf '%s\n' "$sample" | code_only)"

# Where src/ may still touch stderr: FILE:TEXT, TEXT a fixed string of the
# line. Each is a stream use that is not a message.
allow=(
	# The progress bar redraws one terminal line ("\r", ESC [K) and is drawn
	# only when stderr is a terminal and --quiet is off: screen drawing, not
	# a message, and never to be captured, counted or logged.
	'src/progress.c:isatty(STDERR_FILENO)'
	'src/progress.c:fprintf(stderr, '
	'src/progress.c:fflush(stderr);'
	# With no command at all, main prints --help's text (made from cli's
	# tables) to stderr, where the usage error it is goes, so that it never
	# passes for output in a pipe. Help text is not a diag message.
	'src/main.c:cli_table_print_help(stderr);'
)
declare -A used=()

cd "$FEEDCARD_SRC" || fail "no source tree at $FEEDCARD_SRC"
n=0
found=0
for f in src/*.c src/*.cpp src/*.h; do
	case "$f" in
	src/diag.c | src/diag_fatal.c) continue ;;
	esac
	n=$((n + 1))
	code=$(code_only "$f") || fail "cannot read $f"
	hits=$(printf '%s\n' "$code" | bad) || continue
	while IFS= read -r hit; do
		text=${hit#*:}
		ok=0
		for a in "${allow[@]}"; do
			if [ "${a%%:*}" = "$f" ] && [[ "$text" == *"${a#*:}"* ]]; then
				ok=1
				used[$a]=1
			fi
		done
		if [ "$ok" = 0 ]; then
			echo "$f:${hit%%:*}: $(sed -n "${hit%%:*}p" "$f")"
			found=1
		fi
	done <<<"$hits"
done
[ "$found" -eq 0 ] || fail "the lines above print around diag: use diag_usage, diag_status, diag_info or diag_fatal (src/diag.h)"
for a in "${allow[@]}"; do
	[ -n "${used[$a]:-}" ] || fail "the allow-list entry '$a' matches nothing: remove it"
done
[ "$n" -gt 40 ] || fail "only $n source files found under $FEEDCARD_SRC/src: wrong folder?"

# diag_fatal.c: its own header and the C library only, and no allocation.
[ -f src/diag_fatal.c ] || fail "src/diag_fatal.c is missing"
ours=$(grep -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' src/diag_fatal.c | grep -v '"diag_fatal.h"')
[ -z "$ours" ] || fail "diag_fatal.c includes a module of ours, which may allocate: $ours"
alloc='(^|[^[:alnum:]_])(x?malloc|x?calloc|x?realloc|xreallocarray|x?strdup|x?strndup|v?x?asprintf|open_memstream|strbuf_[[:alnum:]_]*)[[:space:]]*\('
code=$(code_only src/diag_fatal.c) || fail "cannot read src/diag_fatal.c"
if hits=$(printf '%s\n' "$code" | grep -nE "$alloc"); then
	fail "diag_fatal.c allocates: $hits"
fi
echo "every message of $n files goes through diag"
