# lib.sh: what the station-to-hub tests share; sourced by
# tests/sync/test-*.sh after they set NAME (the temporary directory's
# prefix).  Needs HEARTH, HEARTH_HUB and FAULTPROXY; exits 77 (skip)
# without curl or sqlite3.  Leaves the test in a fresh directory $tmp with
# HEARTH_HUB_DB there, and gives it:
#
#   pass/fail/check     TAP-like lines and the counts $checks, $failed
#   hub ARGS            hearth-hub, bounded by timeout(1)
#   st ARGS             hearth on $tmp/st.db, in English, bounded
#   st_bg ARGS          the same to run with &, so that $! is hearth itself
#                       (kill -9 must hit the process that holds the batch)
#   serve [PORT]        start the hub on 127.0.0.1; sets hub_pid and port
#   proxy LOG ARGS      start faultproxy in front of the hub; sets pport
#   stop_proxy
#   staff PATH          a GET with the staff token in staff.token
#   waiting             records the station has not had acknowledged
#   finish              the sanitizer check and the summary; exit status
#
# Every process started here is stopped at exit; KEEP=1 keeps $tmp.

: "${HEARTH:?set HEARTH to the hearth binary}"
: "${HEARTH_HUB:?set HEARTH_HUB to the hearth-hub binary}"
: "${FAULTPROXY:?set FAULTPROXY to tests/tools/faultproxy}"
command -v curl >/dev/null 2>&1 || { echo "curl not found: skipped"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found: skipped"; exit 77; }
# tests/, absolute: the harness may start us by a relative path, and the
# cd below would break it.
tests=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-$NAME.XXXXXX") || exit 1
hub_pid=
sync_pid=
proxy_pid=
cleanup() {
	[ -n "$sync_pid" ] && kill -9 "$sync_pid" 2>/dev/null
	for p in $proxy_pid $hub_pid; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	if [ -n "${KEEP:-}" ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
cd "$tmp" || exit 1
export HEARTH_HUB_DB="$tmp/hub.db"
export LC_ALL=C.UTF-8
unset HEARTH_DB

. "$tests/checks.sh"
hub() { timeout 30 "$HEARTH_HUB" "$@"; }
st() { timeout 120 "$HEARTH" --db "$tmp/st.db" --lang en "$@"; }
st_bg() { exec "$HEARTH" --db "$tmp/st.db" --lang en "$@"; }

serve() {
	cat hub.log >>hub-before.log 2>/dev/null	# for the sanitizer check
	: >hub.log
	"$HEARTH_HUB" serve --listen "127.0.0.1:${1:-0}" 2>>hub.log &
	hub_pid=$!
	port=
	for _ in $(seq 1 100); do
		port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' hub.log)
		[ -n "$port" ] && return 0
		kill -0 "$hub_pid" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}
proxy() {
	local log=$1
	shift
	: >proxy.port
	"$FAULTPROXY" --upstream "$port" --max-seconds 120 --log "$log" \
		"$@" >proxy.port 2>>proxy.err &
	proxy_pid=$!
	pport=
	for _ in $(seq 1 50); do
		pport=$(head -1 proxy.port)
		[ -n "$pport" ] && return 0
		sleep 0.1
	done
	return 1
}
stop_proxy() {
	kill "$proxy_pid" 2>/dev/null
	wait "$proxy_pid" 2>/dev/null
	proxy_pid=
}
staff() {
	curl -s --max-time 60 -H "Authorization: Bearer $(cat staff.token)" \
		"http://127.0.0.1:$port$1"
}
waiting() {
	st status | sed -n 's/^Outbox: \([0-9]*\) records waiting.*/\1/p'
}
finish() {
	local logs
	logs=$(ls ./*.err hub.log hub-before.log 2>/dev/null)
	# shellcheck disable=SC2086
	if grep -q 'ERROR: \|runtime error' $logs 2>/dev/null; then
		fail "no sanitizer reports" \
			"$(grep -h -A5 'ERROR: \|runtime error' $logs | head -20)"
	else
		pass "no sanitizer reports"
	fi
	echo "$checks checks, $failed failed"
	[ "$failed" -eq 0 ]
}
