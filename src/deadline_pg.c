/*
 * deadline_pg.c: tthc.due_date() and tthc.due_at().
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "calendar_pg.h"
#include "deadline.h"
#include "term.h"
#include "tthc.h"

/* per-call-site memory of the last counting enum value seen */
typedef struct CountingCache
{
	Oid			oid;
	DeadlineCounting counting;
} CountingCache;

static DeadlineCounting
counting_arg(FunctionCallInfo fcinfo, int argno)
{
	CountingCache *cc;
	Oid			oid;
	char	   *label;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return DEADLINE_CIVIL_CODE;
	oid = PG_GETARG_OID(argno);
	cc = *(CountingCache **) tthc_call_extra(fcinfo);
	if (cc == NULL)
	{
		cc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CountingCache));
		*tthc_call_extra(fcinfo) = cc;
	}
	if (cc->oid != oid)
	{
		label = DatumGetCString(DirectFunctionCall1(enum_out, ObjectIdGetDatum(oid)));
		if (strcmp(label, "civil_code") == 0)
			cc->counting = DEADLINE_CIVIL_CODE;
		else if (strcmp(label, "working_time") == 0)
			cc->counting = DEADLINE_WORKING_TIME;
		else
			elog(ERROR, "unexpected counting rule \"%s\"", label);
		cc->oid = oid;
	}
	return cc->counting;
}

/*
 * Arguments: received timestamptz, term, calendar text, counting tthc.counting, cutoff time,
 * deem_receipt boolean.  The 0.1.0 declarations have only the first five: no deeming, as with
 * NULL.  Returns false for a NULL receipt or term.
 */
static bool
compute(FunctionCallInfo fcinfo, Deadline *out)
{
	const Calendar *cal;
	TimestampTz received;
	DeadlinePolicy policy;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return false;
	received = PG_GETARG_TIMESTAMPTZ(0);
	cal = tthc_calendar_arg(fcinfo, 2);
	policy.counting = counting_arg(fcinfo, 3);
	policy.cutoff = -1;
	if (PG_NARGS() > 4 && !PG_ARGISNULL(4))
		policy.cutoff = PG_GETARG_TIMEADT(4);
	policy.end_of_day = tthc_due_time == TTHC_DUE_END_OF_DAY;
	policy.deem_receipt = PG_NARGS() > 5 && !PG_ARGISNULL(5) && PG_GETARG_BOOL(5);

	if (TIMESTAMP_NOT_FINITE(received))
		tthc_instant_out_of_range(received);
	if (deadline_compute(cal, received, (const Term *) PG_GETARG_POINTER(1), &policy, out) != CAL_OK)
	{
		int64		pos;

		if (cal_position(cal, received, &pos) != CAL_OK)
			tthc_instant_out_of_range(received);
		tthc_result_out_of_range();
	}
	return true;
}

PG_FUNCTION_INFO_V1(tthc_due_date);
Datum
tthc_due_date(PG_FUNCTION_ARGS)
{
	Deadline	d;

	if (!compute(fcinfo, &d))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(d.due_day);
}

PG_FUNCTION_INFO_V1(tthc_due_at);
Datum
tthc_due_at(PG_FUNCTION_ARGS)
{
	Deadline	d;

	if (!compute(fcinfo, &d))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(d.due_at);
}

/*
 * tthc._resumed_due(term, calendar, paused_at, paused_due, remaining, resumed_at): the due instant
 * after a pause, the old one moved by the pause measured in the time limit's own unit.  Days
 * (working, calendar, same day): the due day moves by the working (or calendar) days from the pause
 * day to the resumption day and keeps its time of day; weeks, months and years are periods of
 * calendar days and move like calendar days.  Working hours: the working time that was
 * left runs again from the resumption.  Hours: the elapsed pause is added.
 */
PG_FUNCTION_INFO_V1(tthc_resumed_due);
Datum
tthc_resumed_due(PG_FUNCTION_ARGS)
{
	const Term *t;
	const Calendar *cal;
	TimestampTz paused_at,
				paused_due,
				resumed_at;
	int32		old_day,
				paused_day,
				resumed_day,
				new_day,
				shift;
	int64		usec;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(5))
		PG_RETURN_NULL();
	t = (const Term *) PG_GETARG_POINTER(0);
	cal = tthc_calendar_arg(fcinfo, 1);
	paused_at = PG_GETARG_TIMESTAMPTZ(2);
	paused_due = PG_GETARG_TIMESTAMPTZ(3);
	resumed_at = PG_GETARG_TIMESTAMPTZ(5);

	if (t->unit == TERM_WORKING_HOURS)
	{
		if (PG_ARGISNULL(4))
			PG_RETURN_NULL();
		PG_RETURN_TIMESTAMPTZ(tthc_add_working_time(cal, resumed_at, PG_GETARG_INTERVAL_P(4)->time));
	}
	if (t->unit == TERM_HOURS)
		PG_RETURN_TIMESTAMPTZ(paused_due + (resumed_at - paused_at));

	/* the due day is the local day of the instant just before the due instant (24:00 ends a day) */
	if (cal_local_day(cal, paused_due - 1, &old_day, &usec) != CAL_OK)
		tthc_instant_out_of_range(paused_due);
	if (cal_local_day(cal, paused_at, &paused_day, &usec) != CAL_OK)
		tthc_instant_out_of_range(paused_at);
	if (cal_local_day(cal, resumed_at, &resumed_day, &usec) != CAL_OK)
		tthc_instant_out_of_range(resumed_at);
	if (t->unit == TERM_DAYS || t->unit == TERM_WEEKS || t->unit == TERM_MONTHS ||
		t->unit == TERM_YEARS)
	{
		if (!cal_covers(cal, (int64) old_day + resumed_day - paused_day) ||
			cal_add_days(cal, old_day + resumed_day - paused_day, 0, &new_day) != CAL_OK)
			tthc_result_out_of_range();
	}
	else if (cal_days_between(cal, paused_day, resumed_day, &shift) != CAL_OK ||
			 cal_add_days(cal, old_day, shift, &new_day) != CAL_OK)
		tthc_result_out_of_range();
	usec = paused_due - cal_instant_at(cal, old_day, 0);
	PG_RETURN_TIMESTAMPTZ(cal_instant_at(cal, new_day, usec));
}
