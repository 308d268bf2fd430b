/*
 * fuzz_calendar.h: a calendar built from a fuzzer's bytes through the pure core, as the extension's
 * compiler builds one, and instants picked in and around it; shared by calendar_fuzz.c and
 * clock_fuzz.c.  Include once per harness.
 */
#ifndef TTHC_FUZZ_CALENDAR_H
#define TTHC_FUZZ_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "calendar.h"
#include "fuzz_input.h"

#define U CAL_USECS_PER_MINUTE
#define DAY CAL_USECS_PER_DAY

static Calendar cal;

/* local midnight of day index i (i may be ndays) */
static inline int64_t
midnight(int32_t i)
{
	int32_t		o = cal.utc_offset[i < cal.ndays ? i : cal.ndays - 1];

	return ((int64_t) cal.first + i) * DAY - (int64_t) o * 1000000;
}

static inline bool
build(FuzzInput *in)
{
	uint8_t		shape = fuzz_u8(in);
	int32_t		off;

	memset(&cal, 0, sizeof(cal));
	/* days since 2000-01-01: 1900 to 2200, and the edges of a 32-bit day */
	cal.first = (int32_t) fuzz_range(in, -40000, 80000);
	cal.ndays = (int32_t) fuzz_range(in, 1, 400);
	cal.npatterns = 1 + fuzz_u8(in) % 8;
	cal.patterns = calloc(cal.npatterns, sizeof(CalPattern));
	cal.pattern = malloc(cal.ndays);
	cal.utc_offset = malloc(sizeof(int32_t) * cal.ndays);
	REQUIRE(cal.patterns && cal.pattern && cal.utc_offset);

	/* pattern 0 has no sessions; the others 1..8 sessions in order within [0, 1440] minutes */
	for (int p = 1; p < cal.npatterns; p++)
	{
		CalPattern *P = &cal.patterns[p];
		int			n = 1 + fuzz_u8(in) % CAL_MAX_SESSIONS;
		int			t = fuzz_u16(in) % 1440;

		for (int s = 0; s < n; s++)
		{
			int			len = 1 + fuzz_u16(in) % 720;

			if (t + len > 1440)
				break;
			P->s[P->nsessions].start = (int16_t) t;
			P->s[P->nsessions].end = (int16_t) (t + len);
			P->minutes += len;
			P->nsessions++;
			t += len + fuzz_u8(in) % 121;
		}
		if (P->nsessions == 0)
		{
			P->s[0] = (CalSession) {1439, 1440};
			P->minutes = 1;
			P->nsessions = 1;
		}
	}

	off = (int32_t) fuzz_range(in, -12 * 4, 14 * 4) * 900;
	for (int32_t i = 0; i < cal.ndays; i++)
	{
		uint8_t		b = fuzz_u8(in);

		/* each day's kind is the one its sessions say (no kind_day entries) */
		cal.pattern[i] = (uint8_t) (b % cal.npatterns);
		/* a zone that changes its offset mid-range, as summer time or a change of zone does */
		if ((shape & 1) && b >= 250)
			off += (int32_t) (b - 253) * 3600;
		/* real offsets lie within -12 h .. +14 h (the core relies on their being below a day) */
		if (off < -12 * 3600)
			off = -12 * 3600;
		if (off > 14 * 3600)
			off = 14 * 3600;
		cal.utc_offset[i] = off;
	}
	{
		void	   *mem = malloc(cal_index_size(&cal));

		REQUIRE(mem);
		cal_build_index(&cal, mem);
	}
	cal.timezone = "fuzz";

	/* sessions in chronological order, each inside its own local day */
	for (int32_t i = 0; i < cal.ndays; i++)
		if (midnight(i + 1) <= midnight(i))
			return false;
	{
		int64_t		prev_end = INT64_MIN;

		for (int32_t i = 0; i < cal.ndays; i++)
		{
			const CalPattern *P = &cal.patterns[cal.pattern[i]];

			for (int s = 0; s < P->nsessions; s++)
			{
				int64_t		st = midnight(i) + P->s[s].start * U;

				if (st < prev_end || midnight(i) + P->s[s].end * U > midnight(i + 1))
					return false;
				prev_end = midnight(i) + P->s[s].end * U;
			}
		}
	}
	return true;
}

static inline void
destroy(void)
{
	free(cal.pattern);
	free(cal.utc_offset);
	free(cal.patterns);
	free(cal.block_days);
	memset(&cal, 0, sizeof(cal));
}

/* an instant in or near the calendar: anywhere, a midnight, or a session edge, plus a little */
static inline int64_t
pick_instant(FuzzInput *in)
{
	uint8_t		how = fuzz_u8(in);
	int32_t		i = (int32_t) fuzz_range(in, 0, cal.ndays - 1);
	int64_t		t;

	switch (how % 4)
	{
		case 0:
			t = midnight(0) - DAY + (int64_t) ((uint64_t) fuzz_i64(in) %
											   (uint64_t) (midnight(cal.ndays) - midnight(0) + 2 * DAY));
			break;
		case 1:
			t = midnight(i);
			break;
		case 2:
			{
				const CalPattern *P = &cal.patterns[cal.pattern[i]];
				int			s = P->nsessions ? fuzz_u8(in) % P->nsessions : 0;

				t = midnight(i) + (P->nsessions ? (fuzz_u8(in) & 1 ? P->s[s].end : P->s[s].start) : 0) * U;
				break;
			}
		default:
			return fuzz_i64(in);	/* anything, to the int64 edges */
	}
	return t + (int64_t) (int8_t) fuzz_u8(in) * (how & 0x80 ? U : 1);
}

#endif
