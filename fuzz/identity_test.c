/*
 * identity_test.c: unit tests of the identity documents (identity.c) and of the blank test of
 * textfold.c.  Exits non-zero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "textfold.h"
#include "check.h"

/* The blank characters of textfold.h, in UTF-8. */
static const char *const blanks[] = {
	"\t", "\n", "\v", "\f", "\r", " ", "\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80",
	"\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85",
	"\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a",
	"\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
	"\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0", "\xef\xbb\xbf",
};
#define N_BLANKS (sizeof(blanks) / sizeof(blanks[0]))

/* Characters next to the blank ones that are not blank. */
static const char *const not_blanks[] = {
	"a", "0", "\x1f", "\x7f", "\x08", "\x00", "\xc2\x84", "\xc2\xa1", "\xe1\x9a\x81",
	"\xe2\x80\x8e", "\xe2\x80\xa7", "\xe2\x80\xaa", "\xe2\x80\xb0", "\xe2\x81\x9e", "\xe2\x81\xa1",
	"\xe3\x80\x81", "\xef\xbb\xbe", "\xe1\xa0\x8e", "\xc3\x80", "\xf0\x9f\x98\x80",
	"\xc2", "\x80", "\xe2\x80", "\xc0\xa0", "\xed\xa0\x80",
};
#define N_NOT_BLANKS (sizeof(not_blanks) / sizeof(not_blanks[0]))

static void
test_blank(void)
{
	size_t		i;
	char		buf[64];

	CHECK(vn_is_blank("", 0) == 1, "empty");
	CHECK(vn_blank_char("", 0) == 0, "empty char");
	for (i = 0; i < N_BLANKS; i++)
	{
		size_t		n = strlen(blanks[i]);

		CHECK(vn_blank_char(blanks[i], n) == n, "blank %zu", i);
		CHECK(vn_is_blank(blanks[i], n) == 1, "blank %zu alone", i);
		/* truncated: not a character, so not blank */
		if (n > 1)
			CHECK(vn_blank_char(blanks[i], n - 1) == 0, "blank %zu truncated", i);
	}
	for (i = 0; i < N_NOT_BLANKS; i++)
	{
		size_t		n = i == 5 ? 1 : strlen(not_blanks[i]);	/* "\x00" is one byte */

		CHECK(vn_blank_char(not_blanks[i], n) == 0, "not blank %zu", i);
		CHECK(vn_is_blank(not_blanks[i], n) == 0, "not blank %zu alone", i);
	}

	/* all the blanks in a row; then one other character anywhere in it */
	{
		char		all[256];
		size_t		len = 0;

		for (i = 0; i < N_BLANKS; i++)
		{
			memcpy(all + len, blanks[i], strlen(blanks[i]));
			len += strlen(blanks[i]);
		}
		CHECK(vn_is_blank(all, len) == 1, "all blanks");
		for (i = 0; i <= len; i++)
		{
			char		with[260];

			if (i < len && (all[i] & 0xC0) == 0x80)
				continue;		/* not at a character boundary */
			memcpy(with, all, i);
			with[i] = 'x';
			memcpy(with + i + 1, all + i, len - i);
			CHECK(vn_is_blank(with, len + 1) == 0, "x at %zu", i);
		}
		/* a stray byte inside is not blank */
		memcpy(buf, " \xa0 ", 3);
		CHECK(vn_is_blank(buf, 3) == 0, "stray continuation byte");
	}
	CHECK(vn_is_blank("\xe3\x80\x80\xe3\x80\x80", 6) == 1, "two ideographic spaces");
	CHECK(vn_is_blank("\xe3\x80\x80\xe3\x80\x80", 5) == 0, "a truncated ideographic space");
	CHECK(vn_is_blank("Nguy\xe1\xbb\x85n", 8) == 0, "a name");

	{
		uint32_t	cp = 7;

		CHECK(vn_utf8_decode("\xe1\xbb\x85", 3, &cp) == 3 && cp == 0x1EC5, "decode U+1EC5");
		CHECK(vn_utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 && cp == 0x1F600, "decode U+1F600");
		cp = 7;
		CHECK(vn_utf8_decode("\xe1\xbb", 2, &cp) == 0 && cp == 7, "truncated");
		CHECK(vn_utf8_decode("", 0, &cp) == 0 && cp == 7, "empty");
	}
}

