/*
 * calendar_pg.h: access to compiled calendars from other modules' SQL functions.
 */
#ifndef TTHC_CALENDAR_PG_H
#define TTHC_CALENDAR_PG_H

#include "fmgr.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "calendar.h"

/* the calendar named by argument argno (NULL or missing: tthc.default_calendar), cached per call site */
extern const Calendar *tthc_calendar_arg(FunctionCallInfo fcinfo, int argno);

/* a pointer the caller may keep per call site, beside the calendar (after tthc_calendar_arg) */
extern void **tthc_call_extra(FunctionCallInfo fcinfo);

/* d itself, after checking it is covered; raises the range error otherwise */
extern int32 tthc_date_index(const Calendar *cal, DateADT d);

extern TimestampTz tthc_add_working_time(const Calendar *cal, TimestampTz t, int64 usecs);
extern TimestampTz tthc_first_working_moment(const Calendar *cal, TimestampTz t);

extern char *tthc_date_text(DateADT d);
extern void tthc_date_out_of_range(DateADT d) pg_attribute_noreturn();
extern void tthc_instant_out_of_range(TimestampTz t) pg_attribute_noreturn();
extern void tthc_result_out_of_range(void) pg_attribute_noreturn();

#endif
