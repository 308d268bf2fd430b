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

#define CAL_MINUTES_PER_DAY 1440
#define CAL_WORKED_MINUTE 0x8000	/* flag of CalPattern.before: the minute is in a session */

typedef struct CalPattern
{
	int			nsessions;
	int			minutes;		/* sum of the sessions' lengths */
	CalSession	s[CAL_MAX_SESSIONS];
	/*
	 * Set by cal_build_index, so that neither direction walks the sessions: before[m], the working
	 * minutes before local minute m (0 .. 1439), with CAL_WORKED_MINUTE set when minute m lies in
	 * a session; start_of[r], the local minute at which working minute r (0 .. minutes - 1) begins.
	 */
	const uint16_t *before;
	const uint16_t *start_of;
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
	/*
	 * The minute index: bucket k holds the day that holds working minute k * CAL_BUCKET, as a
	 * 16-bit day offset per group of 2^bucket_shift buckets plus an 8-bit step within the group
	 * (bucket_shift is the largest, at most CAL_MAX_BUCKET_SHIFT, whose steps fit 8 bits).
	 */
	uint16_t   *bucket_base;	/* [(nbuckets >> bucket_shift) + 1] */
	uint8_t    *bucket_step;	/* [nbuckets] */
	int32_t		nbuckets;
	int			bucket_shift;
	/* set by the builder, read only by cal_kind: the days whose kind is not the default one */
	int32_t		nkinds;
	uint16_t   *kind_day;		/* [nkinds] day offsets, ascending */
	uint8_t    *kind_value;		/* [nkinds] their CalDayKind */
	CalPattern *patterns;
	int			npatterns;		/* at most CAL_MAX_PATTERNS */
	const char *timezone;		/* name of the calendar's time zone */
	bool		fixed_offset;	/* every day has the same UTC offset (set by cal_build_index) */
	int64_t		offset_usecs;	/* that offset, in microseconds */
	int64_t		origin;			/* with fixed_offset: the first day's local midnight, as an
								 * instant (set by cal_build_index) */
} Calendar;

/* width, in working minutes, of one bucket of the minute index, and its widest group */
#define CAL_BUCKET 256
#define CAL_MAX_BUCKET_SHIFT 6

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

/* the first working day index after day index i (0 <= i < ndays), or ndays */
static inline int64_t
cal_next_working(const Calendar *cal, int64_t i)
{
	int64_t		j = i + 1;
	uint32_t	bits;

	if (j >= cal->ndays)
		return cal->ndays;
	bits = cal->workbits[j >> CAL_BLOCK_SHIFT] & (UINT32_MAX << (j & 31));
	while (bits == 0)
	{
		j = ((j >> CAL_BLOCK_SHIFT) + 1) << CAL_BLOCK_SHIFT;
		if (j >= cal->ndays)
			return cal->ndays;
		bits = cal->workbits[j >> CAL_BLOCK_SHIFT];
	}
	return (j & ~INT64_C(31)) + __builtin_ctz(bits);
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
	uint64_t	rel;
	uint64_t	d;

	if (!cal->fixed_offset)
		return cal_local_day_varying(cal, t, day, usec_of_day);

	/*
	 * One offset: the local day is one unsigned division away from the first day's midnight.  The
	 * difference taken modulo 2^64 falls below the range's length exactly when t is covered (the
	 * range is far shorter than 2^63 microseconds, and the origin far from either end of int64).
	 */
	rel = (uint64_t) t - (uint64_t) cal->origin;
	if (rel >= (uint64_t) cal->ndays * (uint64_t) CAL_USECS_PER_DAY)
		return CAL_OUT_OF_RANGE;
	d = rel / (uint64_t) CAL_USECS_PER_DAY;
	*day = cal->first + (int32_t) d;
	*usec_of_day = (int64_t) (rel - d * (uint64_t) CAL_USECS_PER_DAY);
	return CAL_OK;
}

