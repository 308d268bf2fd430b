/*
 * calendar_test.c: brute-force cross-check of the O(1) calendar arithmetic (src/calendar.c) against
 * a naive model, over random calendars: one-minute sessions, eight sessions a day, weeks without
 * work, UTC offsets that change within the range, instants on session edges and midnights,
 * negative and zero durations.  Built and run by make -C fuzz check.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "lunar.h"

#define U CAL_USECS_PER_MINUTE
#define DAY CAL_USECS_PER_DAY

static uint64_t rs = 88172645463325252ULL;
static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}
static int64_t
rr(int64_t lo, int64_t hi)		/* [lo, hi] */
{
	return lo + (int64_t) (rnd() % (uint64_t) (hi - lo + 1));
}

static long failures = 0, checks = 0;
#define FAIL(...) do { if (failures++ < 40) { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* naive session list in absolute instants */
typedef struct
{
	int64_t		s,
				e;
	int32_t		day;			/* index */
} Sess;
static Sess *S;
static int	nS;
static Calendar cal;
static int	mode;
static uint8_t *K;				/* [ndays] each day's kind, for the naive model */

static int64_t
M(int32_t i)					/* local midnight of day index i; i may be ndays */
{
	int32_t		o = cal.utc_offset[i < cal.ndays ? i : cal.ndays - 1];

	return ((int64_t) cal.first + i) * DAY - (int64_t) o * 1000000;
}

static void
build(void)
{
	int			style = rnd() % 6;

	cal.first = (int32_t) rr(-2000, 30000);
	cal.ndays = (int32_t) rr(1, 900);
	cal.pattern = calloc(cal.ndays, sizeof(uint8_t));
	cal.utc_offset = calloc(cal.ndays, sizeof(int32_t));
	cal.npatterns = (int) rr(1, 6);
	cal.patterns = calloc(cal.npatterns, sizeof(CalPattern));
	for (int p = 1; p < cal.npatterns; p++)
	{
		CalPattern *P = &cal.patterns[p];
		int			n = style == 0 ? 1 : (int) rr(1, CAL_MAX_SESSIONS);
		int			t = (int) rr(0, 600);

		/* n non-overlapping sessions within [0, 1440] */
		for (int s = 0; s < n && t < 1440; s++)
		{
			int			len = style == 0 ? 1 : (int) rr(1, 1440 / n);
			int			gap = style == 1 ? 0 : (int) rr(0, 120);

			if (t + len > 1440)
				break;
			P->s[P->nsessions].start = t;
			P->s[P->nsessions].end = t + len;
			P->minutes += len;
			P->nsessions++;
			t += len + gap;
		}
		if (P->nsessions == 0)
		{
			P->s[0].start = 600;
			P->s[0].end = 601;
			P->minutes = 1;
			P->nsessions = 1;
		}
	}
	{
		int32_t		off = (int32_t) rr(-12 * 3600, 14 * 3600);

		for (int i = 0; i < cal.ndays; i++)
		{
			int			r = (int) (rnd() % 100);

			if (style == 2)		/* long stretches without work */
				cal.pattern[i] = (rnd() % 60 == 0) ? (uint8_t) rr(0, cal.npatterns - 1) : 0;
			else
				cal.pattern[i] = r < 30 ? 0 : (uint8_t) rr(0, cal.npatterns - 1);
			/* offset changes mid-range by up to +-3 h, as a DST or a zone change would */
			if (style >= 3 && rnd() % 97 == 0)
				off += (int32_t) rr(-3, 3) * (rnd() % 2 ? 3600 : 900);
			cal.utc_offset[i] = off;
		}
	}
	/* kinds: mostly what the sessions say, a few others listed as the builder lists them */
	K = malloc(cal.ndays);
	cal.kind_day = malloc(sizeof(uint16_t) * cal.ndays);
	cal.kind_value = malloc(cal.ndays);
	cal.nkinds = 0;
	for (int i = 0; i < cal.ndays; i++)
	{
		uint8_t		dflt = cal.patterns[cal.pattern[i]].minutes > 0 ? CAL_WORKING : CAL_REST;

		K[i] = rnd() % 8 == 0 ? (uint8_t) rr(CAL_WORKING, CAL_LOCAL_WORKING) : dflt;
		if (K[i] != dflt)
		{
			cal.kind_day[cal.nkinds] = (uint16_t) i;
			cal.kind_value[cal.nkinds++] = K[i];
		}
	}
	{
		void	   *mem = malloc(cal_index_size(&cal));

		cal_build_index(&cal, mem);
	}
	/* naive sessions */
	nS = 0;
	S = malloc(sizeof(Sess) * (size_t) cal.ndays * CAL_MAX_SESSIONS + 1);
	for (int i = 0; i < cal.ndays; i++)
	{
		CalPattern *P = &cal.patterns[cal.pattern[i]];

		for (int s = 0; s < P->nsessions; s++)
		{
			S[nS].s = M(i) + P->s[s].start * U;
			S[nS].e = M(i) + P->s[s].end * U;
			S[nS].day = i;
			nS++;
		}
	}
}

