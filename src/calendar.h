/*
 * calendar.h: a compiled working calendar and its O(1) arithmetic.
 *
 * Pure C (no PostgreSQL headers) so that a standalone test and a fuzzer can link it.  Days are
 * integers counted like PostgreSQL's date (days since 2000-01-01); instants are microseconds since
 * 2000-01-01 00:00 UTC like timestamptz.  Each day has a kind, a session pattern (its working hours)
 * and a UTC offset; prefix sums over working days and working minutes make every question a few
 * array reads.
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

typedef struct Calendar
{
	int32_t		first;			/* first day covered */
	int32_t		ndays;
	uint8_t    *kind;			/* [ndays] CalDayKind */
	uint16_t   *pattern;		/* [ndays] index into patterns; pattern 0 has no sessions */
	int32_t    *utc_offset;		/* [ndays] seconds east of UTC on that day; NULL when the
								 * builder set fixed_offset and offset_usecs itself */
	int32_t    *cum_days;		/* [ndays + 1] working days before day i */
	int32_t    *cum_minutes;	/* [ndays + 1] working minutes before day i */
	int32_t    *working;		/* [nworking] day offsets of the working days, in order */
	int32_t		nworking;
	int32_t    *bucket;			/* [nbuckets] first day whose working minutes reach k * CAL_BUCKET */
	int32_t		nbuckets;
	CalPattern *patterns;
	int			npatterns;
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
	*pos = cal->cum_minutes[day - cal->first] * CAL_USECS_PER_MINUTE + worked;
	return CAL_OK;
}

#endif
