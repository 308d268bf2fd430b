/*
 * calendar_pg.c: compiled working calendars in each backend, and the SQL functions on them.
 *
 * A calendar is compiled on first use from tthc.calendar, tthc.calendar_session and
 * tthc.calendar_days() into the arrays of calendar.h, kept in a long-lived memory context, and
 * answered from there without reading a table.  A statement-level trigger on every calendar table
 * sends a relcache invalidation for that table; the callback below bumps a generation counter and
 * every backend recompiles on next use, once the change is committed (or at once in the backend
 * that made it).
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "calendar_pg.h"
#include "holidays.h"
#include "tthc.h"

typedef struct CacheEntry
{
	char		name[NAMEDATALEN];	/* hash key */
	uint64		generation;
	MemoryContext cxt;
	Calendar   *cal;
} CacheEntry;

static HTAB *calendar_cache = NULL;
static MemoryContext cache_cxt = NULL;
static uint64 cache_generation = 1;
static bool callback_registered = false;

/* the tables a compiled calendar is made from; a relcache invalidation of any forgets it */
static const char *const watched_tables[] = {
	"calendar", "calendar_session", "calendar_day", "holiday_notice", "holiday_notice_day"
};
#define NWATCHED lengthof(watched_tables)
static Oid	watched_oids[NWATCHED];

/* inheritance deeper than this is refused (and stops a cycle that concurrent updates let in) */
#define MAX_CHAIN 32

static const char *const kind_names[] = {
	[CAL_WORKING] = "working",
	[CAL_REST] = "rest",
	[CAL_HOLIDAY] = "holiday",
	[CAL_COMPENSATORY] = "compensatory",
	[CAL_SWAPPED_OFF] = "swapped_off",
	[CAL_WORKING_SATURDAY] = "working_saturday",
	[CAL_LOCAL_OFF] = "local_off",
	[CAL_LOCAL_WORKING] = "local_working",
};

void
tthc_calendar_invalidate_all(void)
{
	cache_generation++;
}

static void
relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid)
	{
		cache_generation++;
		return;
	}
	for (int i = 0; i < NWATCHED; i++)
		if (watched_oids[i] == relid)
		{
			cache_generation++;
			return;
		}
}

static void
remember_watched_tables(void)
{
	Oid			nsp = get_namespace_oid("tthc", false);

	for (int i = 0; i < NWATCHED; i++)
		watched_oids[i] = get_relname_relid(watched_tables[i], nsp);
}

PG_FUNCTION_INFO_V1(tthc_calendar_changed);
Datum
tthc_calendar_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "tthc_calendar_changed: not called as a trigger");
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}

/* ISO text of a date, whatever DateStyle says, for messages */
char *
tthc_date_text(DateADT d)
{
	char		buf[MAXDATELEN + 1];
	struct pg_tm tm;

	if (DATE_NOT_FINITE(d))
		EncodeSpecialDate(d, buf);
	else
	{
		j2date(d + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
		EncodeDateOnly(&tm, USE_ISO_DATES, buf);
	}
	return pstrdup(buf);
}

void
tthc_date_out_of_range(DateADT d)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("date \"%s\" is outside the working calendar's range", tthc_date_text(d)),
			 errhint("Working calendars cover %d-01-01 to %d-12-31.",
					 HOLIDAYS_MIN_YEAR, HOLIDAYS_MAX_YEAR)));
}

void
tthc_instant_out_of_range(TimestampTz t)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("instant \"%s\" is outside the working calendar's range",
					DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(t)))),
			 errhint("Working calendars cover %d-01-01 to %d-12-31.",
					 HOLIDAYS_MIN_YEAR, HOLIDAYS_MAX_YEAR)));
}

void
tthc_result_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("result is outside the working calendar's range"),
			 errhint("Working calendars cover %d-01-01 to %d-12-31.",
					 HOLIDAYS_MIN_YEAR, HOLIDAYS_MAX_YEAR)));
}

