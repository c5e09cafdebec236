#!/bin/bash
# test-roster.sh: the county roster end to end (doc/hub.md, "Roster"): a
# real hub on 127.0.0.1 (a port the kernel picks) and curl.
#   `hearth-hub roster import` of a Chinese-header GBK file with two bad
#   rows (exit 3, FILE:LINE: messages, the good rows stored), again
#   (unchanged); two villages and a town each get exactly their rows;
#   ETag and If-None-Match (304, empty), a changed phone changes the ETag
#   of that village only; gzip (same body, smaller, Content-Encoding);
#   POST: 401/403 for the wrong tokens, 422 listing the bad line with
#   nothing stored, 200 with counts, a dry run, 400 and 413; children
#   without ID numbers keyed by name + birth date + caregiver; the CSV a
#   station gets is one `hearth import` takes.
#
#   HEARTH_HUB=/path/hearth-hub [HEARTH=/path/hearth] srcdir=SRC test-roster.sh
#
# Exit 0 when every check passes, 1 otherwise; 77 (skip) without curl or
# iconv.
set -u
. "$(dirname "$0")/../checks.sh"

: "${HEARTH_HUB:?set HEARTH_HUB to the hearth-hub binary}"
command -v curl >/dev/null 2>&1 || { echo "curl not found: skipped"; exit 77; }
command -v iconv >/dev/null 2>&1 || { echo "iconv not found: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-roster.XXXXXX") || exit 1
hub_pid=
cleanup() {
	if [ -n "$hub_pid" ]; then
		kill "$hub_pid" 2>/dev/null
		wait "$hub_pid" 2>/dev/null
	fi
	if [ -n "${KEEP:-}" ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
cd "$tmp" || exit 1
export HEARTH_HUB_DB="$tmp/hub.db"
export LC_ALL=C.UTF-8
# Children must be under three on the day they are registered: a fixed
# clock keeps the test data valid (core/date.c; faketime does not work
# under ASan).
export HEARTH_NOW="2024-03-20 10:00"
# The scratch station databases go here; none may be left behind.
mkdir scratch
export TMPDIR="$tmp/scratch"

hub() { timeout 60 "$HEARTH_HUB" "$@"; }

# id FIRST17: an ID number with its MOD 11-2 check character.
id() {
	local s=$1 w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) sum=0 i c=10X98765432
	for i in $(seq 0 16); do sum=$((sum + ${s:i:1} * w[i])); done
	echo "$s${c:sum % 11:1}"
}
E1=$(id 11010119450101002)	# 王秀英, village 110101001001
E2=$(id 11010119500202003)	# 李建国, village 110101001001
E3=$(id 11010119520303004)	# 张桂兰, village 110101001002 (same town)
E4=$(id 11010119480404005)	# 赵四,   village 110101002001 (another town)
E5=$(id 11010119400505006)	# 刘洋,   village 110101001001, address with a comma
E6=$(id 11010119410606007)	# 陈静,   added later by POST
BAD=${E1%?}$(( (${E1: -1} + 1) % 10 ))	# E1 with a wrong check digit
[ "$BAD" != "$E1" ] || BAD=${E1%?}0

# --- set-up ---------------------------------------------------------------
hub init 2>init.err
check "init" "$?" 0
hub station add LJC01 --name 李家村 --division 110101001001 >ljc.token 2>/dev/null &&
hub station add DJZ02 --name 东街社区 --division 110101002001 >djz.token 2>/dev/null &&
hub station add TWN01 --name 城关镇 --division 110101001000 >twn.token 2>/dev/null &&
hub station add EMPTY --name 远村 --division 110101003001 >empty.token 2>/dev/null &&
hub token add wang.li --role staff >staff.token 2>/dev/null &&
hub token add zhao --role admin >admin.token 2>/dev/null
check "stations and tokens" "$?" 0
LJC=$(cat ljc.token) DJZ=$(cat djz.token) TWN=$(cat twn.token)
EMPTY=$(cat empty.token) STAFF=$(cat staff.token) ADMIN=$(cat admin.token)

# --- the command line -------------------------------------------------------
hub roster --help >help.out 2>&1
check "roster --help: exit 0" "$?" 0
grep -q '^Usage: hearth-hub .*roster import elders|children FILE.csv' help.out \
	&& pass "roster --help: usage line" || fail "roster --help: usage line" "$(cat help.out)"
hub roster import visits x.csv >/dev/null 2>&1
check "roster import visits: usage" "$?" 2
hub roster import elders >/dev/null 2>&1
check "roster import without a file: usage" "$?" 2
hub roster import elders missing.csv >/dev/null 2>missing.err
check "roster import of a missing file: error" "$?" 1

# The county's list as civil affairs sends it: Chinese headers, GBK,
# CRLF; line 6 has a bad check digit, line 7 a bad division code.
printf '%s\r\n' \
	'姓名,身份证号,联系电话,区划代码,住址,困难类型' \
	"王秀英,$E1,13800138000,110101001001,李家村3组,独居、高龄" \
	"李建国,$E2,,110101001001,李家村5组,空巢" \
	"张桂兰,$E3,13900139000,110101001002,王庄1组,低保" \
	"赵四,$E4,13700137000,110101002001,东街2号,高龄" \
	"错号,$BAD,,110101001001,李家村,独居" \
	"错区,$(id 11010119550707008),,990101001001,外地,独居" \
	"刘洋,$E5,13600136000,110101001001,\"李家村7组, 12号\",独居" \
	>elders.utf8
iconv -f UTF-8 -t GBK elders.utf8 >elders.csv
check "the test file is GBK" "$(iconv -f UTF-8 -t UTF-8 elders.csv >/dev/null 2>&1; echo $?)" 1

hub roster import elders elders.csv >imp1.out 2>imp1.err
check "import: exit 3 (rows rejected)" "$?" 3
check "import: rejected rows as FILE:LINE:" "$(grep -c '^elders.csv:[67]: ' imp1.err)" 2
grep -q '^elders.csv:6: .*check digit' imp1.err && pass "import: line 6 is the check digit" \
	|| fail "import: line 6 is the check digit" "$(cat imp1.err)"
grep -q '^elders.csv:7: .*division' imp1.err && pass "import: line 7 is the division" \
	|| fail "import: line 7 is the division" "$(cat imp1.err)"
check "import: summary" "$(grep -c 'elders.csv: 5 inserted, 0 updated, 0 unchanged, 2 rejected' imp1.err)" 1
check "import: nothing on stdout" "$(wc -c <imp1.out)" 0
hub roster import elders elders.csv >/dev/null 2>imp2.err
check "re-import: exit 3 again" "$?" 3
check "re-import: nothing changes" \
	"$(grep -c 'elders.csv: 0 inserted, 0 updated, 5 unchanged, 2 rejected' imp2.err)" 1
hub roster import elders elders.csv --dry-run >/dev/null 2>dry.err
check "dry run: counts, nothing stored" "$(grep -c '5 unchanged, 2 rejected (dry run' dry.err)" 1
check "no scratch database is left behind" "$(ls scratch | wc -l)" 0

# --- serve ------------------------------------------------------------------
"$HEARTH_HUB" serve --listen 127.0.0.1:0 2>hub.log &
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
url="http://127.0.0.1:$port/api/v1/roster"

# get NAME TOKEN QUERY [CURL ARGS]: body to NAME.body, headers to NAME.hdr,
# "STATUS" on stdout.
get() {
	local name=$1 token=$2 query=$3
	shift 3
	rm -f "$name.body"	# curl writes no file for an empty body
	curl -s -o "$name.body" -D "$name.hdr" -w '%{http_code}' --max-time 60 \
		${token:+-H "Authorization: Bearer $token"} "$@" "$url?$query"
}
# post NAME TOKEN QUERY FILE: a roster upload.
post() {
	curl -s -o "$1.body" -w '%{http_code}' --max-time 60 -X POST \
		${2:+-H "Authorization: Bearer $2"} \
		-H 'Content-Type: text/csv' --data-binary @"$4" "$url?$3"
}
hdr() {	# hdr NAME HEADER: a response header's value
	sed -n "s/^$2: *//Ip" "$1.hdr" | tr -d '\r'
}
ids() {	# ids NAME: the id_number column of a CSV, in order, on one line
	tail -n +2 "$1.body" | cut -d, -f2 | tr '\n' ' ' | sed 's/ $//'
}
rows() { tail -n +2 "$1.body" | grep -c .; }
isjson_error() { grep -q '^{"error":".*}$' "$1.body"; }
sorted() { printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }

elders_header='name,id_number,gender,birth_date,phone,emergency_contact,emergency_phone,division_code,address,hardship_types,living,ability_level,risk_tier,status,visit_consent,status_date,registered_on,note'
children_header='name,id_number,gender,birth_date,caregiver,caregiver_relation,caregiver_phone,division_code,address,flags,status,status_date,registered_on,note'

check "village LJC01: 200" "$(get ljc "$LJC" kind=elders)" 200
check "CSV header: the export's columns without uid" "$(head -1 ljc.body | tr -d '\r')" "$elders_header"
check "village LJC01: its three elders in key order" "$(ids ljc)" "$(sorted "$E1" "$E2" "$E5")"
check "CRLF line ends (RFC 4180)" "$(grep -c $'\r$' ljc.body)" 4
grep -qF "\"李家村7组, 12号\"" ljc.body && pass "a comma in a cell is quoted" \
	|| fail "a comma in a cell is quoted" "$(cat ljc.body)"
check "the Chinese is UTF-8" "$(grep -c '^王秀英,' ljc.body)" 1
check "Content-Type" "$(hdr ljc Content-Type)" "text/csv; charset=utf-8"
check "Cache-Control" "$(hdr ljc Cache-Control)" "no-cache"
check "Vary" "$(hdr ljc Vary)" "Accept-Encoding"
etag=$(hdr ljc ETag)
case $etag in
W/\"[0-9a-f][0-9a-f]*\") [ ${#etag} -eq 36 ] && pass "ETag W/\"<32 hex>\": $etag" \
	|| fail "ETag length" "$etag" ;;
*) fail "ETag W/\"<32 hex>\"" "$etag" ;;
esac
check "village DJZ02 (another town): its one elder" \
	"$(get djz "$DJZ" kind=elders):$(ids djz)" "200:$E4"