/* working time elapsed since the start of the covered range, in microseconds */
static inline CalStatus
cal_position(const Calendar *cal, int64_t t, int64_t *pos)
{
	int32_t		day;
	int64_t		u;
	int64_t		worked;
	uint64_t	m;
	const CalPattern *p;

	if (cal_local_day(cal, t, &day, &u) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	p = &cal->patterns[cal->pattern[day - cal->first]];
	/* one table read instead of a walk over the sessions */
	m = (uint64_t) u / CAL_USECS_PER_MINUTE;
	if (m < CAL_MINUTES_PER_DAY)
	{
		uint16_t	v = p->before[m];
		int64_t		frac = u - (int64_t) m * CAL_USECS_PER_MINUTE;

		worked = (int64_t) (v & ~CAL_WORKED_MINUTE) * CAL_USECS_PER_MINUTE +
			((v & CAL_WORKED_MINUTE) ? frac : 0);
	}
	else
		worked = (int64_t) p->minutes * CAL_USECS_PER_MINUTE;	/* past 24:00 on a long day */
	*pos = cal_cum_minutes(cal, day - cal->first) * CAL_USECS_PER_MINUTE + worked;
	return CAL_OK;
}

/*
 * The instant at position pos: the earliest (a session's end rather than the next one's start)
 * or the latest.  Working minute m = (pos - earliest) / minute holds it; the minute index gives
 * its working day, short by a working day or two at most (a bucket is narrower than most working
 * days; the next working day is a bit scan away), and the day's pattern gives the local time.
 */
static inline CalStatus
cal_instant_at_position(const Calendar *cal, int64_t pos, bool earliest, int64_t *t)
{
	int64_t		q,
				m,
				k,
				i,
				end,
				rm;
	const CalPattern *p;

	/* no working time lies before the range's first position (nor, for the earliest, at it) */
	if (earliest ? pos <= 0 : pos < 0)
		return CAL_OUT_OF_RANGE;
	q = pos - (earliest ? 1 : 0);
	m = (int64_t) ((uint64_t) q / CAL_USECS_PER_MINUTE);
	k = (int64_t) ((uint64_t) m / CAL_BUCKET);
	if (k >= cal->nbuckets)
		return CAL_OUT_OF_RANGE;
	i = (int64_t) cal->bucket_base[k >> cal->bucket_shift] + cal->bucket_step[k];
	if (i >= cal->ndays)
		return CAL_OUT_OF_RANGE;
	/* the first working day whose end passes minute m */
	while ((end = cal_cum_minutes(cal, i + 1)) <= m)
	{
		i = cal_next_working(cal, i);
		if (i >= cal->ndays)
			return CAL_OUT_OF_RANGE;
	}
	p = &cal->patterns[cal->pattern[i]];
	rm = m - (end - p->minutes);	/* working minute of the day */
	*t = cal_instant_at(cal, (int32_t) (cal->first + i),
						(int64_t) p->start_of[rm] * CAL_USECS_PER_MINUTE +
						(q - m * CAL_USECS_PER_MINUTE) + (earliest ? 1 : 0));
	return CAL_OK;
}

/*
 * t plus usecs of working time.  Forward, the answer is the earliest instant with the target
 * position (work that ends at 17:00 ends at 17:00, not at the next morning's start); backward, the
 * latest.  Adding zero returns t unchanged.
 */
static inline CalStatus
cal_add_time_inline(const Calendar *cal, int64_t t, int64_t usecs, int64_t *result)
{
	int64_t		pos;

	if (cal_position(cal, t, &pos) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	if (usecs == 0)
	{
		*result = t;
		return CAL_OK;
	}
	/* a sum past the int64 range is past the calendar too */
	if (__builtin_add_overflow(pos, usecs, &pos))
		return CAL_OUT_OF_RANGE;
	return cal_instant_at_position(cal, pos, usecs > 0, result);
}

#endif
