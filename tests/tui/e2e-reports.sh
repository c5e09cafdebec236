#!/bin/bash
# e2e-reports.sh: the reports screen (F5 from home) in a real tmux at 80x24.
#
# A demo station (`hearth demo --elders 60 --months 2`) with a meal site
# and servings of our own on known days, the clock fixed at 2024-05-20
# (HEARTH_NOW).  Open F5 and check each of the three views (title, a bar
# with its numbers, the keys): the visit rate per village against `hearth
# report coverage`, the guidance coverage, the meals per day against
# `hearth report meals-by-day` (the busiest day's bar is full, days still
# to come have none, the weekend is named); switch views with Tab, 1-3 and
# Shift-Tab, months with Left/Right (never past May), then back home and
# quit.  Run for a colour xterm and for TERM=linux without colour, in
# English (--lang en: the figures and layout are what is checked, and the
# English text does not wait for a translation); one short run in the
# default Chinese checks the home key's label, and quits.
#
# Environment: HEARTH (the built binary, required), E2E_TERMS (default
# "xterm-256color linux"), E2E_KEEP=1 to keep the temp dir.
# Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u
export HEARTH_NOW="2024-05-20 10:00"
. "$(dirname "$0")/lib.sh"
user=wangfang
pin=1357

h() {
	"$HEARTH" --lang en --db "$db" "$@"
}

# ---------------------------------------------------------------- data
# make_demo: the demo, then a site and servings of our own (when this
# build records meals), so the meals chart has known days.
make_demo() {
	h demo --elders 60 --months 2 >/dev/null || fail "demo failed"
	have_meals=0
	if h add site --name 测试食堂 --price_fen 1200 --slots 午 \
	    --tiers "60-:500" >/dev/null 2>&1; then
		local ids id d n=0
		ids=$(h export elders --format csv | awk -F, \
		    'NR > 1 && $15 == "在册" { print $3 }' | head -3)
		for d in 2024-05-04 2024-05-04 2024-05-04 2024-05-06 \
		    2024-04-13; do
			n=$((n + 1))
			id=$(echo "$ids" | sed -n "$(( (n - 1) % 3 + 1 ))p")
			h add meal --elder "$id" --site 测试食堂 --served_on "$d" \
			    --slot 午 >/dev/null 2>&1 ||
				note "could not add a meal on $d"
		done
	fi
	[ "$(h report meals-by-day --month 2024-05 --format csv |
	    awk -F, 'NR > 1 { n += $4 } END { print n + 0 }')" -gt 0 ] &&
		have_meals=1
	[ "$have_meals" = 1 ] ||
		note "NOTE: no meals in this build; the meals chart is checked empty"
	have_children=0
	[ "$(h export children --format csv 2>/dev/null | wc -l)" -gt 1 ] &&
		have_children=1
	[ "$have_children" = 1 ] ||
		note "NOTE: no children in the demo; guidance shows only \"—\""
}

# weekday DATE: "Mo" … "Su", as the chart names days in English.
weekday() {
	LC_ALL=C date -d "$1" +%a | cut -c1-2
}

# The figures the screen must show, from the command line.
# coverage_total: "visited/total" of the total row.
coverage_total() {
	h report coverage --month 2024-05 --format csv |
	    awk -F, '$3 == "合计" { print $4 "/" $5 }'
}

# busiest_day MONTH: "DAY COUNT" of the day with most servings.
busiest_day() {
	h report meals-by-day --month "$1" --format csv | awk -F, '
	    NR > 1 && $4 > most { most = $4; day = substr($1, 9) + 0 }
	    END { print day, most + 0 }'
}

# ---------------------------------------------------------------- views
check_visits() {
	local total
	wait_for "Visit rate, 2024-05"
	wait_for "[1 Visit rate]"
	total=$(coverage_total)
	[ -n "$total" ] || fail "report coverage gave no total"
	wait_re "All villages +\[[#.]+\] +$total +[0-9]+\.[0-9]%"
	# A village row: a name, a bar, its numbers.
	screen | grep -vF "All villages" |
	    grep -qE '\[[#.]+\] +[0-9]+/[0-9]+ +([0-9]+\.[0-9]%|—)' ||
		fail "no village bar"
	screen | tail -1 | grep -qF "Tab" || fail "no Tab in the help line"
}

