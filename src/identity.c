/*
 * identity.c: validation and canonical form of an applicant's identity document (see identity.h).
 *
 * CCCD: Law on Identification 2023 (Law 26/2023/QH15), Decree 137/2015/NĐ-CP: 12 digits.
 * Tax code: Circular 105/2020/TT-BTC: 10 digits, or 10-3 for a dependent unit.
 * Passport and other documents: no rule of law is encoded; the shapes are tthc's [open].
 */
#include "identity.h"

#include <string.h>

#include "textfold.h"

/*
 * The 63 province codes of a CCCD (Circular 07/2016/TT-BCA Appendix, Circular 59/2021/TT-BCA): the
 * codes of Decision 124/2004/QĐ-TTg, 001 Hà Nội to 096 Cà Mau.  See identity.h.
 */
static const unsigned char cccd_provinces[] = {
	1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36,
	37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75,
	77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96
};

int
identity_cccd_province(int p)
{
	size_t		i;

	for (i = 0; i < sizeof(cccd_provinces); i++)
		if (cccd_provinces[i] == p)
			return 1;
	return 0;
}

int
identity_cccd_century(int c)
{
	/* 0/1: 1900-1999, 2/3: 2000-2099; 4-9 are for 2100-2399 */
	return c >= 0 && c <= 3;
}

static const char *const kind_names[] = {"cccd", "passport", "tax_code", "other"};

const char *
identity_kind_name(int kind)
{
	if (kind < 0 || kind > IDENTITY_KIND_LAST)
		return NULL;
	return kind_names[kind];
}

int
identity_kind_from_name(const char *name, size_t len, IdentityKind *kind)
{
	int			k;

	for (k = 0; k <= IDENTITY_KIND_LAST; k++)
	{
		if (strlen(kind_names[k]) == len && memcmp(kind_names[k], name, len) == 0)
		{
			*kind = (IdentityKind) k;
			return 1;
		}
	}
	return 0;
}

/* One character of the input: its length (1 for a byte that is not UTF-8) and code point (or -1). */
static size_t
next_char(const char *s, size_t len, int32_t *cp)
{
	uint32_t	c;
	size_t		n = vn_utf8_decode(s, len, &c);

	if (n == 0)
	{
		*cp = -1;
		return 1;
	}
	*cp = (int32_t) c;
	return n;
}

static IdentityStatus
bad_char(IdentityError *e, IdentityStatus status, const char *s, size_t len, size_t pos,
		 size_t charno)
{
	e->status = status;
	e->pos = pos;
	e->charno = charno;
	e->charlen = next_char(s + pos, len - pos, &e->cp);
	return status;
}

static IdentityStatus
bad_length(IdentityError *e, size_t count)
{
	e->status = IDENTITY_BAD_LENGTH;
	e->count = count;
	return IDENTITY_BAD_LENGTH;
}

static int
is_digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* C0 and C1 controls: not in a one-line identity (blank ones are trimmed at the ends only). */
static int
is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/*
 * The work of identity_normalize and identity_diagnose: check s[0..len), fill *e, and build the
 * canonical form in canon (room for IDENTITY_OUT_MAX bytes), returning its length in *canon_len.
 */
