#!/bin/bash
# test-meals.sh: meal sites and servings on the command line: `hearth add
# site` (the tier syntax), `add meal` priced by the site's tiers, explicit
# money checked for balance, the duplicate rule (the same elder, day, slot
# and site is one serving: added twice, updated, never two), bad input
# refused with a clear message and nothing saved, `export meals|sites`
# (and a round trip through `import meals`), `report meals` in text, CSV
# and NDJSON.
#
#   HEARTH=/path/to/hearth srcdir=/path/to/source tests/cli/test-meals.sh
#
# The clock is fixed with HEARTH_NOW; messages are English (--lang en).
# Exit 0 when every check passes, 1 otherwise.
set -u
. "$(dirname "$0")/../checks.sh"

: "${HEARTH:?set HEARTH to the hearth binary}"
HEARTH=$(cd "$(dirname "$HEARTH")" && pwd)/$(basename "$HEARTH")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-meals.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

export HEARTH_DB="$tmp/station.db"
export HEARTH_NOW="2024-03-20 12:00"
export LC_ALL=C.UTF-8
unset LANGUAGE HEARTH_LOCALEDIR
cd "$tmp" || exit 1

h() { timeout 120 "$HEARTH" --lang en "$@"; }

# rows NAME N: `export meals` has N servings.
rows() {
	local n
	n=$(h export meals | tail -n +2 | wc -l)
	if [ "$n" -eq "$2" ]; then
		pass "$1: $2 servings"
	else
		fail "$1: $n servings, expected $2" "$(h export meals)"
	fi
}

# ------------------------------------------------------------ set-up
run init 0 init --station LJC01 --name 李家村幸福院 --division 411523101201
# 张三丰 78 (75-84) with 低保; 李建国 85; 王秀英 73; 赵大 died in 2023.
cat >elders.csv <<'EOF'
姓名,身份证号,性别,区划代码,困难类型,状态,状态日期
张三丰,411523194503120037,男,411523101201,低保,,
李建国,411523193807070417,男,411523101201,,,
王秀英,411523195011200625,女,411523101201,,,
赵大,411523194001010014,男,411523101201,,死亡,2023-12-01
EOF
run import-elders 0 import elders elders.csv

# ------------------------------------------------------------ sites
run site-add 0 add site --name 李家村幸福食堂 --price_fen 1200 \
    --slots 午、晚 --tiers "低保:800；85-:800;75-84:500/5;60-74:300"
run site-add-again 0 add site --name 李家村幸福食堂 --price_fen 1200 \
    --slots 午、晚 --tiers "低保:800;85-:800;75-84:500/5;60-74:300"
has site-add-again-says site-add-again.out "nothing changed"
run site-bad-tier 1 add site --name 王庄助餐点 --price_fen 1000 \
    --tiers "60-74:300;seventy:500"
has site-bad-tier-says site-bad-tier.err '"seventy:500" is not AGES:FEN'
run site-tier-dearer 1 add site --name 王庄助餐点 --price_fen 1000 \
    --tiers "85-:1500"
has site-tier-dearer-says site-tier-dearer.err "subsidy tier 1"
run export-sites 0 export sites
has export-sites-header export-sites.out \
    "uid,name,division_code,address,slots,price_fen,default_mode,tiers"
has export-sites-row export-sites.out \
    "李家村幸福食堂,411523101201,,午、晚,1200,堂食,低保:800;85-:800;75-84:500/5;60-74:300"
if [ "$(h export sites | wc -l)" -eq 2 ]; then
	pass "bad sites were not saved"
else
	fail "bad sites were saved" "$(h export sites)"
fi

# ------------------------------------------------------------ servings
S=李家村幸福食堂
# 低保 comes first in the table: 8.00 subsidy of 12.00.
run meal-dibao 0 add meal --elder 411523194503120037 --site $S
has meal-dibao-saved meal-dibao.out "Meal serving saved."
# 85 and over; two portions: the second at full price.
run meal-85 0 add meal --elder 411523193807070417 --site $S --portions 2
run meal-73 0 add meal --elder 411523195011200625 --site $S --slot 晚 \
    --verification 代领 --proxy_name 王小红
run export-meals 0 export meals
has export-meals-header export-meals.out \
    "uid,elder_id_number,elder_name,site,served_on,slot,mode,portions,price_fen,subsidy_fen,self_paid_fen,verification,proxy_name,note"
has export-meals-dibao export-meals.out \
    "411523194503120037,张三丰,李家村幸福食堂,2024-03-20,午,堂食,1,1200,800,400,刷卡,,"
