#!/bin/bash
# test-sync.sh: `hearth sync` against a real hearth-hub on 127.0.0.1 (a
# port the kernel picks), the way a station uses it:
#   a demo station syncs; the hub's visits are exactly the station's
#   (every column of every visit); an edit and a new visit move alone;
#   hearth status; a wrong token (401) stops with the token file named and
#   loses nothing; `hearth sync` killed -9 at random moments many times,
#   then the hub killed -9 and restarted in the middle of a sync: at the
#   end every record is at the hub exactly once (the hub's record count is
#   the sum of the batches the station had acked, and the listings match
#   the station's exports); the hub's meals, children and guidance CSVs
#   carry SPEC's columns and match the station's exports by uid.
#
# The kills happen while the uploads go through tests/tools/faultproxy
# holding each batch 50 ms (a slow link), so that a sync is still running
# when it is killed, however fast the machine and its disk.
#
#   HEARTH=... HEARTH_HUB=... FAULTPROXY=... test-sync.sh
#
# Exit 0 when every check passes, 1 otherwise; 77 (skip) without curl or
# sqlite3.
set -u
NAME=sync
. "$(dirname "$0")/lib.sh"

# The hub's NDJSON without what the hub adds, sorted; the station's export.
hub_rows() {
	staff "/api/v1/$1?format=ndjson" |
		sed 's/,"station":"[^"]*","batch":[0-9]*,"received_at":"[^"]*"}$/}/' |
		LC_ALL=C sort
}
station_rows() { st export "$1" --format ndjson | LC_ALL=C sort; }
hub_records() {	# records stored for LJC01 (every copy counts)
	staff /api/v1/stations | tr -d '\r' | awk -F, '$1 == "LJC01" { print $6 }'
}
acked_records() {
	sqlite3 st.db "SELECT coalesce(sum(records), 0) FROM sync_batch WHERE state = 'acked'"
}
# Every queued record went exactly once: the hub stored as many records
# as the station had acked, and the listings are the station's exports.
exactly_once() {	# exactly_once LABEL
	local a h
	h=$(hub_records)
	a=$(acked_records)
	check "$1: hub stored each acked record once" "$h" "$a"
	check "$1: nothing left in the outbox" \
		"$(sqlite3 st.db 'SELECT count(*) FROM outbox')" 0
	hub_rows visits >hub-visits
	station_rows visits >st-visits
	if cmp -s hub-visits st-visits; then
		pass "$1: hub visits = station visits ($(wc -l <st-visits))"
	else
		fail "$1: hub visits = station visits" \
			"$(diff hub-visits st-visits | head -5)"
	fi
	hub_rows elders >hub-elders
	station_rows elders >st-elders
	if cmp -s hub-elders st-elders; then
		pass "$1: hub elders = station elders ($(wc -l <st-elders))"
	else
		fail "$1: hub elders = station elders" \
			"$(diff hub-elders st-elders | head -5)"
	fi
}