/* A valid identity and its canonical form, which is canonical itself. */
static void
ok(IdentityKind kind, const char *s, const char *want)
{
	char		out[IDENTITY_OUT_MAX];
	char		again[IDENTITY_OUT_MAX];
	IdentityError e;
	IdentityStatus st = identity_normalize(kind, s, strlen(s), out, sizeof(out));

	CHECK(st == IDENTITY_OK, "%s \"%s\": status %d", identity_kind_name(kind), s, (int) st);
	CHECK(strcmp(out, want) == 0, "%s \"%s\": \"%s\", want \"%s\"", identity_kind_name(kind), s,
		  out, want);
	CHECK(identity_diagnose(kind, s, strlen(s), &e) == IDENTITY_OK && e.status == IDENTITY_OK,
		  "%s \"%s\": diagnose", identity_kind_name(kind), s);
	CHECK(identity_normalize(kind, out, strlen(out), again, sizeof(again)) == IDENTITY_OK &&
		  strcmp(again, out) == 0, "%s \"%s\": not canonical", identity_kind_name(kind), out);

	/* exactly enough room, and one byte less */
	CHECK(identity_normalize(kind, s, strlen(s), again, strlen(want) + 1) == IDENTITY_OK &&
		  strcmp(again, want) == 0, "%s \"%s\": exact room", identity_kind_name(kind), s);
	memset(again, 'z', sizeof(again));
	CHECK(identity_normalize(kind, s, strlen(s), again, strlen(want)) == IDENTITY_NO_ROOM &&
		  again[0] == '\0', "%s \"%s\": no room", identity_kind_name(kind), s);
	CHECK(identity_normalize(kind, s, strlen(s), again, 0) == IDENTITY_NO_ROOM,
		  "%s \"%s\": cap 0", identity_kind_name(kind), s);
}

/* An invalid identity: its status, and out cleared. */
static IdentityError
bad(IdentityKind kind, const char *s, size_t len, IdentityStatus status)
{
	char		out[IDENTITY_OUT_MAX];
	IdentityError e;
	IdentityStatus st;

	memset(out, 'z', sizeof(out));
	st = identity_normalize(kind, s, len, out, sizeof(out));
	CHECK(st == status, "%s \"%.*s\": status %d, want %d", identity_kind_name(kind), (int) len, s,
		  (int) st, (int) status);
	CHECK(out[0] == '\0', "%s \"%.*s\": output not cleared", identity_kind_name(kind), (int) len, s);
	CHECK(identity_diagnose(kind, s, len, &e) == status && e.status == status,
		  "%s \"%.*s\": diagnose %d", identity_kind_name(kind), (int) len, s, (int) e.status);
	return e;
}

/* An invalid character: where it is (byte and character) and what it is. */
static void
bad_char(IdentityKind kind, const char *s, IdentityStatus status, size_t pos, size_t charno,
		 size_t charlen, int32_t cp)
{
	IdentityError e = bad(kind, s, strlen(s), status);

	CHECK(e.pos == pos && e.charno == charno && e.charlen == charlen && e.cp == cp,
		  "%s \"%s\": at %zu (char %zu, %zu bytes, U+%04X), want %zu (char %zu, %zu bytes, U+%04X)",
		  identity_kind_name(kind), s, e.pos, e.charno, e.charlen, (unsigned) e.cp, pos, charno,
		  charlen, (unsigned) cp);
}

static void
bad_length(IdentityKind kind, const char *s, size_t count)
{
	IdentityError e = bad(kind, s, strlen(s), IDENTITY_BAD_LENGTH);

	CHECK(e.count == count && !e.unit_part, "%s \"%s\": count %zu, want %zu",
		  identity_kind_name(kind), s, e.count, count);
}

