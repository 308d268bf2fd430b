/*
 * clock_pg.c: tthc._clock(), the clock core of clock.c applied to a dossier row, and the
 * tthc.apology_day setting.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "calendar_pg.h"
#include "clock.h"
#include "tthc.h"

#define ERRCODE_TTHC_EXTENDED MAKE_SQLSTATE('T','H','0','0','5')

int			tthc_apology_day = APOLOGY_WORKING_DAY;
static char *tthc_now_setting = NULL;

static const struct config_enum_entry apology_day_options[] = {
	{"working_day", APOLOGY_WORKING_DAY, false},
	{"calendar_day", APOLOGY_CALENDAR_DAY, false},
	{NULL, 0, false}
};

/* tthc.now: empty, or an instant that timestamptz_in reads */
static bool
check_now(char **newval, void **extra, GucSource source)
{
	volatile bool ok = true;

	if (*newval == NULL || (*newval)[0] == '\0')
		return true;
	PG_TRY();
	{
		TimestampTz t = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(*newval),
																ObjectIdGetDatum(InvalidOid),
																Int32GetDatum(-1)));

		if (TIMESTAMP_NOT_FINITE(t))
		{
			GUC_check_errdetail("The test clock must be a finite instant.");
			ok = false;
		}
	}
	PG_CATCH();
	{
		FlushErrorState();
		GUC_check_errdetail("The test clock is an instant such as \"2026-03-02 09:00+07\", or empty to turn it off.");
		ok = false;
	}
	PG_END_TRY();
	return ok;
}

void
tthc_clock_init(void)
{
	/*
	 * The instant tthc takes as "now" for receipts, transitions and their checks, so that tests,
	 * demonstrations and training databases can replay dated scenarios.  Superuser only: it decides
	 * what is recorded.  Empty (the default): the transaction's start, now().
	 */
	DefineCustomStringVariable("tthc.now",
							   "Test clock: the instant tthc takes as now; empty for the real clock.",
							   "For tests, demonstrations and training databases only.",
							   &tthc_now_setting,
							   "",
							   PGC_SUSET, 0,
							   check_now, NULL, NULL);

	/*
	 * Decree 61/2018 Art. 19(9): the apology comes "no later than 1 day before" the due date; whether
	 * a working or a calendar day is not stated [open].  Superuser only: it decides a stored fact.
	 */
	DefineCustomEnumVariable("tthc.apology_day",
							 "Whether the apology's \"1 day before the due date\" is a working day or a calendar day.",
							 "Decree 61/2018 Art. 19(9) does not say; working_day is the default.",
							 &tthc_apology_day,
							 APOLOGY_WORKING_DAY,
							 apology_day_options,
							 PGC_SUSET, 0,
							 NULL, NULL, NULL);
}

/* the dossier columns the clock reads and writes, by name */
enum
{
	F_CLOCK, F_RECEIVED_AT, F_CLOCK_STARTED_AT, F_LEGAL_DUE_AT, F_DUE_AT, F_PAUSED_AT,
	F_PAUSED_DUE_AT, F_PAUSED_APPOINTMENT, F_REMAINING, F_EXTENDED, F_EXTENDED_AT, F_APOLOGY_LATE,
	F_SUPPLEMENTS, F_SUPPLEMENTS_LATE, F_SUPPLEMENTS_REPEATED, F_FINISHED_AT, F_FINISH_OUTCOME,
	F_APPOINTMENT_KEPT, F_RETURNED_AT, F_RETURN_OUTCOME, F_STOPPED_AT, F_STOP_OUTCOME, F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"clock", "received_at", "clock_started_at", "legal_due_at", "due_at", "paused_at",
	"paused_due_at", "paused_appointment", "remaining", "extended", "extended_at", "apology_late",
	"supplements", "supplements_late", "supplements_repeated", "finished_at", "finish_outcome",
	"appointment_kept", "returned_at", "return_outcome", "stopped_at", "stop_outcome"
};

static const char *const clock_kind_names[] = {"not_started", "running", "paused", "stopped"};
static const char *const outcome_names[] = {"early", "on_time", "late"};

typedef struct RowMap
{
	Oid			typid;
	int			attno[F_COUNT];	/* 0-based */
	Oid			clock_type;
	Oid			outcome_type;
} RowMap;

