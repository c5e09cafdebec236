# gen-pinyin.awk: build core/pinyin-table.c from the Unihan database.
#
# Input (on stdin, in this order): Unihan_Readings.txt, then
# Unihan_Variants.txt, both uncompressed.  tools/gen-pinyin.sh runs it:
#
#	{ bzcat Unihan_Readings.txt.bz2; bzcat Unihan_Variants.txt.bz2; } |
#	    LC_ALL=C awk -f tools/gen-pinyin.awk > core/pinyin-table.c
#
# For each ideograph we keep the set of initials (first Latin letter,
# accents stripped) of every reading found in kHanyuPinyin, kMandarin,
# kXHC1983, kTGHZ2013 and kHanyuPinlu.  The union matters: kMandarin gives
# only the most common reading (单 dān), the surname readings come from the
# dictionaries (单 shàn in kXHC1983, 区 ōu, 尉 yù, 盖 gě).
#
# An ideograph with no reading of its own inherits the readings of the
# characters Unihan_Variants names as the same character in another shape
# (kZVariant, kSpoofingVariant, kSemanticVariant, kSimplifiedVariant,
# kTraditionalVariant).  That is how 𠮷 (U+20BB7, the 吉 of 𠮷野家 and of
# some surnames, which Unihan gives no reading) gets j from 吉.  Only
# readings the variant has itself are used, never ones it inherited, so
# the result does not depend on the order of the file.
#
# No hand-made supplement is needed: every polyphonic surname checked
# (tests/test-pinyin.c) has all its readings in the source.
#
# Written for POSIX awk as mawk 1.3 implements it: no bitwise functions, no
# strtonum, no arrays of arrays.  Text is handled byte-wise; the accented
# letters are looked up as whole UTF-8 sequences (1, 2 or 3 bytes, so it
# also works under an awk that counts characters).

BEGIN {
	FS = "\t"
	alpha = "abcdefghijklmnopqrstuvwxyz"
	hexdigits = "0123456789ABCDEF"
	# Every accented letter pinyin uses, and those Unihan uses for
	# interjections (ê̄ ế ề, ḿ ń ň ǹ), with the letter it stands for.
	n = split("ā a á a ǎ a à a ē e é e ě e è e ê e ế e ề e " \
	    "ī i í i ǐ i ì i ō o ó o ǒ o ò o ū u ú u ǔ u ù u " \
	    "ü u ǖ u ǘ u ǚ u ǜ u ḿ m ń n ň n ǹ n", acc_list, " ")
	for (i = 1; i < n; i += 2)
		accent[acc_list[i]] = acc_list[i + 1]
	reading_field["kHanyuPinyin"] = 1
	reading_field["kMandarin"] = 1
	reading_field["kXHC1983"] = 1
	reading_field["kTGHZ2013"] = 1
	reading_field["kHanyuPinlu"] = 1
	variant_field["kZVariant"] = 1
	variant_field["kSpoofingVariant"] = 1
	variant_field["kSemanticVariant"] = 1
	variant_field["kSimplifiedVariant"] = 1
	variant_field["kTraditionalVariant"] = 1
	nvariant = 0
	# The blocks stored densely, in decimal (POSIX awk has no hex
	# literals): Ext A U+3400..U+4DBF, URO U+4E00..U+9FFF, Ext B
	# U+20000..U+2A6DF.
	nblock = split("ext_a uro ext_b", block_name, " ")
	block_first[1] = 13312;  block_last[1] = 19903
	block_first[2] = 19968;  block_last[2] = 40959
	block_first[3] = 131072; block_last[3] = 173791
}

function die(msg) {
	print "gen-pinyin.awk: line " NR ": " msg | "cat 1>&2"
	failed = 1
	exit 1
}

function hex_value(s,    i, v, d) {
	v = 0
	for (i = 1; i <= length(s); i++) {
		d = index(hexdigits, substr(s, i, 1))
		if (d == 0)
			die("bad hex number " s)
		v = v * 16 + d - 1
	}
	return v
}

