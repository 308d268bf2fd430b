/*
 * dossier_pg.c: SQL access to the transition table, and the guard that keeps a dossier's managed
 * columns out of reach of direct UPDATEs.
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

#include "dossier.h"

#define ERRCODE_TTHC_ILLEGAL_TRANSITION MAKE_SQLSTATE('T','H','0','0','1')
#define ERRCODE_TTHC_DOSSIER_CLOSED MAKE_SQLSTATE('T','H','0','0','3')

/* set while tthc's own transition code writes a dossier; reset at the end of every (sub)transaction */
static bool dossier_writing = false;
static bool callbacks_registered = false;

static void
reset_writing_xact(XactEvent event, void *arg)
{
	dossier_writing = false;
}

static void
reset_writing_subxact(SubXactEvent event, SubTransactionId mySubid,
					  SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		dossier_writing = false;
}

PG_FUNCTION_INFO_V1(tthc_dossier_write);
Datum
tthc_dossier_write(PG_FUNCTION_ARGS)
{
	if (!callbacks_registered)
	{
		RegisterXactCallback(reset_writing_xact, NULL);
		RegisterSubXactCallback(reset_writing_subxact, NULL);
		callbacks_registered = true;
	}
	dossier_writing = PG_GETARG_BOOL(0);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(tthc_dossier_writing);
Datum
tthc_dossier_writing(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(dossier_writing);
}

static char *
allowed_events(int from)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < dossier_ntransitions; i++)
		if (dossier_transitions[i].from == (DossierStatus) from)
			appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", dossier_transitions[i].event);
	return buf.data;
}

/* tthc._transition(from int, event text) -> (to_status int, clock text), or the documented error */
PG_FUNCTION_INFO_V1(tthc_transition_lookup);
Datum
tthc_transition_lookup(PG_FUNCTION_ARGS)
{
	int			from = PG_GETARG_INT32(0);
	char	   *event = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const DossierTransition *t;
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (!dossier_is_event(event))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown dossier event \"%s\"", event),
				 errhint("The events are listed by tthc.transitions().")));
	if (from < 1 || from > DOSSIER_NSTATUS)
		elog(ERROR, "unexpected dossier status %d", from);
	t = dossier_find_transition(from, event);
	if (t == NULL)
	{
		if (dossier_status_info[from].closed)
			ereport(ERROR,
					(errcode(ERRCODE_TTHC_DOSSIER_CLOSED),
					 errmsg("dossier is closed in status %d (%s)", from, dossier_status_info[from].name_vi),
					 errdetail("No event is allowed after status %d.", from)));
		ereport(ERROR,
				(errcode(ERRCODE_TTHC_ILLEGAL_TRANSITION),
				 errmsg("event \"%s\" is not allowed in status %d (%s)",
						event, from, dossier_status_info[from].name_vi),
				 errhint("Allowed in status %d: %s.", from, allowed_events(from))));
	}
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = Int32GetDatum(t->to);
	values[1] = CStringGetTextDatum(clock_effect_names[t->effect]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* tthc.transitions(): the whole table */
PG_FUNCTION_INFO_V1(tthc_transitions);
Datum
tthc_transitions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < dossier_ntransitions; i++)
	{
		const DossierTransition *t = &dossier_transitions[i];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = Int32GetDatum(t->from);
		values[1] = CStringGetTextDatum(t->event);
		values[2] = Int32GetDatum(t->to);
		values[3] = CStringGetTextDatum(clock_effect_names[t->effect]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* tthc.statuses(): the ten national statuses */
PG_FUNCTION_INFO_V1(tthc_statuses);
Datum
tthc_statuses(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int s = 1; s <= DOSSIER_NSTATUS; s++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = Int32GetDatum(s);
		values[1] = CStringGetTextDatum(dossier_status_info[s].name_vi);
		values[2] = CStringGetTextDatum(dossier_status_info[s].name_en);
		values[3] = BoolGetDatum(dossier_status_info[s].closed);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
