/*
 * holidays.h: statutory public holidays of Vietnam, computed from the Labour Code's rules.
 *
 * Pure C (no PostgreSQL headers).  Days are Julian day numbers as in lunar.h.
 */
#ifndef TTHC_HOLIDAYS_H
#define TTHC_HOLIDAYS_H

#include <stdbool.h>

/* Working calendars cover these years (Labour Code 2012 in force for the whole of 2014). */
#define HOLIDAYS_MIN_YEAR 2014
#define HOLIDAYS_MAX_YEAR 2099

/* Culture Day (24 November) can be enabled from this year on. */
#define HOLIDAYS_CULTURE_DAY_FROM 2026

typedef enum HolidayKind
{
	HOLIDAY_PUBLIC = 0,			/* ngày nghỉ lễ, tết */
	HOLIDAY_COMPENSATORY		/* nghỉ bù */
} HolidayKind;

typedef struct HolidayRule
{
	const char *id;				/* stable identifier: new_year, tet, hung_kings, ... */
	const char *name_vi;
	const char *name_en;
	const char *comp_vi;		/* name of its compensatory day; NULL: it gives none */
	const char *comp_en;
} HolidayRule;

typedef struct HolidayDay
{
	int			jdn;
	HolidayKind kind;
	const HolidayRule *rule;
	const char *source;			/* legal basis */
} HolidayDay;

#define HOLIDAY_NAME_VI(d) ((d)->kind == HOLIDAY_PUBLIC ? (d)->rule->name_vi : (d)->rule->comp_vi)
#define HOLIDAY_NAME_EN(d) ((d)->kind == HOLIDAY_PUBLIC ? (d)->rule->name_en : (d)->rule->comp_en)

/* at most this many days in one year, compensatory days included */
#define HOLIDAYS_MAX_PER_YEAR 24

/*
 * The holidays of a year by statute, with compensatory days, sorted by day.  Returns the number of
 * days, or -1 when the year is outside HOLIDAYS_MIN_YEAR..HOLIDAYS_MAX_YEAR.
 */
extern int	holidays_statutory(int year, bool culture_day, HolidayDay *out);

#endif
