/*
 * calendar.c: O(1) arithmetic on a compiled working calendar.
 *
 * Two prefix sums carry every question: cum_days(i), the working days before day i, and
 * cum_minutes(i), the working minutes before day i (each a block's sum plus a day's small part,
 * see calendar.h).  The n-th working day after a day is one read
 * of working[] at the rank cum_days gives; the working time between two instants is a difference
 * of positions on the working-time axis, each a table read for the time of day.  Going back from
 * a position to an instant reads its day from an index over working minutes (a working day or two
 * short at most), and the time of day from the day's pattern.
 */
#include <string.h>

#include "calendar.h"

/* blocks of 32 days over day indexes 0 .. ndays (the last one holds the sums at the end) */
static inline size_t
nblocks(const Calendar *cal)
{
	return ((size_t) cal->ndays >> CAL_BLOCK_SHIFT) + 1;
}

/* the before[] table of a pattern without sessions: no minute worked */
static const uint16_t no_minutes[CAL_MINUTES_PER_DAY];

/*
 * Walks the days in order for the minute index: the working day that holds working minute
 * `minute`, for minutes taken in ascending order (ndays past the end).
 */
typedef struct DayWalk
{
	int32_t		day;
	int64_t		cum;			/* working minutes before day */
} DayWalk;

static int32_t
day_of_minute(const Calendar *cal, DayWalk *w, int64_t minute)
{
	while (w->day < cal->ndays)
	{
		int			m = cal->patterns[cal->pattern[w->day]].minutes;

		if (w->cum + m > minute)
			break;
		w->cum += m;
		w->day++;
	}
	return w->day;
}

/* whether the day steps of groups of 2^shift buckets fit 8 bits */
static bool
steps_fit(const Calendar *cal, int64_t nbuckets, int shift)
{
	DayWalk		w = {0, 0};
	int32_t		base = 0;

	for (int64_t k = 0; k < nbuckets; k++)
	{
		int32_t		d = day_of_minute(cal, &w, k * CAL_BUCKET);

		if ((k & ((INT64_C(1) << shift) - 1)) == 0)
			base = d;
		else if (d - base > UINT8_MAX)
			return false;
	}
	return true;
}

/* the uint16 entries of the patterns' minute tables: before[] and start_of[] of each working one */
static int64_t
pattern_tables(const Calendar *cal)
{
	int64_t		n = 0;

	for (int p = 0; p < cal->npatterns; p++)
		if (cal->patterns[p].minutes > 0)
			n += CAL_MINUTES_PER_DAY + cal->patterns[p].minutes;
	return n;
}

/* what cal_index_size and cal_build_index share */
typedef struct IndexShape
{
	int64_t		nworking;
	int64_t		minutes;
	int64_t		nbuckets;
	int			shift;
	int64_t		tables;			/* uint16 entries of the patterns' tables */
} IndexShape;

/*
 * One pass over the days gives the sizes, and whether the widest group of buckets has its day
 * steps within 8 bits (a group's first day is at most 255 days before the next group's: true
 * unless working days are very short or a long run of days off falls in a group); only when it
 * has not are narrower groups tried, bucket by bucket.
 */
static IndexShape
index_shape(const Calendar *cal)
{
	IndexShape	sh = {0, 0, 0, CAL_MAX_BUCKET_SHIFT, 0};
	const int64_t group = (int64_t) CAL_BUCKET << CAL_MAX_BUCKET_SHIFT;
	int64_t		next_group = 0;
	int32_t		group_day = 0;

	for (int32_t i = 0; i < cal->ndays; i++)
	{
		int			m = cal->patterns[cal->pattern[i]].minutes;

		for (; next_group < sh.minutes + m; next_group += group)
		{
			if (i - group_day > UINT8_MAX)
				sh.shift = -1;
			group_day = i;
		}
		sh.nworking += m > 0;
		sh.minutes += m;
	}
	if (cal->ndays - group_day > UINT8_MAX)
		sh.shift = -1;
	sh.nbuckets = sh.minutes / CAL_BUCKET + 2;
	if (sh.shift < 0)
		for (sh.shift = CAL_MAX_BUCKET_SHIFT - 1;
			 sh.shift > 0 && !steps_fit(cal, sh.nbuckets, sh.shift); sh.shift--)
			;
	sh.tables = pattern_tables(cal);
	return sh;
}

size_t
cal_index_size(const Calendar *cal)
{
	IndexShape	sh = index_shape(cal);

	return sizeof(int32_t) * 3 * nblocks(cal) +
		sizeof(uint16_t) * ((size_t) cal->ndays + 1 + sh.nworking +
							(sh.nbuckets >> sh.shift) + 1 + sh.tables) +
		sizeof(uint8_t) * sh.nbuckets;
}

