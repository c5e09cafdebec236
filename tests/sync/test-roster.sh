#!/bin/bash
# test-roster.sh: the county's roster reaching the stations, end to end:
# `hearth-hub roster import` of a civil-affairs list (a demo station's
# export, GB18030 with Chinese headers, as Excel/WPS writes it), then
# `hearth sync` on two village stations and one town station against a
# real hearth-hub on 127.0.0.1:
#   each station gets exactly the elders and children of its division;
#   a second sync downloads nothing (304, the ETag remembered);
#   the county changes a phone the station never touched (taken) and one
#   the station had edited (the station's edit kept);
#   an elder the station registered itself before the county keeps its
#   own values and gains what it lacked;
#   what the roster brought is uploaded back once (the hub's listings);
#   `hearth sync` killed -9 while it merges a large roster leaves the
#   station as it was or fully merged, and the next sync finishes it.
#
#   HEARTH=... HEARTH_HUB=... FAULTPROXY=... test-roster.sh
#
# Exit 0 when every check passes, 1 otherwise; 77 (skip) without curl,
# sqlite3 or iconv.
set -u
NAME=roster
. "$(dirname "$0")/lib.sh"
command -v iconv >/dev/null 2>&1 || { echo "iconv not found: skipped"; exit 77; }

# on DB ARGS: hearth on another station's file.
on() { local db=$1; shift; timeout 120 "$HEARTH" --db "$tmp/$db" --lang en "$@"; }
# county_list DB KIND OUT: a list for `roster import` from DB's export
# (uid, and what a county does not keep, left out), in GB18030 (what
# Excel/WPS on Chinese Windows writes; GBK for every name GBK can spell)
# with the Chinese headers SPEC gives for imports.
elder_cn=姓名,身份证号,性别,出生日期,联系电话,紧急联系人,紧急联系电话,区划代码,住址,困难类型,居住状况,能力等级
child_cn=姓名,性别,出生日期,身份证号,照护人,与儿童关系,照护人电话,区划代码,住址,标记
county_list() {	# county_list DB KIND OUT
	local cols db=$1 only=1
	shift
	case $1 in
	elders)	cols='name,id_number,gender,birth_date,phone,emergency_contact,emergency_phone,division_code,address,hardship_types,living,ability_level'
		hdr=$elder_cn ;;
	children) cols='name,gender,birth_date,id_number,caregiver,caregiver_relation,caregiver_phone,division_code,address,flags'
		hdr=$child_cn
		only="status = '在册'" ;;	# a child of three is no longer listed
	esac
	on "$db" export "$1" >"county-$1.all.csv"
	sqlite3 :memory: ".import --csv county-$1.all.csv t" ".headers on" \
		".mode csv" "SELECT * FROM t WHERE $only" >"county-$1.utf8.csv"
	sqlite3 :memory: ".import --csv county-$1.all.csv t" ".headers off" \
		".mode csv" "SELECT $cols FROM t WHERE $only ORDER BY 2" >"$2.body"
	{ printf '%s\r\n' "$hdr"; tr -d '\r' <"$2.body" | sed 's/$/\r/'; } |
		iconv -f UTF-8 -t GB18030 >"$2"
}
# ids DB KIND: the ID numbers of a station's (not deleted) records, sorted.
ids() {
	on "$1" export "$2" | tail -n +2 | cut -d, -f3 | LC_ALL=C sort
}
# county_ids KIND PREFIX: the ID numbers of the county list in a division.
county_ids() {
	tail -n +2 "county-$1.utf8.csv" | awk -F, -v p="$2" \
		'index($9, p) == 1 && $3 != "" { print $3 }' | LC_ALL=C sort
}
county_cell() {	# county_cell ID COLUMN: the county list's elder ID's COLUMN
	sqlite3 :memory: ".import --csv county-elders.utf8.csv t" \
		"SELECT \"$2\" FROM t WHERE id_number = '$1'"
}
cell() {	# cell DB KIND ID COLUMN: one cell of the record with ID number ID
	on "$1" export "$2" --format csv >cell.csv
	sqlite3 :memory: ".import --csv cell.csv t" \
		"SELECT \"$4\" FROM t WHERE id_number = '$3'"
}