static IdentityStatus
identity_check(IdentityKind kind, const char *s, size_t len, IdentityError *e,
			   char *canon, size_t *canon_len)
{
	size_t		start = 0;
	size_t		end = 0;
	size_t		charno = 0;
	size_t		i;
	size_t		count = 0;
	size_t		n = 0;

	memset(e, 0, sizeof(*e));
	e->cp = -1;
	*canon_len = 0;
	if ((int) kind < 0 || kind > IDENTITY_KIND_LAST)
		return e->status = IDENTITY_BAD_KIND;

	/* trim: start after the leading blanks, end after the last character that is not blank */
	while (start < len)
	{
		size_t		b = vn_blank_char(s + start, len - start);

		if (b == 0)
			break;
		start += b;
		charno++;
	}
	i = start;
	while (i < len)
	{
		size_t		b = vn_blank_char(s + i, len - i);
		int32_t		cp;

		if (b > 0)
			i += b;
		else
			end = i = i + next_char(s + i, len - i, &cp);
	}
	if (end <= start)
		return e->status = IDENTITY_EMPTY;

	switch (kind)
	{
		case IDENTITY_CCCD:
			for (i = start; i < end; charno++)
			{
				int32_t		cp;
				size_t		m = next_char(s + i, end - i, &cp);

				if (!is_digit(cp))
					return bad_char(e, IDENTITY_BAD_CHAR, s, len, i, charno);
				if (count < IDENTITY_CCCD_DIGITS)
					canon[n++] = (char) cp;
				count++;
				i += m;
			}
			if (count != IDENTITY_CCCD_DIGITS)
				return bad_length(e, count);
			/* the structure of the number (identity.h): a province code, then century and sex */
			if (!identity_cccd_province((canon[0] - '0') * 100 + (canon[1] - '0') * 10 +
										(canon[2] - '0')))
			{
				e->pos = start;
				return e->status = IDENTITY_BAD_PROVINCE;
			}
			if (!identity_cccd_century(canon[3] - '0'))
			{
				e->pos = start;
				return e->status = IDENTITY_BAD_CENTURY;
			}
			break;

		case IDENTITY_PASSPORT:
			{
				int			digits = 0;

				for (i = start; i < end; charno++)
				{
					int32_t		cp;
					size_t		m = vn_blank_char(s + i, end - i);

					if (m > 0)
					{
						i += m;		/* "C 1234567" as printed in groups */
						continue;
					}
					m = next_char(s + i, end - i, &cp);
					if (cp >= 'a' && cp <= 'z')
						cp -= 'a' - 'A';
					if (is_digit(cp))
						digits++;
					else if (!(cp >= 'A' && cp <= 'Z'))
						return bad_char(e, IDENTITY_BAD_CHAR, s, len, i, charno);
					if (count < IDENTITY_PASSPORT_MAX)
						canon[n++] = (char) cp;
					count++;
					i += m;
				}
				if (count < IDENTITY_PASSPORT_MIN || count > IDENTITY_PASSPORT_MAX)
					return bad_length(e, count);
				if (digits == 0)
					return e->status = IDENTITY_NO_DIGIT;
			}
			break;

		case IDENTITY_TAX_CODE:
			{
				size_t		hyphen = 0;		/* offset of the hyphen + 1; 0 = none */
				size_t		hyphen_charno = 0;

				for (i = start; i < end; charno++)
				{
					int32_t		cp;
					size_t		m = next_char(s + i, end - i, &cp);

					if (cp == '-')
					{
						if (hyphen != 0 || count != IDENTITY_TAX_DIGITS)
							return bad_char(e, IDENTITY_BAD_HYPHEN, s, len, i, charno);
						hyphen = i + 1;
						hyphen_charno = charno;
					}
					else if (!is_digit(cp))
						return bad_char(e, IDENTITY_BAD_CHAR, s, len, i, charno);
					else
					{
						if (count == IDENTITY_TAX_DIGITS && n == IDENTITY_TAX_DIGITS)
							canon[n++] = '-';
						if (count < IDENTITY_TAX_DIGITS + IDENTITY_TAX_UNIT_DIGITS)
							canon[n++] = (char) cp;
						count++;
					}
					i += m;
				}
				if (hyphen != 0 && count != IDENTITY_TAX_DIGITS + IDENTITY_TAX_UNIT_DIGITS)
				{
					bad_char(e, IDENTITY_BAD_LENGTH, s, len, hyphen - 1, hyphen_charno);
					e->unit_part = 1;
					return bad_length(e, count - IDENTITY_TAX_DIGITS);
				}
				if (count != IDENTITY_TAX_DIGITS &&
					count != IDENTITY_TAX_DIGITS + IDENTITY_TAX_UNIT_DIGITS)
					return bad_length(e, count);
			}
			break;

		case IDENTITY_OTHER:
			for (i = start; i < end; charno++)
			{
				int32_t		cp;
				size_t		m = next_char(s + i, end - i, &cp);

				if (cp < 0 || is_control(cp))
					return bad_char(e, IDENTITY_BAD_CHAR, s, len, i, charno);
				count++;
				i += m;
			}
			if (count > IDENTITY_OTHER_MAX)
				return bad_length(e, count);
			/* at most 64 characters of at most 4 bytes: fits IDENTITY_OUT_MAX */
			n = end - start;
			memcpy(canon, s + start, n);
			break;
	}

	*canon_len = n;
	return e->status = IDENTITY_OK;
}

IdentityStatus
identity_normalize(IdentityKind kind, const char *s, size_t len, char *out, size_t cap)
{
	char		canon[IDENTITY_OUT_MAX];
	size_t		n;
	IdentityError e;
	IdentityStatus st = identity_check(kind, s, len, &e, canon, &n);

	if (st == IDENTITY_OK && n + 1 > cap)
		st = IDENTITY_NO_ROOM;
	if (st != IDENTITY_OK)
	{
		if (cap > 0)
			out[0] = '\0';
		return st;
	}
	memcpy(out, canon, n);
	out[n] = '\0';
	return IDENTITY_OK;
}

IdentityStatus
identity_diagnose(IdentityKind kind, const char *s, size_t len, IdentityError *err)
{
	char		canon[IDENTITY_OUT_MAX];
	size_t		n;

	return identity_check(kind, s, len, err, canon, &n);
}
