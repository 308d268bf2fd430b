/*
 * letters.c: the pure core of the legal letters.  See letters.h.
 *
 * Forms: Circular 03/2025/TT-VPCP numbering (01 receipt and appointment slip, 02 request to
 * supplement, 03 refusal, 04 apology and new appointment, 05 notice of stopping processing); the
 * titles follow the names of the Circular 01/2018/TT-VPCP forms where one exists.  Layout and date
 * line: Decree 30/2020/NĐ-CP Appendix I.
 */
#include <stdio.h>
#include <string.h>

#include "letters.h"

/*
 * The abbreviations of the number line ("Số: <n>/<abbrev>-<agency>") are not fixed by the
 * circulars; PXL for Form 04 is what deployed one-stop systems print [practice], the others are
 * built the same way from the form's name.
 */
const LetterForm letter_forms[] = {
	{"01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "TNHS", "accept"},
	{"02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "BSHS", "request_supplement"},
	{"03", "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "TCHS", "refuse"},
	{"04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "PXL", "extend"},
	{"05", "THÔNG BÁO VỀ VIỆC DỪNG XỬ LÝ HỒ SƠ", "DXL", "stop"},
};
const int	letter_nforms = sizeof(letter_forms) / sizeof(letter_forms[0]);

const LetterForm *
letters_form(const char *code)
{
	if (code == NULL)
		return NULL;
	for (int i = 0; i < letter_nforms; i++)
		if (strcmp(letter_forms[i].code, code) == 0)
			return &letter_forms[i];
	return NULL;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		return 29;
	return days[month - 1];
}

int
letters_date_line(char *buf, size_t len, const char *place, int year, int month, int day)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
		return -1;

	/* Decree 30/2020 Appendix I: "ngày 05 tháng 02 năm 2026", "ngày 15 tháng 7 năm 2026" */
	return snprintf(buf, len, "%s%sngày %02d tháng %s%d năm %d",
					place ? place : "", place ? ", " : "",
					day, month <= 2 ? "0" : "", month, year);
}

size_t
letters_html_escape(char *buf, size_t len, const char *src)
{
	size_t		n = 0;

	for (const char *p = src; *p; p++)
	{
		const char *rep;
		char		one[2] = {*p, '\0'};

		switch (*p)
		{
			case '&':
				rep = "&amp;";
				break;
			case '<':
				rep = "&lt;";
				break;
			case '>':
				rep = "&gt;";
				break;
			case '"':
				rep = "&quot;";
				break;
			case '\'':
				rep = "&#39;";
				break;
			default:
				rep = one;
				break;
		}
		for (const char *r = rep; *r; r++, n++)
			if (n + 1 < len)
				buf[n] = *r;
	}
	if (len > 0)
		buf[n < len ? n : len - 1] = '\0';
	return n;
}