# --- the county's register --------------------------------------------------
hub init 2>/dev/null &&
hub station add LJC01 --name 李家村 --division 110101101201 >ljc.token 2>/dev/null &&
hub station add HDS01 --name 河东社区 --division 110101101001 >hds.token 2>/dev/null &&
hub station add XZ01 --name 城关镇 --division 110101101000 >xz.token 2>/dev/null &&
hub token add wang.li --role staff >staff.token 2>/dev/null
check "hub set up" "$?" 0
serve || { fail "hub listening" "$(cat hub.log)"; exit 1; }
url="http://127.0.0.1:$port"

on county.db init --station CTY --name 县民政局 --division 110101000000 >/dev/null 2>&1 &&
on county.db demo --elders 60 --children 20 --months 1 >/dev/null 2>&1
check "a county list to import" "$?" 0
county_list county.db elders elders.csv
county_list county.db children children.csv
hub roster import elders elders.csv >import.out 2>import.err
check "roster import elders (GB18030, Chinese headers): exit 0" "$?" 0
hub roster import children children.csv >>import.out 2>>import.err
check "roster import children: exit 0" "$?" 0

for s in LJC01:ljc:110101101201 HDS01:hds:110101101001 XZ01:xz:110101101000; do
	IFS=: read -r code tok div <<<"$s"
	on "$code.db" init --station "$code" --name "$code" --division "$div" >/dev/null 2>&1
done

# --- first sync: each station its own division --------------------------------
on LJC01.db sync --hub "$url" --token-file ljc.token >ljc1.out 2>ljc1.err
check "village station: first sync exit 0" "$?" 0
grep -q '^roster elders: [1-9][0-9]* new' ljc1.err && pass "it says what it merged" \
	|| fail "it says what it merged" "$(cat ljc1.err)"
check "village station: its village's elders" "$(ids LJC01.db elders)" \
	"$(county_ids elders 110101101201)"
check "village station: its village's children" "$(ids LJC01.db children)" \
	"$(county_ids children 110101101201)"
on HDS01.db sync --hub "$url" --token-file hds.token >/dev/null 2>&1
check "another village: its own elders" "$(ids HDS01.db elders)" \
	"$(county_ids elders 110101101001)"
on XZ01.db sync --hub "$url" --token-file xz.token >/dev/null 2>&1
check "town station: every village of the town" "$(ids XZ01.db elders)" \
	"$(county_ids elders 110101101)"
n=$(county_ids elders 110101101201 | wc -l)
[ "$n" -gt 2 ] && pass "the village has $n elders on the list" \
	|| fail "too few elders in the village to test with" "$n"

# What the roster brought is the station's now: uploaded, exactly once.
on LJC01.db sync >ljc2.out 2>ljc2.err
check "second sync: exit 0" "$?" 0
grep -q '^roster elders: not changed' ljc2.err && pass "second sync: roster not changed (ETag)" \
	|| fail "second sync: roster not changed (ETag)" "$(cat ljc2.err)"
timeout 60 "$HEARTH" --db "$tmp/LJC01.db" --lang zh_CN sync >zh.out 2>zh.err
grep -q '^老年人花名册：没有变化' zh.err && pass "in Chinese: 老年人花名册：没有变化" \
	|| fail "in Chinese: the roster named in Chinese" "$(cat zh.err)"
check "the hub lists the station's elders once each" \
	"$(staff '/api/v1/elders?station=LJC01' | tail -n +2 | wc -l)" "$n"

# --- the county changes two phones; the station had edited one ------------------
set -- $(county_ids elders 110101101201)
a=$1 b=$2
on LJC01.db add elder --id_number "$a" --name "$(county_cell "$a" name)" \
	--division_code 110101101201 --phone 13911112222 >/dev/null 2>&1
check "station edits elder A's phone" "$?" 0
iconv -f GB18030 -t UTF-8 elders.csv |
	sed -e "/,$a,/s/,1[3-9][0-9]\{9\},/,13700000001,/" \
	    -e "/,$b,/s/,1[3-9][0-9]\{9\},/,13700000002,/" |
	iconv -f UTF-8 -t GB18030 >elders2.csv