check "town TWN01: its two villages" \
	"$(get twn "$TWN" kind=elders):$(ids twn)" "200:$(sorted "$E1" "$E2" "$E3" "$E5")"
check "a village with no rows: 200, the header alone" \
	"$(get none "$EMPTY" kind=elders):$(rows none):$(head -1 none.body | tr -d '\r')" \
	"200:0:$elders_header"
check "staff: the whole county" "$(get all "$STAFF" kind=elders):$(rows all)" "200:5"
check "staff: one station's roster" \
	"$(get alldjz "$STAFF" 'kind=elders&station=DJZ02'):$(ids alldjz)" "200:$E4"
check "admin may read it too" "$(get alladm "$ADMIN" 'kind=elders&station=TWN01'):$(rows alladm)" "200:4"
check "staff: an unknown station: 404" "$(get nost "$STAFF" 'kind=elders&station=NOPE')" 404
isjson_error nost && pass "404 is JSON" || fail "404 is JSON" "$(cat nost.body)"
check "a station cannot ask for another's roster" \
	"$(get other "$LJC" 'kind=elders&station=DJZ02'):$(ids other)" "200:$(ids ljc)"
check "unknown kind: 400" "$(get badkind "$LJC" kind=visits)" 400
grep -q 'elders or children' badkind.body && isjson_error badkind \
	&& pass "400 is JSON naming the kinds" || fail "400 is JSON naming the kinds" "$(cat badkind.body)"