check_guidance() {
	wait_for "Parenting guidance coverage, $1"
	wait_for "[2 Guidance]"
	if [ "$have_children" = 1 ]; then
		wait_re "All villages +\[[#.]+\] +[0-9]+/[1-9][0-9]* +[0-9]+\.[0-9]%"
	else
		wait_re "All villages +\[\.+\] +0/0 +—"
	fi
	screen | grep -vF "All villages" |
	    grep -qE '\[[#.]+\] +[0-9]+/[0-9]+ +([0-9]+\.[0-9]%|—)' ||
		fail "no village bar in the guidance view"
}

# check_meals MONTH: title, the busiest day's full bar and count, the
# weekday names.
check_meals() {
	local busy day most wd
	wait_for "Meals per day, $1"
	wait_for "[3 Meals per day]"
	wait_for "Servings"
	busy=$(busiest_day "$1")
	day=${busy% *}
	most=${busy#* }
	if [ "$have_meals" = 1 ] && [ "$most" -gt 0 ]; then
		wd=$(weekday "$1-$(printf %02d "$day")")
		wait_re "(^| )$(printf %2d "$day") $wd \[#+\] +$most( |$)"
		wait_re "[0-9]+ meals in the month, busiest day $most;"
	else
		wait_re " 1 [A-Z][a-z] \[\.+\] +0( |$)"
		wait_for "No meals recorded in this month"
	fi
	# Every day is named, so the weekend stands out without colour:
	# the month's first Saturday.
	for day in 1 2 3 4 5 6 7; do
		[ "$(weekday "$1-0$day")" = Sa ] && break
	done
	wait_re " $day Sa \[[#.]+\] +[0-9]+"
	# The whole month on one screen, each day once: a row too long
	# would have wrapped into the next and lost one.
	[ "$(screen | grep -oE '(^| )[ 0-9][0-9] (Mo|Tu|We|Th|Fr|Sa|Su)( |$)' |
	    wc -l)" = "$(date -d "$1-01 +1 month -1 day" +%-d)" ] ||
		fail "not every day of $1 on the screen"
	screen | tail -1 | grep -qF "Esc" || fail "the help line is gone"
}

run_one() {
	term=$1
	db="$tmp/station-$term.db"
	make_demo
	start_hearth --lang en
	login "Please log in" "This month's visit rate"
	screen | tail -1 | grep -qF "F5Reports" ||
		fail "the home help line does not say F5 Reports"

	keys F5
	check_visits
	# Months: back to April, forward again, never past May.
	keys Left
	wait_for "Visit rate, 2024-04"
	keys Right
	wait_for "Visit rate, 2024-05"
	keys Right
	sleep 0.3
	wait_for "Visit rate, 2024-05"
	gone_for "2024-06"

	keys Tab
	check_guidance 2024-05
	keys Left
	check_guidance 2024-04

	keys Tab
	check_meals 2024-04
	keys Right
	check_meals 2024-05
	# Days still to come (after the 20th) have no bar.
	screen | grep -qE '21 Tu *$' || fail "the 21st has a bar"
	screen | grep -qE '20 Mo \[[#.]+\] +[0-9]+' || fail "the 20th has none"

	# 1-3 and Shift-Tab pick views; the month stays.
	keys 1
	wait_for "Visit rate, 2024-05"
	keys BTab
	check_meals 2024-05
	keys 2
	check_guidance 2024-05

	# Too small, then back.
	tm resize-window -t e2e -x 60 -y 20
	wait_for "80×24"
	tm resize-window -t e2e -x 80 -y 24
	check_guidance 2024-05

	keys Escape
	wait_for "This month's visit rate"
	quit_home "Leave hearth?"
	note ok
}

# The default language: the home key's label and the screen opens.
run_chinese() {
	term=xterm-256color
	db="$tmp/station-zh.db"
	h demo --elders 10 --months 1 >/dev/null || fail "demo failed"
	start_hearth
	login
	screen | tail -1 | grep -qF "F5" || fail "no F5 on the help line"
	keys F5
	wait_re "\[1 [^]]+\]"
	wait_re "\[[#.]+\] +[0-9]+/[0-9]+"
	keys Escape
	wait_for "本月探访率"
	quit_home "要退出"
	note "Chinese: ok"
}

run_terms
(run_chinese) || failed=1
exit "$failed"
