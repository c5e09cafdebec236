/* money.h: amounts of money, kept as integer fen (分, 1/100 yuan).
 *
 * SPEC: money in fen everywhere it is stored or exported, so sums are exact
 * and price = subsidy + self-paid can be checked to the fen.  People read
 * and type yuan ("12.50", "12.5", "12"); these two functions are the one
 * place that converts.  long long because a month's total over a county
 * outgrows 32 bits on the 32-bit ARM boxes of the hardware floor. */
#ifndef HEARTH_MONEY_H
#define HEARTH_MONEY_H

#include <stdbool.h>

/* Longest money_format() output: "-92233720368547758.08" and the NUL. */
#define MONEY_TEXT_MAX 24

/* FEN as yuan with two decimals: 1250 → "12.50", -5 → "-0.05". */
void money_format(long long fen, char out[MONEY_TEXT_MAX]);

/* Yuan text → fen: digits with at most two decimals ("12", "12.5",
 * "12.50", "0.05"; also "12.5元" and a leading "¥"/"￥"), not negative,
 * at most 10,000,000 yuan.  False on anything else (no rounding of a
 * third decimal: a mistyped amount must be seen, not guessed). */
bool money_parse(const char *s, long long *fen);

#endif
