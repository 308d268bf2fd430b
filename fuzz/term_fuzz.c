/*
 * term_fuzz.c: libFuzzer harness for the term parser and printer and for vn_fold.
 *
 * Properties checked on every input:
 *   - vn_fold never writes past cap, never grows the text, gives a prefix of whole characters when
 *     cap is short, folds in place to the same bytes, and is idempotent;
 *   - term_parse either fails and leaves its output alone, or gives a valid term whose canonical
 *     and English forms parse back to the same term;
 *   - parsing depends on the folded text only: the input and its fold parse alike.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "textfold.h"

#define REQUIRE(cond) do { if (!(cond)) abort(); } while (0)

static void
fuzz_fold(const char *in, size_t len)
{
	char	   *full = malloc(len + 1);
	char	   *again = malloc(len + 1);
	char	   *inplace = malloc(len + 1);
	size_t		n,
				n2,
				cap;

	REQUIRE(full && again && inplace);
	n = vn_fold(in, len, full, len);
	REQUIRE(n <= len);

	/* idempotent */
	n2 = vn_fold(full, n, again, n);
	REQUIRE(n2 == n && memcmp(full, again, n) == 0);

	/* in place */
	memcpy(inplace, in, len);
	n2 = vn_fold(inplace, len, inplace, len);
	REQUIRE(n2 == n && memcmp(inplace, full, n) == 0);

	/* a short buffer: same total, a prefix, nothing written past cap (ASan sees the heap edge) */
	cap = len > 0 ? (size_t) (unsigned char) in[0] % (len + 1) : 0;
	{
		char	   *small = malloc(cap > 0 ? cap : 1);

		REQUIRE(small);
		n2 = vn_fold(in, len, small, cap);
		REQUIRE(n2 == n);
		if (n > cap)
		{
			/* the prefix stops at most 3 bytes short: one character that did not fit */
			size_t		k;

			for (k = 0; k < cap && k < n; k++)
				if (small[k] != full[k])
					break;
			REQUIRE(k + VN_FOLD_CHAR_MAX > cap);
		}
		else
			REQUIRE(memcmp(small, full, n) == 0);
		free(small);
	}

	free(full);
	free(again);
	free(inplace);
}

static void
fuzz_term(const char *in, size_t len)
{
	Term		t = {-99, -99};
	Term		back;
	TermParseStatus st = term_parse(in, len, &t);
	char		buf[TERM_FORMAT_MAX];
	size_t		n;
	char	   *folded;
	Term		tf = {-99, -99};

	/* parsing the folded text gives the same answer */
	folded = malloc(len > 0 ? len : 1);
	REQUIRE(folded);
	n = vn_fold(in, len, folded, len);
	REQUIRE(term_parse(folded, n, &tf) == st);
	free(folded);

	if (st != TERM_PARSE_OK)
	{
		REQUIRE(t.amount == -99 && t.unit == -99);
		return;
	}
	REQUIRE(term_is_valid(&t));
	REQUIRE(term_cmp(&t, &tf) == 0);

	n = term_format(&t, buf, sizeof(buf));
	REQUIRE(n > 0 && n < sizeof(buf) && strlen(buf) == n);
	REQUIRE(term_parse(buf, n, &back) == TERM_PARSE_OK && term_cmp(&t, &back) == 0);

	n = term_format_english(&t, buf, sizeof(buf));
	REQUIRE(n > 0 && n < sizeof(buf) && strlen(buf) == n);
	REQUIRE(term_parse(buf, n, &back) == TERM_PARSE_OK && term_cmp(&t, &back) == 0);

	REQUIRE(term_unit_name(t.unit) != NULL);
}

/*
 * Every spelling of the grammar.  Random bytes seldom spell "ngày làm việc", so each input is also
 * tried with one of these (chosen by its first byte) spliced into its middle.
 */
static const char *const spellings[] = {
	"ngày làm việc", "ngay lam viec", "NGA\xcc\x80Y LA\xcc\x80M VIE\xcc\xa3\xcc\x82\x43",
	"working days", "working day", "ngày", "days", "day", "calendar days", "calendar day",
	"giờ làm việc", "gio lam viec", "working hours", "working hour", "giờ", "GIO\xcc\x9b\xcc\x80",
	"hours", "hour", "tuần", "weeks", "week", "tháng", "THA\xcc\x81NG", "months", "month", "năm",
	"years", "year", "trong ngày", "trong ngày làm việc", "same day", "same-day", "Same-Day",
	"\xc2\xa0",
};

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* copy to an exact-size heap block so reads past the end are caught */
	char	   *in = malloc(size > 0 ? size : 1);

	if (in == NULL)
		return 0;
	memcpy(in, data, size);
	fuzz_fold(in, size);
	fuzz_term(in, size);
	free(in);

	if (size >= 1)
	{
		const char *sp = spellings[data[0] % (sizeof(spellings) / sizeof(spellings[0]))];
		size_t		splen = strlen(sp);
		size_t		half = 1 + (size - 1) / 2;
		size_t		len = size - 1 + splen;

		in = malloc(len > 0 ? len : 1);
		if (in == NULL)
			return 0;
		memcpy(in, data + 1, half - 1);
		memcpy(in + half - 1, sp, splen);
		memcpy(in + half - 1 + splen, data + half, size - half);
		fuzz_fold(in, len);
		fuzz_term(in, len);
		free(in);
	}
	return 0;
}
