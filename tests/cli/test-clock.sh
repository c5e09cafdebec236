#!/bin/bash
# test-clock.sh: "today" comes from the system clock, so faketime moves it.
#
# The default report month (and with it who counts as registered) and a
# visit's default time are read under faketime at month and year edges (a
# leap day included) and compared with what the same commands give under
# HEARTH_NOW, which the other tests use.  faketime's
# preload cannot hook into an AddressSanitizer binary, so a sanitized
# build skips (77), as does a machine without faketime.
#
#   HEARTH=/path/to/hearth srcdir=/path/to/source tests/cli/test-clock.sh
set -u
. "$(dirname "$0")/../checks.sh"

: "${HEARTH:?set HEARTH to the hearth binary}"
srcdir=${srcdir:-.}
if ! command -v faketime >/dev/null 2>&1; then
	echo "test-clock: SKIP: faketime is not installed"
	exit 77
fi
if nm "$HEARTH" 2>/dev/null | grep -q __asan_init; then
	echo "test-clock: SKIP: faketime cannot drive a sanitized binary"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hearth-clock.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export HEARTH_DB="$tmp/station.db" LC_ALL=C.UTF-8
unset HEARTH_NOW LANGUAGE HEARTH_LOCALEDIR

h() { timeout 60 "$HEARTH" --lang en "$@"; }

h init --station CLK01 --name 时钟站 --division 110101001001 >/dev/null ||
	{ echo "test-clock: init failed"; exit 1; }
HEARTH_NOW="2024-02-01 09:00" h import elders \
	"$srcdir/tests/data/import/elders-utf8-bom-crlf.csv" >/dev/null 2>&1
id=$(h export elders --format csv | awk -F, 'NR == 2 { print $3 }')
[ -n "$id" ] || { echo "test-clock: no elder imported"; exit 1; }

for now in "2024-02-29 23:58" "2024-03-01 00:01" "2023-12-31 23:59" \
    "2025-01-01 00:00"; do
	month=${now:0:7}
	fake=$(faketime "$now:00" "$HEARTH" --lang en report coverage \
		--format csv | awk -F, 'NR == 2 { print $1 }')
	check "report month under faketime $now" "$fake" "$month"
	a=$(faketime "$now:00" "$HEARTH" --lang en report coverage --format csv)
	b=$(HEARTH_NOW="$now" h report coverage --format csv)
	check "faketime and HEARTH_NOW agree at $now" "$a" "$b"
done

# A visit's default time is the faked now.
faketime "2024-03-05 10:30:00" "$HEARTH" --lang en add visit --elder "$id" \
	--visitor 王芳 --mode 上门 --contacted 是 >/dev/null 2>&1
got=$(h export visits --format csv | awk -F, 'NR == 2 { print $4 }')
check "add visit defaults to the faked time" "$got" "2024-03-05 10:30"

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
