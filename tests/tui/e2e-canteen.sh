#!/bin/bash
# e2e-canteen.sh: the canteen counter (F6) in the real TUI, in a detached
# tmux at 80x24.
#
# A station with one meal site (so no site to choose) and three elders,
# the clock at 12:00 (lunch).  Log in, F6, type pinyin initials, Enter
# records a lunch priced by the site's tier (the confirmation and the
# day's tally say so); the same elder again asks before a second serving:
# n records nothing, y records one at full price; a proxy (F3) collects
# another elder's meal.  Then `hearth export meals` must hold exactly
# those three servings.  Run for a colour xterm and for TERM=linux
# without colour.  The screens run in English (--lang en): the msgids
# are stable whatever the catalogue says.
#
# Environment: HEARTH (the built binary, required), E2E_TERMS (default
# "xterm-256color linux"), E2E_KEEP=1 to keep the temp dir.
# Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u

if ! command -v tmux >/dev/null 2>&1; then
	echo "e2e-canteen: SKIP: tmux not installed"
	exit 77
fi
if [ -z "${HEARTH:-}" ] || [ ! -x "$HEARTH" ]; then
	echo "e2e-canteen: FAIL: set HEARTH to the built hearth binary"
	exit 1
fi
HEARTH=$(cd "$(dirname "$HEARTH")" && pwd)/$(basename "$HEARTH")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-e2e.XXXXXX") || exit 1
sock="hearth-canteen-$$"
failed=0
export HEARTH_NOW="2024-03-20 12:00"

tm() {
	tmux -L "$sock" -f "$tmp/tmux.conf" "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "e2e-canteen: kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo 'set -g remain-on-exit on' >"$tmp/tmux.conf"

fail() {
	echo "e2e-canteen [$term]: FAIL: $*"
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
cat >"$tmp/elders.csv" <<'CSV'
姓名,身份证号,性别,区划代码,住址,困难类型
张三丰,110101194503120035,男,110101001001,一组1号,低保
李建国,110101193807070415,男,110101001001,一组2号,
王秀英,110101195011200623,女,110101001002,二组3号,
CSV

make_station() {
	"$HEARTH" --db "$1" init --station T01 --name 测试站 \
	    --division 110101001001 >/dev/null || fail "init failed"
	printf '1234\n' | "$HEARTH" --db "$1" user add vol1 --role volunteer \
	    >/dev/null || fail "user add failed"
	"$HEARTH" --db "$1" import elders "$tmp/elders.csv" >/dev/null ||
	    fail "import failed"
	"$HEARTH" --db "$1" add site --name 李家村幸福食堂 --price_fen 1200 \
	    --slots 午、晚 --tiers "低保:800;85-:800;75-84:500;60-74:300" \
	    >/dev/null || fail "add site failed"
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
	    HEARTH_NOW='$HEARTH_NOW' '$HEARTH' --lang en --db '$db'; \
	    echo \$? >'$tmp/exit'" ||
	    fail "tmux did not start"

	wait_for "Please log in"
	keys vol1 Enter
	text 1234
	keys Enter
	wait_for "This month's visit rate" 150
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

	# Again: asked first; n records nothing.
	text zsf
	wait_for "served"
	keys Enter
	wait_for "record a second? (y/N)"
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
	text ljg
	wait_for "李建国"
	keys F3
	wait_for "Collected by:"
	text 李小梅
	keys Enter
	wait_for "Recorded: 李建国"
	wait_for "Today: 3 servings, 2 elders; subsidy 16.00 yuan"
	screen >"$tmp/canteen-$term.txt"

	# Esc twice: home, then quit.
	keys Escape
	wait_for "This month's visit rate"
	keys F10
	wait_for "Leave hearth?"
	keys Enter
	local i
	for ((i = 0; i < 50; i++)); do
		[ -s "$tmp/exit" ] && break
		sleep 0.1
	done
	[ "$(cat "$tmp/exit" 2>/dev/null)" = 0 ] ||
	    fail "did not exit cleanly ($(cat "$tmp/exit" 2>/dev/null))"

	out=$("$HEARTH" --db "$db" export meals) || fail "export failed"
	[ "$(echo "$out" | wc -l)" = 4 ] ||
	    fail "expected 3 servings in the export: $out"
	echo "$out" | grep -qF "110101194503120035,张三丰,李家村幸福食堂,2024-03-20,午,堂食,1,1200,800,400,刷卡" ||
	    fail "the first lunch of 张三丰 is not in the export: $out"
	echo "$out" | grep -qF "张三丰,李家村幸福食堂,2024-03-20,午,堂食,1,1200,0,1200" ||
	    fail "the second lunch of 张三丰 is not at full price: $out"
	echo "$out" | grep -qF "李建国,李家村幸福食堂,2024-03-20,午,堂食,1,1200,800,400,代领,李小梅" ||
	    fail "the lunch collected for 李建国 is not in the export: $out"
	echo "e2e-canteen [$term]: ok"
}

term=setup
for term in ${E2E_TERMS:-xterm-256color linux}; do
	(run_one "$term") || failed=1
done
[ "$failed" = 0 ] && [ -n "${E2E_SHOW:-}" ] && cat "$tmp"/canteen-*.txt
exit "$failed"
