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
