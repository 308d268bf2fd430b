/*
 * letters_fuzz.c: libFuzzer harness for the letter rendering core (src/letters.c).
 *
 * The first byte picks a case.  Properties checked:
 *   - the date line exists exactly for the dates of the proleptic Gregorian calendar in years
 *     1..9999 (checked against lunar_jdn and lunar_gregorian, an independent reckoning); it reads
 *     back as the same place, day, month and year, with the leading zeros of Decree 30/2020
 *     Appendix I (a day below 10, the months 1 and 2); a short buffer gets a NUL-terminated prefix
 *     and the same returned length, never a write past its end;
 *   - HTML escaping leaves none of & < > " ' unescaped, unescapes back to the input, returns the
 *     same length whatever the room, and writes a NUL-terminated prefix into a short buffer;
 *   - letters_form finds a form exactly for the codes of the table.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "letters.h"
#include "lunar.h"

/* the text as a NUL-terminated string in an exact-size heap block (a NUL inside ends it early) */
static char *
cstring(FuzzInput *in, size_t max)
{
	size_t		left = in->size - in->pos;
	size_t		n = fuzz_u8(in) % (max + 1);
	char	   *s;

	left = in->size - in->pos;
	if (n > left)
		n = left;
	s = malloc(n + 1);
	REQUIRE(s);
	memcpy(s, in->data + in->pos, n);
	s[n] = '\0';
	in->pos += n;
	return s;
}

static void
check_date_line(FuzzInput *in)
{
	int			year = fuzz_u8(in) % 2 ? (int) fuzz_range(in, -2, 10001) : fuzz_i32(in);
	int			month = fuzz_u8(in) % 2 ? (int) fuzz_range(in, -1, 14) : fuzz_i32(in);
	int			day = fuzz_u8(in) % 2 ? (int) fuzz_range(in, -1, 32) : fuzz_i32(in);
	char	   *place = fuzz_u8(in) % 3 == 0 ? NULL : cstring(in, 64);
	size_t		cap = fuzz_u8(in);
	char	   *small = malloc(cap > 0 ? cap : 1);
	char		buf[512];
	int			n = letters_date_line(buf, sizeof(buf), place, year, month, day);
	int			n2;
	bool		exists = false;

	REQUIRE(small);
	if (year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
	{
		int			y,
					m,
					d;

		lunar_gregorian(lunar_jdn(year, month, day), &y, &m, &d);
		exists = y == year && m == month && d == day;
	}
	REQUIRE((n >= 0) == exists);
	if (n < 0)
	{
		REQUIRE(letters_date_line(small, cap, place, year, month, day) == -1);
		goto done;
	}
	REQUIRE((size_t) n < sizeof(buf) && strlen(buf) == (size_t) n);
	{
		char		expect[64];
		size_t		plen = place ? strlen(place) + 2 : 0;

		snprintf(expect, sizeof(expect), "ngày %s%d tháng %s%d năm %d",
				 day < 10 ? "0" : "", day, month <= 2 ? "0" : "", month, year);
		REQUIRE((size_t) n == plen + strlen(expect));
		REQUIRE(strcmp(buf + plen, expect) == 0);
		if (place)
			REQUIRE(memcmp(buf, place, plen - 2) == 0 && memcmp(buf + plen - 2, ", ", 2) == 0);
	}
	/* a short buffer: the same length, a NUL-terminated prefix */
	n2 = letters_date_line(small, cap, place, year, month, day);
	REQUIRE(n2 == n);
	if (cap > 0)
	{
		size_t		k = (size_t) n < cap ? (size_t) n : cap - 1;

		REQUIRE(small[k] == '\0' && memcmp(small, buf, k) == 0);
	}
done:
	free(small);
	free(place);
}

/* the text back from its escaped form; -1 on a stray & or a raw special character */
static long
unescape(const char *e, char *out)
{
	static const struct
	{
		const char *ent;
		char		c;
	}			ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
	long		n = 0;

	while (*e)
	{
		if (*e == '<' || *e == '>' || *e == '"' || *e == '\'')
			return -1;
		if (*e == '&')
		{
			size_t		i;

			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
				if (strncmp(e, ents[i].ent, strlen(ents[i].ent)) == 0)
					break;
			if (i == sizeof(ents) / sizeof(ents[0]))
				return -1;
			out[n++] = ents[i].c;
			e += strlen(ents[i].ent);
		}
		else
			out[n++] = *e++;
	}
	out[n] = '\0';
	return n;
}

static void
check_escape(FuzzInput *in)
{
	size_t		cap = fuzz_u8(in);
	char	   *src = cstring(in, 255);
	size_t		len = strlen(src);
	char	   *full = malloc(6 * len + 1);
	char	   *back = malloc(len + 1);
	char	   *small = malloc(cap > 0 ? cap : 1);
	size_t		n;

	REQUIRE(full && back && small);
	n = letters_html_escape(full, 6 * len + 1, src);
	REQUIRE(n <= 6 * len && strlen(full) == n && n >= len);
	REQUIRE(unescape(full, back) == (long) len && strcmp(back, src) == 0);

	REQUIRE(letters_html_escape(small, cap, src) == n);
	if (cap > 0)
	{
		size_t		k = n < cap ? n : cap - 1;

		REQUIRE(small[k] == '\0' && memcmp(small, full, k) == 0);
	}
	free(full);
	free(back);
	free(small);
	free(src);
}

static void
check_form(FuzzInput *in)
{
	char	   *code = cstring(in, 4);
	const LetterForm *f = letters_form(code);
	int			found = -1;

	for (int i = 0; i < letter_nforms; i++)
		if (strcmp(letter_forms[i].code, code) == 0)
			found = i;
	REQUIRE(found < 0 ? f == NULL : f == &letter_forms[found]);
	if (f)
		REQUIRE(strlen(f->code) == 2 && f->title[0] && f->abbrev[0] && f->event[0]);
	REQUIRE(letters_form(NULL) == NULL);
	free(code);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {data, size, 0};

	switch (fuzz_u8(&in) % 3)
	{
		case 0:
			check_date_line(&in);
			break;
		case 1:
			check_escape(&in);
			break;
		default:
			check_form(&in);
			break;
	}
	return 0;
}
