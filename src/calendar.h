/*
 * calendar.h: a compiled working calendar and its O(1) arithmetic.
 *
 * Pure C (no PostgreSQL headers) so that a standalone test and a fuzzer can link it.  Days are
 * integers counted like PostgreSQL's date (days since 2000-01-01); instants are microseconds since
 * 2000-01-01 00:00 UTC like timestamptz.  Each day has a kind (listed only where its sessions do
 * not tell it), a session pattern (its working hours) and a UTC offset; prefix sums over working
 * days and working minutes make every question a few array reads.
 */
#ifndef TTHC_CALENDAR_H
#define TTHC_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAL_MAX_SESSIONS 8
#define CAL_USECS_PER_MINUTE INT64_C(60000000)
#define CAL_USECS_PER_DAY INT64_C(86400000000)

typedef enum CalDayKind
{
	CAL_WORKING = 0,			/* an ordinary working day */
	CAL_REST,					/* weekly rest day: no sessions on this weekday */
	CAL_HOLIDAY,				/* public holiday */
	CAL_COMPENSATORY,			/* compensatory day off (nghỉ bù) */
	CAL_SWAPPED_OFF,			/* weekday off by a swap (hoán đổi) */
	CAL_WORKING_SATURDAY,		/* rest day turned into a working day by a swap */
	CAL_LOCAL_OFF,				/* day off of this calendar only */
	CAL_LOCAL_WORKING			/* working day of this calendar only */
} CalDayKind;

typedef struct CalSession
{
	int16_t		start;			/* minutes since local midnight */
	int16_t		end;
} CalSession;

typedef struct CalPattern
{
	int			nsessions;
	int			minutes;		/* sum of the sessions' lengths */
	CalSession	s[CAL_MAX_SESSIONS];
} CalPattern;

/*
 * The per-day running sums are kept small (the compiled calendar is held by every backend, once
 * per calendar it answers for): days are grouped in blocks of 32, each block holds its running
 * sums as plain integers, and within a block a day holds only its difference from the block's
 * start (16 bits of minutes: 32 days of 24 hours is 46,080) or, for working days, one bit.
 * Day indexes fit 16 bits: a calendar covers at most CAL_MAX_DAYS days.
 */
#define CAL_BLOCK_SHIFT 5
#define CAL_MAX_DAYS 65535
#define CAL_MAX_PATTERNS 256

typedef struct Calendar
{
	int32_t		first;			/* first day covered */
	int32_t		ndays;			/* at most CAL_MAX_DAYS */
	uint8_t    *pattern;		/* [ndays] index into patterns; pattern 0 has no sessions */
	int32_t    *utc_offset;		/* [ndays] seconds east of UTC on that day; NULL when the
								 * builder set fixed_offset and offset_usecs itself */
	/* built by cal_build_index, in one allocation: */
	int32_t    *block_days;		/* [ndays / 32 + 1] working days before block b's first day */
	int32_t    *block_minutes;	/* [ndays / 32 + 1] working minutes before block b's first day */
	uint32_t   *workbits;		/* [ndays / 32 + 1] bit j of block b: day 32 b + j works */
	uint16_t   *day_minutes;	/* [ndays + 1] working minutes from day i's block start to day i */
	uint16_t   *working;		/* [nworking] day offsets of the working days, in order */
	int32_t		nworking;
	uint16_t   *bucket;			/* [nbuckets] first day whose working minutes reach k * CAL_BUCKET */
	int32_t		nbuckets;
	/* set by the builder, read only by cal_kind: the days whose kind is not the default one */
	int32_t		nkinds;
	uint16_t   *kind_day;		/* [nkinds] day offsets, ascending */
	uint8_t    *kind_value;		/* [nkinds] their CalDayKind */
	CalPattern *patterns;
	int			npatterns;		/* at most CAL_MAX_PATTERNS */
	const char *timezone;		/* name of the calendar's time zone */
	bool		fixed_offset;	/* every day has the same UTC offset (set by cal_build_index) */
	int64_t		offset_usecs;	/* that offset, in microseconds */
} Calendar;

/* width, in working minutes, of one bucket of the minute index */
#define CAL_BUCKET 256

typedef enum CalStatus
{
	CAL_OK = 0,
	CAL_OUT_OF_RANGE			/* the question or its answer leaves the covered days */
} CalStatus;

/* building: the caller fills first, ndays, kind, pattern, utc_offset, patterns; then */
extern size_t cal_index_size(const Calendar *cal);	/* bytes needed by cal_build_index */
extern void cal_build_index(Calendar *cal, void *mem);	/* mem: cal_index_size() bytes */
extern size_t cal_memory(const Calendar *cal);	/* bytes taken by the arrays */
extern CalDayKind cal_kind(const Calendar *cal, int32_t day);	/* day: covered */

