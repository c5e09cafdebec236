# lib.sh: what the tmux end-to-end tests of the screens share; sourced by
# tests/tui/e2e-*.sh as `. "$(dirname "$0")/lib.sh"`.  Needs HEARTH (the
# built binary; made absolute here, as the panes run elsewhere); exits 77
# (skip) without tmux.  Leaves the test a fresh directory $tmp and a tmux
# server of its own (a private socket, -L), whose panes stay when they end
# so that fail() can still show the last screen.  At exit the server is
# stopped (what still runs in its panes 5 s later is killed), on_cleanup
# is called if the test defines one, and $tmp removed (E2E_KEEP=1 keeps
# it).  The test gets:
#
#   term, win           the TERM under test, and the window of session e2e
#                       the helpers act on (empty: the session's own);
#                       messages name $win if set, else $term
#   db, user, pin       the station's database (set by the test) and who
#                       logs in (vol1, PIN 1234 unless the test says)
#   tm ARGS             tmux on the private server
#   fail MESSAGE        say so, show the screen, exit 1
#   note MESSAGE        a line naming the test and terminal
#   screen              the screen as text
#   wait_for TEXT [TRIES], wait_re REGEX [TRIES]
#                       poll the screen every 0.1 s (50 times unless told)
#                       until TEXT (a fixed string) or REGEX shows
#   gone_for TEXT       TEXT is not on the screen, after a short settle
#   keys KEY...         tmux key names (Enter, F2, C-c); text STRING types
#                       STRING as it is
#   new_station KIND CSV
#                       $db: station T01, volunteer $user, KIND (elders or
#                       children) imported from CSV
#   hearth_cmd ARGS     the shell command that runs hearth on $db for $term
#   start_hearth ARGS   a new server, hearth alone in session e2e at 80x24;
#                       its exit status goes to $tmp/exit
#   login [PROMPT HOME] wait for PROMPT (请登录), log in, wait for HOME
#                       (本月探访率) on the home screen
#   expect_exit STATUS [FILE [WHAT]]
#                       hearth's exit status, from FILE ($tmp/exit)
#   quit_home QUESTION  F10 on the home screen asks QUESTION; Enter leaves,
#                       with status 0
#   run_terms           run_one TERM for each of E2E_TERMS (default
#                       "xterm-256color linux"), each in a subshell so that
#                       fail() ends only that one; failed=1 if one failed

NAME=$(basename "$0" .sh)
if ! command -v tmux >/dev/null 2>&1; then
	echo "$NAME: SKIP: tmux not installed"
	exit 77
fi
if [ -z "${HEARTH:-}" ] || [ ! -x "$HEARTH" ]; then
	echo "$NAME: FAIL: set HEARTH to the built hearth binary"
	exit 1
fi
HEARTH=$(cd "$(dirname "$HEARTH")" && pwd)/$(basename "$HEARTH")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-$NAME.XXXXXX") || exit 1
sock="hearth-$NAME-$$"
failed=0
term=setup
win=
db=
user=vol1
pin=1234

tm() {
	tmux -L "$sock" -f "$tmp/tmux.conf" "$@"
}

# What runs in the live panes: the pane's process and its children (a
# shell waiting for hearth, hearth).
pane_pids() {
	local dead pid

	tm list-panes -a -F '#{pane_dead} #{pane_pid}' 2>/dev/null |
	    while read -r dead pid; do
		[ "$dead" = 0 ] || continue
		echo "$pid"
		pgrep -P "$pid"
	done
}