check "missing kind: 400" "$(get nokind "$LJC" '')" 400
check "no token: 401" "$(get noauth '' kind=elders)" 401
isjson_error noauth && pass "401 is JSON" || fail "401 is JSON" "$(cat noauth.body)"
check "a wrong token: 401" "$(get wrong "${LJC%?}x" kind=elders)" 401

# --- conditional GET --------------------------------------------------------
check "If-None-Match with the ETag: 304" \
	"$(get ljc304 "$LJC" kind=elders -H "If-None-Match: $etag")" 304
check "304: empty body" "$(cat ljc304.body 2>/dev/null | wc -c)" 0
check "304: the same ETag" "$(hdr ljc304 ETag)" "$etag"
check "If-None-Match as a list, strong form: 304" \
	"$(get ljcl "$LJC" kind=elders -H "If-None-Match: \"0123\", ${etag#W/}")" 304
check "If-None-Match: * is 304" "$(get ljcs "$LJC" kind=elders -H 'If-None-Match: *')" 304
check "another ETag: 200" \
	"$(get ljco "$LJC" kind=elders -H 'If-None-Match: W/"00000000000000000000000000000000"')" 200
check "the same roster, the same ETag" "$(hdr ljco ETag)" "$etag"
get djz1 "$DJZ" kind=elders >/dev/null
djz_etag=$(hdr djz1 ETag)

