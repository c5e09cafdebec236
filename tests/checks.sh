# checks.sh: the TAP-like lines every script test prints, sourced by
# tests/*/test-*.sh (and tests/sync/lib.sh):
#   pass NAME                 "ok N - NAME"
#   fail NAME [DETAIL...]     "FAIL N - NAME" and each detail indented
#   check NAME GOT WANT       pass when GOT = WANT, else fail with both
#   run NAME RC ARGS          hearth through the test's own h() (its
#                             options and time limit): exit status RC
#   has NAME FILE TEXT        FILE holds the fixed string TEXT
# $checks and $failed count them; a test ends with
#   echo "$checks checks, $failed failed"; [ "$failed" -eq 0 ]
checks=0
failed=0
pass() { checks=$((checks + 1)); echo "ok $checks - $1"; }
fail() {
	checks=$((checks + 1)); failed=$((failed + 1))
	echo "FAIL $checks - $1"
	shift
	[ $# -gt 0 ] && printf '    %s\n' "$@"
}
check() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2" "want: $3"; fi
}
# run NAME RC ARGS: hearth through the test's h(), stdout to NAME.out,
# stderr to NAME.err; pass when it exits RC.
run() {
	local name=$1 want=$2 rc
	shift 2
	h "$@" >"$name.out" 2>"$name.err" </dev/null
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		pass "$name: exit $want"
	else
		fail "$name: exit $rc, expected $want" "$(head -5 "$name.err")"
	fi
}
# has NAME FILE TEXT: FILE holds the fixed string TEXT.
has() {
	if grep -qF -- "$3" "$2"; then
		pass "$1"
	else
		fail "$1: no \"$3\" in $2" "$(head -5 "$2")"
	fi
}
