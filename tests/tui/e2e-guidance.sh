#!/bin/bash
# e2e-guidance.sh: children and parenting guidance in the real TUI, in a
# detached tmux at 80x24.
#
# A new station with one volunteer and three children imported from a CSV
# with SPEC's Chinese headers: log in, F7 to the guidance-due list (all
# three due), the child detail (F4), find a child by pinyin initials and
# record a session (Tab to the topics, Space ticks one, F2), then mark the
# two others with Space and record ONE session for both; the due list is
# then empty.  Quit, and find the three rows (two sharing a time) in
# `hearth export guidance`.  Run in English (--lang en, the msgids: this
# screen's strings may not be translated yet) for a colour xterm and for
# TERM=linux without colour.
#
# Environment: HEARTH (the built binary, required), E2E_TERMS (default
# "xterm-256color linux"), E2E_KEEP=1 to keep the temp dir.
# Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u

if ! command -v tmux >/dev/null 2>&1; then
	echo "e2e-guidance: SKIP: tmux not installed"
	exit 77
fi
if [ -z "${HEARTH:-}" ] || [ ! -x "$HEARTH" ]; then
	echo "e2e-guidance: FAIL: set HEARTH to the built hearth binary"
	exit 1
fi
HEARTH=$(cd "$(dirname "$HEARTH")" && pwd)/$(basename "$HEARTH")
unset HEARTH_NOW

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-e2eg.XXXXXX") || exit 1
sock="hearth-testg-$$"
failed=0

tm() {
	tmux -L "$sock" -f "$tmp/tmux.conf" "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "e2e-guidance: kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo 'set -g remain-on-exit on' >"$tmp/tmux.conf"

fail() {
	echo "e2e-guidance [$term]: FAIL: $*"
	echo "---- screen ----"
	tm capture-pane -p -t e2e 2>/dev/null
	echo "----------------"
	exit 1
}

screen() {
	tm capture-pane -p -t e2e
}

# wait_for TEXT [TRIES]: poll the screen every 0.1 s.
wait_for() {
	local i
	for ((i = 0; i < ${2:-50}; i++)); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	fail "\"$1\" never appeared"
}

keys() {
	tm send-keys -t e2e "$@"
}

text() {
	tm send-keys -t e2e -l -- "$1"
}

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

make_station() {
	"$HEARTH" --db "$1" init --station T01 --name 测试站 \
	    --division 110101001001 >/dev/null || fail "init failed"
	printf '1234\n' | "$HEARTH" --db "$1" user add vol1 --role volunteer \
	    >/dev/null || fail "user add failed"
	"$HEARTH" --db "$1" import children "$tmp/children.csv" >/dev/null ||
	    fail "import failed"
}

# ---------------------------------------------------------------- run
run_one() {
	term=$1
	local nocolor="" db="$tmp/station-$1.db" out

	[ "$term" = linux ] && nocolor=1
	make_station "$db"
	tm kill-server >/dev/null 2>&1
	rm -f "$tmp/exit"
	tm new-session -d -s e2e -x 80 -y 24 \
	    "env LANG=C.UTF-8 LC_ALL= TERM=$term NO_COLOR=$nocolor \
	    '$HEARTH' --lang en --db '$db'; echo \$? >'$tmp/exit'" ||
	    fail "tmux did not start"

	wait_for "Please log in"
	keys vol1 Enter
	text 1234
	keys Enter
	wait_for "This month's visit rate" 150
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
	keys Tab Space Space
	keys Tab Tab Space
	keys F2
	wait_for "Saved: one session for 2 children"
	wait_for "No child needs a session now"

	keys Escape
	wait_for "This month's visit rate"
	keys F10
	wait_for "Leave"
	keys Enter
	local i
	for ((i = 0; i < 50; i++)); do
		[ -s "$tmp/exit" ] && break
		sleep 0.1
	done
	[ "$(cat "$tmp/exit" 2>/dev/null)" = 0 ] ||
	    fail "did not exit cleanly ($(cat "$tmp/exit" 2>/dev/null))"

	out=$("$HEARTH" --db "$db" export guidance --format csv) ||
	    fail "export failed"
	[ "$(echo "$out" | wc -l)" = 4 ] ||
	    fail "expected 3 guidance rows in the export: $out"
	echo "$out" | grep -F "王小宝" | grep -F ",入户,vol1," |
	    grep -qF "生长发育" || fail "王小宝's session is not exported: $out"
	# The class: two rows, one time, the form chosen (父母课堂).
	[ "$(echo "$out" | grep -F ",父母课堂," | cut -d, -f4 | sort -u |
	    wc -l)" = 1 ] && [ "$(echo "$out" | grep -cF ",父母课堂,")" = 2 ] ||
	    fail "the class is not one session for two children: $out"
	echo "e2e-guidance [$term]: ok"
}

term=setup
for term in ${E2E_TERMS:-xterm-256color linux}; do
	(run_one "$term") || failed=1
done
exit "$failed"
