#!/bin/bash
# e2e-visit.sh: drive the real TUI in a detached tmux at 80x24.
#
# A new station with one volunteer and four imported elders: log in, check
# the home screen (Chinese, the due list), find an elder by pinyin
# initials, record a visit from the detail screen, record one straight
# from the due list (Enter, F2), shrink and restore the window, quit, and
# find both visits in `hearth export visits`.  Then again with a visit
# typed and not saved: Ctrl-C asks (y/N), and Enter, a second Ctrl-C or
# F10 on a window too small keep the form and the text; Ctrl-C and y
# leave (exit 0) and the visit is not in the export.  Run for a colour
# xterm and for TERM=linux without colour.
#
#
# Keys whose sequences differ from $TERM's (PuTTY's Home \e[1~ under
# TERM=xterm, xterm's \eOH and \e[H under TERM=linux, rxvt's \e[7~) are
# Home and End in a field and in the search screen, and an unknown
# sequence is dropped: never Esc (the screen closing) plus typed text.
# A home screen left alone follows visits recorded elsewhere (`hearth add`
# stands in for a second SSH session) within 30 s, and when it comes back
# on top, with the selection on the same elder; the visitor is the
# volunteer's display name.
#
# Environment: HEARTH (the built binary, required), E2E_TERMS (default
# "xterm-256color linux"), E2E_KEEP=1 to keep the temp dir.
# Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u
. "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------- data
cat >"$tmp/elders.csv" <<'EOF2'
姓名,身份证号,性别,区划代码,住址
张三丰,110101194503120035,男,110101001001,一组1号
李建国,110101193807070415,男,110101001001,一组2号
王秀英,110101195011200623,女,110101001002,二组3号
单雄,11010119421230001X,男,110101001002,二组4号
EOF2

# ---------------------------------------------------------------- run
# alive WHERE: hearth still runs (its pane has not ended).
alive() {
	sleep 0.3
	[ "$(tm display -p -t e2e '#{pane_dead}')" = 0 ] ||
	    fail "hearth ended ($1)"
}

# The question before leaving with a visit not saved: the catalogue may
# not have it yet, so only its keys are looked for.
unsaved_visit() {
	local out

	start_hearth
	login
	keys Enter
	wait_for "探访时间"
	keys Tab Tab Tab Tab Tab
	text "未保存UNSAVED"
	wait_for "未保存UNSAVED"

	# Enter, the key that gets past any other question, stays.
	keys C-c
	wait_for "y/N"
	screen | tail -n 1 | grep -qF "y退出 Enter取消" ||
	    fail "the help line does not say y leaves, Enter stays"
	keys Enter
	gone_for "y/N"
	alive "Enter after Ctrl-C"
	wait_for "探访时间"
	wait_for "未保存UNSAVED"
	# A stuck Ctrl-C answers its own question: stay.
	keys C-c C-c
	alive "Ctrl-C twice"
	gone_for "y/N"
	wait_for "未保存UNSAVED"
	# Too small, F10 (the way out there) does not leave either, and
	# is not offered.
	tm resize-window -t e2e -x 60 -y 20
	wait_for "80×24"
	gone_for "F10"
	keys F10
	alive "F10 on a window too small"
	tm resize-window -t e2e -x 80 -y 24
	wait_for "未保存UNSAVED"

	# y leaves; nothing was saved.
	keys C-c
	wait_for "y/N"
	keys y
	expect_exit 0 "$tmp/exit" "Ctrl-C y on the form"
	out=$("$HEARTH" --db "$db" export visits --format csv) ||
	    fail "export failed"
	echo "$out" | grep -qF "UNSAVED" && fail "the unsaved visit was saved"
	[ "$(echo "$out" | wc -l)" = 3 ] ||
	    fail "expected still 2 visits in the export: $out"
}

# The field holding the text being typed (the 5th after the time), as
# its row shows it.
field_row() {
	screen | grep -F "$1"
}

# Home and End as other terminals send them, on a fresh visit form, in a
# text field and in the search screen (after run_one: 2 elders due).
other_keys() {
	local row

	start_hearth
	login
	keys Enter
	wait_for "探访时间"
	# A fresh form: Home and End are no Esc (which would close it).
	keys Home End
	text $'\eOH'
	text $'\e[F'
	gone_for "待探访"
	wait_for "探访时间"

	keys Tab Tab Tab Tab Tab
	text "腿脚"
	wait_for "腿脚"
	# tmux's Home and End: \e[1~ \e[4~ (PuTTY, the console).
	keys Home
	text A
	keys End
	text B
	wait_for "A腿脚B"
	# xterm: \eOH \eOF, and \e[H \e[F; rxvt: \e[7~ \e[8~.
	text $'\eOH'
	text C
	text $'\eOF'
	text D
	text $'\e[H'
	text E
	text $'\e[F'
	text F
	text $'\e[7~'
	text G
	text $'\e[8~'
	text H
	# Unknown sequences (Ctrl-Shift-Home, F13 of some console, a
	# stray SS3) are dropped whole.
	text $'\e[1;9H'
	text $'\e[25~'
	text $'\eOz'
	text Z
	wait_for "GECA腿脚BDFHZ"
	row=$(field_row "GECA腿脚BDFHZ")
	case $row in
	*'['*|*'~'*|*'^['*|*OH*|*OF*)
		fail "a key sequence was typed into the field: $row";;
	esac
	wait_for "探访时间"

	# Esc: asked (the form changed), the help line giving the
	# question's keys, not the form's; y throws it away.
	keys Escape
	wait_re '^ .*y.*F2.*Enter'	# the question, in either language
	screen | tail -n 1 | grep -qE '^y.* F2.* Enter' ||
	    fail "the help line does not show the question's keys"
	screen | tail -n 1 | grep -qF Tab &&
	    fail "the help line still shows the form's keys"
	keys y
	wait_for "待探访 2 人"

	# The search screen keeps its query through them all.
	keys /
	wait_for "查找"
	text zsf
	wait_for "找到 1 人"
	keys Home End
	text $'\eOH'
	text $'\eOF'
	text $'\e[H'
	text $'\e[7~'
	text $'\e[1;2F'
	gone_for "待探访"
	wait_for "找到 1 人"
	row=$(field_row "查找：")
	case $row in
	*'['*|*'~'*|*OH*|*OF*) fail "typed into the search: $row";;
	esac
	keys Escape
	wait_for "待探访 2 人"
	quit_home "要退出"
}

