#!/bin/sh
# gen-pinyin.sh: regenerate core/pinyin-table.c from Debian's unicode-data.
#
# usage: tools/gen-pinyin.sh [UNIHAN_DIR [OUTPUT]]
#   UNIHAN_DIR  holds Unihan_Readings.txt.bz2 and Unihan_Variants.txt.bz2
#               (default /usr/share/unicode, from the unicode-data package)
#   OUTPUT      default core/pinyin-table.c next to this script's tools/
#
# The table is checked in, so building hearth never needs unicode-data;
# run this (make regen-pinyin) when Unicode is updated and commit the diff.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/usr/share/unicode}
out=${2:-$here/../core/pinyin-table.c}

for f in Unihan_Readings.txt.bz2 Unihan_Variants.txt.bz2; do
	if [ ! -r "$dir/$f" ]; then
		echo "gen-pinyin.sh: $dir/$f not found (apt-get install unicode-data)" >&2
		exit 1
	fi
done

# Write beside the output and rename, so a failed run leaves the old table.
tmp=$out.tmp.$$
trap 'rm -f "$tmp"' EXIT
# LC_ALL=C: the awk script works on bytes whatever awk is installed.
{ bzcat "$dir/Unihan_Readings.txt.bz2" && bzcat "$dir/Unihan_Variants.txt.bz2"; } |
	LC_ALL=C awk -f "$here/gen-pinyin.awk" >"$tmp"
mv "$tmp" "$out"
trap - EXIT