static void
map_row(RowMap *map, TupleDesc desc, Oid typid)
{
	map->typid = typid;
	for (int f = 0; f < F_COUNT; f++)
	{
		map->attno[f] = -1;
		for (int i = 0; i < desc->natts; i++)
		{
			Form_pg_attribute a = TupleDescAttr(desc, i);

			if (!a->attisdropped && strcmp(NameStr(a->attname), field_names[f]) == 0)
				map->attno[f] = i;
		}
		if (map->attno[f] < 0)
			elog(ERROR, "dossier row has no column \"%s\"", field_names[f]);
	}
	map->clock_type = TupleDescAttr(desc, map->attno[F_CLOCK])->atttypid;
	map->outcome_type = TupleDescAttr(desc, map->attno[F_FINISH_OUTCOME])->atttypid;
}

static int
label_index(Datum enumval, const char *const *names, int n)
{
	char	   *label = DatumGetCString(DirectFunctionCall1(enum_out, enumval));

	for (int i = 0; i < n; i++)
		if (strcmp(label, names[i]) == 0)
			return i;
	elog(ERROR, "unexpected enum label \"%s\"", label);
}

static Datum
label_datum(Oid type, const char *label)
{
	return DirectFunctionCall2(enum_in, CStringGetDatum(label), ObjectIdGetDatum(type));
}

static int64
get_instant(Datum *v, bool *n, int attno)
{
	return n[attno] ? CLOCK_NO_INSTANT : DatumGetTimestampTz(v[attno]);
}

static void
set_instant(Datum *v, bool *n, int attno, int64 t)
{
	n[attno] = t == CLOCK_NO_INSTANT;
	v[attno] = n[attno] ? (Datum) 0 : TimestampTzGetDatum(t);
}

static void
read_clock(const RowMap *m, Datum *v, bool *n, Clock *c)
{
	clock_init(c);
	c->kind = n[m->attno[F_CLOCK]] ? CLOCK_NOT_STARTED :
		label_index(v[m->attno[F_CLOCK]], clock_kind_names, lengthof(clock_kind_names));
	c->received = get_instant(v, n, m->attno[F_RECEIVED_AT]);
	c->started = get_instant(v, n, m->attno[F_CLOCK_STARTED_AT]);
	c->legal_due = get_instant(v, n, m->attno[F_LEGAL_DUE_AT]);
	c->appointment = get_instant(v, n, m->attno[F_DUE_AT]);
	c->paused_at = get_instant(v, n, m->attno[F_PAUSED_AT]);
	c->paused_legal_due = get_instant(v, n, m->attno[F_PAUSED_DUE_AT]);
	c->paused_appointment = get_instant(v, n, m->attno[F_PAUSED_APPOINTMENT]);
	if (!n[m->attno[F_REMAINING]])
	{
		Interval   *i = DatumGetIntervalP(v[m->attno[F_REMAINING]]);

		c->remaining = i->time + (int64) i->day * USECS_PER_DAY;
	}
	c->extended = !n[m->attno[F_EXTENDED]] && DatumGetBool(v[m->attno[F_EXTENDED]]);
	c->extended_at = get_instant(v, n, m->attno[F_EXTENDED_AT]);
	c->apology_late = !n[m->attno[F_APOLOGY_LATE]] && DatumGetBool(v[m->attno[F_APOLOGY_LATE]]);
	c->supplements = n[m->attno[F_SUPPLEMENTS]] ? 0 : DatumGetInt32(v[m->attno[F_SUPPLEMENTS]]);
	c->supplements_late = n[m->attno[F_SUPPLEMENTS_LATE]] ? 0 : DatumGetInt32(v[m->attno[F_SUPPLEMENTS_LATE]]);
	c->supplements_repeated = n[m->attno[F_SUPPLEMENTS_REPEATED]] ? 0 :
		DatumGetInt32(v[m->attno[F_SUPPLEMENTS_REPEATED]]);
}

