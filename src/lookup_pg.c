/*
 * lookup_pg.c: the settings that throttle the citizens' status look-up, tthc.lookup(), and
 * tthc.lookup_limits(), which reads them.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

#include "tthc.h"

static int	tthc_lookup_max_failures = 5;
static int	tthc_lookup_window = 15;

void
tthc_lookup_init(void)
{
	/*
	 * A dossier code is printed on the receipt and guessable in sequence; the second factor has
	 * four characters.  After this many failed look-ups of one code within the window, even the
	 * right factor gets the empty answer until the window passes.  Superuser only: a portal's role
	 * must not be able to lift its own limit.
	 */
	DefineCustomIntVariable("tthc.lookup_max_failures",
							"Failed status look-ups of one dossier code, within tthc.lookup_window, after which the code is locked.",
							"Read by tthc.lookup(); a locked code gets the empty answer even with the right factor.",
							&tthc_lookup_max_failures,
							5, 1, 1000,
							PGC_SUSET, 0,
							NULL, NULL, NULL);
	DefineCustomIntVariable("tthc.lookup_window",
							"Window over which tthc.lookup() counts the failed look-ups of a dossier code.",
							"A failure older than the window no longer counts.",
							&tthc_lookup_window,
							15, 1, 7 * 24 * 60,
							PGC_SUSET, GUC_UNIT_MIN,
							NULL, NULL, NULL);
}

/*
 * tthc.lookup_limits(OUT max_failures int, OUT failure_window interval): the two settings, read
 * through the library so that calling it loads the library and its settings exist.
 */
PG_FUNCTION_INFO_V1(tthc_lookup_limits);
Datum
tthc_lookup_limits(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	Interval   *window = palloc0(sizeof(Interval));

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	window->time = (int64) tthc_lookup_window * USECS_PER_MINUTE;
	values[0] = Int32GetDatum(tthc_lookup_max_failures);
	values[1] = IntervalPGetDatum(window);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