hub roster import elders elders2.csv >/dev/null 2>&1
check "county re-imports with two phones changed" "$?" 0
on LJC01.db sync >ljc3.out 2>ljc3.err
check "sync after the county's change: exit 0" "$?" 0
check "B's phone (untouched here) is the county's" "$(cell LJC01.db elders "$b" phone)" 13700000002
check "A's phone (edited here) is the station's" "$(cell LJC01.db elders "$a" phone)" 13911112222
grep -q 'kept local edits\|local edit' ljc3.err && pass "the kept edit is reported" \
	|| fail "the kept edit is reported" "$(cat ljc3.err)"

# --- registered here first ---------------------------------------------------------
set -- $(county_ids elders 110101101001)
c=$1
name=$(county_cell "$c" name)
rm -f HDS02.db
hub station add HDS02 --name 河东社区二站 --division 110101101001 >hds2.token 2>/dev/null
on HDS02.db init --station HDS02 --name HDS02 --division 110101101001 >/dev/null 2>&1
on HDS02.db add elder --name "$name" --id_number "$c" --division_code 110101101001 \
	--phone 13800000003 --hardship_types 独居 >/dev/null 2>&1
check "an elder registered at the station first" "$?" 0
on HDS02.db sync --hub "$url" --token-file hds2.token >/dev/null 2>&1
check "its phone stays the station's" "$(cell HDS02.db elders "$c" phone)" 13800000003
check "its address comes from the county" "$(cell HDS02.db elders "$c" address)" \
	"$(county_cell "$c" address)"

# --- a link that cuts the roster short ---------------------------------------
# Truncated and lost replies are fetched again; nothing half-read is merged.
hub station add LJC02 --name 李家村二站 --division 110101101201 >ljc2.token 2>/dev/null
on LJC02.db init --station LJC02 --name LJC02 --division 110101101201 >/dev/null 2>&1
proxy roster.log --path /api/v1/roster --faults truncate-reply,lose-ack,ok,truncate-reply,ok ||
	{ fail "proxy listening" "$(cat proxy.err)"; exit 1; }
on LJC02.db sync --hub "http://127.0.0.1:$pport" --token-file ljc2.token >cut.out 2>cut.err
check "through truncated and lost replies: exit 0" "$?" 0
stop_proxy
check "the faults were met" "$(grep -c 'fault=truncate-reply\|fault=lose-ack' roster.log)" 3
check "and the roster is whole" "$(ids LJC02.db elders)" "$(ids LJC01.db elders)"

# --- kill -9 in the middle of a big merge -------------------------------------------
on big.db init --station CTY2 --name 县 --division 110101000000 >/dev/null 2>&1 &&
on big.db demo --elders 3000 --children 0 --months 1 >/dev/null 2>&1
county_list big.db elders big.csv
hub roster import elders big.csv >/dev/null 2>&1
check "a county list of 3000 imported" "$?" 0
hub station add BIG01 --name 大站 --division 110101000000 >big.token 2>/dev/null
on BIG01.db init --station BIG01 --name BIG01 --division 110101000000 >/dev/null 2>&1
# The county-level station's roster: both lists (distinct ID numbers).
want=$(staff '/api/v1/roster?kind=elders&station=BIG01' | tail -n +2 | wc -l)
big_bg() { exec "$HEARTH" --db "$tmp/BIG01.db" --lang en "$@"; }	# with &
torn=0
for i in $(seq 1 6); do
	big_bg sync --hub "$url" --token-file big.token >/dev/null 2>&1 &
	sync_pid=$!
	sleep "0.$(( RANDOM % 10 ))"
	kill -9 "$sync_pid" 2>/dev/null
	wait "$sync_pid" 2>/dev/null
	sync_pid=
	got=$(sqlite3 BIG01.db 'SELECT count(*) FROM elder')
	[ "$got" = 0 ] || [ "$got" = "$want" ] || torn=$((torn + 1))
done
check "no kill left a half-merged roster" "$torn" 0
on BIG01.db sync >big.out 2>big.err
check "the sync after the kills: exit 0" "$?" 0
check "then every elder of the county list is there once" \
	"$(sqlite3 BIG01.db 'SELECT count(*) || " " || count(DISTINCT id_number) FROM elder')" \
	"$want $want"

finish