# The hub's CSV of KIND (meals, children, guidance) carries SPEC's columns
# (its listing's, then station,batch,received_at) and, by uid, the same
# records with the same cells as the station's `hearth export KIND`.
# sqlite3 reads both CSVs (quoted notes and all).
spec_match() {	# spec_match LABEL KIND "uid,..."
	local hdr sql c bad
	staff "/api/v1/$2" | tr -d '\r' >"hub-$2.csv"
	st export "$2" | tr -d '\r' >"st-$2.csv"
	hdr=$(head -1 "hub-$2.csv")
	check "$1: hub $2 CSV has SPEC's columns" "$hdr" "$3,station,batch,received_at"
	sql=
	for c in $(echo "$3" | tr , ' '); do
		sql="$sql + (SELECT count(*) FROM h JOIN s USING (uid) WHERE h.$c IS NOT s.$c)"
	done
	bad=$(sqlite3 :memory: ".import --csv hub-$2.csv h" ".import --csv st-$2.csv s" \
		"SELECT (SELECT count(*) FROM h) || ' ' || (SELECT count(*) FROM s) || ' ' ||
		(SELECT count(*) FROM h JOIN s USING (uid)) || ' ' || (0 $sql)")
	set -- "$1" "$2" $bad
	if [ "$3" -gt 0 ] && [ "$3" = "$4" ] && [ "$3" = "$5" ] && [ "$6" = 0 ]; then
		pass "$1: hub $2 = station export by uid ($3)"
	else
		fail "$1: hub $2 = station export by uid" \
			"hub $3, station $4, same uid $5, cells differing $6"
	fi
}
meal_spec=uid,elder_id_number,elder_name,site,served_on,slot,mode,portions,price_fen,subsidy_fen,self_paid_fen
child_spec=uid,name,id_number,gender,birth_date,caregiver,caregiver_relation,caregiver_phone,division_code,address,flags,status
guidance_spec=uid,child_uid,child_name,held_at,form,provider,topics,age_months,referral,next_date,note
every_kind() {	# every_kind LABEL
	spec_match "$1" meals "$meal_spec"
	spec_match "$1" children "$child_spec"
	spec_match "$1" guidance "$guidance_spec"
}

# --- a hub, a station ---------------------------------------------------
hub init 2>/dev/null &&
hub station add LJC01 --name 李家村幸福院 --division 110101001001 >ljc.token 2>/dev/null &&
hub token add wang.li --role staff >staff.token 2>/dev/null
check "hub set up" "$?" 0
serve || { fail "hub listening" "$(cat hub.log)"; exit 1; }
pass "hub listening on $port"
url="http://127.0.0.1:$port"

st init --station LJC01 --name 李家村幸福院 --division 110101001001 >/dev/null 2>&1 &&
st demo --elders 50 --months 2 >/dev/null 2>&1
check "demo station" "$?" 0
queued=$(sqlite3 st.db 'SELECT count(*) FROM outbox')
saved=$(sqlite3 st.db 'SELECT (SELECT count(*) FROM elder) + (SELECT count(*) FROM visit) + (SELECT count(*) FROM meal) + (SELECT count(*) FROM site) + (SELECT count(*) FROM child) + (SELECT count(*) FROM guidance)')
check "every saved record is queued" "$queued" "$saved"

st sync >nohub.out 2>nohub.err
check "sync without a hub: usage" "$?" 2
st sync --hub "$url" --token-file ljc.token >sync1.out 2>sync1.err
check "first sync: exit 0" "$?" 0
grep -q 'records to send' sync1.err && pass "plain progress lines off a tty" \
	|| fail "plain progress lines off a tty" "$(cat sync1.err)"
exactly_once "first sync"
check "first sync: hub has all the station's records" "$(hub_records)" "$saved"
every_kind "first sync"
for k in meals children guidance; do	# every column, not only SPEC's
	hub_rows "$k" >"hub-$k"
	station_rows "$k" >"st-$k"
	if cmp -s "hub-$k" "st-$k"; then
		pass "first sync: hub $k = station $k, every column ($(wc -l <"st-$k"))"
	else
		fail "first sync: hub $k = station $k, every column" \
			"$(diff "hub-$k" "st-$k" | head -5)"
	fi
done

# --- only what changed moves ----------------------------------------------
id=$(sqlite3 st.db "SELECT id_number FROM elder ORDER BY uid LIMIT 1")
st add visit --elder "$id" --mode 电话 --visitor 王芳 --contacted 是 \
	--note 'sync test' >/dev/null 2>&1
check "a new visit" "$?" 0
sqlite3 st.db "UPDATE elder SET phone = '13900000000', updated_at = datetime('now') WHERE id_number = '$id'"
check "status counts 2 waiting" "$(st status | sed -n 's/^Outbox: \([0-9]*\) records waiting.*/\1/p')" 2
before=$(hub_records)
st sync >sync2.out 2>sync2.err
check "second sync (remembered hub and token): exit 0" "$?" 0
check "second sync: 2 records moved" "$(( $(hub_records) - before ))" 2
exactly_once "second sync"
check "a synced station has nothing to send" "$(st sync 2>&1 >/dev/null | head -1)" \
	"0 records to send"
st status >status.out
grep -q '^Last acknowledged batch: [0-9]' status.out && grep -q '^Last error: none' status.out \
	&& pass "status: last batch, no error" || fail "status" "$(cat status.out)"

# --- a wrong token stops, names the file, loses nothing ------------------
echo 0000000000000000000000000000000000000000000000000000000000000000 >bad.token
st add visit --elder "$id" --mode 上门 --visitor 王芳 --contacted 是 >/dev/null 2>&1
st sync --token-file bad.token >bad.out 2>bad.err
check "wrong token: exit 1" "$?" 1
grep -q 'bad.token' bad.err && pass "wrong token: the file is named" \
	|| fail "wrong token: the file is named" "$(cat bad.err)"
grep -q '^Last error: .*token' <(st status) && pass "status shows the error" \
	|| fail "status shows the error" "$(st status)"
printf '\357\273\277 %s\r\n' "$(cat ljc.token)" >notepad.token
st sync --token-file notepad.token >/dev/null 2>notepad.err
check "a token file as Notepad saves it (BOM, blank, CRLF): exit 0" "$?" 0
st sync --token-file ljc.token >/dev/null 2>&1
check "good token again: exit 0" "$?" 0
exactly_once "after a refused token"
sqlite3 "$HEARTH_HUB_DB" ".backup hub-old.db"	# restored near the end

# --- kill -9 the station mid-sync, again and again -----------------------
# Through the proxy at 50 ms a batch, the backlog takes seconds to send:
# every kill (at most 0.4 s after the start) lands in the middle.
st demo --elders 400 --months 6 >/dev/null 2>&1
pending=$(sqlite3 st.db 'SELECT count(*) FROM outbox WHERE batch_no IS NULL')
[ "$pending" -gt 1000 ] && pass "a big backlog: $pending records" \
	|| fail "a big backlog" "$pending"
proxy slow.log --faults stall:50ms --path /api/v1/batches ||
	{ fail "proxy listening" "$(cat proxy.err)"; exit 1; }
slow="http://127.0.0.1:$pport"
kills=0
in_flight=0	# kills that left a batch cut and not acknowledged
for i in $(seq 1 12); do
	st_bg sync --hub "$slow" --batch-records 25 >/dev/null 2>&1 &
	sync_pid=$!
	sleep "0.$(( RANDOM % 4 ))$(( RANDOM % 10 ))"
	kill -9 "$sync_pid" 2>/dev/null && kills=$((kills + 1))
	wait "$sync_pid" 2>/dev/null
	sync_pid=
	[ "$(sqlite3 st.db "SELECT count(*) FROM sync_batch WHERE state = 'cut'")" -gt 0 ] &&
		in_flight=$((in_flight + 1))
done
echo "# $in_flight of $kills kills left a batch in flight"
left=$(sqlite3 st.db "SELECT count(*) FROM outbox")
check "every sync was killed mid-way" "$kills" 12
[ "$left" -gt 0 ] && pass "killed $kills times mid-sync, $left still queued" \
	|| fail "kills came too late to test anything" "killed $kills"
st sync --hub "$url" --batch-records 25 >/dev/null 2>kill.err
check "sync after kill -9: exit 0" "$?" 0
exactly_once "after kill -9 of the station"

# --- kill -9 the hub mid-sync, restart it ------------------------------------
# About 30 batches at 50 ms or more each: the hub dies at 0.4 s, mid-sync.
st demo --elders 300 --months 6 >/dev/null 2>&1
st_bg sync --hub "$slow" --batch-records 100 >hubkill.out 2>hubkill.err &
sync_pid=$!
sleep 0.4
kill -9 "$hub_pid"
wait "$hub_pid" 2>/dev/null
hub_pid=
sleep 0.5
serve "$port" || fail "hub restarted" "$(cat hub.log)"
wait "$sync_pid"
rc=$?
sync_pid=
check "sync across a hub kill -9: exit 0" "$rc" 0
grep -q 'trying again' hubkill.err && pass "it retried with back-off" \
	|| fail "it retried with back-off" "$(tail -3 hubkill.err)"
stop_proxy
st sync --hub "$url" >/dev/null 2>&1	# the hub's URL remembered again
exactly_once "after kill -9 of the hub"
every_kind "after kill -9 of the hub"

# --- the hub restored from an older backup -----------------------------------
# It lost the batches acked since: the station sees the hub's high-water
# mark below its acks and sends every record again; the hub's listings
# are the station's again.
kill "$hub_pid"
wait "$hub_pid" 2>/dev/null
hub_pid=
rm -f "$HEARTH_HUB_DB-wal" "$HEARTH_HUB_DB-shm"
cp hub-old.db "$HEARTH_HUB_DB"
serve "$port" || fail "hub restored and restarted" "$(cat hub.log)"
st sync >restored.out 2>restored.err
check "sync to a restored hub: exit 0" "$?" 0
grep -q 'older backup' restored.err && pass "it says the hub lost batches" \
	|| fail "it says the hub lost batches" "$(head -3 restored.err)"
for k in visits elders meals; do
	hub_rows "$k" >"hub-$k"
	station_rows "$k" >"st-$k"
	if cmp -s "hub-$k" "st-$k"; then
		pass "restored hub: hub $k = station $k again ($(wc -l <"st-$k"))"
	else
		fail "restored hub: hub $k = station $k again" \
			"$(diff "hub-$k" "st-$k" | head -5)"
	fi
done
st sync >again.out 2>&1
check "the next sync sends nothing more" "$(head -1 again.out)" "0 records to send"

# --- the station restored from an older backup ------------------------------
# The hub holds a visit the backup never saw; the restored file must not
# give its record number to the next visit (the hub's listings are one
# row per uid: the older visit would vanish from the county's view).
sqlite3 st.db ".backup st-old.db"
day=$(date -d yesterday +%F)
st add visit --elder "$id" --mode 其他 --visitor 王芳 --contacted 是 \
	--visited_at "$day 08:01" --note 'after the backup' >/dev/null 2>&1 &&
	st sync >/dev/null 2>&1
check "a visit the backup does not have reaches the hub" "$?" 0
n_before=$(hub_rows visits | wc -l)
rm -f st.db-wal st.db-shm
cp st-old.db st.db
st sync >st-restored.out 2>st-restored.err
check "sync of the restored station: exit 0" "$?" 0
st add visit --elder "$id" --mode 其他 --visitor 王芳 --contacted 是 \
	--visited_at "$day 08:02" --note 'after the restore' >/dev/null 2>&1 &&
	st sync >/dev/null 2>&1
check "a visit saved after the restore reaches the hub" "$?" 0
hub_rows visits >hub-visits
check "the hub lists both visits (none replaced the other)" \
	"$(wc -l <hub-visits) $(grep -c 'after the backup' hub-visits) $(grep -c 'after the restore' hub-visits)" \
	"$((n_before + 1)) 1 1"

# --- one sync at a time; --every keeps going --------------------------------
st_bg sync --every 1h >every.out 2>every.err &
sync_pid=$!
for _ in $(seq 1 50); do
	grep -q 'sync done' every.out 2>/dev/null && break
	sleep 0.1
done
grep -q 'sync done' every.out && pass "--every: the first round ran" \
	|| fail "--every: the first round ran" "$(cat every.err)"
st sync >second.out 2>second.err
check "a second sync at once: exit 1" "$?" 1
grep -q 'another hearth sync' second.err && pass "a second sync says why" \
	|| fail "a second sync says why" "$(cat second.err)"
kill "$sync_pid"
wait "$sync_pid" 2>/dev/null
sync_pid=

# --- a bar on a terminal ----------------------------------------------------
if command -v script >/dev/null 2>&1; then
	st add visit --elder "$id" --mode 视频 --visitor 王芳 --contacted 是 >/dev/null 2>&1
	script -qec "$HEARTH --db $tmp/st.db --lang en sync" /dev/null >tty.out 2>&1
	grep -q '\[#*-*\] [0-9]*/[0-9]* records' tty.out && pass "a progress bar on a tty" \
		|| fail "a progress bar on a tty" "$(cat -v tty.out | head -3)"
fi

# --- the home screen's sync line (tmux, 80x24) -------------------------------
# No network from the screen: the outbox and the last sync's settings.
if command -v tmux >/dev/null 2>&1; then
	tsock="hearth-sync-$$"
	tm() { tmux -L "$tsock" -f /dev/null "$@"; }
	# home DB: log in on a fresh 80x24 window; the home screen in $tmp/home.
	home() {
		local i
		tm kill-server >/dev/null 2>&1
		tm new-session -d -s e2e -x 80 -y 24 "env LANG=C.UTF-8 LC_ALL= \
		    TERM=xterm '$HEARTH' --lang en --db '$1' tui" || return 1
		for i in $(seq 1 100); do
			tm capture-pane -p -t e2e | grep -q 'Login\|login\|User' && break
			sleep 0.1
		done
		tm send-keys -t e2e wangfang Enter
		tm send-keys -t e2e -l 1357
		tm send-keys -t e2e Enter
		for i in $(seq 1 300); do
			tm capture-pane -p -t e2e >home 2>/dev/null
			grep -q 'To visit' home && { sleep 0.3; tm capture-pane -p -t e2e >home; break; }
			sleep 0.1
		done
		tm kill-server >/dev/null 2>&1
		grep -q 'To visit' home
	}
	wide() { [ "$(wc -L <home)" -le 80 ]; }	# display columns
	st add visit --elder "$id" --mode 远程监测 --visitor 王芳 --contacted 是 >/dev/null 2>&1
	ok_at=$(sqlite3 st.db "SELECT substr(value, 6, 11) FROM setting WHERE key = 'sync.last_success'")
	if home "$tmp/st.db" && grep -qF "Records to upload: 1 · last sync $ok_at succeeded" home && wide; then
		pass "home screen: backlog and last success"
	else
		fail "home screen: backlog and last success" "$(cat home)"
	fi
	st sync --token-file bad.token >/dev/null 2>&1
	err_at=$(sqlite3 st.db "SELECT substr(value, 6, 11) FROM setting WHERE key = 'sync.last_error_at'")
	if home "$tmp/st.db" && grep -qF "Records to upload: 1 · last sync $err_at failed: the hub refused the token" home && wide; then
		pass "home screen: a failed sync says why"
	else
		fail "home screen: a failed sync says why" "$(cat home)"
	fi
	cp st.db nohub.db
	sqlite3 nohub.db "DELETE FROM setting WHERE key = 'sync.hub_url'"
	if home "$tmp/nohub.db" && ! grep -q 'upload\|last sync' home; then
		pass "home screen: no sync line without a hub"
	else
		fail "home screen: no sync line without a hub" "$(cat home)"
	fi
	st sync --token-file ljc.token >/dev/null 2>&1
fi

finish