static void
write_clock(const RowMap *m, Datum *v, bool *n, const Clock *c)
{
	v[m->attno[F_CLOCK]] = label_datum(m->clock_type, clock_kind_names[c->kind]);
	n[m->attno[F_CLOCK]] = false;
	set_instant(v, n, m->attno[F_RECEIVED_AT], c->received);
	set_instant(v, n, m->attno[F_CLOCK_STARTED_AT], c->started);
	set_instant(v, n, m->attno[F_LEGAL_DUE_AT], c->legal_due);
	set_instant(v, n, m->attno[F_DUE_AT], c->appointment);
	set_instant(v, n, m->attno[F_PAUSED_AT], c->paused_at);
	set_instant(v, n, m->attno[F_PAUSED_DUE_AT], c->paused_legal_due);
	set_instant(v, n, m->attno[F_PAUSED_APPOINTMENT], c->paused_appointment);
	n[m->attno[F_REMAINING]] = c->remaining == CLOCK_NO_INSTANT;
	if (c->remaining != CLOCK_NO_INSTANT)
	{
		Interval   *i = palloc0(sizeof(Interval));

		i->time = c->remaining;
		v[m->attno[F_REMAINING]] = IntervalPGetDatum(i);
	}
	v[m->attno[F_EXTENDED]] = BoolGetDatum(c->extended);
	n[m->attno[F_EXTENDED]] = false;
	set_instant(v, n, m->attno[F_EXTENDED_AT], c->extended_at);
	v[m->attno[F_APOLOGY_LATE]] = BoolGetDatum(c->apology_late);
	n[m->attno[F_APOLOGY_LATE]] = !c->extended;
	v[m->attno[F_SUPPLEMENTS]] = Int32GetDatum(c->supplements);
	v[m->attno[F_SUPPLEMENTS_LATE]] = Int32GetDatum(c->supplements_late);
	v[m->attno[F_SUPPLEMENTS_REPEATED]] = Int32GetDatum(c->supplements_repeated);
	n[m->attno[F_SUPPLEMENTS]] = n[m->attno[F_SUPPLEMENTS_LATE]] = n[m->attno[F_SUPPLEMENTS_REPEATED]] = false;
}

static void
set_outcome(const RowMap *m, Datum *v, bool *n, int attno, ClockOutcome o)
{
	n[attno] = o == OUTCOME_NONE;
	v[attno] = n[attno] ? (Datum) 0 : label_datum(m->outcome_type, outcome_names[o]);
}

static ClockOutcome
get_outcome(const RowMap *m, Datum *v, bool *n, int attno)
{
	return n[attno] ? OUTCOME_NONE : label_index(v[attno], outcome_names, lengthof(outcome_names));
}

/* a clock status other than CLOCK_OK as an error; at is the event's instant */
static void
clock_error(ClockStatus st, const Calendar *cal, const char *calname, TimestampTz at,
			TimestampTz appointment, const Clock *c)
{
	int64		pos;

	switch (st)
	{
		case CLOCK_OK:
			return;
		case CLOCK_OUT_OF_RANGE:
			if (cal_position(cal, at, &pos) != CAL_OK)
				tthc_instant_out_of_range(at);
			if (appointment != CLOCK_NO_INSTANT && cal_position(cal, appointment, &pos) != CAL_OK)
				tthc_instant_out_of_range(appointment);
			tthc_result_out_of_range();
			break;
		case CLOCK_NOT_RUNNING:
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("the dossier's clock is not running"),
					 errhint("Only a dossier whose time limit runs can be re-scheduled or paused.")));
			break;
		case CLOCK_ALREADY_EXTENDED:
			ereport(ERROR,
					(errcode(ERRCODE_TTHC_EXTENDED),
					 errmsg("the dossier has already been re-scheduled once"),
					 errdetail("Decree 61/2018 Art. 19(9) allows at most one new appointment.")));
			break;
		case CLOCK_NOT_LATER:
			{
				/*
				 * timestamptz_to_str returns a static buffer: copy each text before the next call,
				 * since the order in which arguments are evaluated is unspecified
				 */
				char	   *new_text = pstrdup(timestamptz_to_str(appointment));
				char	   *current_text = pstrdup(timestamptz_to_str(c->appointment));

				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("new appointment %s is not later than the current appointment %s",
								new_text, current_text),
						 errhint("A re-scheduling moves the appointment later.")));
			}
			break;
		case CLOCK_NOT_WORKING_MOMENT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("new appointment %s is not a working moment of calendar \"%s\"",
							timestamptz_to_str(appointment), calname),
					 errhint("Give an instant within the calendar's working sessions, or a term counted from the current appointment.")));
	}
}

