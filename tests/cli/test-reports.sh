#!/bin/bash
# test-reports.sh: `hearth report meals-by-day` against `hearth export meals`.
#
# A demo station (with whatever meals the demo makes) and a site of our
# own with servings on known days; for this month and the last, the
# report's servings, portions and money per day must be what summing the
# exported servings by served_on gives, every day of the month a row,
# and --site must keep to its site.  Then the text and NDJSON forms and
# the usage errors.  The clock is fixed with HEARTH_NOW.
#
#   HEARTH=/path/to/hearth tests/cli/test-reports.sh
# Exit: 0 pass, 1 fail, 77 skip (this build cannot record meals).
set -u
. "$(dirname "$0")/../checks.sh"

: "${HEARTH:?set HEARTH to the hearth binary}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-reports.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export HEARTH_DB="$tmp/station.db" LC_ALL=C.UTF-8
export HEARTH_NOW="2024-05-20 10:00"
unset LANGUAGE

h() { timeout 60 "$HEARTH" --lang en "$@"; }

# csv_cols COL...: the named columns of CSV on stdin, tab-separated, for
# every data row.  Quoted fields (commas, doubled quotes) are read; no
# field of these exports spans lines.
csv_cols() {
	awk -v want="$*" '
	function split_csv(line, f,    n, i, c, q, cur) {
		n = 0; cur = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"" && substr(line, i + 1, 1) == "\"") {
					cur = cur c; i++
				} else if (c == "\"")
					q = 0
				else
					cur = cur c
			} else if (c == "\"")
				q = 1
			else if (c == ",") {
				f[++n] = cur; cur = ""
			} else
				cur = cur c
		}
		f[++n] = cur
		return n
	}
	{ sub(/\r$/, ""); sub(/^\xef\xbb\xbf/, "") }
	NR == 1 {
		n = split_csv($0, hd)
		k = split(want, w, " ")
		for (j = 1; j <= k; j++)
			for (i = 1; i <= n; i++)
				if (hd[i] == w[j])
					col[j] = i
		next
	}
	{
		split_csv($0, f)
		line = ""
		for (j = 1; j <= k; j++)
			line = line (j > 1 ? "\t" : "") f[col[j]]
		print line
	}'
}

h demo --elders 60 --months 2 >/dev/null ||
	{ echo "test-reports: demo failed"; exit 1; }
if ! h export meals --format csv >/dev/null 2>&1; then
	echo "test-reports: SKIP: this build has no \`export meals\`"
	exit 77
fi

# A site of our own, with servings on days we choose.
if h add site --name 测试食堂 --price_fen 1200 --slots 早、午 \
    --tiers "60-:500" >/dev/null 2>&1; then
	ids=$(h export elders --format csv | csv_cols id_number status |
	    awk -F'\t' '$2 == "在册" { print $1 }' | head -3)
	n=0
	for d in 2024-05-04 2024-05-04 2024-05-06 2024-04-30 2024-05-20; do
		n=$((n + 1))
		id=$(echo "$ids" | sed -n "$(( (n - 1) % 3 + 1 ))p")
		h add meal --elder "$id" --site 测试食堂 --served_on "$d" \
		    --slot "$([ $n = 2 ] && echo 早 || echo 午)" \
		    --portions "$([ $n = 3 ] && echo 2 || echo 1)" \
		    >/dev/null 2>"$tmp/err" ||
			{ echo "# add meal $d: $(cat "$tmp/err")"; }
	done
	own=1
else
	own=0
	echo "# no \`add site\` in this build: the demo's meals only"
fi
h export meals --format csv >"$tmp/meals.csv" ||
	{ echo "test-reports: export meals failed"; exit 1; }
if [ "$(wc -l <"$tmp/meals.csv")" -le 1 ]; then
	echo "test-reports: SKIP: no meals could be recorded in this build"
	exit 77