static void
test_cccd(void)
{
	ok(IDENTITY_CCCD, "001085001234", "001085001234");
	ok(IDENTITY_CCCD, "079203000001", "079203000001");
	ok(IDENTITY_CCCD, "  001085001234\t\n", "001085001234");
	ok(IDENTITY_CCCD, "\xc2\xa0\xe2\x80\x8b" "001085001234" "\xe3\x80\x80\xef\xbb\xbf", "001085001234");

	/* the structure: a province code of the 63, then a century and sex digit 0-3 */
	ok(IDENTITY_CCCD, "096300000001", "096300000001");
	bad(IDENTITY_CCCD, "000000000000", 12, IDENTITY_BAD_PROVINCE);
	bad(IDENTITY_CCCD, "003085001234", 12, IDENTITY_BAD_PROVINCE);
	bad(IDENTITY_CCCD, "097085001234", 12, IDENTITY_BAD_PROVINCE);
	bad(IDENTITY_CCCD, "999999999999", 12, IDENTITY_BAD_PROVINCE);
	bad(IDENTITY_CCCD, "001485001234", 12, IDENTITY_BAD_CENTURY);
	bad(IDENTITY_CCCD, " 079903000001", 13, IDENTITY_BAD_CENTURY);
	CHECK(identity_cccd_province(1) && identity_cccd_province(79) && identity_cccd_province(96) &&
		  !identity_cccd_province(0) && !identity_cccd_province(3) && !identity_cccd_province(97),
		  "province codes");
	CHECK(identity_cccd_century(0) && identity_cccd_century(3) && !identity_cccd_century(4) &&
		  !identity_cccd_century(-1), "century digits");
	bad(IDENTITY_CCCD, "", 0, IDENTITY_EMPTY);
	bad(IDENTITY_CCCD, " \t\xc2\xa0\xe3\x80\x80", 7, IDENTITY_EMPTY);
	bad_length(IDENTITY_CCCD, "03008500111", 11);
	bad_length(IDENTITY_CCCD, "0010850012345", 13);
	bad_length(IDENTITY_CCCD, "1", 1);
	bad_length(IDENTITY_CCCD, "123456789012345678901234567890", 30);
	bad_char(IDENTITY_CCCD, "001 085 001 234", IDENTITY_BAD_CHAR, 3, 3, 1, ' ');
	bad_char(IDENTITY_CCCD, "001085-001234", IDENTITY_BAD_CHAR, 6, 6, 1, '-');
	bad_char(IDENTITY_CCCD, "00108500123O", IDENTITY_BAD_CHAR, 11, 11, 1, 'O');
	bad_char(IDENTITY_CCCD, " +84001085001", IDENTITY_BAD_CHAR, 1, 1, 1, '+');
	/* a no-break space inside is not trimmed; fullwidth digits are not digits */
	bad_char(IDENTITY_CCCD, "\xc2\xa0" "001085\xc2\xa0" "001234", IDENTITY_BAD_CHAR, 8, 7, 2, 0xA0);
	bad_char(IDENTITY_CCCD, "\xef\xbc\x90" "01085001234", IDENTITY_BAD_CHAR, 0, 0, 3, 0xFF10);
	bad_char(IDENTITY_CCCD, "00108500\xff" "1234", IDENTITY_BAD_CHAR, 8, 8, 1, -1);
	/* a bad character is reported before a bad length */
	bad_char(IDENTITY_CCCD, "12a", IDENTITY_BAD_CHAR, 2, 2, 1, 'a');
}

static void
test_passport(void)
{
	ok(IDENTITY_PASSPORT, "C1234567", "C1234567");
	ok(IDENTITY_PASSPORT, "c1234567", "C1234567");
	ok(IDENTITY_PASSPORT, " C 1234 567 ", "C1234567");
	ok(IDENTITY_PASSPORT, "C123\t4567\n", "C1234567");
	ok(IDENTITY_PASSPORT, "C\xc2\xa0" "1234567\xe2\x80\x8b", "C1234567");
	ok(IDENTITY_PASSPORT, "123456", "123456");
	ok(IDENTITY_PASSPORT, "ab12cd34ef56", "AB12CD34EF56");
	ok(IDENTITY_PASSPORT, "x12345", "X12345");

	bad(IDENTITY_PASSPORT, "", 0, IDENTITY_EMPTY);
	bad(IDENTITY_PASSPORT, "\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0", 12, IDENTITY_EMPTY);
	bad_length(IDENTITY_PASSPORT, "C1234", 5);
	bad_length(IDENTITY_PASSPORT, "C 1 2 3 4", 5);
	bad_length(IDENTITY_PASSPORT, "AB12CD34EF567", 13);
	bad_length(IDENTITY_PASSPORT, "ABC", 3);	/* too short, before no digit */
	bad(IDENTITY_PASSPORT, "ABCDEFGH", 8, IDENTITY_NO_DIGIT);
	bad(IDENTITY_PASSPORT, "abc def", 7, IDENTITY_NO_DIGIT);
	bad_char(IDENTITY_PASSPORT, "C-1234567", IDENTITY_BAD_CHAR, 1, 1, 1, '-');
	bad_char(IDENTITY_PASSPORT, "\xc4\x90" "1234567", IDENTITY_BAD_CHAR, 0, 0, 2, 0x0110);
	bad_char(IDENTITY_PASSPORT, " C123.4567", IDENTITY_BAD_CHAR, 5, 5, 1, '.');
}

