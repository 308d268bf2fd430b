/*
 * catalogue.c: parsers of the agency, procedure and sector codes (see catalogue.h).
 *
 * Each parser walks the code once, left to right, and stops at the first byte that does not fit,
 * so the caller can say what is wrong and where.  Only ASCII is ever accepted: a multibyte
 * character fails at its first byte.
 */
#include "catalogue.h"

#include <string.h>

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_CAPITAL(c) ((c) >= 'A' && (c) <= 'Z')

static CodeStatus
fail(CodeError *err, CodeStatus status, size_t pos, CodeExpect expect)
{
	if (err)
	{
		err->status = status;
		err->pos = pos;
		err->expect = expect;
		err->level = 0;
	}
	return status;
}

static CodeStatus
succeed(CodeError *err)
{
	if (err)
	{
		err->status = CODE_OK;
		err->pos = 0;
		err->expect = CODE_EXPECT_NOTHING;
		err->level = 0;
	}
	return CODE_OK;
}

/*
 * Match s[0..len) against a template of 'd' (digit), 'A' (capital) and literal characters,
 * starting at template offset 0.  Returns CODE_OK when all of the template is matched (s may go
 * on), else the status, with pos relative to s.
 */
static CodeStatus
match_template(const char *s, size_t len, const char *tmpl, CodeError *err)
{
	size_t		n = strlen(tmpl);
	size_t		i;

	for (i = 0; i < n; i++)
	{
		char		t = tmpl[i];
		CodeExpect	e = t == 'd' ? CODE_EXPECT_DIGIT :
			t == 'A' ? CODE_EXPECT_CAPITAL :
			t == '.' ? CODE_EXPECT_DOT : CODE_EXPECT_HYPHEN;
		int			ok;

		if (i >= len)
			return fail(err, CODE_TOO_SHORT, i, e);
		ok = t == 'd' ? IS_DIGIT(s[i]) : t == 'A' ? IS_CAPITAL(s[i]) : s[i] == t;
		if (!ok)
			return fail(err, CODE_BAD_CHAR, i, e);
	}
	return CODE_OK;
}