# The initial of one reading such as "dān", "ōu", "ê̄" or "lǘ".
function initial_of(r,    c) {
	c = substr(r, 1, 1)
	if (index(alpha, c) > 0 && c != "")
		return c
	if (c in accent)
		return accent[c]
	c = substr(r, 1, 2)
	if (c in accent)
		return accent[c]
	c = substr(r, 1, 3)
	if (c in accent)
		return accent[c]
	die("reading with an unknown first letter: " r)
}

function add_initial(cp, l) {
	if (index(letters[cp], l) == 0)
		letters[cp] = letters[cp] l
}

# Letters of a set in alphabetical order, so equal sets compare equal.
function sorted_letters(s,    i, out) {
	out = ""
	for (i = 1; i <= 26; i++)
		if (index(s, substr(alpha, i, 1)) > 0)
			out = out substr(alpha, i, 1)
	return out
}

function mask_of(s,    i, m) {
	m = 0
	for (i = 1; i <= length(s); i++)
		m += 2 ^ (index(alpha, substr(s, i, 1)) - 1)
	return m
}

/^# Unicode version: / && version == "" {
	version = substr($0, 20)
}
/^# Date: / && date == "" {
	date = substr($0, 9)
}

/^U\+/ {
	if ($2 in reading_field) {
		cp = hex_value(substr($1, 3))
		nt = split($3, tokens, " ")
		for (t = 1; t <= nt; t++) {
			# "21521.030:zēng,céng" (dictionary position first),
			# "céng", or "yuè(54)" (kHanyuPinlu frequency last).
			tok = tokens[t]
			sub(/^.*:/, "", tok)
			sub(/\(.*$/, "", tok)
			nr = split(tok, readings, ",")
			for (r = 1; r <= nr; r++)
				add_initial(cp, initial_of(readings[r]))
		}
		if (!(cp in own))
			nown++
		own[cp] = 1
	} else if ($2 in variant_field) {
		cp = hex_value(substr($1, 3))
		v = $3
		while (match(v, /U\+[0-9A-F]+/)) {
			nvariant++
			variant_from[nvariant] = cp
			variant_to[nvariant] = hex_value(substr(v, RSTART + 2,
			    RLENGTH - 2))
			v = substr(v, RSTART + RLENGTH)
		}
	}
}

function print_dense(name, first, last,    cp, col, ix) {
	printf "\nstatic const uint16_t %s[0x%X - 0x%X + 1] = {", name, last,
	    first
	col = 0
	for (cp = first; cp <= last; cp++) {
		if (col == 0)
			printf "\n\t/*%X*/ ", cp
		ix = (cp in letters) ? palette_index[mask_of(letters[cp])] : 0
		printf "%d,", ix
		col = (col + 1) % 16
	}
	printf "\n};\n"
}

function in_dense(cp,    b) {
	for (b = 1; b <= nblock; b++)
		if (cp >= block_first[b] && cp <= block_last[b])
			return 1
	return 0
}

END {
	if (failed)
		exit 1
	if (version == "" || nown == 0)
		die("no Unihan readings on input")
	if (nvariant == 0)
		die("no Unihan variants on input (Unihan_Variants.txt)")

	# Readings of variants, for ideographs with none of their own.
	inherited = 0
	for (i = 1; i <= nvariant; i++) {
		cp = variant_from[i]
		to = variant_to[i]
		if ((cp in own) || !(to in own))
			continue
		if (!(cp in letters))
			inherited++
		for (j = 1; j <= length(letters[to]); j++)
			add_initial(cp, substr(letters[to], j, 1))
	}

	# The palette: every distinct set, ascending by mask; 0 is "none".
	npal = 0
	hi = 0
	nletters = 0
	for (cp in letters) {
		nletters++
		letters[cp] = sorted_letters(letters[cp])
		m = mask_of(letters[cp])
		if (!(m in palette_letters)) {
			palette_letters[m] = letters[cp]
			npal++
			palette[npal] = m
		}
		if (cp + 0 < 13312)
			die("reading for U+" sprintf("%X", cp) " below Ext A")
		if (cp + 0 > hi)
			hi = cp + 0
	}
	for (i = 2; i <= npal; i++) {
		m = palette[i]
		for (j = i - 1; j >= 1 && palette[j] > m; j--)
			palette[j + 1] = palette[j]
		palette[j + 1] = m
	}
	for (i = 1; i <= npal; i++)
		palette_index[palette[i]] = i
	if (npal + 1 > 65535)
		die("palette does not fit uint16_t")

	ndense = 0
	for (cp in letters)
		if (in_dense(cp + 0))
			ndense++

	printf "/* pinyin-table.c: initials of Chinese characters.  GENERATED, do not edit.\n"
	printf " *\n"
	printf " * Made by tools/gen-pinyin.sh (make regen-pinyin), which runs\n"
	printf " *   { bzcat Unihan_Readings.txt.bz2; bzcat Unihan_Variants.txt.bz2; } |\n"
	printf " *       LC_ALL=C awk -f tools/gen-pinyin.awk\n"
	printf " * on /usr/share/unicode (Debian package unicode-data).\n"
	printf " * Source: Unicode %s, Unihan dated %s.\n", version, date
	printf " * %d ideographs with readings, %d more from their variants;\n",
	    nown, inherited
	printf " * %d distinct sets of initials.\n", npal
	printf " *\n"
	printf " * Layout (why): a character's initials are a 26-bit mask, but there\n"
	printf " * are only %d distinct masks, so characters store a uint16_t index\n", npal
	printf " * into pinyin_table_palette: half the size of storing the masks and\n"
	printf " * still one array read per character.  Ext A, the URO and Ext B are\n"
	printf " * dense arrays indexed by (cp - first); Ext B is only a third filled\n"
	printf " * but a sorted (cp, index) list of its entries would take more\n"
	printf " * bytes (8 per entry with padding) and need a search.  The %d\n",
	    nletters - ndense
	printf " * characters elsewhere (Ext C-H, compatibility ideographs) are such\n"
	printf " * a list, searched by bisection.  Index 0 means no reading. */\n"
	printf "#include \"core/pinyin.h\"\n"
	printf "\nconst char pinyin_table_version[] = \"%s\";\n", version

	printf "\nconst uint32_t pinyin_table_palette[%d] = {\n\t0x0000000,\n", npal + 1
	for (i = 1; i <= npal; i++)
		printf "\t0x%07X,\t/* %d %s */\n", palette[i], i,
		    palette_letters[palette[i]]
	printf "};\n"

	for (b = 1; b <= nblock; b++)
		print_dense(block_name[b], block_first[b], block_last[b])
	printf "\nconst struct pinyin_table_block pinyin_table_blocks[] = {\n"
	for (b = 1; b <= nblock; b++)
		printf "\t{ 0x%X, sizeof %s / sizeof %s[0], %s },\n",
		    block_first[b], block_name[b], block_name[b], block_name[b]
	printf "};\n"
	printf "const size_t pinyin_table_nblocks =\n"
	printf "    sizeof pinyin_table_blocks / sizeof pinyin_table_blocks[0];\n"

	nsparse = 0
	printf "\nconst struct pinyin_table_entry pinyin_table_sparse[] = {\n"
	for (cp = 13312; cp <= hi; cp++) {
		if (in_dense(cp) || !(cp in letters))
			continue
		printf "\t{ 0x%X, %d },\t/* %s */\n", cp,
		    palette_index[mask_of(letters[cp])], letters[cp]
		nsparse++
	}
	printf "};\n"
	printf "const size_t pinyin_table_nsparse =\n"
	printf "    sizeof pinyin_table_sparse / sizeof pinyin_table_sparse[0];\n"

	# Every character with initials must be in the output.
	if (ndense + nsparse != nletters)
		die("lost characters: " nletters " in, " \
		    ndense + nsparse " out")
}