# One phone changes (王秀英's) in the next copy of the list.
sed 's/13800138000/13811112222/' elders.utf8 | iconv -f UTF-8 -t GBK >elders2.csv
hub roster import elders elders2.csv >/dev/null 2>imp3.err
check "re-import with one phone changed: 1 updated" \
	"$(grep -c 'elders2.csv: 0 inserted, 1 updated, 4 unchanged, 2 rejected' imp3.err)" 1
check "after the change: 200 for the old ETag" \
	"$(get ljc2 "$LJC" kind=elders -H "If-None-Match: $etag")" 200
etag2=$(hdr ljc2 ETag)
[ -n "$etag2" ] && [ "$etag2" != "$etag" ] && pass "the ETag changed" \
	|| fail "the ETag changed" "$etag -> $etag2"
check "the new phone is served" "$(grep "^王秀英," ljc2.body | cut -d, -f5)" 13811112222
check "another town's ETag stays" \
	"$(get djz2 "$DJZ" kind=elders -H "If-None-Match: $djz_etag")" 304

# --- gzip -------------------------------------------------------------------
get plain "$STAFF" kind=elders >/dev/null
get gz "$STAFF" kind=elders -H 'Accept-Encoding: gzip' >/dev/null
check "Accept-Encoding: gzip gets Content-Encoding: gzip" "$(hdr gz Content-Encoding)" gzip
check "no Accept-Encoding: plain" "$(hdr plain Content-Encoding)" ""
gzsize=$(wc -c <gz.body) plainsize=$(wc -c <plain.body)
[ "$gzsize" -lt "$plainsize" ] && pass "gzip is smaller ($gzsize < $plainsize bytes)" \
	|| fail "gzip is smaller" "$gzsize >= $plainsize"
if command -v gzip >/dev/null 2>&1; then
	check "gunzip gives the plain body" "$(gzip -dc gz.body | cmp - plain.body && echo same)" same
fi
check "curl --compressed gives the same body" \
	"$(get cz "$STAFF" kind=elders --compressed; cmp cz.body plain.body && echo :same)" "200:same"
check "the ETag does not depend on the encoding" "$(hdr gz ETag)" "$(hdr plain ETag)"
get lc "$STAFF" kind=elders -H 'Accept-Encoding: deflate, gzip' >/dev/null
check "libcurl's Accept-Encoding: deflate, gzip" "$(hdr lc Content-Encoding)" gzip
get q0 "$STAFF" kind=elders -H 'Accept-Encoding: gzip;q=0, identity' >/dev/null
check "gzip;q=0: plain" "$(hdr q0 Content-Encoding):$(cmp q0.body plain.body && echo same)" ":same"
check "gzip and If-None-Match: 304" \
	"$(get gz304 "$STAFF" kind=elders --compressed -H "If-None-Match: $(hdr plain ETag)")" 304

