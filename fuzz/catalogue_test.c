/*
 * catalogue_test.c: unit tests of the agency, procedure and sector code parsers.
 * Exits non-zero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "check.h"


static CodeStatus
agency(const char *s, AgencyCode *c, CodeError *e)
{
	return agency_code_parse(s, strlen(s), c, e);
}

static CodeStatus
procedure(const char *s, ProcedureCode *c, CodeError *e)
{
	return procedure_code_parse(s, strlen(s), c, e);
}

static CodeStatus
sector(const char *s, CodeError *e)
{
	return sector_code_parse(s, strlen(s), e);
}

/* A valid agency code: its level, its parts, and its canonical text is itself. */
static void
agency_ok(const char *s, int level, int l4, int l3, int l2, const char *unit)
{
	AgencyCode	c;
	CodeError	e;
	char		buf[AGENCY_CODE_LEN + 1];

	memset(&c, 0, sizeof(c));
	CHECK(agency(s, &c, &e) == CODE_OK, "\"%s\": status %d at %zu", s, (int) e.status, e.pos);
	CHECK(e.status == CODE_OK, "\"%s\": err not cleared", s);
	CHECK(c.grammar == AGENCY_QCVN102, "\"%s\": grammar %d", s, (int) c.grammar);
	CHECK(c.level == level, "\"%s\": level %d, want %d", s, c.level, level);
	CHECK(c.level4 == l4 && c.level3 == l3 && c.level2 == l2, "\"%s\": parts %d %d %d", s,
		  c.level4, c.level3, c.level2);
	CHECK(strcmp(c.unit, unit) == 0, "\"%s\": unit \"%s\"", s, c.unit);
	agency_code_format(&c, buf);
	CHECK(strcmp(buf, s) == 0, "\"%s\": formats as \"%s\"", s, buf);
}

/* A valid Decision 20 code: its grammar, unit and level. */
static void
agency_d20_ok(const char *s, int level)
{
	AgencyCode	c;
	CodeError	e;

	memset(&c, 0x5a, sizeof(c));
	CHECK(agency(s, &c, &e) == CODE_OK, "\"%s\": status %d at %zu", s, (int) e.status, e.pos);
	CHECK(c.grammar == AGENCY_D20, "\"%s\": grammar %d", s, (int) c.grammar);
	CHECK(c.level == level, "\"%s\": level %d, want %d", s, c.level, level);
	CHECK(strncmp(c.unit, s, 3) == 0 && c.unit[3] == '\0', "\"%s\": unit", s);
	CHECK(c.level2 == 0 && c.level3 == 0 && c.level4 == 0, "\"%s\": QCVN parts", s);
}

static void
agency_bad(const char *s, CodeStatus status, size_t pos, CodeExpect expect, int level)
{
	AgencyCode	c;
	CodeError	e;

	memset(&c, 0x5a, sizeof(c));
	CHECK(agency(s, &c, &e) == status, "\"%s\": status %d, want %d", s, (int) e.status, (int) status);
	CHECK(e.pos == pos, "\"%s\": pos %zu, want %zu", s, e.pos, pos);
	CHECK(e.expect == expect, "\"%s\": expect %d, want %d", s, (int) e.expect, (int) expect);
	CHECK(e.level == level, "\"%s\": level %d, want %d", s, e.level, level);
	CHECK(c.level == 0x5a5a5a5a, "\"%s\": output written on failure", s);
}

static void
procedure_ok(const char *s, size_t agency_pos, size_t agency_len, int online)
{
	ProcedureCode c;
	CodeError	e;

	CHECK(procedure(s, &c, &e) == CODE_OK, "\"%s\": status %d at %zu", s, (int) e.status, e.pos);
	CHECK(c.agency_pos == agency_pos && c.agency_len == agency_len,
		  "\"%s\": agency at %zu+%zu", s, c.agency_pos, c.agency_len);
	CHECK(c.online == online, "\"%s\": online %d, want %d", s, c.online, online);
	CHECK(c.len == strlen(s), "\"%s\": len %zu", s, c.len);
}

