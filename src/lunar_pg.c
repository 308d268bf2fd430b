/*
 * lunar_pg.c: SQL functions over the lunar calendar core (lunar.c).
 *
 *   tthc.to_lunar(date) -> (year, month, day, is_leap)
 *   tthc.from_lunar(year, month, day, is_leap) -> date
 *
 * Dates in messages are printed as ISO (YYYY-MM-DD) whatever the session's DateStyle, so the
 * messages are the same everywhere.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/date.h"

#include "lunar.h"

/* a Julian day number as an ISO date, with " BC" before year 1 as PostgreSQL prints it */
static void
format_jdn(int jdn, char *buf, size_t len)
{
	int			y,
				m,
				d;

	lunar_gregorian(jdn, &y, &m, &d);
	if (y > 0)
		snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
	else
		snprintf(buf, len, "%04d-%02d-%02d BC", 1 - y, m, d);
}

static void
format_date(DateADT d, char *buf, size_t len)
{
	if (DATE_IS_NOBEGIN(d))
		snprintf(buf, len, "-infinity");
	else if (DATE_IS_NOEND(d))
		snprintf(buf, len, "infinity");
	else
		format_jdn((int) d + POSTGRES_EPOCH_JDATE, buf, len);
}

PG_FUNCTION_INFO_V1(tthc_to_lunar);
Datum
tthc_to_lunar(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	LunarDate	ld;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	/* compare before adding the epoch: infinity is INT32_MAX */
	if (DATE_NOT_FINITE(d)
		|| d < lunar_min_jdn() - POSTGRES_EPOCH_JDATE
		|| d > lunar_max_jdn() - POSTGRES_EPOCH_JDATE
		|| lunar_from_solar((int) d + POSTGRES_EPOCH_JDATE, &ld) != LUNAR_OK)
	{
		char		given[32];
		char		lo[32];
		char		hi[32];

		format_date(d, given, sizeof(given));
		format_jdn(lunar_min_jdn(), lo, sizeof(lo));
		format_jdn(lunar_max_jdn(), hi, sizeof(hi));
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date \"%s\" is out of range for the lunar calendar", given),
				 errhint("Supported dates are %s to %s, the lunar years %d to %d.",
						 lo, hi, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR)));
	}

	/* the row type is fixed by the OUT parameters: build it once per call site */
	if (tupdesc == NULL)
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		tupdesc = BlessTupleDesc(tupdesc);
		MemoryContextSwitchTo(oldcxt);
		fcinfo->flinfo->fn_extra = tupdesc;
	}

	values[0] = Int32GetDatum(ld.year);
	values[1] = Int32GetDatum(ld.month);
	values[2] = Int32GetDatum(ld.day);
	values[3] = BoolGetDatum(ld.is_leap);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(tthc_from_lunar);
Datum
tthc_from_lunar(PG_FUNCTION_ARGS)
{
	LunarDate	ld;
	int			jdn = 0;

	ld.year = PG_GETARG_INT32(0);
	ld.month = PG_GETARG_INT32(1);
	ld.day = PG_GETARG_INT32(2);
	ld.is_leap = PG_GETARG_BOOL(3);

	switch (lunar_to_solar(&ld, &jdn))
	{
		case LUNAR_OK:
			break;
		case LUNAR_OUT_OF_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("lunar year %d is out of range", ld.year),
					 errhint("Supported lunar years are %d to %d.",
							 LUNAR_MIN_YEAR, LUNAR_MAX_YEAR)));
			break;
		case LUNAR_BAD_MONTH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("lunar month %d does not exist", ld.month),
					 errdetail("Lunar months are numbered 1 to 12; a leap month repeats the number of the month before it."),
					 errhint("Pass is_leap => true for a leap month.")));
			break;
		case LUNAR_NO_SUCH_LEAP_MONTH:
			{
				int			leap = lunar_leap_month(ld.year);

				if (leap == 0)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("lunar year %d has no leap month %d", ld.year, ld.month),
							 errdetail("Lunar year %d has no leap month.", ld.year)));
				else
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("lunar year %d has no leap month %d", ld.year, ld.month),
							 errdetail("The leap month of lunar year %d is month %d.",
									   ld.year, leap)));
			}
			break;
		case LUNAR_BAD_DAY:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("lunar day %d does not exist in %smonth %d of lunar year %d",
							ld.day, ld.is_leap ? "leap " : "", ld.month, ld.year),
					 errdetail("%s %d of lunar year %d has %d days.",
							   ld.is_leap ? "Leap month" : "Month", ld.month, ld.year,
							   lunar_month_days(ld.year, ld.month, ld.is_leap))));
			break;
	}
	PG_RETURN_DATEADT(jdn - POSTGRES_EPOCH_JDATE);
}