# --- POST -------------------------------------------------------------------
all_etag=$(hdr plain ETag)
check "POST with a station token: 403" "$(post p403 "$LJC" kind=elders elders.csv)" 403
isjson_error p403 && pass "403 is JSON" || fail "403 is JSON" "$(cat p403.body)"
check "POST with a staff token: 403" "$(post p403s "$STAFF" kind=elders elders.csv)" 403
check "POST without a token: 401" "$(post p401 '' kind=elders elders.csv)" 401
check "POST of an unknown kind: 400" "$(post pkind "$ADMIN" kind=meals elders.csv)" 400

# A new elder and one bad row: all or nothing.
printf '%s\r\n' '姓名,身份证号,联系电话,区划代码' \
	"陈静,$E6,13500135000,110101001001" \
	"错号,$BAD,,110101001001" >post-bad.utf8
iconv -f UTF-8 -t GBK post-bad.utf8 >post-bad.csv
check "POST with a bad row: 422" "$(post p422 "$ADMIN" kind=elders post-bad.csv)" 422
grep -q '^{"error":"1 row rejected","rejected":\[{"line":3,"reason":"[^"]*check digit[^"]*"}\]}$' p422.body \
	&& pass "422 lists the line and the reason" || fail "422 lists the line and the reason" "$(cat p422.body)"
get after422 "$STAFF" kind=elders >/dev/null
check "422: nothing stored (the same ETag)" "$(hdr after422 ETag)" "$all_etag"
check "422: the good row was not stored either" "$(grep -c "$E6" after422.body)" 0

head -2 post-bad.utf8 >post-good.csv
check "POST, dry run: 200" "$(post pdry "$ADMIN" 'kind=elders&dry_run=1' post-good.csv)" 200
check "dry run: counts" "$(cat pdry.body)" '{"inserted":1,"updated":0,"unchanged":0,"dry_run":true}'
get afterdry "$STAFF" kind=elders >/dev/null
check "dry run: nothing stored" "$(hdr afterdry ETag)" "$all_etag"
check "POST good: 200" "$(post pok "$ADMIN" kind=elders post-good.csv)" 200
check "POST good: counts" "$(cat pok.body)" '{"inserted":1,"updated":0,"unchanged":0,"dry_run":false}'
check "the new elder is in LJC01's roster" \
	"$(get ljc3 "$LJC" kind=elders):$(ids ljc3)" "200:$(sorted "$E1" "$E2" "$E5" "$E6")"
check "POST the GBK list again, bad rows and all: 422" "$(post p422b "$ADMIN" kind=elders elders2.csv)" 422
check "422 lists both lines" "$(grep -o '"line":[0-9]*' p422b.body | tr '\n' ' ')" '"line":6 "line":7 '
sed -e '/错号/d' -e '/错区/d' elders.utf8 >elders-clean.csv
check "POST the clean list (UTF-8): 200" "$(post pclean "$ADMIN" kind=elders elders-clean.csv)" 200
check "... the first phone back: 1 updated" "$(cat pclean.body)" \
	'{"inserted":0,"updated":1,"unchanged":4,"dry_run":false}'
printf '姓名,联系电话\n某某,13800000000\n' >nohdr.csv
check "POST without the required columns: 400" "$(post p400 "$ADMIN" kind=elders nohdr.csv)" 400
isjson_error p400 && pass "400 is JSON" || fail "400 is JSON" "$(cat p400.body)"
: >empty.csv
check "POST an empty body: 400" "$(post pempty "$ADMIN" kind=elders empty.csv)" 400
head -c 40M /dev/zero >big.csv
start=$(date +%s)
check "POST 40 MB: 413" "$(post pbig "$ADMIN" kind=elders big.csv)" 413
took=$(( $(date +%s) - start ))
[ "$took" -le 10 ] && pass "413 came at once (${took}s)" || fail "413 took ${took}s"
rm -f big.csv
check "PUT: 405" "$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$url?kind=elders")" 405