/*
 * The policy of a procedure version from the arguments numbered term, counting (text), cutoff and
 * deem_receipt (-1: not passed), and the settings tthc.due_time and tthc.apology_day.
 */
static void
policy_args(FunctionCallInfo fcinfo, int term, int counting, int cutoff, int deem, ClockPolicy *p)
{
	memset(p, 0, sizeof(*p));
	if (term >= 0 && !PG_ARGISNULL(term))
		p->term = *(const Term *) PG_GETARG_POINTER(term);
	p->deadline.counting = counting >= 0 && !PG_ARGISNULL(counting) &&
		strcmp(text_to_cstring(PG_GETARG_TEXT_PP(counting)), "working_time") == 0 ?
		DEADLINE_WORKING_TIME : DEADLINE_CIVIL_CODE;
	p->deadline.cutoff = cutoff >= 0 && !PG_ARGISNULL(cutoff) ? PG_GETARG_TIMEADT(cutoff) : -1;
	p->deadline.end_of_day = tthc_due_time == TTHC_DUE_END_OF_DAY;
	p->deadline.deem_receipt = deem >= 0 && !PG_ARGISNULL(deem) && PG_GETARG_BOOL(deem);
	p->restart = true;
	p->window = (Term) {3, TERM_WORKING_DAYS};
	p->apology_day = tthc_apology_day;
}

/*
 * tthc._clock(d tthc.dossier, effect text, at timestamptz, calendar text, t tthc.term,
 *             counting text, cutoff time, restart boolean, supplement_window tthc.term,
 *             deem_receipt boolean, appointment timestamptz, by tthc.term) -> tthc.dossier
 *
 * The dossier row after the clock effect of an event (tthc.transitions().clock) at instant at.
 */
