#!/bin/bash
# e2e-kiosk.sh: the kiosk cannot be left, and the terminal is never lost.
#
# In a detached tmux on a private socket, at 80x24:
#  * `hearth tui --kiosk` (TERM=linux, no colour): storms of Ctrl-C,
#    Ctrl-Z, Ctrl-\, F10, q and Esc at the login screen, on the home screen
#    and in the visit form leave the process running on hearth's screen
#    with the typed text in place; F10 and q on the home screen log out to
#    the login screen; a window too small, too large or resized mid-form
#    loses nothing; 见到本人 → 否 turns 正常 into 未见到 on screen.
#  * --idle-logout 1 (when built in): a minute without a key logs out.
#  * A record from elsewhere with ESC[2J and U+202E in the name and a
#    300-character address (which `hearth import` refuses, so it is
#    written into the file directly, as a bad roster would) shows
#    sanitised and clipped to its row.
#  * Closing the window (SIGHUP, as an SSH disconnect) and SIGTERM end
#    hearth with the terminal restored: no process is left behind.
#
# Environment: HEARTH (the built binary, required), E2E_KEEP=1 to keep the
# temp dir.  Exit: 0 pass, 1 fail, 77 skip (no tmux).

set -u
. "$(dirname "$0")/lib.sh"
db="$tmp/kiosk-$$.db"	# unique: pgrep -f finds only our processes
win=k			# the window (in session e2e) the helpers act on

# A hearth that outlived its window would be a bug; still, leave nothing
# running (only ours: the path is unique).
on_cleanup() {
	pkill -KILL -f -- "$db" >/dev/null 2>&1
}

pane() {
	tm display -p -t "e2e:$win" "$1"
}

# gone PID WHAT: PID leaves the processes running on our database.
gone() {
	local i
	for ((i = 0; i < 50; i++)); do
		pgrep -f -- "$db" | grep -qx "$1" || return 0
		sleep 0.1
	done
	fail "$2: hearth ($1) is still running"
}

# alive WHERE [TEXT]: hearth still runs and still shows TEXT (its title
# line).
alive() {
	sleep 0.3	# let the storm arrive
	[ "$(pane '#{pane_dead}')" = 0 ] || fail "hearth ended ($1)"
	pgrep -f -- "$db" >/dev/null || fail "no hearth process ($1)"
	wait_for "${2:-测试站}"
}

# storm KEY...: each key ten times.
storm() {
	local k i
	for k in "$@"; do
		for ((i = 0; i < 10; i++)); do
			keys "$k"
		done
	done
}

# start NAME TERM ARGS...: hearth in a new 80x24 window, alone in its
# pane (exec), so a hang-up reaches it and nothing else.
start() {
	local name=$1 term=$2

	shift 2
	tm new-window -d -t e2e: -n "$name" "exec $(hearth_cmd tui "$@")" ||
	    fail "tmux did not start $name"
}

# ---------------------------------------------------------------- data
cat >"$tmp/elders.csv" <<'EOF'
姓名,身份证号,性别,区划代码,住址
张三丰,110101194503120035,男,110101001001,一组1号
李建国,110101193807070415,男,110101001001,一组2号
王秀英,110101195011200623,女,110101001002,二组3号
EOF
# What a hostile or broken file might hold: import must refuse both rows.
esc=$(printf '\033')
long=$(printf '长%.0s' $(seq 300))
{
	echo "姓名,身份证号,性别,区划代码,住址"
	echo "坏${esc}[2J人,11010119421230001X,男,110101001002,二组4号"
	echo "单雄,11010119421230001X,男,110101001002,$long"
} >"$tmp/hostile.csv"

new_station elders "$tmp/elders.csv"
"$HEARTH" --db "$db" import elders "$tmp/hostile.csv" >/dev/null 2>&1
[ $? = 3 ] || fail "import took a name with ESC or a 300-character address"

# ---------------------------------------------------------------- idle
# Started first: its minute runs while the rest of the test does.
tm new-session -d -s e2e -n boot -x 80 -y 24 "sleep 600" ||
    fail "tmux did not start"
tm set-option -g default-size 80x24 >/dev/null 2>&1
idle=0
if "$HEARTH" tui --help 2>&1 | grep -qF -- --idle-logout; then
	idle=1
	win=idle
	start idle linux --kiosk --idle-logout 1
	tm kill-window -t e2e:boot >/dev/null 2>&1
	login
	idle_from=$SECONDS
else
	echo "e2e-kiosk: note: no --idle-logout in this build, not tested"
fi

# ---------------------------------------------------------------- kiosk
win=k
start k linux --kiosk
wait_for "请登录"
screen | tail -n 1 | grep -qF Esc && fail "kiosk login offers Esc to leave"
storm C-c C-z 'C-\' F10 Escape
alive "login screen"
wait_for "请登录"
storm q
alive "login screen, q"
storm BSpace
login
wait_for "张三丰"

