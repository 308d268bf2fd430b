/*
 * calendar.c: O(1) arithmetic on a compiled working calendar.
 *
 * Two prefix sums carry every question: cum_days(i), the working days before day i, and
 * cum_minutes(i), the working minutes before day i (each a block's sum plus a day's small part,
 * see calendar.h).  The n-th working day after a day is one read
 * of working[] at the rank cum_days gives; the working time between two instants is a difference
 * of positions on the working-time axis.  Going back from a position to an instant uses a bucket
 * index over working minutes, then a scan of at most a few days (off days in a row included).
 */
#include <string.h>

#include "calendar.h"

/* blocks of 32 days over day indexes 0 .. ndays (the last one holds the sums at the end) */
static inline size_t
nblocks(const Calendar *cal)
{
	return ((size_t) cal->ndays >> CAL_BLOCK_SHIFT) + 1;
}

size_t
cal_index_size(const Calendar *cal)
{
	int64_t		nworking = 0;
	int64_t		minutes = 0;

	for (int32_t i = 0; i < cal->ndays; i++)
	{
		int			m = cal->patterns[cal->pattern[i]].minutes;

		nworking += m > 0;
		minutes += m;
	}
	return sizeof(int32_t) * 3 * nblocks(cal) +
		sizeof(uint16_t) * ((size_t) cal->ndays + 1 + nworking + minutes / CAL_BUCKET + 2);
}

void
cal_build_index(Calendar *cal, void *mem)
{
	size_t		nb = nblocks(cal);
	int32_t		w = 0;
	int32_t		k = 0;
	int32_t		days = 0;
	int32_t		minutes = 0;

	cal->block_days = mem;
	cal->block_minutes = cal->block_days + nb;
	cal->workbits = (uint32_t *) (cal->block_minutes + nb);
	cal->day_minutes = (uint16_t *) (cal->workbits + nb);
	cal->working = cal->day_minutes + cal->ndays + 1;

	for (int32_t i = 0;; i++)
	{
		int			m;

		if ((i & 31) == 0)
		{
			cal->block_days[i >> CAL_BLOCK_SHIFT] = days;
			cal->block_minutes[i >> CAL_BLOCK_SHIFT] = minutes;
			cal->workbits[i >> CAL_BLOCK_SHIFT] = 0;
		}
		cal->day_minutes[i] = (uint16_t) (minutes - cal->block_minutes[i >> CAL_BLOCK_SHIFT]);
		if (i == cal->ndays)
			break;
		m = cal->patterns[cal->pattern[i]].minutes;
		if (m > 0)
		{
			cal->workbits[i >> CAL_BLOCK_SHIFT] |= UINT32_C(1) << (i & 31);
			cal->working[w++] = (uint16_t) i;
			days++;
		}
		minutes += m;
	}
	cal->nworking = days;

	/* bucket[k]: the first day i with cum_minutes(i + 1) > k * CAL_BUCKET */
	cal->nbuckets = minutes / CAL_BUCKET + 2;
	cal->bucket = cal->working + cal->nworking;
	for (int32_t i = 0; i < cal->ndays && k < cal->nbuckets; i++)
		while (k < cal->nbuckets && cal_cum_minutes(cal, i + 1) > (int64_t) k * CAL_BUCKET)
			cal->bucket[k++] = (uint16_t) i;
	while (k < cal->nbuckets)
		cal->bucket[k++] = (uint16_t) cal->ndays;

	/* without a per-day array, the caller has set fixed_offset and offset_usecs */
	if (cal->utc_offset == NULL)
		return;
	cal->fixed_offset = true;
	for (int32_t i = 1; i < cal->ndays; i++)
		if (cal->utc_offset[i] != cal->utc_offset[0])
			cal->fixed_offset = false;
	cal->offset_usecs = cal->ndays > 0 ? (int64_t) cal->utc_offset[0] * 1000000 : 0;
}