static void
test_tax_code(void)
{
	ok(IDENTITY_TAX_CODE, "0101234567", "0101234567");
	ok(IDENTITY_TAX_CODE, "0101234567-001", "0101234567-001");
	ok(IDENTITY_TAX_CODE, "0101234567001", "0101234567-001");
	ok(IDENTITY_TAX_CODE, "\t0101234567-001\xc2\xa0", "0101234567-001");

	bad(IDENTITY_TAX_CODE, "", 0, IDENTITY_EMPTY);
	bad(IDENTITY_TAX_CODE, "\xe3\x80\x80", 3, IDENTITY_EMPTY);
	bad_length(IDENTITY_TAX_CODE, "010123456", 9);
	bad_length(IDENTITY_TAX_CODE, "01012345678", 11);
	bad_length(IDENTITY_TAX_CODE, "010123456700", 12);
	bad_length(IDENTITY_TAX_CODE, "01012345670011", 14);
	bad_char(IDENTITY_TAX_CODE, "0101234567 001", IDENTITY_BAD_CHAR, 10, 10, 1, ' ');
	bad_char(IDENTITY_TAX_CODE, "0101234567\xe2\x80\x93" "001", IDENTITY_BAD_CHAR, 10, 10, 3, 0x2013);
	bad_char(IDENTITY_TAX_CODE, "MST0101234567", IDENTITY_BAD_CHAR, 0, 0, 1, 'M');
	bad_char(IDENTITY_TAX_CODE, "01012345-67001", IDENTITY_BAD_HYPHEN, 8, 8, 1, '-');
	bad_char(IDENTITY_TAX_CODE, "-0101234567", IDENTITY_BAD_HYPHEN, 0, 0, 1, '-');
	bad_char(IDENTITY_TAX_CODE, "0101234567--001", IDENTITY_BAD_HYPHEN, 11, 11, 1, '-');
	bad_char(IDENTITY_TAX_CODE, "01012345670-01", IDENTITY_BAD_HYPHEN, 11, 11, 1, '-');

	/* the dependent unit's number after the hyphen: 3 digits */
	{
		static const struct
		{
			const char *s;
			size_t		count;
		}			units[] = {
			{"0101234567-", 0}, {"0101234567-01", 2}, {"0101234567-0011", 4},
			{" 0101234567-1 ", 1},
		};
		size_t		i;

		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		{
			const char *s = units[i].s;
			IdentityError e = bad(IDENTITY_TAX_CODE, s, strlen(s), IDENTITY_BAD_LENGTH);
			size_t		at = strchr(s, '-') - s;

			CHECK(e.unit_part && e.count == units[i].count && e.pos == at && e.charno == at &&
				  e.cp == '-', "\"%s\": unit part %d, count %zu, at %zu", s, e.unit_part, e.count,
				  e.pos);
		}
	}
}

