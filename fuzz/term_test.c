/*
 * term_test.c: unit tests of the term parser and printer and of the Vietnamese text folding.
 * Exits non-zero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "textfold.h"
#include "check.h"


/* Fold a NUL-terminated string into a static buffer. */
static const char *
fold(const char *s)
{
	static char buf[1024];
	size_t		n = vn_fold(s, strlen(s), buf, sizeof(buf) - 1);

	buf[n] = '\0';
	return buf;
}

static size_t
utf8_encode(unsigned cp, char *out)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xE0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

static void
test_fold(void)
{
	/* the 67 accented Vietnamese letters of each case, grouped by base letter */
	static const struct
	{
		const char *letters;
		char		base;
	}			vn[] = {
		{"àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'},
		{"đĐ", 'd'},
		{"èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ", 'e'},
		{"ìíỉĩịÌÍỈĨỊ", 'i'},
		{"òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'},
		{"ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ", 'u'},
		{"ỳýỷỹỵỲÝỶỸỴ", 'y'},
	};
	size_t		i;
	unsigned	cp;
	int			letters = 0;

	for (i = 0; i < sizeof(vn) / sizeof(vn[0]); i++)
	{
		const char *s = vn[i].letters;
		size_t		len = strlen(s);
		size_t		pos = 0;

		while (pos < len)
		{
			char		out[VN_FOLD_CHAR_MAX];
			size_t		used;
			size_t		n = vn_fold_char(s + pos, len - pos, &used, out);

			CHECK(n == 1 && out[0] == vn[i].base, "letter at byte %zu of \"%s\"", pos, s);
			CHECK(used >= 2, "letter at byte %zu of \"%s\" is multibyte", pos, s);
			pos += used;
			letters++;
		}
	}
	CHECK(letters == 2 * 67, "%d accented Vietnamese letters", letters);

	CHECK(strcmp(fold("Ngày Làm Việc"), "ngay lam viec") == 0, "%s", fold("Ngày Làm Việc"));
	CHECK(strcmp(fold("TRONG NGÀY"), "trong ngay") == 0, "%s", fold("TRONG NGÀY"));
	CHECK(strcmp(fold("Lý lịch tư pháp"), "ly lich tu phap") == 0, "%s", fold("Lý lịch tư pháp"));
	CHECK(strcmp(fold("ĐĂNG KÝ KẾT HÔN"), "dang ky ket hon") == 0, "%s", fold("ĐĂNG KÝ KẾT HÔN"));
	/* NFD: base letters followed by combining marks U+0300-U+036F */
	CHECK(strcmp(fold("nga\xcc\x80y la\xcc\x80m vie\xcc\xa3\xcc\x82\x63"), "ngay lam viec") == 0,
		  "NFD: %s", fold("nga\xcc\x80y la\xcc\x80m vie\xcc\xa3\xcc\x82\x63"));
	CHECK(strcmp(fold("GIO\xcc\x9b\xcc\x80"), "gio") == 0, "NFD giờ: %s", fold("GIO\xcc\x9b\xcc\x80"));
	/* NFC letter followed by a stray mark (mixed forms) */
	CHECK(strcmp(fold("ơ\xcc\x81"), "o") == 0, "mixed: %s", fold("ơ\xcc\x81"));
	/* Đ look-alikes */
	CHECK(strcmp(fold("ÐƉð"), "ddd") == 0, "%s", fold("ÐƉð"));
	/* other scripts, digits and punctuation are kept */
	CHECK(strcmp(fold("Ω 10, ж-€ 日本"), "Ω 10, ж-€ 日本") == 0, "%s", fold("Ω 10, ж-€ 日本"));
	CHECK(strcmp(fold("ÆŒ"), "æœ") == 0, "%s", fold("ÆŒ"));
	CHECK(strcmp(fold("Øresund Łódź Straße"), "oresund lodz straße") == 0, "%s",
		  fold("Øresund Łódź Straße"));

	/* each byte of invalid UTF-8 becomes '?' */
	{
		static const struct
		{
			const char *in;
			const char *out;
		}			bad[] = {
			{"\x80", "?"}, {"\xbf\x80", "??"}, {"\xc0\xaf", "??"}, {"\xc1\xbf", "??"},
			{"\xe0\x80\xaf", "???"}, {"\xed\xa0\x80", "???"}, {"\xf0\x80\x80\xaf", "????"},
			{"\xf4\x90\x80\x80", "????"}, {"\xf5\x80\x80\x80", "????"}, {"\xff", "?"},
			{"\xc3", "?"}, {"\xe1\xba", "??"}, {"\xc3(", "?("}, {"A\xe1\xbb", "a??"},
			{"\xf0\x9f\x98", "???"}, {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
		};

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			CHECK(strcmp(fold(bad[i].in), bad[i].out) == 0, "invalid UTF-8 #%zu: %s", i,
				  fold(bad[i].in));
	}
	/* a byte that only starts a sequence does not swallow the valid character after it */
	CHECK(strcmp(fold("\xe1\xc3\x80"), "?a") == 0, "resynchronise");
	/* a dropped mark does not join a bad byte to the next one, so folding is idempotent */
	CHECK(strcmp(fold("\xcc\xcc\x82\xbb"), "??") == 0, "idempotent: %s", fold("\xcc\xcc\x82\xbb"));
	/* embedded NUL */
	{
		char		out[8];

		CHECK(vn_fold("A\0B", 3, out, sizeof(out)) == 3 && memcmp(out, "a\0b", 3) == 0, "NUL");
	}

	/* capacity: a prefix of whole characters, the full length returned */
	{
		char		out[8];
		size_t		n;

		memset(out, '#', sizeof(out));
		n = vn_fold("ÀÁ", 4, out, 1);
		CHECK(n == 2 && out[0] == 'a' && out[1] == '#', "cap 1: %zu", n);
		memset(out, '#', sizeof(out));
		n = vn_fold("aΩb", 4, out, 2);	/* Ω needs 2 bytes, only 1 left */
		CHECK(n == 4 && out[0] == 'a' && out[1] == '#' && out[2] == '#', "cap 2: %zu", n);
		n = vn_fold("abc", 3, NULL, 0);
		CHECK(n == 3, "cap 0: %zu", n);
	}

	/* in place */
	{
		char		s[] = "Đường Hồ Chí Minh";
		size_t		n = vn_fold(s, strlen(s), s, strlen(s));

		s[n] = '\0';
		CHECK(strcmp(s, "duong ho chi minh") == 0, "in place: %s", s);
	}

	/* every code point: never longer, never uppercase ASCII, folds to a fixed point */
	for (cp = 0; cp <= 0x10FFFF; cp++)
	{
		char		in[4];
		char		out[VN_FOLD_CHAR_MAX];
		size_t		len,
					used,
					n;
		int			bad = 0;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		len = utf8_encode(cp, in);
		n = vn_fold_char(in, len, &used, out);
		if (used != len || n > len)
			bad = 1;
		else if (cp >= 0x300 && cp <= 0x36F)
			bad = (n != 0);
		else if (n == 1 && out[0] >= 'A' && out[0] <= 'Z')
			bad = 1;
		else if (n == 0)
			bad = 1;
		if (!bad && n > 0)
		{
			char		again[VN_FOLD_CHAR_MAX];
			size_t		used2;

			/* idempotent */
			bad = vn_fold_char(out, n, &used2, again) != n || used2 != n || memcmp(out, again, n) != 0;
		}
		if (bad)
			CHECK(0, "U+%04X: used %zu, wrote %zu", cp, used, n);
		else
			checks++;
	}
}

static void
expect_term(const char *s, int32_t amount, int32_t unit)
{
	Term		t = {-1, -1};
	TermParseStatus st = term_parse(s, strlen(s), &t);

	CHECK(st == TERM_PARSE_OK && t.amount == amount && t.unit == unit,
		  "\"%s\": status %d, amount %d, unit %d", s, st, t.amount, t.unit);
}

static void
expect_error(const char *s, size_t len, TermParseStatus want)
{
	Term		t = {-7, -7};
	TermParseStatus st = term_parse(s, len, &t);

	CHECK(st == want && t.amount == -7 && t.unit == -7, "\"%.*s\": status %d, want %d",
		  (int) len, s, st, want);
}

#define EXPECT_ERROR(s, want) expect_error(s, strlen(s), want)

static void
test_parse(void)
{
	expect_term("10 ngày làm việc", 10, TERM_WORKING_DAYS);
	expect_term("10 ngay lam viec", 10, TERM_WORKING_DAYS);
	expect_term("10 working days", 10, TERM_WORKING_DAYS);
	expect_term("1 working day", 1, TERM_WORKING_DAYS);
	expect_term("15 ngày", 15, TERM_DAYS);
	expect_term("15 days", 15, TERM_DAYS);
	expect_term("1 day", 1, TERM_DAYS);
	expect_term("15 calendar days", 15, TERM_DAYS);
	expect_term("1 calendar day", 1, TERM_DAYS);
	expect_term("4 giờ làm việc", 4, TERM_WORKING_HOURS);
	expect_term("4 working hours", 4, TERM_WORKING_HOURS);
	expect_term("1 working hour", 1, TERM_WORKING_HOURS);
	expect_term("4 giờ", 4, TERM_HOURS);
	expect_term("4 hours", 4, TERM_HOURS);
	expect_term("1 hour", 1, TERM_HOURS);
	expect_term("2 tuần", 2, TERM_WEEKS);
	expect_term("2 tuan", 2, TERM_WEEKS);
	expect_term("2 weeks", 2, TERM_WEEKS);
	expect_term("1 week", 1, TERM_WEEKS);
	expect_term("1 tháng", 1, TERM_MONTHS);
	expect_term("3 THANG", 3, TERM_MONTHS);
	expect_term("1 tha\xcc\x81ng", 1, TERM_MONTHS);	/* NFD */
	expect_term("6 months", 6, TERM_MONTHS);
	expect_term("1 month", 1, TERM_MONTHS);
	expect_term("2 năm", 2, TERM_YEARS);
	expect_term("2 Na\xcc\x86m", 2, TERM_YEARS);	/* NFD */
	expect_term("2 years", 2, TERM_YEARS);
	expect_term("1 year", 1, TERM_YEARS);
	expect_term("trong ngày", 0, TERM_SAME_DAY);
	expect_term("trong ngày làm việc", 0, TERM_SAME_DAY);
	expect_term("same day", 0, TERM_SAME_DAY);
	expect_term("same-day", 0, TERM_SAME_DAY);
	expect_term("Same-Day", 0, TERM_SAME_DAY);
	/* case, spaces, NFD, no-break space, leading zeros */
	expect_term("  10   NGÀY   LÀM   VIỆC  ", 10, TERM_WORKING_DAYS);
	expect_term("\t7\nWorking\r\nDays\f", 7, TERM_WORKING_DAYS);
	expect_term("10 nga\xcc\x80y la\xcc\x80m vie\xcc\xa3\xcc\x82\x63", 10, TERM_WORKING_DAYS);
	expect_term("3 GIO\xcc\x9b\xcc\x80", 3, TERM_HOURS);
	expect_term("TRONG NGA\xcc\x80Y", 0, TERM_SAME_DAY);
	expect_term("5\xc2\xa0ngày", 5, TERM_DAYS);
	expect_term("0010 days", 10, TERM_DAYS);
	expect_term("10 \xcc\x80 days", 10, TERM_DAYS);	/* a lone mark folds to nothing */
	expect_term("10000 days", TERM_MAX_AMOUNT, TERM_DAYS);
	expect_term("000000000000000000000000000000001 hour", 1, TERM_HOURS);
	/* not NUL-terminated: only len bytes count */
	{
		Term		t;

		CHECK(term_parse("15 daysXYZ", 7, &t) == TERM_PARSE_OK && t.amount == 15 && t.unit == TERM_DAYS,
			  "length-bounded");
	}

	EXPECT_ERROR("", TERM_PARSE_EMPTY);
	EXPECT_ERROR("   \t\n ", TERM_PARSE_EMPTY);
	EXPECT_ERROR("days", TERM_PARSE_MISSING_AMOUNT);
	EXPECT_ERROR("ngày làm việc", TERM_PARSE_MISSING_AMOUNT);
	EXPECT_ERROR("ten days", TERM_PARSE_MISSING_AMOUNT);
	EXPECT_ERROR("１０ days", TERM_PARSE_MISSING_AMOUNT);
	EXPECT_ERROR("-1 days", TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR("+1 days", TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR("1.5 days", TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR("1,5 ngày", TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR(".5 days", TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR("10days", TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR("1e3 days", TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR("0 days", TERM_PARSE_AMOUNT_RANGE);
	EXPECT_ERROR("000 ngày", TERM_PARSE_AMOUNT_RANGE);
	EXPECT_ERROR("10001 days", TERM_PARSE_AMOUNT_RANGE);
	EXPECT_ERROR("99999999999999999999999 days", TERM_PARSE_AMOUNT_RANGE);
	EXPECT_ERROR("10", TERM_PARSE_MISSING_UNIT);
	EXPECT_ERROR("  10  ", TERM_PARSE_MISSING_UNIT);
	EXPECT_ERROR("10 fortnights", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("10 tuần làm việc", TERM_PARSE_TRAILING);	/* no working weeks */
	EXPECT_ERROR("1 calendar month", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("1 tháng 2 ngày", TERM_PARSE_TRAILING);
	EXPECT_ERROR("10 working", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("10 lam viec", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("10 business days", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("10 days-", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("10 dayss", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("10 averyveryverylongword", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("1 trong ngày", TERM_PARSE_SAME_DAY_AMOUNT);
	EXPECT_ERROR("0 same day", TERM_PARSE_SAME_DAY_AMOUNT);
	EXPECT_ERROR("10 same-day", TERM_PARSE_SAME_DAY_AMOUNT);
	EXPECT_ERROR("10 days 5 hours", TERM_PARSE_TRAILING);
	EXPECT_ERROR("10 ngày làm việc.", TERM_PARSE_TRAILING);	/* "ngày", then "làm việc." */
	EXPECT_ERROR("10 ngày làm việc nhé", TERM_PARSE_TRAILING);
	EXPECT_ERROR("10 ngay lam", TERM_PARSE_TRAILING);
	EXPECT_ERROR("trong ngày nay", TERM_PARSE_TRAILING);
	EXPECT_ERROR("same day 1", TERM_PARSE_TRAILING);
	EXPECT_ERROR("0 days extra", TERM_PARSE_TRAILING);	/* syntax before range */
	EXPECT_ERROR("10 d\xe1ys", TERM_PARSE_BAD_UNIT);	/* invalid UTF-8 */
	expect_error("10 da\0ys", 8, TERM_PARSE_BAD_UNIT);
	expect_error("10\0days", 7, TERM_PARSE_BAD_AMOUNT);
	EXPECT_ERROR("1 2 3 4 5 6 7 8", TERM_PARSE_BAD_UNIT);
	EXPECT_ERROR("a b c d e f g h", TERM_PARSE_MISSING_AMOUNT);
}

static void
test_format(void)
{
	static const struct
	{
		Term		t;
		const char *vi;
		const char *en;
	}			cases[] = {
		{{10, TERM_WORKING_DAYS}, "10 ngày làm việc", "10 working days"},
		{{1, TERM_WORKING_DAYS}, "1 ngày làm việc", "1 working day"},
		{{15, TERM_DAYS}, "15 ngày", "15 calendar days"},
		{{1, TERM_DAYS}, "1 ngày", "1 calendar day"},
		{{4, TERM_WORKING_HOURS}, "4 giờ làm việc", "4 working hours"},
		{{1, TERM_WORKING_HOURS}, "1 giờ làm việc", "1 working hour"},
		{{4, TERM_HOURS}, "4 giờ", "4 hours"},
		{{1, TERM_HOURS}, "1 giờ", "1 hour"},
		{{2, TERM_WEEKS}, "2 tuần", "2 weeks"},
		{{1, TERM_WEEKS}, "1 tuần", "1 week"},
		{{3, TERM_MONTHS}, "3 tháng", "3 months"},
		{{1, TERM_MONTHS}, "1 tháng", "1 month"},
		{{2, TERM_YEARS}, "2 năm", "2 years"},
		{{1, TERM_YEARS}, "1 năm", "1 year"},
		{{TERM_MAX_AMOUNT, TERM_MONTHS}, "10000 tháng", "10000 months"},
		{{0, TERM_SAME_DAY}, "trong ngày", "same day"},
		{{TERM_MAX_AMOUNT, TERM_WORKING_HOURS}, "10000 giờ làm việc", "10000 working hours"},
	};
	static const Term invalid[] = {
		{0, TERM_DAYS}, {-1, TERM_HOURS}, {TERM_MAX_AMOUNT + 1, TERM_WORKING_DAYS},
		{1, TERM_SAME_DAY}, {1, 8}, {1, -1}, {0, 99}, {0, TERM_YEARS},
	};
	size_t		i;
	char		buf[TERM_FORMAT_MAX];
	int32_t		unit;
	int32_t		amount;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		size_t		n = term_format(&cases[i].t, buf, sizeof(buf));

		CHECK(n == strlen(cases[i].vi) && strcmp(buf, cases[i].vi) == 0, "vi: \"%s\"", buf);
		n = term_format_english(&cases[i].t, buf, sizeof(buf));
		CHECK(n == strlen(cases[i].en) && strcmp(buf, cases[i].en) == 0, "en: \"%s\"", buf);
		CHECK(n < TERM_FORMAT_MAX, "fits");
	}
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
	{
		strcpy(buf, "junk");
		CHECK(!term_is_valid(&invalid[i]), "invalid #%zu", i);
		CHECK(term_format(&invalid[i], buf, sizeof(buf)) == 0 && buf[0] == '\0', "invalid #%zu", i);
		strcpy(buf, "junk");
		CHECK(term_format_english(&invalid[i], buf, sizeof(buf)) == 0 && buf[0] == '\0',
			  "invalid en #%zu", i);
	}

	/* truncation is snprintf-like */
	{
		Term		t = {10, TERM_WORKING_DAYS};
		char		small[5];

		CHECK(term_format(&t, small, sizeof(small)) == strlen("10 ngày làm việc") &&
			  strcmp(small, "10 n") == 0, "truncated: \"%s\"", small);
		CHECK(term_format(&t, NULL, 0) == strlen("10 ngày làm việc"), "length only");
	}

	/* every valid term: canonical and English forms parse back to it */
	for (unit = TERM_SAME_DAY; unit <= TERM_UNIT_LAST; unit++)
	{
		for (amount = 0; amount <= TERM_MAX_AMOUNT + 1; amount++)
		{
			Term		t = {amount, unit};
			Term		back = {-1, -1};
			size_t		n;
			int			ok = 1;

			if (!term_is_valid(&t))
			{
				ok = (amount == 0 && unit != TERM_SAME_DAY) || amount == TERM_MAX_AMOUNT + 1 ||
					(unit == TERM_SAME_DAY && amount != 0);
				if (!ok)
					CHECK(0, "valid? %d %d", amount, unit);
				else
					checks++;
				continue;
			}
			n = term_format(&t, buf, sizeof(buf));
			ok = ok && n < sizeof(buf) && term_parse(buf, n, &back) == TERM_PARSE_OK &&
				term_cmp(&t, &back) == 0;
			n = term_format_english(&t, buf, sizeof(buf));
			ok = ok && n < sizeof(buf) && term_parse(buf, n, &back) == TERM_PARSE_OK &&
				term_cmp(&t, &back) == 0;
			if (!ok)
				CHECK(0, "round trip %d %d", amount, unit);
			else
				checks++;
		}
	}

	/* unit identifiers */
	CHECK(strcmp(term_unit_name(TERM_SAME_DAY), "same_day") == 0, "same_day");
	CHECK(strcmp(term_unit_name(TERM_WORKING_DAYS), "working_days") == 0, "working_days");
	CHECK(strcmp(term_unit_name(TERM_DAYS), "days") == 0, "days");
	CHECK(strcmp(term_unit_name(TERM_WORKING_HOURS), "working_hours") == 0, "working_hours");
	CHECK(strcmp(term_unit_name(TERM_HOURS), "hours") == 0, "hours");
	CHECK(strcmp(term_unit_name(TERM_WEEKS), "weeks") == 0, "weeks");
	CHECK(strcmp(term_unit_name(TERM_MONTHS), "months") == 0, "months");
	CHECK(strcmp(term_unit_name(TERM_YEARS), "years") == 0, "years");
	/* the values are on disk: the old ones never move */
	CHECK(TERM_SAME_DAY == 0 && TERM_WORKING_DAYS == 1 && TERM_DAYS == 2 && TERM_WORKING_HOURS == 3 &&
		  TERM_HOURS == 4 && TERM_WEEKS == 5 && TERM_MONTHS == 6 && TERM_YEARS == 7, "unit values");
	CHECK(term_unit_name(8) == NULL && term_unit_name(-1) == NULL, "unknown unit name");
	for (unit = TERM_SAME_DAY; unit <= TERM_UNIT_LAST; unit++)
	{
		int32_t		back = -1;
		const char *name = term_unit_name(unit);

		CHECK(term_unit_from_name(name, strlen(name), &back) && back == unit, "%s", name);
	}
	CHECK(!term_unit_from_name("day", 3, &unit), "day");
	CHECK(!term_unit_from_name("Days", 4, &unit), "Days");
	CHECK(!term_unit_from_name("days ", 5, &unit), "days+space");
	CHECK(!term_unit_from_name("", 0, &unit), "empty");
	CHECK(term_unit_from_name("hoursX", 5, &unit) && unit == TERM_HOURS, "length-bounded");
}

static void
test_cmp(void)
{
	Term		a = {0, TERM_SAME_DAY};
	Term		b = {10, TERM_WORKING_DAYS};
	Term		c = {2, TERM_DAYS};
	Term		d = {3, TERM_DAYS};

	CHECK(term_cmp(&a, &b) < 0 && term_cmp(&b, &c) < 0 && term_cmp(&c, &d) < 0, "order");
	CHECK(term_cmp(&d, &c) > 0 && term_cmp(&c, &c) == 0, "antisymmetric");
}

int
main(void)
{
	test_fold();
	test_parse();
	test_format();
	test_cmp();
	if (failures > 0)
	{
		fprintf(stderr, "term: %d of %d checks failed\n", failures, checks);
		return 1;
	}
	printf("term: %d checks passed\n", checks);
	return 0;
}
