#!/bin/bash
# e2e-visit.sh: drive the real TUI in a detached tmux at 80x24.
#
# A new station with one volunteer and four imported elders: log in, check
# the home screen (Chinese, the due list), find an elder by pinyin
# initials, record a visit from the detail screen, record one straight
# from the due list (Enter, F2), shrink and restore the window, quit, and
# find both visits in `hearth export visits`.  Run for a colour xterm and
# for TERM=linux without colour.
#
# Environment: HEARTH (the built binary, required), E2E_TERMS (default
# "xterm-256color linux"), E2E_KEEP=1 to keep the temp dir.
# Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u

if ! command -v tmux >/dev/null 2>&1; then
	echo "e2e-visit: SKIP: tmux not installed"
	exit 77
fi
if [ -z "${HEARTH:-}" ] || [ ! -x "$HEARTH" ]; then
	echo "e2e-visit: FAIL: set HEARTH to the built hearth binary"
	exit 1
fi
HEARTH=$(cd "$(dirname "$HEARTH")" && pwd)/$(basename "$HEARTH")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-e2e.XXXXXX") || exit 1
sock="hearth-test-$$"
failed=0

tm() {
	tmux -L "$sock" -f "$tmp/tmux.conf" "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "e2e-visit: kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A pane that ends stays, so fail() can still show its last screen.
echo 'set -g remain-on-exit on' >"$tmp/tmux.conf"

fail() {
	echo "e2e-visit [$term]: FAIL: $*"
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
# make_station DB: a new station, one volunteer, four elders.
make_station() {
	"$HEARTH" --db "$1" init --station T01 --name 测试站 \
	    --division 110101001001 >/dev/null || fail "init failed"
	printf '1234\n' | "$HEARTH" --db "$1" user add vol1 --role volunteer \
	    >/dev/null || fail "user add failed"
	"$HEARTH" --db "$1" import elders "$tmp/elders.csv" >/dev/null ||
	    fail "import failed"
}

cat >"$tmp/elders.csv" <<'EOF'
姓名,身份证号,性别,区划代码,住址
张三丰,110101194503120035,男,110101001001,一组1号
李建国,110101193807070415,男,110101001001,一组2号
王秀英,110101195011200623,女,110101001002,二组3号
单雄,11010119421230001X,男,110101001002,二组4号
EOF

# ---------------------------------------------------------------- run
run_one() {
	term=$1
	local nocolor="" db="$tmp/station-$1.db" out

	[ "$term" = linux ] && nocolor=1
	make_station "$db"
	tm kill-server >/dev/null 2>&1
	# The exit status goes to a file: tmux may be slow to reap a pane.
	rm -f "$tmp/exit"
	tm new-session -d -s e2e -x 80 -y 24 \
	    "env LANG=C.UTF-8 LC_ALL= TERM=$term NO_COLOR=$nocolor \
	    '$HEARTH' --db '$db'; echo \$? >'$tmp/exit'" ||
	    fail "tmux did not start"

	wait_for "请登录"
	keys vol1 Enter
	text 1234
	keys Enter
	# Argon2id under a sanitiser can take a while.
	wait_for "本月探访率" 150
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

	# Too small, then back.
	tm resize-window -t e2e -x 60 -y 20
	wait_for "80×24"
	tm resize-window -t e2e -x 80 -y 24
	wait_for "本月探访率"

	# Quit (with confirmation) and check the exit status.
	keys F10
	wait_for "要退出"
	keys Enter
	local i
	for ((i = 0; i < 50; i++)); do
		[ -s "$tmp/exit" ] && break
		sleep 0.1
	done
	[ "$(cat "$tmp/exit" 2>/dev/null)" = 0 ] ||
	    fail "did not exit cleanly ($(cat "$tmp/exit" 2>/dev/null))"

	out=$("$HEARTH" --db "$db" export visits --format csv) ||
	    fail "export failed"
	echo "$out" | grep -F "张三丰" | grep -qF "血压偏高" ||
	    fail "the visit to 张三丰 is not in the export"
	[ "$(echo "$out" | wc -l)" = 3 ] ||
	    fail "expected 2 visits in the export: $out"
	echo "e2e-visit [$term]: ok"
}

term=setup
for term in ${E2E_TERMS:-xterm-256color linux}; do
	(run_one "$term") || failed=1
done
[ "$failed" = 0 ] && [ -n "${E2E_SHOW:-}" ] && cat "$tmp"/home-*.txt
exit "$failed"