static void
test_other(void)
{
	char		s[512];
	char		want[512];
	size_t		i;

	ok(IDENTITY_OTHER, "GPLX 790123456789", "GPLX 790123456789");
	ok(IDENTITY_OTHER, "  Giấy phép lái xe số 123  ", "Giấy phép lái xe số 123");
	ok(IDENTITY_OTHER, "\t\n\xc2\xa0\xe2\x80\x8b" "A\xc2\xa0" "B\xe3\x80\x80\xef\xbb\xbf\r\n",
	   "A\xc2\xa0" "B");
	ok(IDENTITY_OTHER, "x", "x");
	ok(IDENTITY_OTHER, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");

	/* 64 characters of 4 bytes: the longest canonical form; 65 are too many */
	s[0] = ' ';
	for (i = 0; i < IDENTITY_OTHER_MAX; i++)
		memcpy(s + 1 + 4 * i, "\xf0\x9f\x98\x80", 4);
	memcpy(want, s + 1, 4 * IDENTITY_OTHER_MAX);
	want[4 * IDENTITY_OTHER_MAX] = '\0';
	s[1 + 4 * IDENTITY_OTHER_MAX] = ' ';
	s[2 + 4 * IDENTITY_OTHER_MAX] = '\0';
	ok(IDENTITY_OTHER, s, want);
	CHECK(strlen(want) + 1 == IDENTITY_OUT_MAX, "IDENTITY_OUT_MAX is the longest form");
	memcpy(s + 1 + 4 * IDENTITY_OTHER_MAX, "\xc3\x80 ", 4);
	bad_length(IDENTITY_OTHER, s, IDENTITY_OTHER_MAX + 1);
	memset(s, 'a', 64);
	s[64] = '\0';
	ok(IDENTITY_OTHER, s, s);
	memset(s, 'a', 65);
	s[65] = '\0';
	bad_length(IDENTITY_OTHER, s, 65);

	bad(IDENTITY_OTHER, "", 0, IDENTITY_EMPTY);
	for (i = 0; i < N_BLANKS; i++)
		bad(IDENTITY_OTHER, blanks[i], strlen(blanks[i]), IDENTITY_EMPTY);
	{
		const char *all = " \t\n\r\v\f\xc2\x85\xc2\xa0\xe2\x80\x8b\xe3\x80\x80\xef\xbb\xbf";

		bad(IDENTITY_OTHER, all, strlen(all), IDENTITY_EMPTY);
	}
	bad_char(IDENTITY_OTHER, "line\none", IDENTITY_BAD_CHAR, 4, 4, 1, '\n');
	bad_char(IDENTITY_OTHER, " a\tb", IDENTITY_BAD_CHAR, 2, 2, 1, '\t');
	bad_char(IDENTITY_OTHER, "a\xc2\x85" "b", IDENTITY_BAD_CHAR, 1, 1, 2, 0x85);
	bad_char(IDENTITY_OTHER, "ab\x7f", IDENTITY_BAD_CHAR, 2, 2, 1, 0x7F);
	bad_char(IDENTITY_OTHER, "\xe1\xbb\x85\xe1\xbb", IDENTITY_BAD_CHAR, 3, 1, 1, -1);
	bad_char(IDENTITY_OTHER, "\xc0\xaf", IDENTITY_BAD_CHAR, 0, 0, 1, -1);
	{
		IdentityError e = bad(IDENTITY_OTHER, "a\0b", 3, IDENTITY_BAD_CHAR);

		CHECK(e.pos == 1 && e.cp == 0, "NUL inside: at %zu", e.pos);
	}
}

static void
test_kinds(void)
{
	IdentityKind k = IDENTITY_OTHER;
	char		out[IDENTITY_OUT_MAX];
	int			i;

	for (i = 0; i <= IDENTITY_KIND_LAST; i++)
	{
		const char *name = identity_kind_name(i);

		CHECK(name != NULL && identity_kind_from_name(name, strlen(name), &k) && (int) k == i,
			  "kind %d", i);
	}
	CHECK(strcmp(identity_kind_name(IDENTITY_CCCD), "cccd") == 0 &&
		  strcmp(identity_kind_name(IDENTITY_PASSPORT), "passport") == 0 &&
		  strcmp(identity_kind_name(IDENTITY_TAX_CODE), "tax_code") == 0 &&
		  strcmp(identity_kind_name(IDENTITY_OTHER), "other") == 0, "names");
	CHECK(identity_kind_name(-1) == NULL && identity_kind_name(4) == NULL, "no name");
	k = IDENTITY_PASSPORT;
	CHECK(!identity_kind_from_name("CCCD", 4, &k) && !identity_kind_from_name("cccd ", 5, &k) &&
		  !identity_kind_from_name("ccc", 3, &k) && !identity_kind_from_name("", 0, &k) &&
		  k == IDENTITY_PASSPORT, "unknown names");
	CHECK(identity_kind_from_name("tax_codex", 8, &k) && k == IDENTITY_TAX_CODE, "length given");

	out[0] = 'z';
	CHECK(identity_normalize((IdentityKind) 4, "001085001234", 12, out, sizeof(out)) ==
		  IDENTITY_BAD_KIND && out[0] == '\0', "kind 4");
	CHECK(identity_normalize((IdentityKind) -1, "x", 1, out, sizeof(out)) == IDENTITY_BAD_KIND,
		  "kind -1");
}

int
main(void)
{
	test_blank();
	test_cccd();
	test_passport();
	test_tax_code();
	test_other();
	test_kinds();
	if (failures > 0)
	{
		fprintf(stderr, "identity: %d of %d checks failed\n", failures, checks);
		return 1;
	}
	printf("identity: %d checks passed\n", checks);
	return 0;
}