size_t
cal_memory(const Calendar *cal)
{
	return sizeof(Calendar) +
		(size_t) cal->ndays * (sizeof(uint8_t) + (cal->utc_offset ? sizeof(int32_t) : 0)) +
		sizeof(int32_t) * 3 * nblocks(cal) +
		sizeof(uint16_t) * ((size_t) cal->ndays + 1 + cal->nworking + cal->nbuckets) +
		(sizeof(uint16_t) + sizeof(uint8_t)) * (size_t) cal->nkinds +
		sizeof(CalPattern) * cal->npatterns;
}

/*
 * The kind of a covered day: one of the few listed by the builder (holidays, swaps, a calendar's
 * own days), else working or rest by its sessions.
 */
CalDayKind
cal_kind(const Calendar *cal, int32_t day)
{
	int32_t		i = day - cal->first;
	int32_t		lo = 0,
				hi = cal->nkinds;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (cal->kind_day[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < cal->nkinds && cal->kind_day[lo] == i)
		return (CalDayKind) cal->kind_value[lo];
	return cal->patterns[cal->pattern[i]].minutes > 0 ? CAL_WORKING : CAL_REST;
}

/*
 * n >= 1: the n-th working day strictly after day; n <= -1: the |n|-th strictly before; n = 0: day
 * itself when it is a working day, else the next working day.
 */
CalStatus
cal_add_days(const Calendar *cal, int32_t day, int32_t n, int32_t *result)
{
	int64_t		i = (int64_t) day - cal->first;
	int64_t		rank;

	if (!cal_covers(cal, day))
		return CAL_OUT_OF_RANGE;
	if (n == 0 && cal->patterns[cal->pattern[i]].minutes > 0)
	{
		*result = day;
		return CAL_OK;
	}
	if (n >= 0)
		rank = (int64_t) cal_cum_days(cal, i + 1) + (n == 0 ? 0 : n - 1);
	else
		rank = (int64_t) cal_cum_days(cal, i) + n;
	if (rank < 0 || rank >= cal->nworking)
		return CAL_OUT_OF_RANGE;
	*result = cal->first + cal->working[rank];
	return CAL_OK;
}

/* working days in (a, b], negative when b < a */
CalStatus
cal_days_between(const Calendar *cal, int32_t a, int32_t b, int32_t *result)
{
	if (!cal_covers(cal, a) || !cal_covers(cal, b))
		return CAL_OUT_OF_RANGE;
	*result = cal_cum_days(cal, b - cal->first + 1) - cal_cum_days(cal, a - cal->first + 1);
	return CAL_OK;
}

/* cal_local_day for a zone whose offset changes within the range */
CalStatus
cal_local_day_varying(const Calendar *cal, int64_t t, int32_t *day, int64_t *usec_of_day)
{
	int64_t		guess = cal_floor_div(t, CAL_USECS_PER_DAY);
	int64_t		local;
	int64_t		d;

	/* offsets are below a day: the local day is the UTC day or a neighbour */
	if (guess < cal->first)
		guess = cal->first;
	if (guess >= (int64_t) cal->first + cal->ndays)
		guess = (int64_t) cal->first + cal->ndays - 1;
	/* a sum past int64 is past the range (an instant near the end of timestamptz) */
	if (__builtin_add_overflow(t, (int64_t) cal->utc_offset[guess - cal->first] * 1000000, &local))
		return CAL_OUT_OF_RANGE;
	d = cal_floor_div(local, CAL_USECS_PER_DAY);
	if (!cal_covers(cal, d))
		return CAL_OUT_OF_RANGE;
	/* the offset of the day found may differ from the guess's (a change of offset overnight) */
	if (cal_instant_at(cal, (int32_t) d, 0) > t)
		d--;
	else if (cal_covers(cal, d + 1) && cal_instant_at(cal, (int32_t) d + 1, 0) <= t)
		d++;
	if (!cal_covers(cal, d))
		return CAL_OUT_OF_RANGE;
	*day = (int32_t) d;
	*usec_of_day = t - cal_instant_at(cal, (int32_t) d, 0);
	return CAL_OK;
}

/*
 * The first day i from the bucket of minute position `minute` on whose end the position reaches
 * pos (strict: passes pos).  The bucket's day is never past the answer, and the answer lies less
 * than two buckets of working time further, so the scan is short.
 */
static inline int64_t
find_day(const Calendar *cal, int64_t minute, int64_t pos, bool strict)
{
	int64_t		k = minute / CAL_BUCKET;
	int64_t		i;
	/* the day's end must reach (strict: pass) pos: in whole minutes, no product in the loop */
	int64_t		need = pos / CAL_USECS_PER_MINUTE +
		(strict ? 1 : pos % CAL_USECS_PER_MINUTE != 0);

	if (k < 0)
		k = 0;
	if (k >= cal->nbuckets)
		return cal->ndays;
	for (i = cal->bucket[k]; i < cal->ndays && cal_cum_minutes(cal, i + 1) < need; i++)
		;
	return i;
}

/* the instant inside day i at which r microseconds of its working time have passed */
static int64_t
instant_in_day(const Calendar *cal, int64_t i, int64_t r, bool earliest)
{
	const CalPattern *p = &cal->patterns[cal->pattern[i]];
	int			s;

	for (s = 0; s < p->nsessions; s++)
	{
		int64_t		len = (int64_t) (p->s[s].end - p->s[s].start) * CAL_USECS_PER_MINUTE;

		if (earliest ? r <= len : r < len)
			break;
		r -= len;
	}
	return cal_instant_at(cal, (int32_t) (cal->first + i),
						  p->s[s].start * CAL_USECS_PER_MINUTE + r);
}

/* the earliest instant at position pos (a session's end rather than the next one's start) */
CalStatus
cal_instant_earliest(const Calendar *cal, int64_t pos, int64_t *t)
{
	int64_t		i;

	if (pos <= 0)
		return CAL_OUT_OF_RANGE;
	i = find_day(cal, (pos - 1) / CAL_USECS_PER_MINUTE, pos, false);
	if (i >= cal->ndays)
		return CAL_OUT_OF_RANGE;
	*t = instant_in_day(cal, i, pos - cal_cum_minutes(cal, i) * CAL_USECS_PER_MINUTE, true);
	return CAL_OK;
}

/* the latest instant at position pos (the next session's start rather than a session's end) */
CalStatus
cal_instant_latest(const Calendar *cal, int64_t pos, int64_t *t)
{
	int64_t		i;

	if (pos < 0)
		return CAL_OUT_OF_RANGE;
	i = find_day(cal, pos / CAL_USECS_PER_MINUTE, pos, true);
	if (i >= cal->ndays)
		return CAL_OUT_OF_RANGE;
	*t = instant_in_day(cal, i, pos - cal_cum_minutes(cal, i) * CAL_USECS_PER_MINUTE, false);
	return CAL_OK;
}

/*
 * t plus usecs of working time.  Forward, the answer is the earliest instant with the target
 * position (work that ends at 17:00 ends at 17:00, not at the next morning's start); backward, the
 * latest.  Adding zero returns t unchanged.
 */
CalStatus
cal_add_time(const Calendar *cal, int64_t t, int64_t usecs, int64_t *result)
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
	if (usecs > 0)
		return cal_instant_earliest(cal, pos, result);
	return cal_instant_latest(cal, pos, result);
}

CalStatus
cal_time_between(const Calendar *cal, int64_t a, int64_t b, int64_t *result)
{
	int64_t		pa,
				pb;

	if (cal_position(cal, a, &pa) != CAL_OK || cal_position(cal, b, &pb) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	*result = pb - pa;
	return CAL_OK;
}

/* t itself when it falls inside a session, else the start of the next session */
CalStatus
cal_first_working_moment(const Calendar *cal, int64_t t, int64_t *result)
{
	int64_t		pos;

	if (cal_position(cal, t, &pos) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	return cal_instant_latest(cal, pos, result);
}
