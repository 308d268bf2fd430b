/*
 * tthc.c: module entry point and settings.
 *
 * Settings live under the reserved "tthc." prefix.  No shared memory is used, so the extension
 * works without shared_preload_libraries.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "tthc.h"

PG_MODULE_MAGIC;

char	   *tthc_default_calendar = NULL;
bool		tthc_culture_day = false;
int			tthc_due_time = TTHC_DUE_END_OF_WORK;

static const struct config_enum_entry due_time_options[] = {
	{"end_of_work", TTHC_DUE_END_OF_WORK, false},
	{"end_of_day", TTHC_DUE_END_OF_DAY, false},
	{NULL, 0, false}
};

static bool
check_default_calendar(char **newval, void **extra, GucSource source)
{
	if (*newval == NULL || (*newval)[0] == '\0')
	{
		GUC_check_errdetail("The default calendar must name a calendar.");
		return false;
	}
	return true;
}

static void
assign_culture_day(bool newval, void *extra)
{
	/* the day is part of every compiled calendar: rebuild them on next use */
	if (newval != tthc_culture_day)
		tthc_calendar_invalidate_all();
}

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomStringVariable("tthc.default_calendar",
							   "Calendar used when a function's calendar argument is NULL.",
							   NULL,
							   &tthc_default_calendar,
							   "national",
							   PGC_USERSET, 0,
							   check_default_calendar, NULL, NULL);

	/*
	 * 24 November, Vietnam Culture Day: decided as a paid day off from 2026, but the legal text
	 * was not confirmed, so it is off unless a superuser enables it.
	 */
	DefineCustomBoolVariable("tthc.culture_day",
							 "Treat 24 November (Vietnam Culture Day) as a public holiday from 2026.",
							 NULL,
							 &tthc_culture_day,
							 false,
							 PGC_SUSET, 0,
							 NULL, assign_culture_day, NULL);

	DefineCustomEnumVariable("tthc.due_time",
							 "Instant a period in days ends on its last day: end of working time or 24:00.",
							 "end_of_work is the one-stop practice; end_of_day follows Civil Code 2015 Art. 148(6).",
							 &tthc_due_time,
							 TTHC_DUE_END_OF_WORK,
							 due_time_options,
							 PGC_SUSET, 0,
							 NULL, NULL, NULL);

	tthc_clock_init();
	tthc_letters_init();
	tthc_sweep_init();
	tthc_lookup_init();
	MarkGUCPrefixReserved("tthc");
}

PG_FUNCTION_INFO_V1(tthc_version);
Datum
tthc_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(TTHC_VERSION));
}
