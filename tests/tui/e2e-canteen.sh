#!/bin/bash
# e2e-canteen.sh: the canteen counter (F6) in the real TUI, in a detached
# tmux at 80x24.
#
# A station with one meal site (so no site to choose) and three elders,
# the clock at 12:00 (lunch).  Log in, F6, type pinyin initials, Enter
# records a lunch priced by the site's tier (the confirmation and the
# day's tally say so); the same elder again asks before a second serving,
# naming the meal, with y and Enter on the help line (still asked after
# Ctrl-C and Esc): n records nothing, y records one at full price; a
# proxy (F3) collects another elder's meal (the confirmation names the
# proxy), and Ctrl-C while the proxy's name is typed asks about that meal
# (Enter stays, the name kept); a proxy for that elder again is asked
# about too: Enter records nothing, y a second at full price.  Then
# `hearth export meals` must hold exactly those four servings.  Run for
# a colour xterm and for TERM=linux without colour.
# The screens run in English (--lang en): the msgids are stable whatever
# the catalogue says.
#
# Environment: HEARTH (the built binary, required), E2E_TERMS (default
# "xterm-256color linux"), E2E_KEEP=1 to keep the temp dir.
# Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u
export HEARTH_NOW="2024-03-20 12:00"
. "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------- data
cat >"$tmp/elders.csv" <<'CSV'
姓名,身份证号,性别,区划代码,住址,困难类型
张三丰,110101194503120035,男,110101001001,一组1号,低保
李建国,110101193807070415,男,110101001001,一组2号,
王秀英,110101195011200623,女,110101001002,二组3号,
CSV

# ---------------------------------------------------------------- run
run_one() {
	term=$1
	local db="$tmp/station-$1.db" out

	new_station elders "$tmp/elders.csv"
	"$HEARTH" --db "$db" add site --name 李家村幸福食堂 --price_fen 1200 \
	    --slots 午、晚 --tiers "低保:800;85-:800;75-84:500;60-74:300" \
	    >/dev/null || fail "add site failed"
	start_hearth --lang en
	login "Please log in" "This month's visit rate"
	wait_for "F6"
	keys F6
	wait_for "李家村幸福食堂"
	wait_for "[Lunch]"
	wait_for "Today: 0 servings"

	# 张三丰 by initials; Enter records lunch at the 低保 tier.
	text zsf
	wait_for "张三丰"
	keys Enter
	wait_for "Recorded: 张三丰"
	wait_for "price 12.00 = subsidy 8.00 + self-paid 4.00"
	wait_for "Today: 1 servings, 1 elders; subsidy 8.00 yuan, self-paid 4.00"

	# Again: asked first; n records nothing.  Ctrl-C in between asks
	# to leave, and after Esc the first question is back.
	text zsf
	wait_for "served"
	keys Enter
	wait_for "张三丰 already had lunch today: record a second? (y/N)"
	screen | tail -n 1 | grep -qF "yRecord again EnterDo not" ||
	    fail "the help line does not show the question's keys"
	keys C-c
	wait_for "Leave hearth? Enter: leave, Esc: stay"
	keys Escape
	wait_for "record a second? (y/N)"
	screen | tail -n 1 | grep -qF "yRecord again" ||
	    fail "after Ctrl-C, the question's keys are not back"
	keys n
	wait_for "Not recorded again"
	wait_for "Today: 1 servings"
	# Enter, then y: a second serving, at full price.
	keys Enter
	wait_for "record a second? (y/N)"
	keys y
	wait_for "price 12.00 = subsidy 0.00 + self-paid 12.00"
	wait_for "Today: 2 servings, 1 elders; subsidy 8.00 yuan, self-paid 16.00"

	# 李建国 (85): his daughter collects it (F3, the name, Enter).
	# Ctrl-C with the name typed: Enter keeps it, and records nothing.
	text ljg
	wait_for "李建国"
	keys F3
	wait_for "Collected by:"
	text 李小梅
	keys C-c
	wait_for "This meal is not recorded yet. Leave hearth anyway? (y/N)"
	keys Enter
	gone_for "Leave hearth anyway?"
	wait_for "Collected by:"
	wait_for "李小梅"
	wait_for "Today: 2 servings"
	keys Enter
	wait_for "Recorded: 李建国 Lunch Dine in, collected by 李小梅"
	wait_for "Today: 3 servings, 2 elders; subsidy 16.00 yuan"
	screen >"$tmp/canteen-$term.txt"

	# A proxy for 李建国 again: asked as well.  Enter records nothing;
	# y records a second, at full price, collected by the proxy.
	text ljg
	wait_for "李建国"
	keys F3
	wait_for "Collected by:"
	text 李小梅
	keys Enter
	wait_for "李建国 already had lunch today: record a second? (y/N)"
	keys Enter
	wait_for "Not recorded again"
	wait_for "Today: 3 servings"
	wait_for "served"
	keys F3
	wait_for "Collected by:"
	text 王大
	keys Enter
	wait_for "record a second? (y/N)"
	keys y
	wait_for "collected by 王大: price 12.00 = subsidy 0.00"
	wait_for "Today: 4 servings, 2 elders; subsidy 16.00 yuan"

	# Esc twice: home, then quit.
	keys Escape
	wait_for "This month's visit rate"
	quit_home "Leave hearth?"

	out=$("$HEARTH" --db "$db" export meals) || fail "export failed"
	[ "$(echo "$out" | wc -l)" = 5 ] ||
	    fail "expected 4 servings in the export: $out"
	echo "$out" | grep -qF "110101194503120035,张三丰,李家村幸福食堂,2024-03-20,午,堂食,1,1200,800,400,刷卡" ||
	    fail "the first lunch of 张三丰 is not in the export: $out"
	echo "$out" | grep -qF "张三丰,李家村幸福食堂,2024-03-20,午,堂食,1,1200,0,1200" ||
	    fail "the second lunch of 张三丰 is not at full price: $out"
	echo "$out" | grep -qF "李建国,李家村幸福食堂,2024-03-20,午,堂食,1,1200,800,400,代领,李小梅" ||
	    fail "the lunch collected for 李建国 is not in the export: $out"
	echo "$out" | grep -qF "李建国,李家村幸福食堂,2024-03-20,午,堂食,1,1200,0,1200,代领,王大" ||
	    fail "the second lunch of 李建国 is not at full price: $out"
	note ok
}

run_terms
[ "$failed" = 0 ] && [ -n "${E2E_SHOW:-}" ] && cat "$tmp"/canteen-*.txt
exit "$failed"