fi
csv_cols served_on site portions price_fen subsidy_fen self_paid_fen \
    <"$tmp/meals.csv" >"$tmp/meals.tsv"

# expected MONTH [SITE]: "date servings portions price subsidy self-paid"
# per day with servings, summed from the export.
expected() {
	awk -F'\t' -v month="$1" -v site="${2:-}" '
	substr($1, 1, 7) == month && (site == "" || $2 == site) {
		n[$1]++; p[$1] += $3; pr[$1] += $4; s[$1] += $5; sp[$1] += $6
	}
	END { for (d in n) print d, n[d], p[d], pr[d], s[d], sp[d] }' \
	    "$tmp/meals.tsv" | sort
}

# reported MONTH [SITE]: the same from the report (days with servings).
reported() {
	h report meals-by-day --month "$1" ${2:+--site "$2"} --format csv |
	    csv_cols date servings portions price_fen subsidy_fen \
	    self_paid_fen | awk -F'\t' '$2 != 0 { print $1, $2, $3, $4, $5, $6 }' |
	    sort
}

for month in 2024-05 2024-04; do
	exp=$(expected $month)
	check "$month: days with meals as in the export" "$(reported $month)" \
	    "$exp"
	rows=$(h report meals-by-day --month $month --format csv | wc -l)
	days=$([ $month = 2024-05 ] && echo 31 || echo 30)
	check "$month: a row for every day and a header" "$rows" $((days + 1))
done
if [ "$own" = 1 ]; then
	check "--site: only the site's servings" "$(reported 2024-05 测试食堂)" \
	    "$(expected 2024-05 测试食堂)"
	check "--site: the known days" \
	    "$(reported 2024-05 测试食堂 | awk '{ print $1, $2, $3 }' | tr '\n' ' ')" \
	    "2024-05-04 2 2 2024-05-06 1 2 2024-05-20 1 1 "
	check "--site: the site column" \
	    "$(h report meals-by-day --month 2024-05 --site 测试食堂 --format csv |
	    csv_cols site | sort -u)" "测试食堂"
fi
check "weekday of 2024-05-04 (Saturday) in CSV" \
    "$(h report meals-by-day --month 2024-05 --format csv |
    csv_cols date weekday | awk -F'\t' '$1 == "2024-05-04" { print $2 }')" 6

# NDJSON: one object a day; the text total adds up.
check "ndjson: 31 lines" \
    "$(h report meals-by-day --month 2024-05 --format ndjson | wc -l)" 31
check "ndjson: the first day" \
    "$(h report meals-by-day --month 2024-05 --format ndjson | head -1 |
    grep -o '"date":"2024-05-01","weekday":3')" '"date":"2024-05-01","weekday":3'
total=$(expected 2024-05 | awk '{ n += $2 } END { print n + 0 }')
check "text: the total line" \
    "$(h report meals-by-day --month 2024-05 | awk '$1 == "Total" { print $2 }')" \
    "$total"
check "text: a row for the 4th with its weekday" \
    "$(h report meals-by-day --month 2024-05 | awk '$1 == "2024-05-04" { print $2 }')" \
    Sat

# Usage and errors.
h report meals-by-day --month 2024-13 >/dev/null 2>&1
check "bad month: exit 2" $? 2
h report meals-by-day --format xml >/dev/null 2>&1
check "bad format: exit 2" $? 2
h report meals-by-day --site 没有这个食堂 >/dev/null 2>"$tmp/err"
check "unknown site: exit 1" $? 1
check "unknown site: says so" "$(grep -c 没有这个食堂 "$tmp/err")" 1
h report meals-by-day --help >"$tmp/help"
check "--help: exit 0" $? 0
check "--help: usage line" "$(grep -c 'report meals-by-day' "$tmp/help")" 1
h report coverage --format csv >/dev/null
check "report coverage still works" $? 0

echo "test-reports: $checks checks, $failed failed"
[ "$failed" = 0 ]
