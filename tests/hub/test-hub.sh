#!/bin/bash
# test-hub.sh: hearth-hub end to end: a real hub on 127.0.0.1 (a port the
# kernel picks), driven by curl as county staff and stations would.
#   init, station add / token add (the token alone on stdout), /healthz;
#   upload a batch, replay it (acked again, stored once), the same number
#   with other bytes (409), garbage (400 JSON, nothing changes), missing,
#   wrong and misplaced tokens (401/403), a 100 MB body (413 at once, hub
#   memory bounded), a chunked body over the limit, a zip bomb (413);
#   the merged visits CSV (latest version wins, deleted rows gone, elder
#   names joined by ID number across stations), high-water, stations
#   (last upload, clock skew, backlog); SIGTERM stops it cleanly.
#
#   HEARTH_HUB=/path/hearth-hub MKBATCH=/path/mkbatch srcdir=SRC test-hub.sh
#
# Exit 0 when every check passes, 1 otherwise; 77 (skip) without curl.
set -u
. "$(dirname "$0")/../checks.sh"

: "${HEARTH_HUB:?set HEARTH_HUB to the hearth-hub binary}"
: "${MKBATCH:?set MKBATCH to tests/hub/mkbatch}"
srcdir=${srcdir:-.}
command -v curl >/dev/null 2>&1 || { echo "curl not found: skipped"; exit 77; }
data=$(cd "$srcdir/tests/data/hub" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-hub.XXXXXX") || exit 1
hub_pid=
cleanup() {
	if [ -n "$hub_pid" ]; then
		kill "$hub_pid" 2>/dev/null
		wait "$hub_pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp" || exit 1
export HEARTH_HUB_DB="$tmp/hub.db"
export LC_ALL=C.UTF-8

hub() { timeout 30 "$HEARTH_HUB" "$@"; }

# --- command line -------------------------------------------------------
hub init 2>init.err
check "init: exit 0" "$?" 0
[ "$(stat -c %a hub.db)" = 600 ] && pass "init: mode 0600" || fail "init: mode 0600"
hub init 2>init2.err
check "init again refuses" "$?" 1

hub station add LJC01 --name 李家村幸福院 --division 110101001001 >ljc.token 2>st.err
check "station add: exit 0" "$?" 0
check "station add: the token alone on stdout" \
	"$(grep -cE '^[0-9a-f]{64}$' ljc.token) $(wc -l <ljc.token)" "1 1"
hub station add DJZ02 --name 东街社区 --division 110101002001 >djz.token 2>&1
hub station add LJC01 --name again --division 110101001001 >dup.out 2>dup.err
check "station add: a code again fails" "$?:$(wc -c <dup.out)" "1:0"
hub station add 'bad code' --name x --division 110101001001 >/dev/null 2>&1
check "station add: bad code" "$?" 1
hub station add X1 --name x --division 12345 >/dev/null 2>&1
check "station add: bad division" "$?" 1
hub token add wang.li --role staff >staff.token 2>/dev/null
check "token add: exit 0, one line" "$?:$(wc -l <staff.token)" "0:1"
hub token add zhao --role boss >/dev/null 2>&1
check "token add: bad role is usage" "$?" 2
hub frobnicate >/dev/null 2>&1
check "unknown command is usage" "$?" 2
if command -v sqlite3 >/dev/null 2>&1; then
	if sqlite3 hub.db .dump | grep -qF -e "$(cat ljc.token)"; then
		fail "the database holds no token in clear"
	else
		pass "the database holds no token in clear"
	fi
fi

# --- serve ----------------------------------------------------------------
# A small payload limit makes the zip bomb cheap to build; the body limit
# stays the default (8 MiB).
"$HEARTH_HUB" serve --listen 127.0.0.1:0 --max-payload 4M 2>hub.log &
hub_pid=$!
port=
for _ in $(seq 1 100); do
	port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' hub.log)
	[ -n "$port" ] && break
	kill -0 "$hub_pid" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$port" ]; then
	fail "serve: listening" "$(cat hub.log)"
	exit 1
fi
pass "serve: listening on port $port"
url="http://127.0.0.1:$port"
LJC=$(cat ljc.token)
DJZ=$(cat djz.token)
STAFF=$(cat staff.token)

# req NAME [CURL ARGS]: body to NAME.json, "STATUS" on stdout.
req() {
	local name=$1
	shift
	curl -s -o "$name.json" -w '%{http_code}' --max-time 60 "$@"
}
# post NAME TOKEN FILE [CURL ARGS]: upload a batch.
post() {
	local name=$1 token=$2 file=$3
	shift 3
	req "$name" -X POST -H "Authorization: Bearer $token" \
		-H 'Content-Type: application/octet-stream' \
		--data-binary @"$file" "$@" "$url/api/v1/batches"
}
isjson_error() { grep -q '^{"error":".*"}$' "$1.json"; }
visits_csv() {	# the merged visits without received_at (it is now)
	curl -s --max-time 30 -H "Authorization: Bearer $STAFF" \
		"$url/api/v1/visits?format=csv" | sed 's/,[^,]*\r$//'
}

check "healthz" "$(req health "$url/healthz")" 200
check "healthz body" "$(cat health.json)" '{"status":"ok"}'

"$MKBATCH" LJC01 1 elder "$data/elders.csv" visit "$data/visits.csv" >b1 &&
"$MKBATCH" LJC01 1 visit "$data/visits-other.csv" >b1-other &&
"$MKBATCH" LJC01 2 elder "$data/elders2.csv" visit "$data/visits2.csv" >b2 &&
"$MKBATCH" DJZ02 1 visit "$data/visits-djz.csv" >djz1 &&
"$MKBATCH" --bomb 200 60000 LJC01 3 >bomb
check "mkbatch built the batches" "$?" 0

check "upload: 200" "$(post up1 "$LJC" b1)" 200
check "upload: ack" "$(cat up1.json | sed 's/"received_at":"[^"]*"/R/')" \
	'{"station":"LJC01","batch":1,"records":4,"stored":"new",R}'
check "replay: 200" "$(post up1b "$LJC" b1)" 200
check "replay: acked as a duplicate" "$(cat up1b.json)" \
	'{"station":"LJC01","batch":1,"records":4,"stored":"duplicate","received_at":null}'
check "replay chunked: 200" "$(post up1c "$LJC" b1 -H 'Transfer-Encoding: chunked')" 200
check "stored once" "$(visits_csv | grep -c '^LJC01:')" 2
check "same number, other bytes: 409" "$(post up1o "$LJC" b1-other)" 409
isjson_error up1o && pass "409 is JSON" || fail "409 is JSON" "$(cat up1o.json)"
check "the first version stays" "$(visits_csv | grep -c 'changed bytes')" 0

head -c 5000 /dev/urandom >garbage
check "garbage: 400" "$(post bad "$LJC" garbage)" 400
isjson_error bad && pass "garbage: JSON error" || fail "garbage: JSON error" "$(cat bad.json)"
head -c 200 b2 >truncated
check "truncated batch: 400" "$(post trunc "$LJC" truncated)" 400
check "nothing stored by bad uploads" "$(req hw -H "Authorization: Bearer $LJC" "$url/api/v1/high-water")" 200
check "high-water is 1, highest record LJC01:4" "$(cat hw.json)" '{"station":"LJC01","batch":1,"seq":4}'

check "no token: 401" "$(post noauth '' b2 -H 'Authorization:')" 401
grep -q '^hearth-hub: POST /api/v1/batches 401 {"error":' hub.log &&
	pass "a refusal is logged with its reason" ||
	fail "a refusal is logged with its reason" "$(tail -3 hub.log)"
isjson_error noauth && pass "401 is JSON" || fail "401 is JSON"
check "wrong token: 401" "$(post wrong "${LJC%?}x" b2)" 401
check "staff token cannot upload: 403" "$(post staffup "$STAFF" b2)" 403
check "another station's batch: 403" "$(post other "$LJC" djz1)" 403
check "station token cannot read: 403" \
	"$(req sread -H "Authorization: Bearer $LJC" "$url/api/v1/visits")" 403
check "high-water needs a station: 403" \
	"$(req shw -H "Authorization: Bearer $STAFF" "$url/api/v1/high-water")" 403

# 100 MB with a Content-Length: refused before a byte of it is read.
rss() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$hub_pid/status"; }
rss0=$(rss)
head -c 100M /dev/zero >big
start=$(date +%s)
code=$(req big -X POST -H "Authorization: Bearer $LJC" -T big "$url/api/v1/batches")
took=$(( $(date +%s) - start ))
check "100 MB body: 413" "$code" 413
isjson_error big && pass "413 is JSON" || fail "413 is JSON" "$(cat big.json)"
[ "$took" -le 5 ] && pass "413 came at once (${took}s)" || fail "413 took ${took}s"
# Chunked: no length to check first; counted, dropped past the limit.
code=$(head -c 10M /dev/zero | req chunk -X POST -H "Authorization: Bearer $LJC" \
	-H 'Transfer-Encoding: chunked' -T - "$url/api/v1/batches")
check "10 MB chunked: 413" "$code" 413
code=$(head -c 100M /dev/zero | req chunk2 -X POST -H "Authorization: Bearer $LJC" \
	-H 'Transfer-Encoding: chunked' -T - "$url/api/v1/batches")
[ "$code" != 200 ] && pass "100 MB chunked: refused ($code)" || fail "100 MB chunked accepted"
rm -f big
rss1=$(rss)
grow=$(( (rss1 - rss0) / 1024 ))
[ "$grow" -lt 64 ] && pass "hub memory grew ${grow} MB for 200 MB sent" \
	|| fail "hub memory grew ${grow} MB for 200 MB sent"
check "zip bomb: 413" "$(post bomb "$LJC" bomb)" 413
isjson_error bomb && pass "zip bomb: JSON error" || fail "zip bomb: JSON error" "$(cat bomb.json)"
check "still healthy" "$(req health2 "$url/healthz")" 200

# Batch 2 (an edit, a deleted visit, a new one) says its clock is two
# minutes ahead and that 5 batches wait behind it.
sent=$(( $(date +%s) + 120 ))
check "batch 2: 200" "$(post up2 "$LJC" b2 -H "X-Hearth-Sent-At: $sent" -H 'X-Hearth-Backlog: 5')" 200
check "DJZ02 batch 1: 200" "$(post djz "$DJZ" djz1)" 200
visits_csv >visits.got
if diff -u "$data/expected-visits.csv" visits.got >visits.diff; then
	pass "merged visits CSV"
else
	fail "merged visits CSV" "$(cat visits.diff)"
fi
check "visits NDJSON: 4 rows" "$(curl -s -H "Authorization: Bearer $STAFF" \
	"$url/api/v1/visits?format=ndjson" | grep -c '"uid":')" 4
check "visits since 2024-03-07: 2 rows" "$(curl -s -H "Authorization: Bearer $STAFF" \
	"$url/api/v1/visits?since=2024-03-07&format=ndjson" | grep -c '"uid":')" 2
check "bad since: 400" "$(req since -H "Authorization: Bearer $STAFF" \
	"$url/api/v1/visits?since=March")" 400
check "elders of LJC01: 2 rows" "$(curl -s -H "Authorization: Bearer $STAFF" \
	"$url/api/v1/elders?station=LJC01" | grep -c '^LJC01:')" 2
check "high-water is 2" "$(req hw2 -H "Authorization: Bearer $LJC" "$url/api/v1/high-water"; cat hw2.json)" \
	'200{"station":"LJC01","batch":2,"seq":6}'
check "stations: 200" "$(req stations -H "Authorization: Bearer $STAFF" "$url/api/v1/stations")" 200
ljc=$(grep '^LJC01,' stations.json | tr -d '\r')
IFS=, read -r code name div hw batches records last skew backlog <<<"$ljc"
check "stations: LJC01 high-water, batches, records" "$hw $batches $records" "2 2 8"
case $last in
20[0-9][0-9]-*T*Z) pass "stations: last upload $last" ;;
*) fail "stations: last upload" "$ljc" ;;
esac
[ "${skew:-0}" -ge 115 ] && [ "${skew:-0}" -le 125 ] \
	&& pass "stations: clock skew ${skew}s" || fail "stations: clock skew" "$ljc"
check "stations: backlog" "$backlog" 5
check "stations: DJZ02" "$(grep '^DJZ02,' stations.json | cut -d, -f4-6)" "1,1,1"
check "unknown path: 404" "$(req nf "$url/api/v1/nothing")" 404
isjson_error nf && pass "404 is JSON" || fail "404 is JSON"
check "GET batches: 405" "$(req m "$url/api/v1/batches")" 405

kill -TERM "$hub_pid"
for _ in $(seq 1 100); do
	kill -0 "$hub_pid" 2>/dev/null || break
	sleep 0.1
done
wait "$hub_pid"
check "SIGTERM: hub exits 0" "$?" 0
hub_pid=
if grep -q 'ERROR: \|runtime error' hub.log; then
	fail "no sanitizer reports" "$(grep -A20 'ERROR: \|runtime error' hub.log | head -30)"
else
	pass "no sanitizer reports"
fi

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
