/*
 * holidays.c: statutory public holidays of Vietnam by year.
 *
 * The statute fixes the holidays; the Prime Minister then picks, each year, which five days make
 * up Tết and which day joins 2 September (Labour Code 2019 Art. 112(3)).  For a year whose official
 * notice is loaded, the notice is the truth and this module is not consulted; for any other year
 * these rules give a provisional schedule.  The two choices left to the Prime Minister are made as
 * the notices of 2019-2026 made them, all eight of whose days off these rules reproduce (swapped
 * days aside):
 *   - Tết: the last two days of the lunar year and the first three of the new one (2019's notice
 *     took the last day and the first four instead, 4-8 February, the same days off once the
 *     compensatory day is counted);
 *   - National Day's second day (from 2021): 1 September, or 3 September when 2 September is a
 *     Monday or a Thursday, so that the two days join a weekend.
 * Swapped days (hoán đổi) exist only by notice and are never computed.
 */
#include <stdlib.h>

#include "holidays.h"
#include "lunar.h"

#define SRC_LC2012 "Bộ luật Lao động 2012, Điều 115"
#define SRC_LC2019 "Bộ luật Lao động 2019, Điều 112"
#define SRC_COMP_LC2012 "Bộ luật Lao động 2012, Điều 115 khoản 3"
#define SRC_COMP_LC2019 "Bộ luật Lao động 2019, Điều 111 khoản 3"
#define SRC_CULTURE "Ngày Văn hóa Việt Nam 24/11 (setting tthc.culture_day)"

static const HolidayRule R_NEW_YEAR = {"new_year", "Tết Dương lịch", "New Year's Day",
	"Nghỉ bù Tết Dương lịch", "Compensatory day for New Year's Day"};
static const HolidayRule R_TET = {"tet", "Tết Nguyên đán", "Lunar New Year (Tết)",
	"Nghỉ bù Tết Nguyên đán", "Compensatory day for Lunar New Year"};
static const HolidayRule R_HUNG = {"hung_kings", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Hùng Kings' Commemoration Day",
	"Nghỉ bù Giỗ Tổ Hùng Vương", "Compensatory day for Hùng Kings' Commemoration Day"};
static const HolidayRule R_VICTORY = {"victory_day", "Ngày Chiến thắng (30/4)", "Reunification Day",
	"Nghỉ bù Ngày Chiến thắng", "Compensatory day for Reunification Day"};
static const HolidayRule R_LABOUR = {"labour_day", "Ngày Quốc tế lao động (1/5)", "International Labour Day",
	"Nghỉ bù Ngày Quốc tế lao động", "Compensatory day for International Labour Day"};
static const HolidayRule R_NATIONAL = {"national_day", "Quốc khánh (2/9)", "National Day",
	"Nghỉ bù Quốc khánh", "Compensatory day for National Day"};
/* no compensatory day: see holidays_statutory() */
static const HolidayRule R_CULTURE = {"culture_day", "Ngày Văn hóa Việt Nam (24/11)", "Vietnam Culture Day",
	NULL, NULL};

/* ISO weekday of a Julian day number: 1 = Monday .. 7 = Sunday */
static int
iso_weekday(int jdn)
{
	return jdn % 7 + 1;
}

static bool
is_weekend(int jdn)
{
	/* civil servants rest on Saturday and Sunday: Decision 188/1999/QĐ-TTg */
	return iso_weekday(jdn) >= 6;
}

static int
cmp_day(const void *a, const void *b)
{
	return ((const HolidayDay *) a)->jdn - ((const HolidayDay *) b)->jdn;
}

static void
add(HolidayDay *out, int *n, int jdn, const HolidayRule *r, const char *source)
{
	HolidayDay *d = &out[(*n)++];

	d->jdn = jdn;
	d->kind = HOLIDAY_PUBLIC;
	d->rule = r;
	d->source = source;
}

static bool
taken(const HolidayDay *days, int n, int jdn)
{
	for (int i = 0; i < n; i++)
		if (days[i].jdn == jdn)
			return true;
	return false;
}

int
holidays_statutory(int year, bool culture_day, HolidayDay *out)
{
	bool		lc2019 = year >= 2021;	/* Labour Code 2019 in force from 2021-01-01 */
	const char *src = lc2019 ? SRC_LC2019 : SRC_LC2012;
	LunarDate	ld;
	int			tet;
	int			n = 0;
	int			nholidays;

	if (year < HOLIDAYS_MIN_YEAR || year > HOLIDAYS_MAX_YEAR)
		return -1;

	add(out, &n, lunar_jdn(year, 1, 1), &R_NEW_YEAR, src);

	/* Tết: five days, placed as the notices of 2019-2026 placed them (see the file comment) */
	ld.year = year;
	ld.month = 1;
	ld.day = 1;
	ld.is_leap = false;
	if (lunar_to_solar(&ld, &tet) != LUNAR_OK)
		abort();				/* the lunar range covers every supported year */
	for (int i = -2; i <= 2; i++)
		add(out, &n, tet + i, &R_TET, src);

	/* Hùng Kings' day, 10th day of the 3rd lunar month (a holiday since 2007) */
	ld.month = 3;
	ld.day = 10;
	{
		int			hung;

		if (lunar_to_solar(&ld, &hung) != LUNAR_OK)
			abort();
		add(out, &n, hung, &R_HUNG, src);
	}

	add(out, &n, lunar_jdn(year, 4, 30), &R_VICTORY, src);
	add(out, &n, lunar_jdn(year, 5, 1), &R_LABOUR, src);

	/* National Day: one day until 2020, two days from 2021 (Labour Code 2019 Art. 112(1)(đ)) */
	{
		int			nd = lunar_jdn(year, 9, 2);

		add(out, &n, nd, &R_NATIONAL, src);
		if (lc2019)
		{
			int			wd = iso_weekday(nd);

			add(out, &n, (wd == 1 || wd == 4) ? nd + 1 : nd - 1, &R_NATIONAL, src);
		}
	}

	if (culture_day && year >= HOLIDAYS_CULTURE_DAY_FROM)
		add(out, &n, lunar_jdn(year, 11, 24), &R_CULTURE, SRC_CULTURE);

	qsort(out, n, sizeof(HolidayDay), cmp_day);

	/*
	 * A holiday on a weekly rest day is made up on the next working day: Labour Code 2019 Art.
	 * 111(3), Labour Code 2012 Art. 115(3).  Walking the holidays in order, each compensatory day is
	 * the first weekday after the holiday that is neither a holiday nor already taken.  Art. 111(3)
	 * names only the holidays of Art. 112, so Culture Day on a weekend gives none.
	 */
	nholidays = n;
	for (int i = 0; i < nholidays; i++)
	{
		const HolidayRule *r = out[i].rule;
		int			c;

		if (!is_weekend(out[i].jdn) || r == &R_CULTURE)
			continue;
		c = out[i].jdn + 1;
		while (is_weekend(c) || taken(out, n, c))
			c++;
		out[n].jdn = c;
		out[n].kind = HOLIDAY_COMPENSATORY;
		out[n].rule = r;
		out[n].source = lc2019 ? SRC_COMP_LC2019 : SRC_COMP_LC2012;
		n++;
	}
	qsort(out, n, sizeof(HolidayDay), cmp_day);
	return n;
}
