# Helpers for the serve script tests (sourced, not a test itself).
# serve_start LOG_PREFIX ARGS...: starts feedcard serve on a free loopback
# port with ARGS, sets $port and $server_pid, and waits (at most 60 s) for
# the "serving" line. serve_stop: SIGTERM, then waits at most 10 s.
: "${FEEDCARD_BIN:?}"

serve_start() {
	local prefix=$1
	shift
	"$FEEDCARD_BIN" serve -l 127.0.0.1:0 "$@" >"$prefix.out" 2>"$prefix.err" &
	server_pid=$!
	port=
	for _ in $(seq 1 600); do
		port=$(sed -n 's|^feedcard serve: serving .* at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$prefix.out")
		[ -n "$port" ] && return 0
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "server did not start:"
	cat "$prefix.out" "$prefix.err"
	return 1
}

serve_stop() {
	[ -n "${server_pid:-}" ] || return 0
	kill -TERM "$server_pid" 2>/dev/null
	for _ in $(seq 1 100); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_status=$?
	server_pid=
}