static int
digits_value(const char *s, size_t n)
{
	int			v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Shift a failure found in a part that starts at offset off. */
static CodeStatus
shift(CodeError *err, CodeStatus status, size_t off)
{
	if (err)
		err->pos += off;
	return status;
}

/*
 * Decision 20/2020/QĐ-TTg: MX1X2, then groups of 2 or 3 digits, each after a dot, left to right;
 * at most AGENCY_CODE_MAX characters.  s[0] is a capital letter.
 */
static CodeStatus
agency_d20_parse(const char *s, size_t len, AgencyCode *out, CodeError *err)
{
	CodeStatus	st;
	AgencyCode	c;
	size_t		p;

	/* Z is reserved for other identifier schemes */
	if (s[0] == 'Z')
		return fail(err, CODE_BAD_CHAR, 0, CODE_EXPECT_UNIT_LETTER);
	st = match_template(s, len, "Add", err);
	if (st != CODE_OK)
		return st;
	memset(&c, 0, sizeof(c));
	c.grammar = AGENCY_D20;
	memcpy(c.unit, s, 3);
	c.level = 1;
	p = 3;
	while (p < len)
	{
		size_t		group = p;

		/* a complete code followed by something other than a dot */
		if (s[p] != '.')
			return fail(err, CODE_TOO_LONG, p, CODE_EXPECT_NOTHING);
		st = match_template(s + p, len - p, ".dd", err);
		if (st != CODE_OK)
			return shift(err, st, p);
		p += 3;
		if (p < len && IS_DIGIT(s[p]))
			p++;
		/* a group that does not fit: the code is complete before it */
		if (p > AGENCY_CODE_MAX)
			return fail(err, CODE_TOO_LONG, group, CODE_EXPECT_NOTHING);
		c.level++;
	}
	if (out)
		*out = c;
	return succeed(err);
}

CodeStatus
agency_code_parse(const char *s, size_t len, AgencyCode *out, CodeError *err)
{
	CodeStatus	st;
	AgencyCode	c;

	if (len == 0)
		return fail(err, CODE_EMPTY, 0, CODE_EXPECT_AGENCY_START);
	if (IS_CAPITAL(s[0]))
		return agency_d20_parse(s, len, out, err);
	if (!IS_DIGIT(s[0]))
		return fail(err, CODE_BAD_CHAR, 0, CODE_EXPECT_AGENCY_START);
	st = match_template(s, len, "ddd.dd.dd.Add", err);
	if (st != CODE_OK)
		return st;
	/* Z is reserved for other identifier schemes (Decision 20/2020/QĐ-TTg) */
	if (s[10] == 'Z')
		return fail(err, CODE_BAD_CHAR, 10, CODE_EXPECT_UNIT_LETTER);
	if (len > AGENCY_CODE_LEN)
		return fail(err, CODE_TOO_LONG, AGENCY_CODE_LEN, CODE_EXPECT_NOTHING);

	c.grammar = AGENCY_QCVN102;
	c.level4 = digits_value(s, 3);
	c.level3 = digits_value(s + 4, 2);
	c.level2 = digits_value(s + 7, 2);
	memcpy(c.unit, s + 10, 3);
	c.unit[3] = '\0';

	/* QCVN 102:2016: zeros mean "no unit of this level"; a unit needs one at every level above */
	if (c.level4 != 0 && c.level3 == 0)
	{
		st = fail(err, CODE_LEVEL_GAP, 4, CODE_EXPECT_NOTHING);
		if (err)
			err->level = 4;
		return st;
	}
	if (c.level3 != 0 && c.level2 == 0)
	{
		st = fail(err, CODE_LEVEL_GAP, 7, CODE_EXPECT_NOTHING);
		if (err)
			err->level = 3;
		return st;
	}
	c.level = c.level4 ? 4 : c.level3 ? 3 : c.level2 ? 2 : 1;
	if (out)
		*out = c;
	return succeed(err);
}

void
agency_code_format(const AgencyCode *c, char *buf)
{
	int			v = c->level4,
				z = c->level3,
				y = c->level2;

	buf[0] = (char) ('0' + v / 100 % 10);
	buf[1] = (char) ('0' + v / 10 % 10);
	buf[2] = (char) ('0' + v % 10);
	buf[3] = '.';
	buf[4] = (char) ('0' + z / 10 % 10);
	buf[5] = (char) ('0' + z % 10);
	buf[6] = '.';
	buf[7] = (char) ('0' + y / 10 % 10);
	buf[8] = (char) ('0' + y % 10);
	buf[9] = '.';
	memcpy(buf + 10, c->unit, 3);
	buf[13] = '\0';
}

CodeStatus
procedure_code_parse(const char *s, size_t len, ProcedureCode *out, CodeError *err)
{
	CodeStatus	st;
	ProcedureCode c;
	size_t		p;

	if (len == 0)
		return fail(err, CODE_EMPTY, 0, CODE_EXPECT_DIGIT);
	st = match_template(s, len, "d.dddddd", err);
	if (st != CODE_OK)
		return st;

	c.agency_pos = 0;
	c.agency_len = 0;
	c.online = -1;
	c.len = len;
	p = PROCEDURE_BASE_LEN;
	if (p == len)
		goto done;
	if (s[p] != '.')
		return fail(err, CODE_BAD_CHAR, p, CODE_EXPECT_DOT);
	p++;
	if (p == len)
		return fail(err, CODE_TOO_SHORT, p, CODE_EXPECT_SUFFIX);

	if (IS_CAPITAL(s[p]))
	{
		/* the level-1 unit alone: 1.000948.H38 */
		st = match_template(s + p, len - p, "Add", err);
		if (st != CODE_OK)
			return shift(err, st, p);
		c.agency_pos = p;
		c.agency_len = 3;
		p += 3;
	}
	else if (IS_DIGIT(s[p]))
	{
		/* two digits and the end: the online suffix; three digits: a full agency code */
		if (p + 1 == len)
			return fail(err, CODE_TOO_SHORT, p + 1, CODE_EXPECT_DIGIT);
		if (!IS_DIGIT(s[p + 1]))
			return fail(err, CODE_BAD_CHAR, p + 1, CODE_EXPECT_DIGIT);
		if (p + 2 == len)
		{
			c.online = digits_value(s + p, 2);
			goto done;
		}
		if (!IS_DIGIT(s[p + 2]))
			return fail(err, CODE_TOO_LONG, p + 2, CODE_EXPECT_NOTHING);
		{
			size_t		n = len - p < AGENCY_CODE_LEN ? len - p : AGENCY_CODE_LEN;

			st = agency_code_parse(s + p, n, NULL, err);
			if (st != CODE_OK)
				return shift(err, st, p);
		}
		c.agency_pos = p;
		c.agency_len = AGENCY_CODE_LEN;
		p += AGENCY_CODE_LEN;
	}
	else
		return fail(err, CODE_BAD_CHAR, p, CODE_EXPECT_SUFFIX);

	/* after the agency: nothing, or the online suffix */
	if (p == len)
		goto done;
	st = match_template(s + p, len - p, ".dd", err);
	if (st != CODE_OK)
		return shift(err, st, p);
	if (len - p > 3)
		return fail(err, CODE_TOO_LONG, p + 3, CODE_EXPECT_NOTHING);
	c.online = digits_value(s + p + 1, 2);

done:
	if (out)
		*out = c;
	return succeed(err);
}

CodeStatus
sector_code_parse(const char *s, size_t len, CodeError *err)
{
	CodeStatus	st;
	size_t		p;
	size_t		letters = 0,
				digits = 0;

	if (len == 0)
		return fail(err, CODE_EMPTY, 0, CODE_EXPECT_CAPITAL);
	st = match_template(s, len, "Add-A", err);
	if (st != CODE_OK)
		return st;

	/* Circular 01/2018 Art. 20: unit-sector; the sector is 1-4 capitals and 1-3 digits */
	p = 4;
	while (p < len && IS_CAPITAL(s[p]) && letters < 4)
	{
		p++;
		letters++;
	}
	if (p == len)
		return fail(err, CODE_TOO_SHORT, p,
					letters < 4 ? CODE_EXPECT_CAPITAL_OR_DIGIT : CODE_EXPECT_DIGIT);
	if (!IS_DIGIT(s[p]))
		return fail(err, CODE_BAD_CHAR, p,
					letters < 4 ? CODE_EXPECT_CAPITAL_OR_DIGIT : CODE_EXPECT_DIGIT);
	while (p < len && IS_DIGIT(s[p]) && digits < 3)
	{
		p++;
		digits++;
	}
	if (p < len)
		return fail(err, CODE_TOO_LONG, p, CODE_EXPECT_NOTHING);
	return succeed(err);
}

const char *
code_expect_name(CodeExpect e)
{
	switch (e)
	{
		case CODE_EXPECT_DIGIT:
			return "a digit";
		case CODE_EXPECT_CAPITAL:
			return "a capital letter";
		case CODE_EXPECT_DOT:
			return "a dot";
		case CODE_EXPECT_HYPHEN:
			return "a hyphen";
		case CODE_EXPECT_CAPITAL_OR_DIGIT:
			return "a capital letter or a digit";
		case CODE_EXPECT_SUFFIX:
			return "an agency code, a level-1 unit or a two-digit service number";
		case CODE_EXPECT_AGENCY_START:
			return "a digit or a capital letter from A to Y";
		case CODE_EXPECT_UNIT_LETTER:
			return "a capital letter from A to Y (Z is reserved)";
		case CODE_EXPECT_NOTHING:
			break;
	}
	return "nothing";
}