void
cal_build_index(Calendar *cal, void *mem)
{
	IndexShape	sh = index_shape(cal);
	size_t		nb = nblocks(cal);
	int32_t		w = 0;
	int32_t		days = 0;
	int32_t		minutes = 0;
	int64_t		k = 0;
	int64_t		group_mask = (INT64_C(1) << sh.shift) - 1;
	uint16_t   *tables;

	cal->block_days = mem;
	cal->block_minutes = cal->block_days + nb;
	cal->workbits = (uint32_t *) (cal->block_minutes + nb);
	cal->day_minutes = (uint16_t *) (cal->workbits + nb);
	cal->working = cal->day_minutes + cal->ndays + 1;
	cal->nbuckets = (int32_t) sh.nbuckets;
	cal->bucket_shift = sh.shift;
	cal->bucket_base = cal->working + sh.nworking;
	tables = cal->bucket_base + (sh.nbuckets >> sh.shift) + 1;
	cal->bucket_step = (uint8_t *) (tables + sh.tables);

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
		/* the minute index: day i holds the working minutes k * CAL_BUCKET it reaches */
		for (; k * CAL_BUCKET < (int64_t) minutes + m; k++)
		{
			if ((k & group_mask) == 0)
				cal->bucket_base[k >> sh.shift] = (uint16_t) i;
			cal->bucket_step[k] = (uint8_t) (i - cal->bucket_base[k >> sh.shift]);
		}
		minutes += m;
	}
	cal->nworking = days;
	for (; k < sh.nbuckets; k++)
	{
		if ((k & group_mask) == 0)
			cal->bucket_base[k >> sh.shift] = (uint16_t) cal->ndays;
		cal->bucket_step[k] = (uint8_t) (cal->ndays - cal->bucket_base[k >> sh.shift]);
	}

	/* each pattern's minute tables */
	for (int p = 0; p < cal->npatterns; p++)
	{
		CalPattern *P = &cal->patterns[p];
		uint16_t   *before = tables;
		uint16_t   *start_of = tables + CAL_MINUTES_PER_DAY;
		int			r = 0;
		int			s = 0;

		if (P->minutes <= 0)
		{
			P->before = no_minutes;
			P->start_of = NULL;
			continue;
		}
		for (int m = 0; m < CAL_MINUTES_PER_DAY; m++)
		{
			while (s < P->nsessions && P->s[s].end <= m)
				s++;
			if (s < P->nsessions && P->s[s].start <= m && r < P->minutes)
			{
				before[m] = (uint16_t) (r | CAL_WORKED_MINUTE);
				start_of[r++] = (uint16_t) m;
			}
			else
				before[m] = (uint16_t) r;
		}
		P->before = before;
		P->start_of = start_of;
		tables += CAL_MINUTES_PER_DAY + P->minutes;
	}

	/* without a per-day array, the caller has set fixed_offset and offset_usecs */
	if (cal->utc_offset != NULL)
	{
		cal->fixed_offset = true;
		for (int32_t i = 1; i < cal->ndays; i++)
			if (cal->utc_offset[i] != cal->utc_offset[0])
				cal->fixed_offset = false;
		cal->offset_usecs = cal->ndays > 0 ? (int64_t) cal->utc_offset[0] * 1000000 : 0;
	}
	cal->origin = (int64_t) cal->first * CAL_USECS_PER_DAY - cal->offset_usecs;
}

size_t
cal_memory(const Calendar *cal)
{
	size_t		tables = (size_t) pattern_tables(cal);

	return sizeof(Calendar) +
		(size_t) cal->ndays * (sizeof(uint8_t) + (cal->utc_offset ? sizeof(int32_t) : 0)) +
		sizeof(int32_t) * 3 * nblocks(cal) +
		sizeof(uint16_t) * ((size_t) cal->ndays + 1 + cal->nworking +
							(cal->nbuckets >> cal->bucket_shift) + 1 + tables) +
		sizeof(uint8_t) * cal->nbuckets +
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

/* the earliest instant at position pos (a session's end rather than the next one's start) */
CalStatus
cal_instant_earliest(const Calendar *cal, int64_t pos, int64_t *t)
{
	return cal_instant_at_position(cal, pos, true, t);
}

/* the latest instant at position pos (the next session's start rather than a session's end) */
CalStatus
cal_instant_latest(const Calendar *cal, int64_t pos, int64_t *t)
{
	return cal_instant_at_position(cal, pos, false, t);
}

/* t plus usecs of working time (see cal_add_time_inline) */
CalStatus
cal_add_time(const Calendar *cal, int64_t t, int64_t usecs, int64_t *result)
{
	return cal_add_time_inline(cal, t, usecs, result);
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
	return cal_instant_at_position(cal, pos, false, result);
}
