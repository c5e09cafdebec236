#!/bin/bash
# test-cli.sh: the command line end to end, on real files and a real
# database: init (and what a failed init leaves: nothing), accounts, CSV
# import (UTF-8 with BOM and CRLF, GB18030, broken rows, a 10 MB field),
# export (plain and --excel, both round trips), add, coverage, find, demo,
# a database without a station, usage errors.
#
#   HEARTH=/path/to/hearth srcdir=/path/to/source tests/cli/test-cli.sh
#
# Expected outputs are in tests/data/cli/; the input files and what each
# is for in tests/data/import/README.  The clock is fixed with HEARTH_NOW
# (faketime cannot reach an ASan binary), messages are English (--lang en,
# the msgids) so the goldens do not depend on a built catalogue.  Exit 0
# when every check passes, 1 otherwise.
set -u
. "$(dirname "$0")/../checks.sh"

: "${HEARTH:?set HEARTH to the hearth binary}"
srcdir=${srcdir:-.}
HEARTH=$(cd "$(dirname "$HEARTH")" && pwd)/$(basename "$HEARTH")
data=$(cd "$srcdir/tests/data" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

export HEARTH_DB="$tmp/station.db"
export HEARTH_NOW="2024-03-20 18:00"
export LC_ALL=C.UTF-8
unset LANGUAGE HEARTH_LOCALEDIR
cd "$tmp" || exit 1
cp "$data"/import/*.csv .

# h ARGS: hearth in English, bounded in time.
h() { timeout 120 "$HEARTH" --lang en "$@"; }

# same NAME GOT WANT: files are identical.
same() {
	if diff -u "$3" "$2" >"$1.diff"; then
		pass "$1"
	else
		fail "$1" "$(head -20 "$1.diff")"
	fi
}

# line NAME FILE TEXT: FILE is exactly the one line TEXT.
line() {
	printf '%s\n' "$3" >"$1.want"
	same "$1" "$2" "$1.want"
}

# ------------------------------------------------------------ usage
run help 0 --help
has help-lists-import help.out "import"
run version 0 --version
has version-text version.out "hearth "
for cmd in init demo user import export report find add tui; do
	run "help-$cmd" 0 "$cmd" --help
	has "help-$cmd-usage" "help-$cmd.out" "Usage: hearth "
done

run usage-command 2 frobnicate
has usage-command-line usage-command.err "Usage: hearth"
run usage-global-option 2 --colour
run usage-lang 2 --lang fr find x
run usage-option 2 import elders x.csv --frobnicate
has usage-option-names-it usage-option.err "--frobnicate"
run usage-missing-value 2 import elders x.csv --encoding
has usage-missing-value-says usage-missing-value.err "--encoding needs a value"
run usage-encoding 2 import elders x.csv --encoding latin1
run usage-import-kind 2 import kids x.csv
run usage-import-args 2 import elders
run usage-export-format 2 export elders --format xml
run usage-export-since 2 export visits --since 2024-02-30
run usage-report-month 2 report coverage --month 2024-13
run usage-report-level 2 report coverage --level province
run usage-add-meal 2 add meal --elder 1
run usage-add-missing 2 add visit --elder 411523195003150111
run usage-demo-children 2 demo --children -1
run usage-demo-elders 2 demo --elders 0
run usage-user-role 2 user add li
run usage-find 2 find

# ------------------------------------------------------------ init, user
run no-db 1 export elders
has no-db-says no-db.err "hearth init"
run init 0 init --station LJC01 --name 李家村幸福院 --division 411523101201
has init-no-account init.out "administrator's account"
run init-again 0 init --station LJC01 --name 李家村幸福院 --division 411523101201
run init-other 1 init --station WZC02 --name 王庄村幸福院 --division 411523101202
has init-other-says init-other.err "already belongs to station LJC01"

# A typo in init's values is found before the file exists; a failure
# after the file was made removes it again (here SQLite cannot make its
# -wal file, a directory being in the way, which must itself be left).
typo() {
	local name=$1
	shift
	run "init-typo-$name" 2 --db typo.db init "$@"
	if [ -e typo.db ]; then
		fail "init-typo-$name: typo.db was created"
		rm -f typo.db
	else
		pass "init-typo-$name: nothing created"
	fi
}
typo code --station L_J01 --name 李家村幸福院 --division 411523101201
has init-typo-code-says init-typo-code.err 'station code "L_J01"'
typo division --station LJC01 --name 李家村幸福院 --division 4115231012
has init-typo-division-says init-typo-division.err "12 digits"
typo nowhere --station LJC01 --name 李家村幸福院 --division 000000000000
has init-typo-nowhere-says init-typo-nowhere.err "province code"
typo name --station LJC01 --name "" --division 411523101201
has init-typo-name-says init-typo-name.err "station name"
mkdir undo.db-wal
run init-undo 1 --db undo.db init --station LJC01 --name 李家村幸福院 \
    --division 411523101201
if [ ! -e undo.db ] && [ -d undo.db-wal ] && [ ! -e undo.db-shm ]; then
	pass "init-undo: the new file removed, the directory kept"
else
	fail "init-undo: left behind" "$(ls -la undo.db*)"
fi
rmdir undo.db-wal

if echo 135790 | h user add admin --role admin >user.out 2>user.err; then
	pass "user-add: PIN from stdin"
else
	fail "user-add: PIN from stdin" "$(cat user.err)"
fi
line user-add-says user.out "Account admin (admin) added."
if echo 2468 | h user add admin --role volunteer >/dev/null 2>user2.err; then
	fail "user-add-duplicate: accepted"
else
	pass "user-add-duplicate: refused"
fi
if echo 12a4 | h user add li --role volunteer >/dev/null 2>user3.err; then
	fail "user-add-bad-pin: accepted"
else
	pass "user-add-bad-pin: refused"
fi
run user-add-no-pin 1 user add li --role volunteer

# ------------------------------------------------------------ import
run import-utf8 0 import elders elders-utf8-bom-crlf.csv
line import-utf8-summary import-utf8.out \
    "6 inserted, 0 updated, 0 unchanged, 0 rejected"
run import-gbk-as-utf8 1 import elders elders-gbk.csv --encoding utf-8
run import-gbk 0 import elders elders-gbk.csv
line import-gbk-summary import-gbk.out \
    "3 inserted, 0 updated, 0 unchanged, 0 rejected"
run import-bad 3 import elders elders-bad.csv
line import-bad-summary import-bad.out \
    "1 inserted, 0 updated, 0 unchanged, 5 rejected"
same import-bad-reasons import-bad.err "$data/cli/elders-bad.err"

run import-visits-dry 0 import visits visits.csv --dry-run
has import-visits-dry-says import-visits-dry.out "Dry run"
run export-after-dry 0 export visits
line export-after-dry-empty export-after-dry.out \
    "$(printf 'uid,elder_id_number,elder_name,visited_at,mode,visitor,contacted,services,health,needs,emergency,referral,follow_up_date,note,outcome,economy,family,safety,emergency_action\r')"
run import-visits 0 import visits visits.csv
line import-visits-summary import-visits.out \
    "6 inserted, 0 updated, 0 unchanged, 0 rejected"
run import-visits-bad 3 import visits visits-bad.csv
same import-visits-bad-reasons import-visits-bad.err \
    "$data/cli/visits-bad.err"

# ------------------------------------------------------------ export
run export-elders 0 export elders
head -1 export-elders.out | tr -d '\r' >elders-header
line export-elders-header elders-header \
    "uid,name,id_number,gender,birth_date,phone,emergency_contact,emergency_phone,division_code,address,hardship_types,living,ability_level,risk_tier,status,visit_consent,status_date,registered_on,note"
same export-elders-golden export-elders.out "$data/cli/elders.csv"
run export-visits 0 export visits
head -1 export-visits.out | tr -d '\r' >visits-header
line export-visits-header visits-header \
    "uid,elder_id_number,elder_name,visited_at,mode,visitor,contacted,services,health,needs,emergency,referral,follow_up_date,note,outcome,economy,family,safety,emergency_action"
same export-visits-golden export-visits.out "$data/cli/visits.csv"
run export-ndjson 0 export visits --format ndjson
if [ "$(wc -l <export-ndjson.out)" -eq "$(($(wc -l <export-visits.out) - 1))" ]
then pass "export-ndjson: one line per visit"
else fail "export-ndjson: one line per visit"; fi
has export-ndjson-member export-ndjson.out '"elder_name":"单雄"'
run export-period 0 export visits --since 2024-03-06 --until 2024-03-07
if [ "$(wc -l <export-period.out)" -eq 3 ]; then pass "export-period: 2 visits"
else fail "export-period: 2 visits" "$(cat export-period.out)"; fi

# ------------------------------------------------------------ re-import
for f in elders-utf8-bom-crlf elders-gbk; do
	run "reimport-$f" 0 import elders "$f.csv"
	has "reimport-$f-nothing" "reimport-$f.out" "0 inserted, 0 updated"
done
run reimport-bad 3 import elders elders-bad.csv
line reimport-bad-summary reimport-bad.out \
    "0 inserted, 0 updated, 1 unchanged, 5 rejected"
run reimport-visits 0 import visits visits.csv
line reimport-visits-summary reimport-visits.out \
    "0 inserted, 0 updated, 6 unchanged, 0 rejected"
cp export-elders.out exported-elders.csv
cp export-visits.out exported-visits.csv
run reimport-export-elders 0 import elders exported-elders.csv
line reimport-export-elders-summary reimport-export-elders.out \
    "0 inserted, 0 updated, 10 unchanged, 0 rejected"
run reimport-export-visits 0 import visits exported-visits.csv
line reimport-export-visits-summary reimport-export-visits.out \
    "0 inserted, 0 updated, 7 unchanged, 0 rejected"
run export-elders-again 0 export elders
same reimport-changes-nothing export-elders-again.out export-elders.out

# ------------------------------------------------------------ add
run add-visit 0 add visit --elder 411523194505050271 \
    --visited_at "2024-03-19 09:30" --mode 上门 --visitor 张丽 --contacted 是 \
    --services 问安、陪伴聊天 --health 精神好 --needs 想申请助餐
line add-visit-says add-visit.out "Visit saved."
run add-visit-again 0 add visit --elder 411523194505050271 \
    --visited_at "2024-03-19 09:30" --mode 上门 --visitor 张丽 --contacted 是 \
    --services 问安、陪伴聊天 --health 精神好 --needs 想申请助餐
has add-visit-again-unchanged add-visit-again.out "nothing changed"
run add-visit-unknown 1 add visit --elder 411523194603030354 \
    --mode 上门 --visitor 张丽 --contacted 是 --visited_at "2024-03-19 10:00"
run add-visit-emergency 1 add visit --elder 411523194505050271 \
    --mode 电话 --visitor 张丽 --contacted 是 --emergency 是
has add-visit-emergency-says add-visit-emergency.err "emergency action"
run add-visit-emergency-action 0 add visit --elder 411523194505050271 \
    --visited_at "2024-03-19 16:00" --mode 电话 --visitor 张丽 --contacted 是 \
    --outcome 发现风险 --emergency 是 --emergency_action "已联系其女儿, 送镇卫生院" \
    --economy 低保已到账 --family 女儿每周来一次 --safety 电线老化 \
    --note "夜里摔倒，
第二天才发现"
line add-visit-emergency-action-says add-visit-emergency-action.out \
    "Visit saved."

# ------------------------------------------------------------ round trip
# Export, import into a fresh database, export again: the same rows.  The
# uids are the fresh station's own (the first column, never quoted), so
# they are left out of the comparison; every other field must survive,
# the columns after SPEC's included (an emergency visit needs its action
# to be imported at all).
fresh="$tmp/fresh.db"
run trip-import-extra 0 import elders elders-extra.csv
line trip-import-extra-summary trip-import-extra.out \
    "1 inserted, 0 updated, 0 unchanged, 0 rejected"
run trip-export-elders 0 export elders
has trip-has-extra trip-export-elders.out \
    '死亡,否,2024-01-10,2023-05-01,"女儿在外地, 每月回来"'
run trip-export-visits 0 export visits
has trip-has-emergency trip-export-visits.out "已联系其女儿, 送镇卫生院"
cp trip-export-elders.out trip-elders.csv
cp trip-export-visits.out trip-visits.csv
run trip-init 0 --db "$fresh" init --station LJC01 --name 李家村幸福院 \
    --division 411523101201
run trip-import-elders 0 --db "$fresh" import elders trip-elders.csv
run trip-import-visits 0 --db "$fresh" import visits trip-visits.csv
run trip-elders-again 0 --db "$fresh" export elders
run trip-visits-again 0 --db "$fresh" export visits
for kind in elders visits; do
	sed 's/^[^,]*,//' "trip-export-$kind.out" >"trip-$kind.want"
	sed 's/^[^,]*,//' "trip-$kind-again.out" >"trip-$kind.got"
	same "trip-$kind-identical" "trip-$kind.got" "trip-$kind.want"
done

# ------------------------------------------------------------ --excel
# The same rows through Excel's conventions: a BOM, and ID numbers, phones
# and division codes as ="..." text formulas (else Excel shows
# 4.11523E+17 and drops leading zeros).  Import reads it back: a fresh
# database exported plain gives the plain export of the original.
run excel-elders 0 export elders --excel
run excel-visits 0 export visits --excel
for kind in elders visits; do
	if [ "$(head -c 3 "excel-$kind.out" | od -An -tx1 | tr -d ' ')" = efbbbf ]
	then pass "excel-$kind: BOM"
	else fail "excel-$kind: BOM" "$(head -c 16 "excel-$kind.out" | od -c)"; fi
	if head -c 3 "trip-export-$kind.out" | grep -q $'^\xEF\xBB\xBF'
	then fail "plain-$kind: no BOM"
	else pass "plain-$kind: no BOM"; fi
done
has excel-elders-id excel-elders.out ',="41152319480702022X",'
has excel-elders-phone excel-elders.out ',="13812345678",'
has excel-elders-landline excel-elders.out ',="0376-6543210",'
has excel-elders-division excel-elders.out ',="411523101201",'
has excel-visits-id excel-visits.out ',="411523195003150111",'
if grep -qF '="' trip-export-elders.out trip-export-visits.out
then fail "plain: no =\"...\" cells"
else pass "plain: no =\"...\" cells"; fi
run excel-ndjson 2 export visits --excel --format ndjson
cp excel-elders.out excel-elders.csv
cp excel-visits.out excel-visits.csv
xl="$tmp/excel.db"
run excel-init 0 --db "$xl" init --station LJC01 --name 李家村幸福院 \
    --division 411523101201
run excel-import-elders 0 --db "$xl" import elders excel-elders.csv
line excel-import-elders-summary excel-import-elders.out \
    "$(grep -c '^LJC01:' trip-export-elders.out) inserted, 0 updated, 0 unchanged, 0 rejected"
run excel-import-visits 0 --db "$xl" import visits excel-visits.csv
run excel-elders-plain 0 --db "$xl" export elders
run excel-visits-plain 0 --db "$xl" export visits
for kind in elders visits; do
	sed 's/^[^,]*,//' "excel-$kind-plain.out" >"excel-$kind.got"
	same "excel-$kind-round-trip" "excel-$kind.got" "trip-$kind.want"
done
run excel-reimport 0 --db "$xl" import elders excel-elders.csv
has excel-reimport-unchanged excel-reimport.out "0 inserted, 0 updated"

# ------------------------------------------------------------ bad input
# A 10 MB address between two valid rows: the row is named with its
# column and skipped, the others go in, memory stays bounded (the reader
# stops storing a field at 64 KiB).  ulimit -v cannot be used on an ASan
# binary (it reserves terabytes of address space up front), so there the
# time limit alone guards against runaway work.
big="$tmp/big.db"
run big-init 0 --db "$big" init --station LJC01 --name 李家村幸福院 \
    --division 411523101201
{
	printf 'name,id_number,division_code,address\r\n'
	printf '单雄,411523195003150111,411523101201,一组3号\r\n'
	printf '王大,411523194411300313,411523101201,'
	head -c 10485760 /dev/zero | tr '\0' 'a'
	printf '\r\n'
	printf '解秀英,41152319480702022X,411523101201,二组\r\n'
} >big.csv
if grep -qa __asan_init "$HEARTH"; then big_vm=unlimited; else big_vm=204800; fi
(ulimit -v "$big_vm" && exec timeout 30 "$HEARTH" --lang en --db "$big" \
    import elders big.csv) >big.out 2>big.err </dev/null
rc=$?
if [ "$rc" -eq 3 ]; then pass "big-field: exit 3 (ulimit -v $big_vm)"
else fail "big-field: exit $rc, expected 3" "$(head -c 500 big.err)"; fi
line big-field-reason big.err \
    "big.csv:3: column 4 (address) is longer than 64 KiB; row skipped"
line big-field-summary big.out \
    "2 inserted, 0 updated, 0 unchanged, 1 rejected"
h --db "$big" export elders | cut -d, -f2 | tail -n +2 | tr -d '\r' \
    >big-names
printf '%s\n' 单雄 解秀英 >big-names.want
same big-field-others-saved big-names big-names.want

# A note far over the limit on the command line.  10 MB cannot even be
# passed: Linux refuses any single argument over MAX_ARG_STRLEN (128 KiB)
# with E2BIG before hearth runs, so 100 KB it is.
run big-note 1 --db "$big" add visit --elder 411523195003150111 \
    --visited_at "2024-03-19 09:30" --mode 上门 --visitor 张丽 --contacted 是 \
    --note "$(head -c 102400 /dev/zero | tr '\0' 'a')"
line big-note-says big-note.err \
    "hearth: note: too long: at most 2000 characters"
run big-note-nothing 0 --db "$big" export visits
if [ "$(wc -l <big-note-nothing.out)" -eq 1 ]; then
	pass "big-note: nothing saved"
else
	fail "big-note: nothing saved" "$(head -3 big-note-nothing.out)"
fi

# ------------------------------------------------------------ coverage
run report-csv 0 report coverage --month 2024-03 --format csv
same report-csv-golden report-csv.out "$data/cli/coverage-2024-03.csv"
run report-text 0 report coverage --month 2024-03
same report-text-golden report-text.out "$data/cli/coverage-2024-03.txt"
run report-town 0 report coverage --month 2024-03 --level town --format ndjson
same report-town-golden report-town.out "$data/cli/coverage-2024-03-town.ndjson"

# The total row again, computed here from the exports (NDJSON: no quoted
# commas to trip a shell parser): elders on the register, and how many of
# them had a visit that reached them in March.
total=$(h export elders --format ndjson | grep -c '"status":"在册"')
visited=$(h export visits --format ndjson |
    grep '"visited_at":"2024-03-' | grep '"contacted":"是"' |
    sed 's/.*"elder_id_number":"\([0-9X]*\)".*/\1/' | sort -u | wc -l)
tail -1 report-csv.out | tr -d '\r' >report-total
line report-total-computed report-total \
    "2024-03,,合计,$visited,$total,$((visited * 1000 / total)),0,0,"

# ------------------------------------------------------------ find
run find-initials 0 find sx
has find-initials-polyphone find-initials.out "单雄"
run find-initials-zeng 0 find zgh
has find-initials-zeng-hit find-initials-zeng.out "曾国华"
run find-id-tail 0 find 022x
has find-id-tail-hit find-id-tail.out "41152319480702022X"
run find-rare 0 find 𠮷
has find-rare-hit find-rare.out "王𠮷"
run find-none 1 find 诸葛亮

# ------------------------------------------------------------ demo
run demo 0 --db demo1.db demo --elders 60 --months 3 --seed 7
has demo-accounts demo.out "zhangli"
has demo-admin demo.out "admin"
run demo-same-seed 0 --db demo2.db demo --elders 60 --months 3 --seed 7
h --db demo1.db export visits >demo1.csv
h --db demo2.db export visits >demo2.csv
same demo-deterministic demo2.csv demo1.csv
run demo-rerun 0 --db demo1.db demo --elders 60 --months 3 --seed 7
h --db demo1.db export visits >demo1b.csv
same demo-rerun-changes-nothing demo1b.csv demo1.csv
run demo-report 0 --db demo1.db report coverage
has demo-report-total demo-report.out "Total"
run demo-on-station 0 demo --elders 5 --months 1
has demo-on-station-keeps-accounts demo-on-station.out "no demo accounts"

# ------------------------------------------------------------ no station
# A file with the schema but no station (an init that died half-way, before
# init cleaned up after itself): every command that works on records says
# to run init, rather than failing late or exporting nothing.  Made with
# the sqlite3 shell, so skipped where there is none.
if command -v sqlite3 >/dev/null 2>&1; then
	ns="$tmp/nostation.db"
	run ns-init 0 --db "$ns" init --station LJC01 --name 李家村幸福院 \
	    --division 411523101201
	sqlite3 "$ns" "DELETE FROM station"
	run ns-find 1 --db "$ns" find 单雄
	run ns-export 1 --db "$ns" export elders
	run ns-report 1 --db "$ns" report coverage
	run ns-import 1 --db "$ns" import elders elders-gbk.csv
	run ns-add 1 --db "$ns" add visit --elder 411523195003150111 \
	    --mode 上门 --visitor 张丽 --contacted 是
	for c in find export report import add; do
		has "ns-$c-says" "ns-$c.err" "has no station yet: run \`hearth init"
	done
	if [ ! -s ns-export.out ]; then pass "ns-export: no output"
	else fail "ns-export: no output" "$(head -3 ns-export.out)"; fi
	if echo 135790 | h --db "$ns" user add li --role admin >/dev/null \
	    2>ns-user.err; then
		fail "ns-user: accepted"
	else
		has ns-user-says ns-user.err "has no station yet"
	fi
	run ns-init-again 0 --db "$ns" init --station LJC01 \
	    --name 李家村幸福院 --division 411523101201
	run ns-find-after-init 1 --db "$ns" find 单雄
	if [ ! -s ns-find-after-init.err ]; then pass "ns: init repairs it"
	else fail "ns: init repairs it" "$(cat ns-find-after-init.err)"; fi
else
	echo "# skip no-station checks: no sqlite3 shell"
fi

# Chinese by default, even for the first message and with only C.UTF-8:
# a missing database is explained before any station setting exists.
timeout 30 "$HEARTH" --db "$tmp/missing.db" find 张 >zh-missing.out \
    2>zh-missing.err </dev/null
has zh-missing-db-in-chinese zh-missing.err "还没有数据库"
LC_ALL=C timeout 30 "$HEARTH" --db "$tmp/missing.db" find 张 \
    >zh-missing-c.out 2>zh-missing-c.err </dev/null
has zh-missing-db-in-c-locale zh-missing-c.err "还没有数据库"

# libcurl (and its TLS libraries) only for `hearth sync`: loaded then, not
# linked into every screen (core/curl-load.h).
if command -v ldd >/dev/null 2>&1; then
	if ldd "$HEARTH" | grep -q 'libcurl'; then
		fail "hearth is not linked with libcurl" "$(ldd "$HEARTH" | grep curl)"
	else
		pass "hearth is not linked with libcurl"
	fi
fi

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