static DateADT
ymd_to_date(int y, int m, int d)
{
	return date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
}

static int
minutes_of(Datum timeval)
{
	return (int) (DatumGetTimeADT(timeval) / USECS_PER_MINUTE);
}

/* the sessions of calendar level `depth` for ISO weekday w in month m, appended to p */
typedef struct SessionRow
{
	int			depth;
	int			weekday;
	int			first_month;
	int			last_month;
	int			start;
	int			end;
} SessionRow;

static int
find_pattern(Calendar *cal, const CalPattern *p, int *cap, MemoryContext cxt)
{
	for (int i = 0; i < cal->npatterns; i++)
		if (cal->patterns[i].nsessions == p->nsessions &&
			memcmp(cal->patterns[i].s, p->s, sizeof(CalSession) * p->nsessions) == 0)
			return i;
	if (cal->npatterns == *cap)
	{
		*cap *= 2;
		cal->patterns = repalloc(cal->patterns, sizeof(CalPattern) * *cap);
	}
	if (cal->npatterns >= CAL_MAX_PATTERNS)
		elog(ERROR, "too many distinct session patterns");
	cal->patterns[cal->npatterns] = *p;
	return cal->npatterns++;
}

static void
pattern_for(const SessionRow *rows, int nrows, int weekday, int month, CalPattern *p)
{
	int			depth = -1;

	memset(p, 0, sizeof(CalPattern));
	for (int i = 0; i < nrows; i++)
	{
		const SessionRow *r = &rows[i];

		if (r->weekday != weekday || month < r->first_month || month > r->last_month)
			continue;
		/* rows come ordered by depth: the nearest calendar that says anything wins */
		if (depth >= 0 && r->depth != depth)
			break;
		depth = r->depth;
		if (p->nsessions == CAL_MAX_SESSIONS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many working sessions on weekday %d", weekday),
					 errdetail("A day has at most %d sessions.", CAL_MAX_SESSIONS)));
		p->s[p->nsessions].start = r->start;
		p->s[p->nsessions].end = r->end;
		p->minutes += r->end - r->start;
		p->nsessions++;
	}
}

static CalDayKind
kind_from_name(const char *s)
{
	for (int k = 0; k < lengthof(kind_names); k++)
		if (strcmp(kind_names[k], s) == 0)
			return (CalDayKind) k;
	elog(ERROR, "unexpected day kind \"%s\"", s);
	return CAL_WORKING;			/* keep compiler quiet */
}

/* day d differs from the weekly pattern: it is of the given kind */
static void
set_day(Calendar *cal, uint8 *kinds, DateADT day, CalDayKind kind, CalPattern week[8][13],
		int weekpat[8][13])
{
	int32		i = day - cal->first;

	kinds[i] = kind;
	if (kind == CAL_WORKING_SATURDAY || kind == CAL_LOCAL_WORKING)
	{
		int			y,
					m,
					d;
		int			w;

		/*
		 * A swapped Saturday stands for a weekday: it works Monday's sessions, even where the
		 * calendar has Saturday reception hours.  A local working day works its own weekday's
		 * sessions if it has any, else Monday's.
		 */
		j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
		w = (j2day(day + POSTGRES_EPOCH_JDATE) + 6) % 7 + 1;
		cal->pattern[i] = kind == CAL_LOCAL_WORKING && week[w][m].minutes > 0 ?
			weekpat[w][m] : weekpat[1][m];
	}
	else
		cal->pattern[i] = 0;
}