has export-meals-85 export-meals.out \
    "411523193807070417,李建国,李家村幸福食堂,2024-03-20,午,堂食,2,2400,800,1600,"
has export-meals-proxy export-meals.out \
    "411523195011200625,王秀英,李家村幸福食堂,2024-03-20,晚,堂食,1,1200,300,900,代领,王小红,"
rows three-servings 3

# The same elder, day, slot and site again: the same serving.
run meal-twice 0 add meal --elder 411523194503120037 --site $S
has meal-twice-says meal-twice.out "nothing changed"
rows still-three 3
# Explicit money that balances is kept as given (history, re-imports).
run meal-given 0 add meal --elder 411523194503120037 --site $S \
    --served_on 2024-03-19 --price_fen 1200 --subsidy_fen 600 \
    --self_paid_fen 600
rows four-servings 4
h export meals | grep -qF "2024-03-19,午,堂食,1,1200,600,600" &&
    pass "given money kept" || fail "given money not kept"

# ------------------------------------------------------------ bad input
run bad-unbalanced 1 add meal --elder 411523195011200625 --site $S \
    --served_on 2024-03-18 --price_fen 1200 --subsidy_fen 500 \
    --self_paid_fen 600
has bad-unbalanced-says bad-unbalanced.err \
    "price must be subsidy + self-paid (1200 ≠ 500 + 600 fen)"
run bad-negative-portions 1 add meal --elder 411523195011200625 --site $S \
    --served_on 2024-03-18 --portions -1
has bad-negative-portions-says bad-negative-portions.err \
    "portions: must be between 1 and 20"
run bad-negative-money 1 add meal --elder 411523195011200625 --site $S \
    --served_on 2024-03-18 --price_fen -1200 --subsidy_fen 0 \
    --self_paid_fen -1200
has bad-negative-money-says bad-negative-money.err "is not a sum in fen"
run bad-unknown-elder 1 add meal --elder 110101194503120035 --site $S
has bad-unknown-elder-says bad-unknown-elder.err \
    "no elder with ID number 110101194503120035"
run bad-id-typo 1 add meal --elder 411523194503120038 --site $S
has bad-id-typo-says bad-id-typo.err "ID number"
run bad-unknown-site 1 add meal --elder 411523195011200625 --site 无此食堂
has bad-unknown-site-says bad-unknown-site.err 'no meal site named "无此食堂"'
run bad-deceased 1 add meal --elder 411523194001010014 --site $S \
    --served_on 2024-03-18
run bad-future 1 add meal --elder 411523195011200625 --site $S \
    --served_on 2024-03-21
has bad-future-says bad-future.err "in the future"
run bad-slot 1 add meal --elder 411523195011200625 --site $S --slot 早
has bad-slot-says bad-slot.err "serves only"
run bad-proxy 1 add meal --elder 411523195011200625 --site $S \
    --served_on 2024-03-18 --verification 代领
rows nothing-saved 4

# ------------------------------------------------------------ round trip
h export meals >meals.csv
run import-again 0 import meals meals.csv
has import-again-unchanged import-again.out \
    "0 inserted, 0 updated, 4 unchanged, 0 rejected"
rows round-trip 4

# ------------------------------------------------------------ report
run report-text 0 report meals --month 2024-03
has report-text-title report-text.out "2024-03"
has report-text-site report-text.out "李家村幸福食堂"
# 4 servings, 3 elders, 5 portions, 60.00 price, 25.00 subsidy.
grep -F "李家村幸福食堂" report-text.out | grep -q \
    "4 .* 3 .* 5 .* 60.00 .* 25.00 .* 35.00" &&
    pass "report-text figures" ||
    fail "report-text figures" "$(cat report-text.out)"
run report-csv 0 report meals --month 2024-03 --format csv
has report-csv-header report-csv.out \
    "month,site,servings,elders,portions,price_fen,subsidy_fen,self_paid_fen"
has report-csv-row report-csv.out "2024-03,李家村幸福食堂,4,3,5,6000,2500,3500"
has report-csv-total report-csv.out "2024-03,合计,4,3,5,6000,2500,3500"
run report-ndjson 0 report meals --month 2024-03 --format ndjson
has report-ndjson-row report-ndjson.out '"subsidy_fen":2500'
run report-empty 0 report meals --month 2024-02 --format csv
has report-empty-zeros report-empty.out "2024-02,李家村幸福食堂,0,0,0,0,0,0"
run report-bad-month 2 report meals --month 2024-13
run report-help 0 report meals --help

echo "test-meals: $checks checks, $failed failed"
[ "$failed" -eq 0 ]
