/*
 * sweep_pg.c: the tthc.due_soon_lead setting that the sweeps and the due-soon view read.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

#include "tthc.h"

static char *tthc_due_soon_lead = NULL;

/* Read a lead as an interval; false when it is not one. */
static bool
parse_lead(const char *text, Interval *lead)
{
	volatile bool ok = true;

	PG_TRY();
	{
		Interval   *i = DatumGetIntervalP(DirectFunctionCall3(interval_in, CStringGetDatum(text),
															   ObjectIdGetDatum(InvalidOid),
															   Int32GetDatum(-1)));

		*lead = *i;
	}
	PG_CATCH();
	{
		FlushErrorState();
		ok = false;
	}
	PG_END_TRY();
	return ok;
}

static bool
check_due_soon_lead(char **newval, void **extra, GucSource source)
{
	Interval	lead;

	if (*newval == NULL || !parse_lead(*newval, &lead))
	{
		GUC_check_errdetail("The lead is an interval of working time such as \"16 hours\".");
		return false;
	}
	/* working time has no days or months: their length in working time is undefined */
	if (lead.month != 0 || lead.day != 0 || lead.time < 0)
	{
		GUC_check_errdetail("The lead is a working time of zero or more hours and minutes, such as \"16 hours\", not days or months.");
		return false;
	}
	return true;
}

void
tthc_sweep_init(void)
{
	/*
	 * How far ahead of the last lawful moment to apologise (Decree 61/2018 Art. 19(9)) the sweeps
	 * warn that a dossier is due soon, in working time.  Superuser only: the warnings go to the
	 * whole office.
	 */
	DefineCustomStringVariable("tthc.due_soon_lead",
							   "Working time before the last lawful moment to apologise at which a dossier is due soon.",
							   "Two working days of the national calendar (7.5 hours each) by default; read by tthc.sweep() and tthc.due_soon_dossier.",
							   &tthc_due_soon_lead,
							   "15 hours",
							   PGC_SUSET, 0,
							   check_due_soon_lead, NULL, NULL);
}

/*
 * tthc.due_soon_lead() -> interval: the setting, read through the library so that calling it loads
 * the library and its check has run.
 */
PG_FUNCTION_INFO_V1(tthc_due_soon_lead_fn);
Datum
tthc_due_soon_lead_fn(PG_FUNCTION_ARGS)
{
	Interval   *result = palloc(sizeof(Interval));

	if (!parse_lead(tthc_due_soon_lead, result))
		elog(ERROR, "tthc.due_soon_lead has an unreadable value \"%s\"", tthc_due_soon_lead);
	PG_RETURN_INTERVAL_P(result);
}