static void
destroy(void)
{
	free(K);
	free(cal.kind_day);
	free(cal.kind_value);
	free(cal.pattern);
	free(cal.utc_offset);
	free(cal.patterns);
	free(cal.block_days);
	free(S);
	memset(&cal, 0, sizeof(cal));
}

/* is the naive model well defined: sessions in chronological order, each inside its own local day? */
static int
chronological(void)
{
	for (int k = 0; k < nS; k++)
	{
		if (k > 0 && S[k].s < S[k - 1].e)
			return 0;
		if (S[k].e > M(S[k].day + 1) || S[k].s < M(S[k].day))
			return 0;
	}
	for (int i = 0; i < cal.ndays; i++)
		if (M(i + 1) <= M(i))
			return 0;
	return 1;
}

static int
naive_local_day(int64_t t, int32_t *day, int64_t *u)
{
	if (t < M(0) || t >= M(cal.ndays))
		return 0;
	for (int32_t i = 0; i < cal.ndays; i++)
		if (M(i) <= t && t < M(i + 1))
		{
			*day = cal.first + i;
			*u = t - M(i);
			return 1;
		}
	return 0;
}

static int64_t
naive_pos(int64_t t)
{
	int64_t		p = 0;

	for (int k = 0; k < nS; k++)
		if (t > S[k].s)
			p += (t < S[k].e ? t : S[k].e) - S[k].s;
	return p;
}

static int64_t
total(void)
{
	int64_t		p = 0;

	for (int k = 0; k < nS; k++)
		p += S[k].e - S[k].s;
	return p;
}

/* earliest instant with position target (target > 0); 0 if none */
static int
naive_earliest(int64_t target, int64_t *t)
{
	int64_t		c = 0;

	if (target <= 0)
		return 0;
	for (int k = 0; k < nS; k++)
	{
		int64_t		len = S[k].e - S[k].s;

		if (c < target && target <= c + len)
		{
			*t = S[k].s + (target - c);
			return 1;
		}
		c += len;
	}
	return 0;
}

static int
naive_latest(int64_t target, int64_t *t)
{
	int64_t		c = 0;

	if (target < 0)
		return 0;
	for (int k = 0; k < nS; k++)
	{
		int64_t		len = S[k].e - S[k].s;

		if (c <= target && target < c + len)
		{
			*t = S[k].s + (target - c);
			return 1;
		}
		c += len;
	}
	return 0;
}

static int64_t
pick_instant(void)
{
	int			r = (int) (rnd() % 6);

	if (r == 0 && nS > 0)
	{
		Sess	   *s = &S[rnd() % nS];

		return rnd() % 2 ? s->s : s->e;	/* exactly on a session boundary */
	}
	if (r == 1 && nS > 0)
	{
		Sess	   *s = &S[rnd() % nS];

		return (rnd() % 2 ? s->s : s->e) + rr(-2, 2);
	}
	if (r == 2)
		return M((int32_t) rr(0, cal.ndays)) + rr(-1, 1);	/* midnight */
	return rr(M(0) - DAY, M(cal.ndays) + DAY);
}