# The order on the due list: all never visited, by name.
ID_SHAN=11010119421230001X
ID_LI=110101193807070415

# The due list follows visits recorded elsewhere.
stale_home() {
	local out

	sqlite3 "$db" "UPDATE user SET display_name = '张丽'
	    WHERE login = '$user'" || fail "could not set the display name"
	start_hearth
	login
	wait_for "张丽 ·"
	wait_for "待探访 4 人"

	# Back on top after another screen, the list is current at once.
	# 王秀英 (third) is chosen; 单雄 (first) is visited elsewhere
	# meanwhile: the selection stays on 王秀英, now second.
	keys Down Down /
	wait_for "查找"
	"$HEARTH" --db "$db" add visit --elder "$ID_SHAN" --mode 上门 \
	    --visitor 王五 --contacted 是 >/dev/null ||
	    fail "hearth add visit failed"
	keys Escape
	wait_for "待探访 3 人" 20
	keys Enter
	wait_for "探访：王秀英"
	keys Escape
	wait_for "待探访 3 人"

	# Left alone, the list is current within 30 s: 李建国 (first) is
	# visited elsewhere, and the selection is still on 王秀英.
	"$HEARTH" --db "$db" add visit --elder "$ID_LI" --mode 电话 \
	    --visitor 王五 --contacted 是 >/dev/null ||
	    fail "hearth add visit failed"
	wait_for "待探访 2 人" 400
	keys Enter
	wait_for "探访：王秀英"
	keys F2
	wait_for "已保存"
	wait_for "待探访 1 人"
	quit_home "要退出"

	out=$("$HEARTH" --db "$db" export visits --format csv) ||
	    fail "export failed"
	echo "$out" | grep -F "王秀英" | grep -qF ",张丽," ||
	    fail "the visitor is not the display name 张丽: $out"
}

run_one() {
	term=$1
	local db="$tmp/station-$1.db" out

	new_station elders "$tmp/elders.csv"
	start_hearth
	login
	wait_for "张三丰"
	wait_for "待探访 4 人"
	screen >"$tmp/home-$term.txt"
	grep -qF "F10" "$tmp/home-$term.txt" || fail "no help line"

	# Find by pinyin initials, open the record, record a visit.
	keys /
	wait_for "查找"
	text zsf
	wait_for "找到 1 人"
	keys Enter
	wait_for "探访记录"
	keys Enter
	wait_for "探访时间"
	keys Tab Tab Tab Tab Space Tab
	text "血压偏高，腿脚不便"
	keys F2
	wait_for "已保存"
	# Back on the record, the new visit is in the history; Esc twice
	# returns home, where the elder is no longer due.
	wait_for "探访记录（1 次）"
	keys Escape
	wait_for "查找"
	keys Escape
	wait_for "待探访 3 人"

	# The fast path: Enter on the first due elder, save.
	keys Enter
	wait_for "探访时间"
	keys C-s
	wait_for "已保存"
	wait_for "待探访 2 人"

	# Too small, then back.  The way out is named.
	tm resize-window -t e2e -x 60 -y 20
	wait_for "80×24"
	wait_for "F10"
	tm resize-window -t e2e -x 80 -y 24
	wait_for "本月探访率"

	# Quit (with confirmation) and check the exit status.
	quit_home "要退出"

	out=$("$HEARTH" --db "$db" export visits --format csv) ||
	    fail "export failed"
	echo "$out" | grep -F "张三丰" | grep -qF "血压偏高" ||
	    fail "the visit to 张三丰 is not in the export"
	[ "$(echo "$out" | wc -l)" = 3 ] ||
	    fail "expected 2 visits in the export: $out"

	unsaved_visit
	other_keys
	# Last: it gives the volunteer a display name.
	db="$tmp/stale-$1.db"
	new_station elders "$tmp/elders.csv"
	stale_home
	note ok
}

run_terms
[ "$failed" = 0 ] && [ -n "${E2E_SHOW:-}" ] && cat "$tmp"/home-*.txt
exit "$failed"