/* bits set in a word, without a library call where the CPU has no popcount instruction */
static inline int
cal_popcount(uint32_t x)
{
#ifdef __POPCNT__
	return __builtin_popcount(x);
#else
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (int) ((x * 0x01010101u) >> 24);
#endif
}

/* working days before day index i (0 <= i <= ndays) */
static inline int32_t
cal_cum_days(const Calendar *cal, int64_t i)
{
	uint32_t	below = (UINT32_C(1) << (i & 31)) - 1;

	return cal->block_days[i >> CAL_BLOCK_SHIFT] +
		cal_popcount(cal->workbits[i >> CAL_BLOCK_SHIFT] & below);
}

/* working minutes before day index i (0 <= i <= ndays) */
static inline int64_t
cal_cum_minutes(const Calendar *cal, int64_t i)
{
	return (int64_t) cal->block_minutes[i >> CAL_BLOCK_SHIFT] + cal->day_minutes[i];
}

static inline bool
cal_covers(const Calendar *cal, int64_t day)
{
	return day >= cal->first && day < (int64_t) cal->first + cal->ndays;
}

static inline bool
cal_is_working(const Calendar *cal, int32_t day)
{
	return cal->patterns[cal->pattern[day - cal->first]].minutes > 0;
}

/* days */
extern CalStatus cal_add_days(const Calendar *cal, int32_t day, int32_t n, int32_t *result);
extern CalStatus cal_days_between(const Calendar *cal, int32_t a, int32_t b, int32_t *result);

/* instants: position on the working-time axis (microseconds of working time since the start) */
extern CalStatus cal_local_day_varying(const Calendar *cal, int64_t t, int32_t *day,
									   int64_t *usec_of_day);
extern CalStatus cal_instant_earliest(const Calendar *cal, int64_t pos, int64_t *t);
extern CalStatus cal_instant_latest(const Calendar *cal, int64_t pos, int64_t *t);
extern CalStatus cal_add_time(const Calendar *cal, int64_t t, int64_t usecs, int64_t *result);
extern CalStatus cal_time_between(const Calendar *cal, int64_t a, int64_t b, int64_t *result);
extern CalStatus cal_first_working_moment(const Calendar *cal, int64_t t, int64_t *result);

/*
 * The hot paths below are inline: a call per row through the shared library's PLT, and the
 * second division and the neighbour checks of a zone that changes its offset, cost as much as
 * the arithmetic itself.
 */

static inline int64_t
cal_floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* the instant a day's local clock shows usec_of_day (which may be 24:00) */
static inline int64_t
cal_instant_at(const Calendar *cal, int32_t day, int64_t usec_of_day)
{
	return (int64_t) day * CAL_USECS_PER_DAY + usec_of_day -
		(cal->fixed_offset ? cal->offset_usecs :
		 (int64_t) cal->utc_offset[day - cal->first] * 1000000);
}

/* the end of a working day's last session, as an instant */
static inline int64_t
cal_end_of_work(const Calendar *cal, int32_t day)
{
	const CalPattern *p = &cal->patterns[cal->pattern[day - cal->first]];

	return cal_instant_at(cal, day, (int64_t) p->s[p->nsessions - 1].end * CAL_USECS_PER_MINUTE);
}

/* the local day of an instant and the local time within it */
static inline CalStatus
cal_local_day(const Calendar *cal, int64_t t, int32_t *day, int64_t *usec_of_day)
{
	int64_t		local;
	int64_t		d;

	if (!cal->fixed_offset)
		return cal_local_day_varying(cal, t, day, usec_of_day);
	/* one offset: the local day is one division away (a sum past int64 is past the range) */
	if (__builtin_add_overflow(t, cal->offset_usecs, &local))
		return CAL_OUT_OF_RANGE;
	d = cal_floor_div(local, CAL_USECS_PER_DAY);
	if (!cal_covers(cal, d))
		return CAL_OUT_OF_RANGE;
	*day = (int32_t) d;
	*usec_of_day = local - d * CAL_USECS_PER_DAY;
	return CAL_OK;
}

/* working time elapsed since the start of the covered range, in microseconds */
static inline CalStatus
cal_position(const Calendar *cal, int64_t t, int64_t *pos)
{
	int32_t		day;
	int64_t		u;
	int64_t		worked = 0;
	const CalPattern *p;

	if (cal_local_day(cal, t, &day, &u) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	p = &cal->patterns[cal->pattern[day - cal->first]];
	for (int s = 0; s < p->nsessions; s++)
	{
		int64_t		start = p->s[s].start * CAL_USECS_PER_MINUTE;
		int64_t		end = p->s[s].end * CAL_USECS_PER_MINUTE;

		if (u <= start)
			break;
		worked += (u < end ? u : end) - start;
	}
	*pos = cal_cum_minutes(cal, day - cal->first) * CAL_USECS_PER_MINUTE + worked;
	return CAL_OK;
}

#endif