static void
procedure_bad(const char *s, CodeStatus status, size_t pos, CodeExpect expect)
{
	CodeError	e;

	CHECK(procedure(s, NULL, &e) == status, "\"%s\": status %d, want %d", s, (int) e.status, (int) status);
	CHECK(e.pos == pos, "\"%s\": pos %zu, want %zu", s, e.pos, pos);
	CHECK(e.expect == expect, "\"%s\": expect %d, want %d", s, (int) e.expect, (int) expect);
}

static void
sector_bad(const char *s, CodeStatus status, size_t pos, CodeExpect expect)
{
	CodeError	e;

	CHECK(sector(s, &e) == status, "\"%s\": status %d, want %d", s, (int) e.status, (int) status);
	CHECK(e.pos == pos, "\"%s\": pos %zu, want %zu", s, e.pos, pos);
	CHECK(e.expect == expect, "\"%s\": expect %d, want %d", s, (int) e.expect, (int) expect);
}

static void
test_agency(void)
{
	CodeError	e;
	char		code[32];
	int			v,
				z,
				y,
				valid = 0,
				n = 0;

	/* QCVN 102:2016/BTTTT examples, every level */
	agency_ok("000.00.00.H30", 1, 0, 0, 0, "H30");
	agency_ok("000.00.04.G18", 2, 0, 0, 4, "G18");
	agency_ok("000.05.04.G18", 3, 0, 5, 4, "G18");
	agency_ok("001.05.04.G18", 4, 1, 5, 4, "G18");
	agency_ok("999.99.99.Y99", 4, 999, 99, 99, "Y99");
	agency_ok("000.00.00.A00", 1, 0, 0, 0, "A00");

	/* Decision 20/2020/QĐ-TTg: level-1 part first, groups of 2 or 3 digits */
	agency_d20_ok("H21", 1);
	agency_d20_ok("H21.65", 2);
	agency_d20_ok("G09.20", 2);
	agency_d20_ok("H21.65.012", 3);
	agency_d20_ok("A00.00.00.00", 4);
	agency_d20_ok("Y99.999.99", 3);
	agency_d20_ok("H21.01.02.03.04.05.06.07.08.09.10", 11);	/* 35 characters */
	agency_d20_ok("H21.001.002.003.004.005.006.07.08", 9);	/* 33 */
	agency_d20_ok("H21.001.002.003.004.005.006.007.008", 9);	/* 35 */

	/* Z is reserved, in both grammars */
	agency_bad("Z21.65", CODE_BAD_CHAR, 0, CODE_EXPECT_UNIT_LETTER, 0);
	agency_bad("000.00.00.Z99", CODE_BAD_CHAR, 10, CODE_EXPECT_UNIT_LETTER, 0);
	agency_bad("999.99.99.Z99", CODE_BAD_CHAR, 10, CODE_EXPECT_UNIT_LETTER, 0);

	/* Decision 20 form */
	agency_bad("H2", CODE_TOO_SHORT, 2, CODE_EXPECT_DIGIT, 0);
	agency_bad("HX1.65", CODE_BAD_CHAR, 1, CODE_EXPECT_DIGIT, 0);
	agency_bad("H21.", CODE_TOO_SHORT, 4, CODE_EXPECT_DIGIT, 0);
	agency_bad("H21.6", CODE_TOO_SHORT, 5, CODE_EXPECT_DIGIT, 0);
	agency_bad("H21.6A", CODE_BAD_CHAR, 5, CODE_EXPECT_DIGIT, 0);
	agency_bad("H21.6500", CODE_TOO_LONG, 7, CODE_EXPECT_NOTHING, 0);
	agency_bad("H21-65", CODE_TOO_LONG, 3, CODE_EXPECT_NOTHING, 0);
	agency_bad("H21.65 ", CODE_TOO_LONG, 6, CODE_EXPECT_NOTHING, 0);
	agency_bad("H21..65", CODE_BAD_CHAR, 4, CODE_EXPECT_DIGIT, 0);
	agency_bad("h21.65", CODE_BAD_CHAR, 0, CODE_EXPECT_AGENCY_START, 0);
	agency_bad("H21.01.02.03.04.05.06.07.08.09.10.11", CODE_TOO_LONG, 33, CODE_EXPECT_NOTHING, 0);
	/* a short group is reported before the length */
	agency_bad("H21.01.02.03.04.05.06.07.08.09.10.1", CODE_TOO_SHORT, 35, CODE_EXPECT_DIGIT, 0);
	agency_bad("H21.001.002.003.004.005.006.007.00.1", CODE_TOO_SHORT, 36, CODE_EXPECT_DIGIT, 0);
	agency_bad("H21.001.002.003.004.005.006.007.0089", CODE_TOO_LONG, 35, CODE_EXPECT_NOTHING, 0);

	/* levels present under absent ones */
	agency_bad("001.00.04.G18", CODE_LEVEL_GAP, 4, CODE_EXPECT_NOTHING, 4);
	agency_bad("001.00.00.G18", CODE_LEVEL_GAP, 4, CODE_EXPECT_NOTHING, 4);
	agency_bad("000.05.00.G18", CODE_LEVEL_GAP, 7, CODE_EXPECT_NOTHING, 3);
	agency_bad("001.05.00.G18", CODE_LEVEL_GAP, 7, CODE_EXPECT_NOTHING, 3);

	/* form */
	agency_bad("", CODE_EMPTY, 0, CODE_EXPECT_AGENCY_START, 0);
	agency_bad("000.00.00.h30", CODE_BAD_CHAR, 10, CODE_EXPECT_CAPITAL, 0);
	agency_bad("000.00.00.30H", CODE_BAD_CHAR, 10, CODE_EXPECT_CAPITAL, 0);
	agency_bad("000.00.00.HH0", CODE_BAD_CHAR, 11, CODE_EXPECT_DIGIT, 0);
	agency_bad("000-00-00-H30", CODE_BAD_CHAR, 3, CODE_EXPECT_DOT, 0);
	agency_bad("00.000.00.H30", CODE_BAD_CHAR, 2, CODE_EXPECT_DIGIT, 0);
	agency_bad(" 000.00.00.H30", CODE_BAD_CHAR, 0, CODE_EXPECT_AGENCY_START, 0);
	agency_bad("000.00.00.H3", CODE_TOO_SHORT, 12, CODE_EXPECT_DIGIT, 0);
	agency_bad("000", CODE_TOO_SHORT, 3, CODE_EXPECT_DOT, 0);
	agency_bad("000.00.00.H300", CODE_TOO_LONG, 13, CODE_EXPECT_NOTHING, 0);
	agency_bad("000.00.00.H30 ", CODE_TOO_LONG, 13, CODE_EXPECT_NOTHING, 0);
	agency_bad("000.0\xe1\xbb\x86.00.H30", CODE_BAD_CHAR, 5, CODE_EXPECT_DIGIT, 0);

	/* NULL outputs are allowed */
	CHECK(agency_code_parse("000.00.00.H30", 13, NULL, NULL) == CODE_OK, "NULL outputs");
	CHECK(agency_code_parse("000.00.00.H3", 12, NULL, NULL) == CODE_TOO_SHORT, "NULL outputs");

	/* a length shorter than the string: only len bytes are read */
	CHECK(agency_code_parse("000.00.00.H305", 13, NULL, &e) == CODE_OK, "len bounds the text");

	/*
	 * Every combination of the three numeric levels (a sample of each range): valid exactly when
	 * no present level sits under an absent one; the level is the lowest present.
	 */
	for (v = 0; v < 1000; v += 37)
		for (z = 0; z < 100; z += 11)
			for (y = 0; y < 100; y += 9)
			{
				AgencyCode	c;
				int			want_ok = !(v && !z) && !(z && !y);
				int			want_level = v ? 4 : z ? 3 : y ? 2 : 1;
				CodeStatus	st;

				snprintf(code, sizeof(code), "%03d.%02d.%02d.K%02d", v, z, y, (v + z + y) % 100);
				st = agency(code, &c, &e);
				n++;
				if (want_ok)
				{
					valid++;
					CHECK(st == CODE_OK && c.level == want_level, "\"%s\": status %d level %d", code,
						  (int) st, c.level);
				}
				else
					CHECK(st == CODE_LEVEL_GAP && e.level == (v && !z ? 4 : 3),
						  "\"%s\": status %d level %d", code, (int) st, e.level);
			}
	CHECK(valid > 0 && valid < n, "sample covers both outcomes: %d of %d", valid, n);
}

