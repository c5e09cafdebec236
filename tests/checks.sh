# checks.sh: the TAP-like lines every script test prints, sourced by
# tests/*/test-*.sh (and tests/sync/lib.sh):
#   pass NAME                 "ok N - NAME"
#   fail NAME [DETAIL...]     "FAIL N - NAME" and each detail indented
#   check NAME GOT WANT       pass when GOT = WANT, else fail with both
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