static void
check_days(void)
{
	int32_t		i = (int32_t) rr(0, cal.ndays - 1);
	int32_t		day = cal.first + i;
	int32_t		n = (int32_t) (rnd() % 4 == 0 ? rr(-cal.ndays - 2, cal.ndays + 2) : rr(-5, 5));
	int32_t		got,
				want = 0;
	int			ok_want = 0;
	CalStatus	st = cal_add_days(&cal, day, n, &got);

	/* naive */
	if (n == 0)
	{
		for (int32_t j = i; j < cal.ndays; j++)
			if (cal.patterns[cal.pattern[j]].minutes > 0)
			{
				want = cal.first + j;
				ok_want = 1;
				break;
			}
	}
	else if (n > 0)
	{
		int			c = 0;

		for (int32_t j = i + 1; j < cal.ndays; j++)
			if (cal.patterns[cal.pattern[j]].minutes > 0 && ++c == n)
			{
				want = cal.first + j;
				ok_want = 1;
				break;
			}
	}
	else
	{
		int			c = 0;

		for (int32_t j = i - 1; j >= 0; j--)
			if (cal.patterns[cal.pattern[j]].minutes > 0 && ++c == -n)
			{
				want = cal.first + j;
				ok_want = 1;
				break;
			}
	}
	checks++;
	if ((st == CAL_OK) != ok_want || (ok_want && got != want))
		FAIL("add_days(%d, %d): got st=%d %d want ok=%d %d", day, n, st, got, ok_want, want);

	/* days_between */
	{
		int32_t		j = (int32_t) rr(0, cal.ndays - 1);
		int32_t		r,
					w = 0;

		cal_days_between(&cal, day, cal.first + j, &r);
		if (j >= i)
		{
			for (int32_t k = i + 1; k <= j; k++)
				w += cal.patterns[cal.pattern[k]].minutes > 0;
		}
		else
			for (int32_t k = j + 1; k <= i; k++)
				w -= cal.patterns[cal.pattern[k]].minutes > 0;
		checks++;
		if (r != w)
			FAIL("days_between(%d,%d) got %d want %d", i, j, r, w);
	}
}

static void
check_kind(void)
{
	int32_t		i = (int32_t) rr(0, cal.ndays - 1);

	checks++;
	if (cal_kind(&cal, cal.first + i) != K[i])
		FAIL("kind(%d): got %d want %d", i, cal_kind(&cal, cal.first + i), K[i]);
}

/*
 * The widest calendar the 16-bit day indexes allow, working all day every day: the block sums and
 * the minute index must reach its last day.
 */
static void
check_widest(void)
{
	Calendar	w = {0};
	CalPattern	p[2] = {{0}};
	int32_t		r;
	int64_t		pos = 0,
				t;
	void	   *mem;

	p[1].nsessions = 1;
	p[1].s[0].start = 0;
	p[1].s[0].end = 1440;
	p[1].minutes = 1440;
	w.first = -1000;
	w.ndays = CAL_MAX_DAYS;
	w.patterns = p;
	w.npatterns = 2;
	w.pattern = malloc(w.ndays);
	memset(w.pattern, 1, w.ndays);
	w.fixed_offset = true;
	mem = malloc(cal_index_size(&w));
	cal_build_index(&w, mem);
	checks += 5;
	if (cal_add_days(&w, w.first, w.ndays - 1, &r) != CAL_OK || r != w.first + w.ndays - 1)
		FAIL("widest: add_days to the last day");
	if (cal_add_days(&w, w.first, w.ndays, &r) != CAL_OUT_OF_RANGE)
		FAIL("widest: add_days past the last day");
	if (cal_days_between(&w, w.first, w.first + w.ndays - 1, &r) != CAL_OK || r != w.ndays - 1)
		FAIL("widest: days_between");
	t = (int64_t) (w.first + w.ndays) * DAY - 1;
	if (cal_position(&w, t, &pos) != CAL_OK || pos != (int64_t) w.ndays * 1440 * U - 1)
		FAIL("widest: position of the last instant");
	if (cal_instant_earliest(&w, pos, &t) != CAL_OK || t != (int64_t) (w.first + w.ndays) * DAY - 1)
		FAIL("widest: instant of the last position");
	free(mem);
	free(w.pattern);
}