static void
test_procedure(void)
{
	CodeError	e;

	procedure_ok("1.001234", 0, 0, -1);
	procedure_ok("2.000815", 0, 0, -1);
	procedure_ok("0.000000", 0, 0, -1);
	procedure_ok("2.000815.000.00.00.H55", 9, 13, -1);
	procedure_ok("2.000815.001.05.04.G18", 9, 13, -1);
	procedure_ok("1.000948.H38", 9, 3, -1);
	procedure_ok("1.001234.02", 0, 0, 2);
	procedure_ok("1.001234.00", 0, 0, 0);
	procedure_ok("1.000948.H38.02", 9, 3, 2);
	procedure_ok("2.000815.000.00.00.H55.99", 9, 13, 99);

	procedure_bad("", CODE_EMPTY, 0, CODE_EXPECT_DIGIT);
	procedure_bad("1", CODE_TOO_SHORT, 1, CODE_EXPECT_DOT);
	procedure_bad("1.00123", CODE_TOO_SHORT, 7, CODE_EXPECT_DIGIT);
	procedure_bad("12.001234", CODE_BAD_CHAR, 1, CODE_EXPECT_DOT);
	procedure_bad("A.001234", CODE_BAD_CHAR, 0, CODE_EXPECT_DIGIT);
	procedure_bad("1.0012345", CODE_BAD_CHAR, 8, CODE_EXPECT_DOT);
	procedure_bad("1.001234-H38", CODE_BAD_CHAR, 8, CODE_EXPECT_DOT);
	procedure_bad("1.001234.", CODE_TOO_SHORT, 9, CODE_EXPECT_SUFFIX);
	procedure_bad("1.001234.h38", CODE_BAD_CHAR, 9, CODE_EXPECT_SUFFIX);
	procedure_bad("1.001234..", CODE_BAD_CHAR, 9, CODE_EXPECT_SUFFIX);
	procedure_bad("1.001234.H3", CODE_TOO_SHORT, 11, CODE_EXPECT_DIGIT);
	procedure_bad("1.001234.HH8", CODE_BAD_CHAR, 10, CODE_EXPECT_DIGIT);
	procedure_bad("1.001234.2", CODE_TOO_SHORT, 10, CODE_EXPECT_DIGIT);
	procedure_bad("1.001234.2x", CODE_BAD_CHAR, 10, CODE_EXPECT_DIGIT);
	procedure_bad("1.001234.02x", CODE_TOO_LONG, 11, CODE_EXPECT_NOTHING);
	procedure_bad("1.001234.02.H38", CODE_TOO_LONG, 11, CODE_EXPECT_NOTHING);
	procedure_bad("1.001234.002", CODE_TOO_SHORT, 12, CODE_EXPECT_DOT);
	procedure_bad("1.001234.H38.H38", CODE_BAD_CHAR, 13, CODE_EXPECT_DIGIT);
	procedure_bad("1.001234.H38.2", CODE_TOO_SHORT, 14, CODE_EXPECT_DIGIT);
	procedure_bad("1.001234.H38.02.03", CODE_TOO_LONG, 15, CODE_EXPECT_NOTHING);
	procedure_bad("1.001234.H38x", CODE_BAD_CHAR, 12, CODE_EXPECT_DOT);
	procedure_bad("1.001234.000.00.00.H5", CODE_TOO_SHORT, 21, CODE_EXPECT_DIGIT);
	procedure_bad("1.001234.000.00.00.h55", CODE_BAD_CHAR, 19, CODE_EXPECT_CAPITAL);
	procedure_bad("1.001234.000.00.00.H55x", CODE_BAD_CHAR, 22, CODE_EXPECT_DOT);
	procedure_bad("1.001234.000.00.00.H55.1", CODE_TOO_SHORT, 24, CODE_EXPECT_DIGIT);

	/* an agency suffix with a level gap: the error points into the suffix */
	CHECK(procedure("1.001234.001.00.04.G18", NULL, &e) == CODE_LEVEL_GAP && e.pos == 13 && e.level == 4,
		  "gap in suffix: status %d pos %zu level %d", (int) e.status, e.pos, e.level);
	CHECK(procedure("1.001234.000.05.00.G18", NULL, &e) == CODE_LEVEL_GAP && e.pos == 16 && e.level == 3,
		  "gap in suffix: status %d pos %zu level %d", (int) e.status, e.pos, e.level);
}

