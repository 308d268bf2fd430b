/*
 * lunar.h: the Vietnamese lunisolar calendar (âm lịch), reckoned for the UTC+7 meridian.
 *
 * Pure C (libc and libm only): linked into the extension and, standalone, into the unit test and
 * the fuzzer.  Supported: lunar years LUNAR_MIN_YEAR..LUNAR_MAX_YEAR, that is solar dates from the
 * first day of lunar year 1900 (1900-01-31) to the last day of lunar year 2199 (2200-02-14).
 * See doc/lunar.md.
 *
 * The month tables are precomputed (src/lunar_table.h, printed by tools/lunar_table.c from the
 * astronomical reckoning in lunar.c) and read-only.
 */
#ifndef LUNAR_H
#define LUNAR_H

#include <stdbool.h>

#define LUNAR_MIN_YEAR 1900
#define LUNAR_MAX_YEAR 2199

/* the meridian the calendar is reckoned for, in minutes east of Greenwich */
#define LUNAR_UTC_OFFSET_MINUTES (7 * 60)

typedef struct LunarDate
{
	int			year;			/* lunar year, named by the solar year its month 1 starts in */
	int			month;			/* 1..12 */
	int			day;			/* 1..30 */
	bool		is_leap;		/* the leap month, after the ordinary month of the same number */
} LunarDate;

typedef enum LunarStatus
{
	LUNAR_OK = 0,
	LUNAR_OUT_OF_RANGE,			/* solar date or lunar year outside the supported range */
	LUNAR_BAD_MONTH,			/* month not in 1..12 */
	LUNAR_NO_SUCH_LEAP_MONTH,	/* is_leap, but that month of that year is not doubled */
	LUNAR_BAD_DAY				/* day < 1 or past the month's length (29 or 30) */
} LunarStatus;

/*
 * Julian day number (integer, the day starting at local midnight) of a proleptic Gregorian date,
 * and back.  2000-01-01 is 2451545, as in PostgreSQL's date2j().  The month is normalised (13 is
 * January of the next year) and the day is added as is (day 0 is the last day of the month
 * before), so no input is invalid; results beyond the int range saturate.
 */
extern int	lunar_jdn(int year, int month, int day);
extern void lunar_gregorian(int jdn, int *year, int *month, int *day);

/* solar -> lunar; LUNAR_OUT_OF_RANGE outside [lunar_min_jdn(), lunar_max_jdn()] */
extern LunarStatus lunar_from_solar(int jdn, LunarDate *out);

/*
 * lunar -> solar JDN; errors, checked in this order: year out of range, month outside 1..12, a
 * leap month the year lacks, a day < 1 or past the month's length.  *jdn is untouched on error.
 */
extern LunarStatus lunar_to_solar(const LunarDate *in, int *jdn);

/* the lunar year's leap month (1..12), 0 if it has none or is out of range */
extern int	lunar_leap_month(int lunar_year);

/* days in a lunar month (29 or 30); 0 if the month does not exist or the year is out of range */
extern int	lunar_month_days(int lunar_year, int month, bool is_leap);

/* first and last supported solar days: 1 of month 1 of LUNAR_MIN_YEAR, last day of LUNAR_MAX_YEAR */
extern int	lunar_min_jdn(void);
extern int	lunar_max_jdn(void);

/* short text for a status, for messages of callers outside PostgreSQL */
extern const char *lunar_status_text(LunarStatus status);

/*
 * Uncached reckoning of one lunar year for another meridian, e.g. UTC+8 (480) for the Chinese
 * calendar, which Vietnam also followed before 1968 (North) and 1975 (South).  Sets the JDN of the
 * year's first day and its leap month (0 if none); false if the year is outside the supported
 * range or the offset beyond 14 hours.  For
 * comparisons and tests: lunar_from_solar() and friends always use UTC+7.
 */
/* true when the precomputed month tables equal a fresh reckoning (for the unit tests) */
extern bool lunar_tables_current(void);

extern bool lunar_year_at(int lunar_year, int utc_offset_minutes, int *first_jdn, int *leap_month);

#endif