static void
check_time(void)
{
	int64_t		t = pick_instant();
	int32_t		d1 = 0,
				d2 = 0;
	int64_t		u1 = 0,
				u2 = 0;
	int			okn = naive_local_day(t, &d2, &u2);
	CalStatus	st = cal_local_day(&cal, t, &d1, &u1);

	checks++;
	if ((st == CAL_OK) != okn || (okn && (d1 != d2 || u1 != u2)))
	{
		FAIL("local_day(%" PRId64 "): got st=%d day=%d u=%" PRId64 " want ok=%d day=%d u=%" PRId64,
			 t, st, d1, u1, okn, d2, u2);
		return;
	}
	if (!okn)
		return;
	{
		int64_t		pos = -1,
					np = naive_pos(t);
		CalStatus	sp = cal_position(&cal, t, &pos);

		checks++;
		if (sp != CAL_OK || pos != np)
		{
			FAIL("position(%" PRId64 ") got st=%d %" PRId64 " want %" PRId64, t, sp, pos, np);
			return;
		}
		/* add_time */
		{
			int64_t		x;
			int			r = (int) (rnd() % 5);
			int64_t		got,
						want = 0;
			int			okw;
			CalStatus	s2;

			if (r == 0 && nS > 0)
			{
				/* land exactly on a session boundary */
				Sess	   *s = &S[rnd() % nS];

				x = naive_pos(rnd() % 2 ? s->s : s->e) - np;
			}
			else if (r == 1)
				x = rr(-3, 3) * U;
			else if (r == 2)
				x = rr(-total() - U, total() + U);
			else
				x = rr(-2000, 2000) * U + rr(-1, 1);
			s2 = cal_add_time(&cal, t, x, &got);
			if (x == 0)
			{
				okw = 1;
				want = t;
			}
			else if (x > 0)
				okw = naive_earliest(np + x, &want);
			else
				okw = naive_latest(np + x, &want);
			checks++;
			if ((s2 == CAL_OK) != okw || (okw && got != want))
				FAIL("add_time(t=%" PRId64 " pos=%" PRId64 ", x=%" PRId64 "): got st=%d %" PRId64
					 " want ok=%d %" PRId64, t, np, x, s2, got, okw, want);
		}
		/* first working moment */
		{
			int64_t		got,
						want = 0;
			int			okw = naive_latest(np, &want);
			CalStatus	s3 = cal_first_working_moment(&cal, t, &got);

			checks++;
			if ((s3 == CAL_OK) != okw || (okw && got != want))
				FAIL("first_working_moment(%" PRId64 "): got st=%d %" PRId64 " want ok=%d %" PRId64,
					 t, s3, got, okw, want);
		}
	}
}

int
main(int argc, char **argv)
{
	int			ncal = argc > 1 ? atoi(argv[1]) : 3000;
	long		skipped = 0;
	int			shifts[CAL_MAX_BUCKET_SHIFT + 1] = {0};	/* calendars by minute index group */

	mode = argc > 2 ? atoi(argv[2]) : 0;
	/* the precomputed lunar tables, which place Tết and Hùng Kings' day, equal a fresh reckoning */
	checks++;
	if (!lunar_tables_current())
	{
		failures++;
		fprintf(stderr, "src/lunar_table.h differs from the reckoning of lunar.c: regenerate it with tools/lunar_table.c\n");
	}
	check_widest();
	for (int c = 0; c < ncal; c++)
	{
		build();
		if (!chronological())
		{
			skipped++;
			destroy();
			continue;
		}
		shifts[cal.bucket_shift]++;
		for (int k = 0; k < 400; k++)
			check_days();
		for (int k = 0; k < 100; k++)
			check_kind();
		for (int k = 0; k < 2000; k++)
			check_time();
		destroy();
	}
	/* very short working days narrow the minute index's groups: both kinds were checked */
	checks++;
	if (ncal >= 1000 && (shifts[0] == 0 || shifts[CAL_MAX_BUCKET_SHIFT] == 0))
		FAIL("minute index: %d calendars with the narrowest groups, %d with the widest",
			 shifts[0], shifts[CAL_MAX_BUCKET_SHIFT]);
	if (failures != 0)
	{
		printf("calendar: %ld of %ld checks failed (%ld calendars skipped)\n", failures, checks, skipped);
		return 1;
	}
	printf("calendar: %ld checks passed (%ld of %d random calendars skipped as non-chronological)\n",
		   checks, skipped, ncal);
	return 0;
}