static void
test_sector(void)
{
	static const char *const good[] = {
		"G03-GD10", "H30-TP1", "G12-ABCD123", "A01-X0", "Z99-AB999", NULL
	};
	int			i;

	for (i = 0; good[i]; i++)
		CHECK(sector(good[i], NULL) == CODE_OK, "\"%s\" is valid", good[i]);

	sector_bad("", CODE_EMPTY, 0, CODE_EXPECT_CAPITAL);
	sector_bad("g03-GD10", CODE_BAD_CHAR, 0, CODE_EXPECT_CAPITAL);
	sector_bad("G3-GD10", CODE_BAD_CHAR, 2, CODE_EXPECT_DIGIT);
	sector_bad("G03GD10", CODE_BAD_CHAR, 3, CODE_EXPECT_HYPHEN);
	sector_bad("G03-10", CODE_BAD_CHAR, 4, CODE_EXPECT_CAPITAL);
	sector_bad("G03-gd10", CODE_BAD_CHAR, 4, CODE_EXPECT_CAPITAL);
	sector_bad("G03-", CODE_TOO_SHORT, 4, CODE_EXPECT_CAPITAL);
	sector_bad("G03-GD", CODE_TOO_SHORT, 6, CODE_EXPECT_CAPITAL_OR_DIGIT);
	sector_bad("G03-ABCD", CODE_TOO_SHORT, 8, CODE_EXPECT_DIGIT);
	sector_bad("G03-GDGDG1", CODE_BAD_CHAR, 8, CODE_EXPECT_DIGIT);
	sector_bad("G03-Gd10", CODE_BAD_CHAR, 5, CODE_EXPECT_CAPITAL_OR_DIGIT);
	sector_bad("G03-GD1000", CODE_TOO_LONG, 9, CODE_EXPECT_NOTHING);
	sector_bad("G03-GD10A", CODE_TOO_LONG, 8, CODE_EXPECT_NOTHING);
	sector_bad("G03-GD10 ", CODE_TOO_LONG, 8, CODE_EXPECT_NOTHING);
}

static void
test_names(void)
{
	CodeExpect	e;

	for (e = CODE_EXPECT_NOTHING; e <= CODE_EXPECT_SUFFIX; e++)
		CHECK(code_expect_name(e) != NULL && code_expect_name(e)[0] != '\0', "name of %d", (int) e);
	CHECK(strcmp(code_expect_name(CODE_EXPECT_DOT), "a dot") == 0, "dot");
}

int
main(void)
{
	test_agency();
	test_procedure();
	test_sector();
	test_names();
	if (failures)
	{
		fprintf(stderr, "catalogue: %d of %d checks failed\n", failures, checks);
		return 1;
	}
	printf("catalogue: %d checks passed\n", checks);
	return 0;
}
