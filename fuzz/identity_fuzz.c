/*
 * identity_fuzz.c: libFuzzer harness for the identity documents and the blank test.
 *
 * The first byte picks the kind (and, one value in eight, an invalid one); the rest is the text,
 * read once as bytes and once as tokens (below).
 * Properties checked on every input:
 *   - identity_normalize and identity_diagnose agree, and a failure leaves "" in the output;
 *   - text is EMPTY for a kind exactly when vn_is_blank says it is blank;
 *   - a canonical form has its kind's shape and normalizes to itself;
 *   - a short output buffer gives IDENTITY_NO_ROOM, never a write past cap (ASan sees the edge);
 *   - a reported character lies inside the text, and the counts are consistent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "textfold.h"

#define REQUIRE(cond) do { if (!(cond)) abort(); } while (0)

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
check_shape(IdentityKind kind, const char *out, size_t n)
{
	size_t		i;
	size_t		chars = 0;
	int			digits = 0;

	switch (kind)
	{
		case IDENTITY_CCCD:
			REQUIRE(n == IDENTITY_CCCD_DIGITS);
			for (i = 0; i < n; i++)
				REQUIRE(is_digit(out[i]));
			break;
		case IDENTITY_PASSPORT:
			REQUIRE(n >= IDENTITY_PASSPORT_MIN && n <= IDENTITY_PASSPORT_MAX);
			for (i = 0; i < n; i++)
			{
				REQUIRE(is_digit(out[i]) || (out[i] >= 'A' && out[i] <= 'Z'));
				digits += is_digit(out[i]);
			}
			REQUIRE(digits > 0);
			break;
		case IDENTITY_TAX_CODE:
			REQUIRE(n == 10 || n == 14);
			for (i = 0; i < n; i++)
				REQUIRE(i == 10 ? out[i] == '-' : is_digit(out[i]));
			break;
		case IDENTITY_OTHER:
			REQUIRE(n > 0 && !vn_is_blank(out, n));
			REQUIRE(vn_blank_char(out, n) == 0);
			for (i = 0; i < n;)
			{
				uint32_t	cp;
				size_t		m = vn_utf8_decode(out + i, n - i, &cp);

				REQUIRE(m > 0);
				REQUIRE(cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F));
				/* the last character is not blank either */
				if (i + m == n)
					REQUIRE(vn_blank_char(out + i, m) == 0);
				i += m;
				chars++;
			}
			REQUIRE(chars >= 1 && chars <= IDENTITY_OTHER_MAX);
			break;
	}
}