# --- children ---------------------------------------------------------------
C1=$(id 11010120230101003)	# 小红, with an ID number
C2=$(id 11010120230501001)	# 小明's, known later
printf '%s\r\n' '姓名,性别,出生日期,身份证号,照护人,与儿童关系,照护人电话,区划代码,住址,标记' \
	'小明,男,2023-05-01,,王芳,母亲,13800000001,110101001001,李家村,留守' \
	'小明,男,2023-05-01,,王芳,母亲,13800000002,110101001001,李家村,留守' \
	"小红,,,$C1,李梅,母亲,,110101001001,李家村," \
	'小刚,男,2023-06-01,,赵敏,母亲,,110101002001,东街,' >children.utf8
iconv -f UTF-8 -t GBK children.utf8 >children.csv
hub roster import children children.csv >/dev/null 2>ch1.err
check "children: exit 0" "$?" 0
check "children: the same child twice is one row" \
	"$(grep -c 'children.csv: 3 inserted, 0 updated, 0 unchanged, 0 rejected' ch1.err)" 1
check "children of LJC01: 200" "$(get ch "$LJC" kind=children)" 200
check "children CSV header" "$(head -1 ch.body | tr -d '\r')" "$children_header"
check "children of LJC01: two, in key order (ID number first)" \
	"$(tail -n +2 ch.body | cut -d, -f1,2 | tr -d '\r' | paste -sd' ')" "小红,$C1 小明,"
check "the later row of the file wins" "$(grep '^小明,' ch.body | cut -d, -f7)" 13800000002
check "children of DJZ02" "$(get chd "$DJZ" kind=children):$(rows chd)" "200:1"
check "children of a village with none: header only" "$(get che "$EMPTY" kind=children):$(rows che)" "200:0"
printf '姓名,出生日期,身份证号,照护人,区划代码\r\n小明,2023-05-01,%s,王芳,110101001001\r\n' "$C2" >children-id.csv
hub roster import children children-id.csv >/dev/null 2>ch2.err
check "the ID number comes: the same row, updated" \
	"$(grep -c 'children-id.csv: 0 inserted, 1 updated, 0 unchanged' ch2.err)" 1
get ch2 "$LJC" kind=children >/dev/null
check "... still two children, 小明 with the number" \
	"$(rows ch2):$(grep '^小明,' ch2.body | cut -d, -f2)" "2:$C2"
check "... and the phone the first list gave" "$(grep '^小明,' ch2.body | cut -d, -f7)" 13800000002
hub roster import children children.csv >/dev/null 2>ch3.err
check "a list without the number again: unchanged, the number stays" \
	"$(grep -c 'children.csv: 0 inserted, 0 updated, 3 unchanged' ch3.err)" 1
check "a child in the children roster is no elder" "$(grep -c 小明 ljc3.body)" 0

# --- what a station does with it ---------------------------------------------
if [ -n "${HEARTH:-}" ] && [ -x "$HEARTH" ]; then
	get st "$LJC" kind=elders >/dev/null
	timeout 60 "$HEARTH" --db st.db --lang en init --station LJC01 --name 李家村 \
		--division 110101001001 >/dev/null 2>&1
	timeout 60 "$HEARTH" --db st.db --lang en import elders st.body >st.out 2>st.err
	check "hearth import takes the served roster" "$?:$(cat st.out)" \
		"0:4 inserted, 0 updated, 0 unchanged, 0 rejected"
	timeout 60 "$HEARTH" --db st.db --lang en import elders st.body >st2.out 2>&1
	check "... twice: unchanged" "$(cat st2.out)" "0 inserted, 0 updated, 4 unchanged, 0 rejected"
fi

check "no scratch database is left behind by the server" "$(ls scratch | wc -l)" 0
kill -TERM "$hub_pid"
for _ in $(seq 1 100); do
	kill -0 "$hub_pid" 2>/dev/null || break
	sleep 0.1
done
wait "$hub_pid"
check "SIGTERM: hub exits 0" "$?" 0
hub_pid=
if grep -q 'ERROR: \|runtime error' hub.log ./*.err; then
	fail "no sanitizer reports" "$(grep -h -A20 'ERROR: \|runtime error' hub.log ./*.err | head -30)"
else
	pass "no sanitizer reports"
fi

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
