#!/bin/bash
# test-children.sh: children under three and parenting guidance from the
# command line: `import children` from UTF-8 and GBK files with SPEC's
# Chinese headers (bad rows reported as FILE:LINE: reason, exit 3, the
# others saved; a second import changes nothing), `export children` in
# SPEC's columns, 结案 from the third birthday judged on the day asked (a
# 29 February birth included; under HEARTH_NOW, and under faketime when
# the binary is not sanitized), `add guidance` for two children at once
# (one session), a session before the child's birth and an unknown child
# refused with nothing saved, age in months at month ends, and `report
# coverage` with the guidance columns.
#
#   HEARTH=/path/to/hearth srcdir=/path/to/source tests/cli/test-children.sh
set -u
. "$(dirname "$0")/../checks.sh"

: "${HEARTH:?set HEARTH to the hearth binary}"
HEARTH=$(cd "$(dirname "$HEARTH")" && pwd)/$(basename "$HEARTH")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-children.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

export HEARTH_DB="$tmp/station.db"
export HEARTH_NOW="2024-03-20 18:00"
export LC_ALL=C.UTF-8
unset LANGUAGE HEARTH_LOCALEDIR

h() { timeout 60 "$HEARTH" --lang en "$@"; }

# cell KIND FILTER COLUMN: column COLUMN of the exported row holding FILTER.
cell() {
	h export "$1" | grep -F -- "$2" | head -1 | cut -d, -f"$3"
}

run init 0 init --station CH01 --name 李家村 --division 411523101201

# ------------------------------------------------------------ import
# UTF-8 with a BOM and CRLF, SPEC's Chinese headers in SPEC's order.
printf '\xef\xbb\xbf' >kids-utf8.csv
cat >>kids-utf8.csv <<'EOF2'
姓名,性别,出生日期,身份证号,照护人,与儿童关系,照护人电话,区划代码,住址,标记
王小宝,男,2023-05-20,,李梅,母亲,13800138000,411523101201,一组1号,早产、留守
张丫丫,女,2022-01-10,,张强,父亲,,411523101201,,
刘三岁,男,2021-03-21,,刘芳,母亲,,411523101202,,
闰日宝,女,2024-02-29,,陈静,外祖父母,,411523101202,,低体重
老大哥,男,2020-01-01,,某人,母亲,,411523101201,,
无照护,女,2023-01-01,,,母亲,,411523101201,,
错日期,男,2023-02-30,,赵六,父亲,,411523101201,,
错身份,男,,411523202301010015,钱七,父亲,,411523101201,,
EOF2
sed -i 's/$/\r/' kids-utf8.csv
run import-utf8 3 import children kids-utf8.csv
has import-utf8-counts import-utf8.out "4 inserted, 0 updated, 0 unchanged, 4 rejected"
has import-utf8-three import-utf8.err "kids-utf8.csv:6: birth date: the child was already three"
has import-utf8-caregiver import-utf8.err "kids-utf8.csv:7: caregiver"
has import-utf8-date import-utf8.err "kids-utf8.csv:8: birth date"
has import-utf8-id import-utf8.err "kids-utf8.csv:9: ID number"
run import-utf8-again 3 import children kids-utf8.csv
has import-utf8-unchanged import-utf8-again.out "0 inserted, 0 updated, 4 unchanged, 4 rejected"

# GBK (as Excel on Chinese Windows saves), one bad row.
iconv -f UTF-8 -t GBK >kids-gbk.csv <<'EOF2'
姓名,性别,出生日期,身份证号,照护人,与儿童关系,照护人电话,区划代码,住址,标记
李梓萱,女,2023-09-09,,刘秀英,祖父母,13900139000,411523101201,二组3号,留守
孙浩宇,男,2024-13-01,,孙强,父亲,,411523101201,,
EOF2
run import-gbk 3 import children kids-gbk.csv --encoding gbk
has import-gbk-counts import-gbk.out "1 inserted, 0 updated, 0 unchanged, 1 rejected"
has import-gbk-line import-gbk.err "kids-gbk.csv:3: birth date"
# --encoding auto finds GBK too: the same row, unchanged (a dry run).
run import-gbk-auto 3 import children kids-gbk.csv --dry-run
has import-gbk-auto-name import-gbk-auto.out "0 inserted, 0 updated, 1 unchanged, 1 rejected"

# ------------------------------------------------------------ export
run export 0 export children
check export-header "$(head -1 export.out | cut -d, -f1-12)" \
    "uid,name,id_number,gender,birth_date,caregiver,caregiver_relation,caregiver_phone,division_code,address,flags,status"
has export-row export.out ",王小宝,,男,2023-05-20,李梅,母亲,13800138000,411523101201,一组1号,早产、留守,在册"
has export-gbk-name export.out ",李梓萱,,女,2023-09-09,刘秀英,祖父母"
check export-count "$(grep -c . export.out)" 6
run export-ndjson 0 export children --format ndjson
has export-ndjson-flags export-ndjson.out '"flags":"低体重"'

