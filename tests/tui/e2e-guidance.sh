#!/bin/bash
# e2e-guidance.sh: children and parenting guidance in the real TUI, in a
# detached tmux at 80x24.
#
# A new station with one volunteer and three children imported from a CSV
# with SPEC's Chinese headers: log in, F7 to the guidance-due list (all
# three due), the child detail (F4); a session begun and not saved makes
# Ctrl-C ask about it (Enter stays on the form); Esc asks too, with its
# keys on the help line: Enter and Esc keep the form, only y throws it
# away; Ctrl-C on the list asks only "Leave hearth?".  Then find a child
# by pinyin initials and record a session (Tab to the topics, Space
# ticks one, F2), then mark the two others with Space and record ONE
# session for both (no age in months shown: -1 was); the due list is
# then empty.  The provider is the volunteer's display name (张丽).
# Quit, and find the three rows (two sharing a time) in `hearth export
# guidance`.  Run in English
# (--lang en, the msgids: this screen's strings may not be translated yet)
# for a colour xterm and for TERM=linux without colour.
#
# Environment: HEARTH (the built binary, required), E2E_TERMS (default
# "xterm-256color linux"), E2E_KEEP=1 to keep the temp dir.
# Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u
unset HEARTH_NOW
. "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------- data
# Birth dates from today's date, so the children stay under three.
born() {
	date -d "-$1 days" +%Y-%m-%d
}

cat >"$tmp/children.csv" <<EOF2
姓名,性别,出生日期,身份证号,照护人,与儿童关系,照护人电话,区划代码,住址,标记
王小宝,男,$(born 200),,李梅,母亲,13800138000,110101001001,一组1号,早产
张丫丫,女,$(born 500),,张强,父亲,,110101001001,一组2号,
李梓萱,女,$(born 700),,刘秀英,祖父母,13900139000,110101001002,二组3号,留守
EOF2

# ---------------------------------------------------------------- run
run_one() {
	term=$1
	local db="$tmp/station-$1.db" out

	new_station children "$tmp/children.csv"
	sqlite3 "$db" "UPDATE user SET display_name = '张丽'
	    WHERE login = '$user'" || fail "could not set the display name"
	start_hearth --lang en
	login "Please log in" "This month's visit rate"
	wait_for "F7"

	# The due list: nobody has had a session this month.
	keys F7
	wait_for "Guidance due: 3 children"
	wait_for "李梓萱"
	screen >"$tmp/children-$term.txt"

	# The oldest child first; F4 shows the caregiver and no sessions.
	keys F4
	wait_for "Guidance sessions (0)"
	wait_for "刘秀英"
	keys Escape
	wait_for "Guidance due: 3 children"

	# A session begun, not saved: Ctrl-C names it, and Enter stays.
	keys Enter
	wait_for "Guidance for"
	keys Tab Tab Tab Space
	wait_for "[x]"
	keys C-c
	wait_for "The guidance session is not saved. Leave hearth anyway? (y/N)"
	screen | tail -n 1 | grep -qF "yLeave EnterStay" ||
	    fail "the help line does not say y leaves, Enter stays"
	keys Enter
	gone_for "Leave hearth anyway?"
	wait_for "Guidance for"
	wait_for "[x]"
	# Esc asks, with the question's keys on the help line.  Enter (what
	# gets past any question) keeps the form, and so does Esc again
	# (a stuck key); the question survives Ctrl-C's.  Only y throws
	# the session away.
	wait_for "Provider  * 张丽"
	keys Escape
	wait_for "Not saved yet. y: throw it away, F2: save, Enter: go on"
	screen | tail -n 1 | grep -qF "yThrow away F2Save EnterGo on" ||
	    fail "the help line does not show the question's keys"
	keys Enter
	gone_for "Not saved yet"
	wait_for "Guidance for"
	wait_for "[x]"
	screen | tail -n 1 | grep -qF "TabNext" ||
	    fail "the form's keys are not back on the help line"
	keys Escape
	wait_for "Not saved yet"
	keys Escape
	gone_for "Not saved yet"
	wait_for "[x]"
	keys Escape
	wait_for "Not saved yet"
	keys C-c
	wait_for "Leave hearth anyway? (y/N)"
	keys Enter
	wait_for "Not saved yet"
	screen | tail -n 1 | grep -qF "yThrow away" ||
	    fail "after Ctrl-C, the question's keys are not back"
	keys y
	# Nothing to lose on the list: Ctrl-C asks the plain question, and
	# Esc stays.
	wait_for "Guidance due: 3 children"
	keys C-c
	wait_for "Leave hearth? Enter: leave, Esc: stay"
	keys Escape
	gone_for "Leave hearth?"
	wait_for "Guidance due: 3 children"

	# Find by initials, record a session for that child.
	text wxb
	wait_for "1 found"
	wait_for "王小宝"
	keys Enter
	wait_for "Guidance for"
	wait_for "Topics"
	keys Tab Tab Tab Space
	keys F2
	wait_for "Saved: guidance for 王小宝"
	keys Escape
	wait_for "Guidance due: 2 children"

	# Mark the two others: one session for both (a class).
	keys Space Space
	wait_for "2 marked"
	keys Enter
	wait_for "One session for 2 children"
	wait_for "Months old"
	screen | grep -F "Months old" | grep -qF -- "-1" &&
	    fail "a class shows an age in months of -1"
	keys Tab Space Space
	keys Tab Tab Space
	keys F2
	wait_for "Saved: one session for 2 children"
	wait_for "No child needs a session now"

	keys Escape
	wait_for "This month's visit rate"
	quit_home "Leave hearth?"

	out=$("$HEARTH" --db "$db" export guidance --format csv) ||
	    fail "export failed"
	[ "$(echo "$out" | wc -l)" = 4 ] ||
	    fail "expected 3 guidance rows in the export: $out"
	echo "$out" | grep -F "王小宝" | grep -F ",入户,张丽," |
	    grep -qF "生长发育" || fail "王小宝's session is not exported: $out"
	# The class: two rows, one time, the form chosen (父母课堂).
	[ "$(echo "$out" | grep -F ",父母课堂," | cut -d, -f4 | sort -u |
	    wc -l)" = 1 ] && [ "$(echo "$out" | grep -cF ",父母课堂,")" = 2 ] ||
	    fail "the class is not one session for two children: $out"
	note ok
}

run_terms
exit "$failed"