storm C-c C-z 'C-\' Escape
alive "home screen"
wait_for "本月探访率"
# The quit keys log out instead.
keys F10
wait_for "请登录"
alive "F10 on the home screen"
login
keys q
wait_for "请登录"
alive "q on the home screen"
login

# The visit form: type, storm, the text stays.
keys Enter
wait_for "探访时间"
keys Tab Tab Tab Tab Tab
text "腿脚不便KIOSK"
wait_for "腿脚不便KIOSK"
storm C-c C-z 'C-\' F10 Escape
alive "visit form"
wait_for "探访时间"
wait_for "腿脚不便KIOSK"
storm q
alive "visit form, q"
wait_for "腿脚不便KIOSK"

# 见到本人 → 否: the outcome follows, and back.
keys Up Up Up
wait_for "[正常]"
keys Space
wait_for "[未见到]"
keys Space
wait_for "[正常]"

# Too small (with a storm), too large, and back: the text stays.
tm resize-window -t "e2e:$win" -x 60 -y 20
wait_for "80×24"
storm C-c C-z 'C-\' F10 Escape
alive "too small" "80×24"
tm resize-window -t "e2e:$win" -x 132 -y 43
wait_for "腿脚不便KIOSK"
tm resize-window -t "e2e:$win" -x 80 -y 24
wait_for "腿脚不便KIOSK"
screen | grep -qF "80×24" && fail "still too small at 80x24"

keys F2
wait_for "已保存"
"$HEARTH" --db "$db" export visits --format csv | grep -qF "腿脚不便KIOSK" ||
    fail "the visit typed in the kiosk was not saved"

# ---------------------------------------------------------------- hostile
# A roster from elsewhere, as if written by an older or broken station.
sqlite3 "$db" "UPDATE elder SET name = '恶意' || char(27) || '[2J' ||
    char(8238) || '名', address = '$long' || '尾END'
    WHERE id_number = '110101195011200623'" ||
    fail "could not plant the hostile record"
win=h
start h xterm-256color
login
keys /
wait_for "查找"
text 0623
wait_for "找到 1 人"
keys Enter
wait_for "探访记录"
out=$(screen)
echo "$out" | grep -qF '恶意^[[2J' || fail "ESC not shown as ^["
echo "$out" | grep -qF $'\u202e' && fail "U+202E reached the screen"
echo "$out" | grep -qF 'END' && fail "the long address was not clipped"
[ "$(echo "$out" | grep -c '长长长')" = 1 ] ||
    fail "the long address took more than one row"
echo "$out" | grep '长长长' | grep -qF '…' || fail "no … on the cut address"
echo "$out" | grep -qF '住址' || fail "no address row"
echo "$out" | grep -qF '困难类型' || fail "the row below the address is gone"
# Nothing wrapped past the right edge, and the frame is intact.
echo "$out" | head -n 1 | grep -qF '测试站' || fail "title line lost"

# ---------------------------------------------------------------- signals
# SSH drops: tmux closes the pane's terminal and sends SIGHUP.
pid=$(pane '#{pane_pid}')
tm kill-window -t e2e:h
gone "$pid" "window closed (SIGHUP)"
win=k
pid=$(pane '#{pane_pid}')
tm kill-window -t e2e:k		# a kiosk must not outlive its terminal
gone "$pid" "kiosk window closed (SIGHUP)"

# SIGTERM, and SIGHUP while the terminal is still there (a parent's
# hang-up, `kill -HUP`): a clean exit (status 1, not death by the signal)
# with the terminal put back (alternate screen left).  A shell waits for
# hearth here, to write its status.
sig_exit() {
	local pid term=xterm-256color
	win=$1
	tm new-window -d -t e2e: -n "$1" \
	    "$(hearth_cmd tui $2); echo \$? >'$tmp/$1.exit'" ||
	    fail "tmux did not start $1"
	wait_for "请登录"
	[ "$(pane '#{alternate_on}')" = 1 ] || fail "not on the alternate screen"
	pid=$(pgrep -P "$(pane '#{pane_pid}')" -f -- "$db") ||
	    fail "no hearth in $1"
	kill -"$1" "$pid"
	expect_exit 1 "$tmp/$1.exit" "after SIG$1"
	[ "$(pane '#{alternate_on}')" = 0 ] ||
	    fail "terminal not restored on SIG$1"
}
sig_exit TERM ""
sig_exit HUP --kiosk

# ---------------------------------------------------------------- idle
if [ "$idle" = 1 ]; then
	win=idle
	tries=$(( (90 - (SECONDS - idle_from)) * 10 ))
	[ "$tries" -lt 10 ] && tries=10
	wait_for "长时间没有操作" "$tries"
	wait_for "请登录"
	[ $((SECONDS - idle_from)) -ge 59 ] || fail "logged out too early"
	pid=$(pane '#{pane_pid}')
	tm kill-window -t e2e:idle
	gone "$pid" "idle kiosk closed"
fi

# Nothing of ours is left running.
sleep 0.2
pgrep -f -- "$db" >/dev/null && fail "hearth processes left: $(pgrep -af -- "$db")"

echo "e2e-kiosk: ok"
exit 0