/* Compile calendar `name` into memory context cxt. */
static Calendar *
compile_calendar(const char *name, MemoryContext cxt)
{
	Calendar   *cal;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	char	   *tzname = NULL;
	pg_tz	   *tz;
	SessionRow *rows;
	int			nrows;
	CalPattern	week[8][13];	/* [ISO weekday][month] */
	int			weekpat[8][13];
	int			cap = 16;
	MemoryContext old;
	uint64		n;
	int			save_nestlevel;
	Datum		chain[MAX_CHAIN + 1];	/* the calendar's name, its parent's, ... */
	int			nchain = 0;
	Oid			chain_types[1] = {TEXTARRAYOID};
	Datum		chain_args[1];
	uint8	   *kinds;			/* [ndays] each day's kind, until the few exceptions are kept */

	/*
	 * The compiled calendar outlives this statement, so read the latest committed data, as the
	 * catalog caches do, rather than the caller's snapshot (which may predate a change whose
	 * invalidation this backend has already taken in).  And read it with a search_path no caller
	 * can plant operators in: the result is shared by every later caller in this backend.
	 */
	PushActiveSnapshot(IsInParallelMode() ? GetActiveSnapshot() : GetLatestSnapshot());
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	/* the queries below run once: compiling them to machine code would cost more than they do */
	(void) set_config_option("jit", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * The inheritance chain, walked here a calendar at a time (one or two in practice): planning a
	 * recursive query over it, three times, cost most of a new backend's first answer.  The chain
	 * stops after MAX_CHAIN ancestors, as tthc.calendar's trigger refuses deeper ones.
	 */
	{
		SPIPlanPtr	plan = SPI_prepare("SELECT c.parent, c.timezone FROM tthc.calendar c WHERE c.name = $1",
									   1, argtypes);
		char	   *cur = pstrdup(name);

		if (plan == NULL)
			elog(ERROR, "could not prepare the reading of calendar \"%s\"", name);
		while (cur != NULL && nchain <= MAX_CHAIN)
		{
			char	   *tz;

			args[0] = CStringGetTextDatum(cur);
			if (SPI_execute_plan(plan, args, NULL, true, 1) != SPI_OK_SELECT)
				elog(ERROR, "could not read calendar \"%s\"", cur);
			if (SPI_processed == 0)
				break;
			chain[nchain++] = args[0];
			tz = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
			if (tzname == NULL && tz != NULL)
				tzname = tz;
			cur = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		}
		SPI_freeplan(plan);
	}
	if (nchain == 0 || tzname == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("calendar \"%s\" does not exist", name),
				 errhint("Calendars are listed in tthc.calendar; the default one is named by tthc.default_calendar.")));
	/* the chain, nearest first: array_position() - 1 is a calendar's depth */
	chain_args[0] = PointerGetDatum(construct_array(chain, nchain, TEXTOID, -1, false, TYPALIGN_INT));
	tz = pg_tzset(tzname);
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" of calendar \"%s\" is not recognized", tzname, name)));

	if (SPI_execute_with_args(
							  "SELECT array_position($1, s.calendar) - 1, s.weekday, s.first_month,"
							  " s.last_month, s.starts, s.ends"
							  " FROM tthc.calendar_session s WHERE s.calendar = ANY ($1)"
							  " ORDER BY 1, s.weekday, s.starts",
							  1, chain_types, chain_args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the sessions of calendar \"%s\"", name);
	nrows = (int) SPI_processed;
	rows = palloc0(sizeof(SessionRow) * (nrows + 1));
	for (int i = 0; i < nrows; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		rows[i].depth = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		rows[i].weekday = DatumGetInt32(SPI_getbinval(tup, desc, 2, &isnull));
		rows[i].first_month = DatumGetInt32(SPI_getbinval(tup, desc, 3, &isnull));
		rows[i].last_month = DatumGetInt32(SPI_getbinval(tup, desc, 4, &isnull));
		rows[i].start = minutes_of(SPI_getbinval(tup, desc, 5, &isnull));
		rows[i].end = minutes_of(SPI_getbinval(tup, desc, 6, &isnull));
	}

	old = MemoryContextSwitchTo(cxt);
	cal = palloc0(sizeof(Calendar));
	cal->timezone = pstrdup(tzname);
	cal->first = ymd_to_date(HOLIDAYS_MIN_YEAR, 1, 1);
	cal->ndays = ymd_to_date(HOLIDAYS_MAX_YEAR + 1, 1, 1) - cal->first;
	StaticAssertStmt(HOLIDAYS_MAX_YEAR - HOLIDAYS_MIN_YEAR < CAL_MAX_DAYS / 366,
					 "the calendar's range must fit 16-bit day indexes");
	cal->pattern = palloc(sizeof(uint8_t) * cal->ndays);
	kinds = MemoryContextAlloc(old, cal->ndays);
	cal->patterns = palloc0(sizeof(CalPattern) * cap);
	cal->npatterns = 1;			/* pattern 0: no sessions */
	for (int w = 1; w <= 7; w++)
		for (int m = 1; m <= 12; m++)
		{
			pattern_for(rows, nrows, w, m, &week[w][m]);
			weekpat[w][m] = find_pattern(cal, &week[w][m], &cap, cxt);
		}

	/*
	 * The UTC offset at local noon of each day.  A zone without a transition over the range (every
	 * Vietnamese one since 1975) has one offset, found without asking the zone 31,000 times.
	 */
	{
		struct pg_tm tm = {0};
		pg_time_t	from;
		pg_time_t	until;
		pg_time_t	boundary;
		long int	before,
					after;
		int			before_dst,
					after_dst;

		tm.tm_year = HOLIDAYS_MIN_YEAR;
		tm.tm_mon = 1;
		tm.tm_mday = 1;
		tm.tm_hour = 12;
		cal->offset_usecs = (int64) -DetermineTimeZoneOffset(&tm, tz) * USECS_PER_SEC;
		/* seconds since 1970 of the first and last noons, a day's margin either side */
		from = (pg_time_t) (cal->first + POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE - 1) * SECS_PER_DAY;
		until = from + (pg_time_t) (cal->ndays + 2) * SECS_PER_DAY;
		switch (pg_next_dst_boundary(&from, &before, &before_dst, &boundary, &after, &after_dst, tz))
		{
			case 0:
				cal->fixed_offset = before * USECS_PER_SEC == cal->offset_usecs;
				break;
			case 1:
				cal->fixed_offset = boundary > until && before * USECS_PER_SEC == cal->offset_usecs;
				break;
			default:
				cal->fixed_offset = false;
				break;
		}
		if (!cal->fixed_offset)
		{
			cal->utc_offset = palloc(sizeof(int32_t) * cal->ndays);
			for (int32 i = 0; i < cal->ndays; i++)
			{
				int			jd = cal->first + i + POSTGRES_EPOCH_JDATE;

				j2date(jd, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
				tm.tm_hour = 12;
				cal->utc_offset[i] = -DetermineTimeZoneOffset(&tm, tz);
			}
		}
	}

	/* the weekly pattern, walking the days in order (2014-01-01 was a Wednesday) */
	{
		int			y = HOLIDAYS_MIN_YEAR,
					m = 1,
					d = 1;
		int			w = (j2day(cal->first + POSTGRES_EPOCH_JDATE) + 6) % 7 + 1;

		for (int32 i = 0; i < cal->ndays; i++)
		{
			cal->pattern[i] = weekpat[w][m];
			kinds[i] = cal->patterns[weekpat[w][m]].minutes > 0 ? CAL_WORKING : CAL_REST;
			w = w == 7 ? 1 : w + 1;
			if (++d > day_tab[isleap(y)][m - 1])
			{
				d = 1;
				if (++m > 12)
				{
					m = 1;
					y++;
				}
			}
		}
	}
	MemoryContextSwitchTo(old);

	/*
	 * Days off and extra working days, as tthc.calendar_days() lists them: the official notices,
	 * then for a year without one the statutory rules (Culture Day joins from 2026 when
	 * tthc.culture_day is on, notice or not, unless a notice lists that day), then this calendar's
	 * own days, the nearest in its inheritance chain winning.  The rules run here in C rather than
	 * through tthc.calendar_days() over 86 years, which cost most of a first answer.
	 */
	{
		bool		noticed_year[HOLIDAYS_MAX_YEAR - HOLIDAYS_MIN_YEAR + 1] = {false};
		bool	   *noticed_day = palloc0(sizeof(bool) * cal->ndays);

		if (SPI_execute("SELECT n.year, d.day, d.kind::text"
						" FROM tthc.holiday_notice n LEFT JOIN tthc.holiday_notice_day d ON d.year = n.year",
						true, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not read the holiday notices");
		n = SPI_processed;
		for (uint64 r = 0; r < n; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			bool		isnull;
			int32		year = DatumGetInt32(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
			DateADT		day = DatumGetDateADT(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));

			if (year >= HOLIDAYS_MIN_YEAR && year <= HOLIDAYS_MAX_YEAR)
				noticed_year[year - HOLIDAYS_MIN_YEAR] = true;
			if (isnull || !cal_covers(cal, day))
				continue;
			noticed_day[day - cal->first] = true;
			set_day(cal, kinds, day, kind_from_name(SPI_getvalue(tup, SPI_tuptable->tupdesc, 3)),
					week, weekpat);
		}

		for (int year = HOLIDAYS_MIN_YEAR; year <= HOLIDAYS_MAX_YEAR; year++)
		{
			HolidayDay	days[HOLIDAYS_MAX_PER_YEAR];
			int			nh = holidays_statutory(year, tthc_culture_day, days);

			for (int k = 0; k < nh; k++)
			{
				DateADT		day = days[k].jdn - POSTGRES_EPOCH_JDATE;

				if (noticed_year[year - HOLIDAYS_MIN_YEAR] && strcmp(days[k].rule->id, "culture_day") != 0)
					continue;
				if (!cal_covers(cal, day) || noticed_day[day - cal->first])
					continue;
				set_day(cal, kinds, day, days[k].kind == HOLIDAY_PUBLIC ? CAL_HOLIDAY : CAL_COMPENSATORY,
						week, weekpat);
			}
		}
		pfree(noticed_day);
	}

	if (SPI_execute_with_args(
							  "SELECT DISTINCT ON (d.day) d.day, d.kind::text"
							  " FROM tthc.calendar_day d WHERE d.calendar = ANY ($1)"
							  " ORDER BY d.day, array_position($1, d.calendar)",
							  1, chain_types, chain_args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the days of calendar \"%s\"", name);
	n = SPI_processed;
	for (uint64 r = 0; r < n; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		bool		isnull;
		DateADT		day = DatumGetDateADT(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));

		if (cal_covers(cal, day))
			set_day(cal, kinds, day, kind_from_name(SPI_getvalue(tup, SPI_tuptable->tupdesc, 2)),
					week, weekpat);
	}

	/* keep only the kinds that the sessions (working or rest) do not tell */
	{
		int32		nk = 0;

		for (int32 i = 0; i < cal->ndays; i++)
			nk += kinds[i] != (cal->patterns[cal->pattern[i]].minutes > 0 ? CAL_WORKING : CAL_REST);
		cal->kind_day = MemoryContextAlloc(cxt, sizeof(uint16_t) * (nk + 1));
		cal->kind_value = MemoryContextAlloc(cxt, sizeof(uint8_t) * (nk + 1));
		for (int32 i = 0; i < cal->ndays; i++)
			if (kinds[i] != (cal->patterns[cal->pattern[i]].minutes > 0 ? CAL_WORKING : CAL_REST))
			{
				cal->kind_day[cal->nkinds] = (uint16_t) i;
				cal->kind_value[cal->nkinds] = kinds[i];
				cal->nkinds++;
			}
		pfree(kinds);
	}

	cal_build_index(cal, MemoryContextAlloc(cxt, cal_index_size(cal)));
	SPI_finish();
	AtEOXact_GUC(true, save_nestlevel);
	PopActiveSnapshot();
	return cal;
}

/*
 * The compiled calendar called `name` (not NUL-terminated, len bytes), and the cache generation it
 * was compiled at (older than the current one when an invalidation arrived during the compile).
 */
static Calendar *
lookup_calendar(const char *name, int len, uint64 *generation_out)
{
	char		key[NAMEDATALEN];
	CacheEntry *entry;
	bool		found;

	if (len >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("calendar \"%.*s\" does not exist", len, name)));
	if (calendar_cache == NULL)
	{
		HASHCTL		ctl;

		cache_cxt = AllocSetContextCreate(TopMemoryContext, "tthc calendars",
										  ALLOCSET_SMALL_SIZES);
		ctl.keysize = NAMEDATALEN;
		ctl.entrysize = sizeof(CacheEntry);
		ctl.hcxt = cache_cxt;
		calendar_cache = hash_create("tthc calendars", 8, &ctl,
									 HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	}
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
		callback_registered = true;
	}
	memset(key, 0, sizeof(key));
	memcpy(key, name, len);
	entry = hash_search(calendar_cache, key, HASH_ENTER, &found);
	if (!found)
	{
		entry->cxt = NULL;
		entry->cal = NULL;
		entry->generation = 0;
	}
	if (entry->cal == NULL || entry->generation != cache_generation)
	{
		uint64		generation = cache_generation;
		MemoryContext cxt;

		if (entry->cxt)
			MemoryContextDelete(entry->cxt);
		entry->cxt = NULL;
		entry->cal = NULL;
		cxt = AllocSetContextCreate(cache_cxt, "tthc calendar", ALLOCSET_DEFAULT_SIZES);
		PG_TRY();
		{
			remember_watched_tables();
			entry->cal = compile_calendar(key, cxt);
		}
		PG_CATCH();
		{
			MemoryContextDelete(cxt);
			hash_search(calendar_cache, key, HASH_REMOVE, NULL);
			PG_RE_THROW();
		}
		PG_END_TRY();
		entry->cxt = cxt;
		/* an invalidation received while compiling means the data may be stale already */
		entry->generation = generation;
	}
	*generation_out = entry->generation;
	return entry->cal;
}

/* per-call-site memory of the last calendar used */
typedef struct CallCache
{
	uint64		generation;
	TimestampTz stmt_start;
	Calendar   *cal;
	void	   *extra;			/* for the caller's own per-call-site state */
	int			namelen;
	char		name[NAMEDATALEN];
} CallCache;

/*
 * The calendar named by argument argno (NULL or absent: tthc.default_calendar).  Inline in this
 * file's per-row functions: a call through the library's PLT costs as much as the check.
 */
static pg_attribute_always_inline const Calendar *
calendar_arg(FunctionCallInfo fcinfo, int argno)
{
	CallCache  *cc = (CallCache *) fcinfo->flinfo->fn_extra;
	const char *name;
	int			len;
	TimestampTz stmt_start = GetCurrentStatementStartTimestamp();

	if (cc == NULL)
	{
		cc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CallCache));
		fcinfo->flinfo->fn_extra = cc;
	}
	/* once a statement, take in committed changes of other sessions */
	if (cc->stmt_start != stmt_start)
	{
		AcceptInvalidationMessages();
		cc->stmt_start = stmt_start;
	}

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
	{
		/*
		 * The setting may change between two rows: compare it with the name remembered, in one
		 * pass without a library call (this runs once a row).
		 */
		name = tthc_default_calendar;
		if (cc->cal != NULL && cc->generation == cache_generation)
		{
			int			i;

			for (i = 0; i < cc->namelen && name[i] == cc->name[i]; i++)
				;
			if (i == cc->namelen && name[i] == '\0')
				return cc->cal;
		}
		len = strlen(name);
	}
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(argno);

		name = VARDATA_ANY(t);
		len = VARSIZE_ANY_EXHDR(t);
		if (cc->cal != NULL && cc->generation == cache_generation &&
			cc->namelen == len && memcmp(cc->name, name, len) == 0)
			return cc->cal;
	}

	cc->cal = NULL;
	cc->cal = lookup_calendar(name, len, &cc->generation);
	cc->namelen = Min(len, NAMEDATALEN - 1);
	memcpy(cc->name, name, cc->namelen);
	return cc->cal;
}