PG_FUNCTION_INFO_V1(tthc_clock);
Datum
tthc_clock(PG_FUNCTION_ARGS)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(0);
	char	   *effect = text_to_cstring(PG_GETARG_TEXT_PP(1));
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(2);
	const Calendar *cal = tthc_calendar_arg(fcinfo, 3);
	Oid			typid = HeapTupleHeaderGetTypeId(th);
	TupleDesc	desc = lookup_rowtype_tupdesc(typid, HeapTupleHeaderGetTypMod(th));
	RowMap	   *map = *(RowMap **) tthc_call_extra(fcinfo);
	HeapTupleData tuple;
	Datum	   *v;
	bool	   *n;
	Clock		c;
	ClockPolicy p;
	ClockStatus st = CLOCK_OK;
	TimestampTz appointment = PG_ARGISNULL(10) ? CLOCK_NO_INSTANT : PG_GETARG_TIMESTAMPTZ(10);
	ClockOutcome o;
	HeapTuple	result;

	if (map == NULL || map->typid != typid)
	{
		map = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(RowMap));
		map_row(map, desc, typid);
		*tthc_call_extra(fcinfo) = map;
	}
	if (TIMESTAMP_NOT_FINITE(at))
		tthc_instant_out_of_range(at);
	if (appointment != CLOCK_NO_INSTANT && TIMESTAMP_NOT_FINITE(appointment))
		tthc_instant_out_of_range(appointment);

	policy_args(fcinfo, 4, 5, 6, 9, &p);
	p.restart = PG_ARGISNULL(7) || PG_GETARG_BOOL(7);
	if (!PG_ARGISNULL(8))
		p.window = *(const Term *) PG_GETARG_POINTER(8);

	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	v = palloc(sizeof(Datum) * desc->natts);
	n = palloc(sizeof(bool) * desc->natts);
	heap_deform_tuple(&tuple, desc, v, n);
	read_clock(map, v, n, &c);

	if (strcmp(effect, "start") == 0)
		st = clock_start(&c, cal, &p, at);
	else if (strcmp(effect, "suspend_supplement") == 0)
	{
		SupplementKind kind;

		st = clock_request_supplement(&c, cal, &p, at, &kind);
	}
	else if (strcmp(effect, "suspend_payment") == 0)
		st = clock_pause(&c, cal, at);
	else if (strcmp(effect, "resume_supplement") == 0 || strcmp(effect, "resume_payment") == 0)
		st = clock_resume(&c, cal, &p, at);
	else if (strcmp(effect, "extend") == 0)
	{
		if (appointment == CLOCK_NO_INSTANT && PG_ARGISNULL(11))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("a re-scheduling needs a new appointment or a term"),
					 errhint("Pass new_due_at (an instant) or by (a term counted from the current appointment).")));
		if (appointment != CLOCK_NO_INSTANT && !PG_ARGISNULL(11))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a re-scheduling takes a new appointment or a term, not both")));
		st = clock_extend(&c, cal, &p, at, appointment,
						  PG_ARGISNULL(11) ? NULL : (const Term *) PG_GETARG_POINTER(11));
	}
	else if (strcmp(effect, "finish") == 0)
	{
		/* scored against the legal due, never the appointment (Circular 01/2018 Art. 13) */
		st = clock_score(&c, cal, at, &o);
		if (st == CLOCK_OK)
		{
			set_instant(v, n, map->attno[F_FINISHED_AT], at);
			set_outcome(map, v, n, map->attno[F_FINISH_OUTCOME], o);
			n[map->attno[F_APPOINTMENT_KEPT]] = !c.extended;
			v[map->attno[F_APPOINTMENT_KEPT]] = BoolGetDatum(c.extended && at <= c.appointment);
			clock_stop(&c);
		}
	}
	else if (strcmp(effect, "return") == 0)
	{
		/* a result ready in time and collected late is not the office's lateness */
		o = get_outcome(map, v, n, map->attno[F_FINISH_OUTCOME]);
		if (c.legal_due != CLOCK_NO_INSTANT && at <= c.legal_due)
			st = clock_outcome(cal, at, c.legal_due, &o);
		set_instant(v, n, map->attno[F_RETURNED_AT], at);
		set_outcome(map, v, n, map->attno[F_RETURN_OUTCOME], o);
	}
	else if (strcmp(effect, "stop") == 0)
	{
		/* a stop or withdrawal after the legal due keeps its lateness */
		st = clock_score(&c, cal, at, &o);
		if (st == CLOCK_OK)
		{
			if (c.kind != CLOCK_NOT_STARTED)
				set_instant(v, n, map->attno[F_STOPPED_AT], at);
			set_outcome(map, v, n, map->attno[F_STOP_OUTCOME], o);
			clock_stop(&c);
		}
	}
	else if (strcmp(effect, "none") != 0)
		elog(ERROR, "unknown clock effect \"%s\"", effect);
	clock_error(st, cal, PG_ARGISNULL(3) ? tthc_default_calendar : text_to_cstring(PG_GETARG_TEXT_PP(3)),
				at, appointment, &c);

	write_clock(map, v, n, &c);
	result = heap_form_tuple(desc, v, n);
	ReleaseTupleDesc(desc);
	PG_RETURN_DATUM(HeapTupleGetDatum(result));
}

/*
 * tthc._apology_deadline(legal_due timestamptz, calendar text) -> timestamptz: the last lawful
 * moment to apologise for a dossier due at legal_due (Art. 19(9), tthc.apology_day).
 */
PG_FUNCTION_INFO_V1(tthc_apology_deadline);
Datum
tthc_apology_deadline(PG_FUNCTION_ARGS)
{
	TimestampTz due;
	const Calendar *cal;
	ClockPolicy p;
	int64		deadline;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	due = PG_GETARG_TIMESTAMPTZ(0);
	cal = tthc_calendar_arg(fcinfo, 1);

	policy_args(fcinfo, -1, -1, -1, -1, &p);
	if (TIMESTAMP_NOT_FINITE(due))
		tthc_instant_out_of_range(due);
	if (clock_apology_deadline(cal, &p, due, &deadline) != CLOCK_OK)
		tthc_instant_out_of_range(due);
	PG_RETURN_TIMESTAMPTZ(deadline);
}

/*
 * tthc._clock_project(started timestamptz, paused timestamptz[], resumed timestamptz[],
 *                     calendar text, t tthc.term, counting text, cutoff time, deem_receipt boolean)
 *   -> timestamptz
 *
 * The legal due of a clock started (or restarted) at started and paused over the given intervals,
 * on the calendar as it is now: re-projection after a calendar change.  A last pause without its
 * resumption gives the legal due the clock had when it paused.
 */
