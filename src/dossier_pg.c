/*
 * dossier_pg.c: SQL access to the transition table, and the guard that keeps a dossier's managed
 * columns out of reach of direct UPDATEs.
 */
#include "postgres.h"

#include <openssl/evp.h>

#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

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
allowed_events(int from, bool accepted)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < dossier_ntransitions; i++)
		if (dossier_find_transition(from, dossier_transitions[i].event, accepted) == &dossier_transitions[i])
			appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", dossier_transitions[i].event);
	return buf.len ? buf.data : "none";
}

/*
 * tthc._transition(from int, event text, accepted boolean) -> (to_status int, clock text), or the
 * documented error.  Without the third argument (the 0.1.0 declaration) a dossier is accepted
 * unless it is in status 1.
 */
PG_FUNCTION_INFO_V1(tthc_transition_lookup);
Datum
tthc_transition_lookup(PG_FUNCTION_ARGS)
{
	int			from = PG_GETARG_INT32(0);
	char	   *event = text_to_cstring(PG_GETARG_TEXT_PP(1));
	bool		accepted = PG_NARGS() > 2 ? PG_GETARG_BOOL(2) : from != ST_SUBMITTED;
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
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown dossier status %d", from),
				 errhint("The statuses are listed in tthc.status.")));
	t = dossier_find_transition(from, event, accepted);
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
				 errhint("Allowed in status %d: %s.", from, allowed_events(from, accepted))));
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
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		/* the 0.1.0 declaration has four columns: the fifth value is then left out */
		values[0] = Int32GetDatum(t->from);
		values[1] = CStringGetTextDatum(t->event);
		values[2] = Int32GetDatum(t->to);
		values[3] = CStringGetTextDatum(clock_effect_names[t->effect]);
		values[4] = CStringGetTextDatum(dossier_phase_names[t->phase]);
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

/*
 * The canonical content of a history row: its fields in a fixed order, integers and instants
 * (microseconds since 2000-01-01 UTC) in decimal, texts prefixed by their length in bytes, NULL as
 * "-".  Independent of DateStyle, TimeZone and encoding settings, and unambiguous.  The fields come
 * as the SQL arguments first..first+12: dossier, seq, agency, at, event, from_status, to_status,
 * actor, note, due_at_before, due_at_after, login, recorded_at; 0.2.0 rows add a 14th, detail
 * (jsonb, hashed as its text, whose key order jsonb fixes) under the tag v3.  Rows written by 0.1.0
 * have no detail and keep their v2 form, so their hashes still verify.
 */
static const Oid canonical_types[] = {
	INT8OID, INT4OID, TEXTOID, TIMESTAMPTZOID, TEXTOID, INT4OID, INT4OID, TEXTOID, TEXTOID,
	TIMESTAMPTZOID, TIMESTAMPTZOID, TEXTOID, TIMESTAMPTZOID
};

static void
event_canonical(FunctionCallInfo fcinfo, int first, StringInfo buf)
{
	bool		v3 = PG_NARGS() > first + lengthof(canonical_types) &&
		!PG_ARGISNULL(first + lengthof(canonical_types));

	initStringInfo(buf);
	appendStringInfoString(buf, v3 ? "tthc-event-v3" : "tthc-event-v2");
	for (int i = 0; i < lengthof(canonical_types); i++)
	{
		int			arg = first + i;

		appendStringInfoChar(buf, '|');
		if (PG_ARGISNULL(arg))
		{
			appendStringInfoChar(buf, '-');
			continue;
		}
		switch (canonical_types[i])
		{
			case INT4OID:
				appendStringInfo(buf, "%d", PG_GETARG_INT32(arg));
				break;
			case INT8OID:
			case TIMESTAMPTZOID:
				appendStringInfo(buf, INT64_FORMAT, PG_GETARG_INT64(arg));
				break;
			default:
				{
					text	   *t = PG_GETARG_TEXT_PP(arg);

					appendStringInfo(buf, "%d:", (int) VARSIZE_ANY_EXHDR(t));
					appendBinaryStringInfo(buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
				}
		}
	}
	if (v3)
	{
		char	   *detail = DatumGetCString(DirectFunctionCall1(jsonb_out,
																 PG_GETARG_DATUM(first + lengthof(canonical_types))));

		appendStringInfo(buf, "|%d:%s", (int) strlen(detail), detail);
	}
}

static bytea *
bytes_to_bytea(const void *data, int len)
{
	bytea	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), data, len);
	return result;
}

/* tthc._event_canonical(dossier, seq, ..., due_at_after) -> bytea */
PG_FUNCTION_INFO_V1(tthc_event_canonical);
Datum
tthc_event_canonical(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	event_canonical(fcinfo, 0, &buf);
	PG_RETURN_BYTEA_P(bytes_to_bytea(buf.data, buf.len));
}

/* tthc._event_hash(prev, dossier, seq, ...) -> SHA-256(prev || canonical), computed by OpenSSL */
PG_FUNCTION_INFO_V1(tthc_event_hash);
Datum
tthc_event_hash(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	bool		ok;
	bytea	   *prev = PG_ARGISNULL(0) ? NULL : PG_GETARG_BYTEA_PP(0);

	/* everything that can raise an error comes before the OpenSSL context exists */
	event_canonical(fcinfo, 1, &buf);
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	if (ok && prev != NULL)
		ok = EVP_DigestUpdate(ctx, VARDATA_ANY(prev), VARSIZE_ANY_EXHDR(prev)) == 1;
	ok = ok && EVP_DigestUpdate(ctx, buf.data, buf.len) == 1 &&
		EVP_DigestFinal_ex(ctx, md, &mdlen) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		elog(ERROR, "SHA-256 computation failed");
	PG_RETURN_BYTEA_P(bytes_to_bytea(md, mdlen));
}