# Killing the server hangs up every pane, which ends hearth; but a
# sanitiser's leak check at exit can hang when the hang-up's SIGCONT
# lands while it stops the world, so what still runs after 5 s is killed.
# tmux leaves its socket behind: removed.
stop_server() {
	local pids p left i socket

	pids=$(pane_pids)
	socket=$(tm display -p '#{socket_path}' 2>/dev/null)
	tm kill-server >/dev/null 2>&1
	[ -z "$socket" ] || rm -f -- "$socket"
	for ((i = 0; i < 50 && ${#pids} > 0; i++)); do
		left=
		for p in $pids; do
			kill -0 "$p" 2>/dev/null && left="$left $p"
		done
		pids=$left
		[ -n "$pids" ] && sleep 0.1
	done
	[ -z "$pids" ] || kill -KILL $pids 2>/dev/null
}

cleanup() {
	stop_server
	declare -F on_cleanup >/dev/null && on_cleanup
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "$NAME: kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo 'set -g remain-on-exit on' >"$tmp/tmux.conf"

fail() {
	echo "$NAME [${win:-$term}]: FAIL: $*"
	echo "---- screen ----"
	tm capture-pane -p -t "e2e${win:+:$win}" 2>/dev/null
	echo "----------------"
	exit 1
}

note() {
	echo "$NAME [${win:-$term}]: $*"
}

screen() {
	tm capture-pane -p -t "e2e${win:+:$win}"
}

# until_shown TRIES GREP-ARGS: poll until `grep -q GREP-ARGS` matches the
# screen; false after TRIES polls.
until_shown() {
	local i tries=$1

	shift
	for ((i = 0; i < tries; i++)); do
		screen | grep -q "$@" && return 0
		sleep 0.1
	done
	return 1
}

wait_for() {
	until_shown "${2:-50}" -F -- "$1" || fail "\"$1\" never appeared"
}

wait_re() {
	until_shown "${2:-50}" -E -- "$1" || fail "nothing matched /$1/"
}

gone_for() {
	sleep 0.3
	! screen | grep -qF -- "$1" || fail "\"$1\" is still on the screen"
}

keys() {
	tm send-keys -t "e2e${win:+:$win}" "$@"
}

text() {
	tm send-keys -t "e2e${win:+:$win}" -l -- "$1"
}

new_station() {
	"$HEARTH" --db "$db" init --station T01 --name 测试站 \
	    --division 110101001001 >/dev/null || fail "init failed"
	printf '%s\n' "$pin" | "$HEARTH" --db "$db" user add "$user" \
	    --role volunteer >/dev/null || fail "user add failed"
	"$HEARTH" --db "$db" import "$1" "$2" >/dev/null ||
	    fail "import failed"
}

# In a UTF-8 locale, without colour for TERM=linux; HEARTH_NOW (the
# clock) goes along when it is set.  ARGS are given to the pane's shell
# as they are.
hearth_cmd() {
	local nocolor=

	[ "$term" = linux ] && nocolor=1
	echo "env LANG=C.UTF-8 LC_ALL= TERM=$term NO_COLOR=$nocolor" \
	    "${HEARTH_NOW:+HEARTH_NOW='$HEARTH_NOW'}" "'$HEARTH' --db '$db' $*"
}

# The exit status goes to a file: tmux may be slow to reap a pane.  The
# server stopped may still be winding down and take the new session with
# it ("server exited unexpectedly"): then the session is asked for again.
start_hearth() {
	local i

	stop_server
	rm -f "$tmp/exit"
	for ((i = 0; i < 10; i++)); do
		tm new-session -d -s e2e -x 80 -y 24 \
		    "$(hearth_cmd "$@"); echo \$? >'$tmp/exit'" && return 0
		sleep 0.2
	done
	fail "tmux did not start"
}

login() {
	wait_for "${1:-请登录}"
	keys "$user" Enter
	text "$pin"
	keys Enter
	# Argon2id under a sanitiser can take a while.
	wait_for "${2:-本月探访率}" 150
}

expect_exit() {
	local i file=${2:-$tmp/exit}

	for ((i = 0; i < 50; i++)); do
		[ -s "$file" ] && break
		sleep 0.1
	done
	[ "$(cat "$file" 2>/dev/null)" = "$1" ] ||
	    fail "${3:-at the end}: exit status" \
	    "'$(cat "$file" 2>/dev/null)', not $1"
}

quit_home() {
	keys F10
	wait_for "$1"
	keys Enter
	expect_exit 0
}

run_terms() {
	local t

	for t in ${E2E_TERMS:-xterm-256color linux}; do
		(run_one "$t") || failed=1
	done
}