PG_FUNCTION_INFO_V1(tthc_clock_project);
Datum
tthc_clock_project(PG_FUNCTION_ARGS)
{
	TimestampTz started = PG_GETARG_TIMESTAMPTZ(0);
	ArrayType  *paused = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *resumed = PG_GETARG_ARRAYTYPE_P(2);
	const Calendar *cal = tthc_calendar_arg(fcinfo, 3);
	Datum	   *pv,
			   *rv;
	bool	   *pn,
			   *rn;
	int			np,
				nr;
	Clock		c;
	ClockPolicy p;
	ClockStatus st;

	policy_args(fcinfo, 4, 5, 6, 7, &p);
	p.restart = false;
	deconstruct_array(paused, TIMESTAMPTZOID, sizeof(TimestampTz), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &pv, &pn, &np);
	deconstruct_array(resumed, TIMESTAMPTZOID, sizeof(TimestampTz), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &rv, &rn, &nr);
	if (np != nr)
		elog(ERROR, "pauses and resumptions differ in number");

	clock_init(&c);
	st = clock_start(&c, cal, &p, started);
	for (int i = 0; i < np && st == CLOCK_OK; i++)
	{
		if (pn[i])
			elog(ERROR, "a pause without its start");
		st = clock_pause(&c, cal, DatumGetTimestampTz(pv[i]));
		if (st != CLOCK_OK || rn[i])
			break;
		st = clock_resume(&c, cal, &p, DatumGetTimestampTz(rv[i]));
	}
	if (st != CLOCK_OK)
		tthc_result_out_of_range();
	PG_RETURN_TIMESTAMPTZ(c.kind == CLOCK_PAUSED ? c.paused_legal_due : c.legal_due);
}

/*
 * tthc._resumed_due(term, calendar, paused_at, paused_due, remaining, resumed_at): a due instant
 * after a pause, moved by the pause in the time limit's unit (clock_resumed_due); the open steps of
 * a resumed dossier move this way.  Its hour is kept within the new due day's work, so a due at the
 * end of work stays at the end of work (11:30 on a Saturday with morning reception).
 */
PG_FUNCTION_INFO_V1(tthc_resumed_due);
Datum
tthc_resumed_due(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	ClockPolicy p;
	TimestampTz paused_at,
				paused_due,
				resumed_at;
	int64		remaining = 0;
	int64		due;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(5))
		PG_RETURN_NULL();
	policy_args(fcinfo, 0, -1, -1, -1, &p);
	cal = tthc_calendar_arg(fcinfo, 1);
	paused_at = PG_GETARG_TIMESTAMPTZ(2);
	paused_due = PG_GETARG_TIMESTAMPTZ(3);
	resumed_at = PG_GETARG_TIMESTAMPTZ(5);
	if (p.term.unit == TERM_WORKING_HOURS)
	{
		Interval   *i;

		if (PG_ARGISNULL(4))
			PG_RETURN_NULL();
		i = PG_GETARG_INTERVAL_P(4);
		remaining = i->time + (int64) i->day * USECS_PER_DAY;
	}
	p.deadline.counting = DEADLINE_WORKING_TIME;
	if (TIMESTAMP_NOT_FINITE(paused_at))
		tthc_instant_out_of_range(paused_at);
	if (TIMESTAMP_NOT_FINITE(paused_due))
		tthc_instant_out_of_range(paused_due);
	if (TIMESTAMP_NOT_FINITE(resumed_at))
		tthc_instant_out_of_range(resumed_at);
	if (clock_resumed_due(cal, &p, paused_at, paused_due, remaining, resumed_at, &due) != CLOCK_OK)
		tthc_result_out_of_range();
	PG_RETURN_TIMESTAMPTZ(due);
}

/* tthc.now() -> timestamptz: the test clock tthc.now when set, else the transaction's start */
PG_FUNCTION_INFO_V1(tthc_now);
Datum
tthc_now(PG_FUNCTION_ARGS)
{
	if (tthc_now_setting == NULL || tthc_now_setting[0] == '\0')
		PG_RETURN_TIMESTAMPTZ(GetCurrentTransactionStartTimestamp());
	return DirectFunctionCall3(timestamptz_in, CStringGetDatum(tthc_now_setting),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}