const Calendar *
tthc_calendar_arg(FunctionCallInfo fcinfo, int argno)
{
	return calendar_arg(fcinfo, argno);
}

void	  **
tthc_call_extra(FunctionCallInfo fcinfo)
{
	CallCache  *cc = (CallCache *) fcinfo->flinfo->fn_extra;

	Assert(cc != NULL);
	return &cc->extra;
}

int32
tthc_date_index(const Calendar *cal, DateADT d)
{
	if (DATE_NOT_FINITE(d) || !cal_covers(cal, d))
		tthc_date_out_of_range(d);
	return d;
}

/* ---------------------------------------------------------------- SQL functions */

PG_FUNCTION_INFO_V1(tthc_is_working_day);
Datum
tthc_is_working_day(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	DateADT		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	cal = calendar_arg(fcinfo, 1);
	d = tthc_date_index(cal, PG_GETARG_DATEADT(0));
	PG_RETURN_BOOL(cal_is_working(cal, d));
}

static DateADT
add_days_or_error(const Calendar *cal, DateADT d, int32 n)
{
	int32		result;

	tthc_date_index(cal, d);
	if (cal_add_days(cal, d, n, &result) != CAL_OK)
		tthc_result_out_of_range();
	return result;
}

PG_FUNCTION_INFO_V1(tthc_add_working_days);
Datum
tthc_add_working_days(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(add_days_or_error(calendar_arg(fcinfo, 2),
										PG_GETARG_DATEADT(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(tthc_next_working_day);
Datum
tthc_next_working_day(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(add_days_or_error(calendar_arg(fcinfo, 1), PG_GETARG_DATEADT(0), 1));
}

PG_FUNCTION_INFO_V1(tthc_previous_working_day);
Datum
tthc_previous_working_day(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(add_days_or_error(calendar_arg(fcinfo, 1), PG_GETARG_DATEADT(0), -1));
}

PG_FUNCTION_INFO_V1(tthc_working_days_between);
Datum
tthc_working_days_between(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	DateADT		a,
				b;
	int32		result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	cal = calendar_arg(fcinfo, 2);
	a = tthc_date_index(cal, PG_GETARG_DATEADT(0));
	b = tthc_date_index(cal, PG_GETARG_DATEADT(1));
	cal_days_between(cal, a, b, &result);
	PG_RETURN_INT32(result);
}

static int64
interval_usecs(Interval *span)
{
	if (span->month != 0 || span->day != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("working time must be given in hours, minutes and seconds"),
				 errdetail("The interval has a day or month part, whose length in working time is undefined."),
				 errhint("Write for example '16 hours' rather than '2 days', or use add_working_days.")));
	return span->time;
}

/* inline in the SQL function below: a call through the library's PLT costs a row's worth */
static inline TimestampTz
add_working_time(const Calendar *cal, TimestampTz t, int64 usecs)
{
	int64		result;

	if (TIMESTAMP_NOT_FINITE(t))
		tthc_instant_out_of_range(t);
	if (cal_add_time_inline(cal, t, usecs, &result) != CAL_OK)
	{
		int64		pos;

		if (cal_position(cal, t, &pos) != CAL_OK)
			tthc_instant_out_of_range(t);
		tthc_result_out_of_range();
	}
	return result;
}

TimestampTz
tthc_add_working_time(const Calendar *cal, TimestampTz t, int64 usecs)
{
	return add_working_time(cal, t, usecs);
}

PG_FUNCTION_INFO_V1(tthc_add_working_time_fn);
Datum
tthc_add_working_time_fn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(add_working_time(calendar_arg(fcinfo, 2),
										   PG_GETARG_TIMESTAMPTZ(0),
										   interval_usecs(PG_GETARG_INTERVAL_P(1))));
}

PG_FUNCTION_INFO_V1(tthc_working_time_between);
Datum
tthc_working_time_between(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	TimestampTz a,
				b;
	int64		pa,
				pb;
	Interval   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	cal = calendar_arg(fcinfo, 2);
	a = PG_GETARG_TIMESTAMPTZ(0);
	b = PG_GETARG_TIMESTAMPTZ(1);
	if (TIMESTAMP_NOT_FINITE(a) || cal_position(cal, a, &pa) != CAL_OK)
		tthc_instant_out_of_range(a);
	if (TIMESTAMP_NOT_FINITE(b) || cal_position(cal, b, &pb) != CAL_OK)
		tthc_instant_out_of_range(b);
	result = palloc0(sizeof(Interval));
	result->time = pb - pa;
	PG_RETURN_INTERVAL_P(result);
}

TimestampTz
tthc_first_working_moment(const Calendar *cal, TimestampTz t)
{
	int64		result;

	if (TIMESTAMP_NOT_FINITE(t) || cal_first_working_moment(cal, t, &result) != CAL_OK)
		tthc_instant_out_of_range(t);
	return result;
}

PG_FUNCTION_INFO_V1(tthc_first_working_moment_fn);
Datum
tthc_first_working_moment_fn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(tthc_first_working_moment(calendar_arg(fcinfo, 1),
													PG_GETARG_TIMESTAMPTZ(0)));
}

static char *
sessions_text(const CalPattern *p)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int s = 0; s < p->nsessions; s++)
		appendStringInfo(&buf, "%s%02d:%02d-%02d:%02d", s ? ", " : "",
						 p->s[s].start / 60, p->s[s].start % 60,
						 p->s[s].end / 60, p->s[s].end % 60);
	return buf.data;
}