# ------------------------------------------------------------ 结案 at three
# Judged on the day asked: nothing runs at midnight.  刘三岁 turns three
# on 2021-03-21 + 3 years; 闰日宝 (born 29 February) on 28 February.
check closed-day-before "$(cell children 刘三岁 12)" 在册
check closed-on-birthday "$(HEARTH_NOW="2024-03-21 00:00" cell children 刘三岁 12)" 结案
check leap-day-before "$(HEARTH_NOW="2027-02-27 23:59" cell children 闰日宝 12)" 在册
check leap-on-28th "$(HEARTH_NOW="2027-02-28 00:00" cell children 闰日宝 12)" 结案
# An export taken after the birthday imports back (结案 read as derived).
HEARTH_NOW="2024-03-22 09:00" h export children >closed.csv
HEARTH_NOW="2024-03-22 09:00" run closed-reimport 0 import children closed.csv
has closed-reimport-unchanged closed-reimport.out "0 inserted, 0 updated, 5 unchanged"
if ! command -v faketime >/dev/null 2>&1; then
	echo "# faketime not installed: skipping the faketime checks"
elif nm "$HEARTH" 2>/dev/null | grep -q __asan_init; then
	echo "# sanitized binary: faketime cannot drive it, skipping"
else
	ft() { (unset HEARTH_NOW; faketime "$1" "$HEARTH" --lang en export children) |
	    grep -F "$2" | cut -d, -f12; }
	check faketime-three-before "$(ft "2024-03-20 23:59:00" 刘三岁)" 在册
	check faketime-three "$(ft "2024-03-21 00:00:01" 刘三岁)" 结案
	check faketime-leap-before "$(ft "2027-02-27 23:59:00" 闰日宝)" 在册
	check faketime-leap "$(ft "2027-02-28 00:00:01" 闰日宝)" 结案
fi

# ------------------------------------------------------------ guidance
xb=$(cell children 王小宝 1)
yy=$(cell children 张丫丫 1)
ls=$(cell children 刘三岁 1)
run add-two 0 add guidance --child "$xb" --child "$yy" --held_at \
    "2024-03-19 15:00" --form 父母课堂 --provider 卫生院儿保科 \
    --topics 生长发育、营养与喂养 --next_date 2024-04-19
has add-two-says add-two.out "Guidance session saved."
run export-guidance 0 export guidance
check guidance-header "$(head -1 export-guidance.out | tr -d '\r')" \
    "uid,child_uid,child_name,held_at,form,provider,topics,age_months,referral,next_date,note"
check guidance-rows "$(grep -c '2024-03-19 15:00,父母课堂,卫生院儿保科' export-guidance.out)" 2
has guidance-age export-guidance.out "$xb,王小宝,2024-03-19 15:00,父母课堂,卫生院儿保科,生长发育、营养与喂养,9,,2024-04-19,"
run add-comma 0 add guidance --child "$xb,$ls" --held_at "2024-03-18 10:00" \
    --provider 村医李秀兰 --topics 伤害预防
check guidance-comma "$(h export guidance | grep -c '2024-03-18 10:00')" 2

# Refused, nothing saved: a session before a child's birth (all or
# nothing: the other child would have been fine), an unknown child.
before=$(h export guidance | wc -l)
run before-birth 1 add guidance --child "$yy" --child "$xb" --held_at \
    "2023-05-19 10:00" --provider 王芳 --topics 生长发育
has before-birth-says before-birth.err "王小宝 was born on 2023-05-20, after the session day 2023-05-19"
run unknown-child 1 add guidance --child CH01:999 --provider 王芳 \
    --topics 生长发育
has unknown-child-says unknown-child.err "no child CH01:999"
run unknown-in-class 1 add guidance --child "$xb" --child CH01:998 \
    --provider 王芳 --topics 生长发育
run twice 1 add guidance --child "$xb,$xb" --provider 王芳 --topics 生长发育
check nothing-saved "$(h export guidance | wc -l)" "$before"
HEARTH_NOW="2024-03-22 09:00" run after-three 1 add guidance --child "$ls" --held_at "2024-03-21 09:00" \
    --provider 王芳 --topics 生长发育
has after-three-says after-three.err "turned three on 2024-03-21"

# Age in months at month ends: born 31 January, a month old on 29
# February (the month has no 31st), not on the 28th.
run add-jan31 0 add child --name 月末 --birth_date 2024-01-31 --gender 女 \
    --caregiver 李梅 --division_code 411523101203
m=$(cell children 月末 1)
run age-feb28 0 add guidance --child "$m" --held_at "2024-02-28 10:00" \
    --provider 王芳 --topics 生长发育
run age-feb29 0 add guidance --child "$m" --held_at "2024-02-29 10:00" \
    --provider 王芳 --topics 生长发育
check age-month-end-28 "$(cell guidance '2024-02-28 10:00' 8)" 0
check age-month-end-29 "$(cell guidance '2024-02-29 10:00' 8)" 1

# ------------------------------------------------------------ coverage
# March: 101201 has 王小宝, 张丫丫, 李梓萱 (2 served); 101202 has 刘三岁
# (served on the 18th, three on the 21st: still counted, doc/children.md)
# and 闰日宝 (not served); 101203 has 月末 (served in February only).
run coverage 0 report coverage --month 2024-03 --format csv
check coverage-header "$(head -1 coverage.out | tr -d '\r')" \
    "month,code,name,visited,total,permille,children_served,children_total,children_permille"
has coverage-101201 coverage.out "2024-03,411523101201,,0,0,,2,3,666"
has coverage-101202 coverage.out "2024-03,411523101202,,0,0,,1,2,500"
has coverage-101203 coverage.out "2024-03,411523101203,,0,0,,0,1,0"
has coverage-total coverage.out "2024-03,,合计,0,0,,3,6,500"
run coverage-text 0 report coverage --month 2024-03
has coverage-text-columns coverage-text.out "Guided  Children"

# ------------------------------------------------------------ find
run find-child 0 find wxb
has find-child-uid find-child.out "$xb"
has find-child-status find-child.out "Active"

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
