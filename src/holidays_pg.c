/*
 * holidays_pg.c: SQL access to the statutory holiday rules of holidays.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/datetime.h"

#include "holidays.h"
#include "lunar.h"

static void
check_year(int year)
{
	if (year < HOLIDAYS_MIN_YEAR || year > HOLIDAYS_MAX_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("year %d is outside the working calendar's range", year),
				 errhint("Working calendars cover the years %d to %d.",
						 HOLIDAYS_MIN_YEAR, HOLIDAYS_MAX_YEAR)));
}

PG_FUNCTION_INFO_V1(tthc_check_calendar_year);
Datum
tthc_check_calendar_year(PG_FUNCTION_ARGS)
{
	check_year(PG_GETARG_INT32(0));
	PG_RETURN_INT32(PG_GETARG_INT32(0));
}

/*
 * tthc.statutory_holidays(year, culture_day) returns the days off the Labour Code gives in that
 * year, compensatory days included: (day, kind, rule, name_vi, name_en, source).
 */
PG_FUNCTION_INFO_V1(tthc_statutory_holidays);
Datum
tthc_statutory_holidays(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			year = PG_GETARG_INT32(0);
	bool		culture_day = PG_GETARG_BOOL(1);
	HolidayDay	days[HOLIDAYS_MAX_PER_YEAR];
	AttInMetadata *meta;
	int			n;

	check_year(year);
	n = holidays_statutory(year, culture_day, days);
	InitMaterializedSRF(fcinfo, 0);
	meta = TupleDescGetAttInMetadata(rsinfo->setDesc);
	for (int i = 0; i < n; i++)
	{
		int			y,
					m,
					d;
		char		date[16];
		char	   *values[6];

		lunar_gregorian(days[i].jdn, &y, &m, &d);
		snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
		values[0] = date;
		values[1] = days[i].kind == HOLIDAY_PUBLIC ? "holiday" : "compensatory";
		values[2] = (char *) days[i].rule->id;
		values[3] = (char *) HOLIDAY_NAME_VI(&days[i]);
		values[4] = (char *) HOLIDAY_NAME_EN(&days[i]);
		values[5] = (char *) days[i].source;
		tuplestore_puttuple(rsinfo->setResult, BuildTupleFromCStrings(meta, values));
	}
	return (Datum) 0;
}