/* tthc.day_info(d, calendar) -> (kind, is_working, sessions, working_minutes) */
PG_FUNCTION_INFO_V1(tthc_day_info);
Datum
tthc_day_info(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	DateADT		d;
	const CalPattern *p;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	cal = calendar_arg(fcinfo, 1);
	d = tthc_date_index(cal, PG_GETARG_DATEADT(0));
	p = &cal->patterns[cal->pattern[d - cal->first]];
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = CStringGetTextDatum(kind_names[cal_kind(cal, d)]);
	values[1] = BoolGetDatum(p->minutes > 0);
	values[2] = CStringGetTextDatum(sessions_text(p));
	values[3] = Int32GetDatum(p->minutes);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* tthc.calendar_info(calendar) -> facts about the compiled calendar, its memory included */
PG_FUNCTION_INFO_V1(tthc_calendar_info);
Datum
tthc_calendar_info(PG_FUNCTION_ARGS)
{
	const Calendar *cal = calendar_arg(fcinfo, 0);
	TupleDesc	desc;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};
	const char *name = PG_ARGISNULL(0) ? tthc_default_calendar : text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = CStringGetTextDatum(name);
	values[1] = DateADTGetDatum(cal->first);
	values[2] = DateADTGetDatum(cal->first + cal->ndays - 1);
	values[3] = Int32GetDatum(cal->nworking);
	values[4] = Int64GetDatum(cal_cum_minutes(cal, cal->ndays));
	values[5] = Int32GetDatum(cal->npatterns - 1);
	values[6] = Int64GetDatum((int64) cal_memory(cal));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* tthc.calendar_timezone(calendar) -> the time zone of the calendar's clock */
PG_FUNCTION_INFO_V1(tthc_calendar_timezone);
Datum
tthc_calendar_timezone(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(calendar_arg(fcinfo, 0)->timezone));
}