static void
fuzz_identity(IdentityKind kind, const char *s, size_t len)
{
	char		out[IDENTITY_OUT_MAX];
	IdentityError e;
	IdentityStatus st;
	IdentityStatus sd;

	memset(out, 'z', sizeof(out));
	st = identity_normalize(kind, s, len, out, sizeof(out));
	sd = identity_diagnose(kind, s, len, &e);
	REQUIRE(st == sd && e.status == st);
	REQUIRE(st != IDENTITY_NO_ROOM);

	if ((int) kind < 0 || kind > IDENTITY_KIND_LAST)
	{
		REQUIRE(st == IDENTITY_BAD_KIND && out[0] == '\0');
		return;
	}
	REQUIRE((st == IDENTITY_EMPTY) == (vn_is_blank(s, len) == 1));

	if (st == IDENTITY_OK)
	{
		size_t		n = strlen(out);
		char		again[IDENTITY_OUT_MAX];
		char	   *small;

		REQUIRE(n > 0 && n < sizeof(out));
		check_shape(kind, out, n);
		REQUIRE(identity_normalize(kind, out, n, again, sizeof(again)) == IDENTITY_OK);
		REQUIRE(strcmp(again, out) == 0);

		/* one byte short of the room needed, in an exact-size heap block */
		small = malloc(n);
		REQUIRE(small);
		REQUIRE(identity_normalize(kind, s, len, small, n) == IDENTITY_NO_ROOM && small[0] == '\0');
		free(small);
		return;
	}

	REQUIRE(out[0] == '\0');
	REQUIRE(st == IDENTITY_EMPTY || st == IDENTITY_BAD_CHAR || st == IDENTITY_BAD_LENGTH ||
			st == IDENTITY_NO_DIGIT || st == IDENTITY_BAD_HYPHEN ||
			st == IDENTITY_BAD_PROVINCE || st == IDENTITY_BAD_CENTURY);
	REQUIRE(st != IDENTITY_NO_DIGIT || kind == IDENTITY_PASSPORT);
	REQUIRE((st != IDENTITY_BAD_PROVINCE && st != IDENTITY_BAD_CENTURY) ||
			(kind == IDENTITY_CCCD && e.pos + IDENTITY_CCCD_DIGITS <= len));
	REQUIRE(st != IDENTITY_BAD_HYPHEN || kind == IDENTITY_TAX_CODE);
	if (st == IDENTITY_BAD_CHAR || st == IDENTITY_BAD_HYPHEN || (st == IDENTITY_BAD_LENGTH && e.unit_part))
	{
		REQUIRE(e.pos < len && e.charlen >= 1 && e.charlen <= 4 && e.pos + e.charlen <= len);
		REQUIRE(e.charno <= e.pos);
		REQUIRE(e.cp >= -1 && e.cp <= 0x10FFFF);
		REQUIRE(e.cp != -1 || e.charlen == 1);
		REQUIRE(st == IDENTITY_BAD_CHAR || e.cp == '-');
	}
	if (st == IDENTITY_BAD_LENGTH)
	{
		switch (kind)
		{
			case IDENTITY_CCCD:
				REQUIRE(e.count != IDENTITY_CCCD_DIGITS);
				break;
			case IDENTITY_PASSPORT:
				REQUIRE(e.count < IDENTITY_PASSPORT_MIN || e.count > IDENTITY_PASSPORT_MAX);
				break;
			case IDENTITY_TAX_CODE:
				REQUIRE(e.unit_part ? e.count != IDENTITY_TAX_UNIT_DIGITS :
						(e.count != IDENTITY_TAX_DIGITS &&
						 e.count != IDENTITY_TAX_DIGITS + IDENTITY_TAX_UNIT_DIGITS));
				break;
			case IDENTITY_OTHER:
				REQUIRE(e.count > IDENTITY_OTHER_MAX);
				break;
		}
	}
}

/*
 * Random bytes seldom spell twelve digits in a row, so each input is also read as a string of
 * these tokens, one per byte: mostly digits, then the separators, letters and blank characters
 * the kinds treat specially.
 */
static const char *const tokens[] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
	"-", " ", "C", "b", "\t", "\n", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x8b", "\xef\xbb\xbf",
	"\xc3\xa9", "\x01", "\xc2\x85", "\xff",
};
#define N_TOKENS (sizeof(tokens) / sizeof(tokens[0]))

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *in;
	IdentityKind kind;
	int			k;

	if (size < 1)
		return 0;
	/* mostly valid kinds: one byte value in eight is an invalid kind */
	k = data[0] % 8;
	kind = (IdentityKind) (k < 7 ? k % (IDENTITY_KIND_LAST + 1) : IDENTITY_KIND_LAST + 1 + data[0] / 8);

	/* copy to an exact-size heap block so reads past the end are caught */
	in = malloc(size > 1 ? size - 1 : 1);
	if (in == NULL)
		return 0;
	memcpy(in, data + 1, size - 1);
	fuzz_identity(kind, in, size - 1);
	free(in);

	{
		size_t		len = 0;
		size_t		i;

		in = malloc(size > 1 ? 3 * (size - 1) : 1);
		if (in == NULL)
			return 0;
		for (i = 1; i < size; i++)
		{
			const char *t = tokens[data[i] % N_TOKENS];

			memcpy(in + len, t, strlen(t));
			len += strlen(t);
		}
		fuzz_identity(kind, in, len);
		free(in);
	}
	return 0;
}
