/*
 * letters_test.c: unit tests of the letters core (src/letters.c): the Decree 30/2020 date line,
 * HTML escaping and the forms.  Built and run by make -C fuzz check.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "letters.h"

static void
date_line(const char *place, int y, int m, int d, const char *want)
{
	char		buf[128];
	int			n = letters_date_line(buf, sizeof(buf), place, y, m, d);

	CHECK(n == (int) strlen(want) && strcmp(buf, want) == 0, "%04d-%02d-%02d: got \"%s\", want \"%s\"",
		  y, m, d, buf, want);
}

static void
escape(const char *src, const char *want)
{
	char		buf[128];
	size_t		n = letters_html_escape(buf, sizeof(buf), src);

	CHECK(n == strlen(want) && strcmp(buf, want) == 0, "\"%s\": got \"%s\", want \"%s\"", src, buf, want);
}

int
main(void)
{
	char		small[12];
	int			n;

	/* days below 10 and months 1 and 2 take a leading zero; months 3-12 never do */
	date_line("Hưng Yên", 2026, 2, 5, "Hưng Yên, ngày 05 tháng 02 năm 2026");
	date_line("Huế", 2026, 7, 15, "Huế, ngày 15 tháng 7 năm 2026");
	date_line("Hà Nội", 2027, 1, 1, "Hà Nội, ngày 01 tháng 01 năm 2027");
	date_line("Hà Nội", 2026, 12, 31, "Hà Nội, ngày 31 tháng 12 năm 2026");
	date_line(NULL, 2026, 3, 9, "ngày 09 tháng 3 năm 2026");
	date_line(NULL, 2026, 10, 10, "ngày 10 tháng 10 năm 2026");
	date_line(NULL, 2024, 2, 29, "ngày 29 tháng 02 năm 2024");

	/* days that do not exist */
	CHECK(letters_date_line(small, sizeof(small), NULL, 2026, 2, 29) == -1, "2026-02-29");
	CHECK(letters_date_line(small, sizeof(small), NULL, 1900, 2, 29) == -1, "1900-02-29");
	CHECK(letters_date_line(small, sizeof(small), NULL, 2026, 4, 31) == -1, "2026-04-31");
	CHECK(letters_date_line(small, sizeof(small), NULL, 2026, 13, 1) == -1, "month 13");
	CHECK(letters_date_line(small, sizeof(small), NULL, 2026, 1, 0) == -1, "day 0");
	CHECK(letters_date_line(small, sizeof(small), NULL, 0, 1, 1) == -1, "year 0");

	/* a short buffer is cut and terminated, and the needed length returned */
	n = letters_date_line(small, sizeof(small), NULL, 2026, 2, 5);
	CHECK(n == (int) strlen("ngày 05 tháng 02 năm 2026") && strlen(small) == sizeof(small) - 1,
		  "short buffer: %d \"%s\"", n, small);

	escape("", "");
	escape("Nguyễn Văn An", "Nguyễn Văn An");
	escape("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	escape("A & B \"C\"", "A &amp; B &quot;C&quot;");
	CHECK(letters_html_escape(small, 4, "<<<") == 12 && strcmp(small, "&lt") == 0, "short: \"%s\"", small);
	CHECK(letters_html_escape(small, 0, "&") == 5, "no buffer");

	CHECK(letter_nforms == 5, "%d forms", letter_nforms);
	CHECK(letters_form("04") != NULL && strcmp(letters_form("04")->abbrev, "PXL") == 0, "form 04");
	CHECK(strcmp(letters_form("01")->event, "accept") == 0, "form 01");
	CHECK(letters_form("06") == NULL && letters_form("4") == NULL && letters_form(NULL) == NULL, "unknown forms");

	printf("letters_test: %d checks, %d failed\n", checks, failures);
	return failures != 0;
}
