/*
 * dossier_pg.c: SQL access to the transition table, and the guard that keeps a dossier's managed
 * columns out of reach of direct UPDATEs.
 */
#include "postgres.h"

#include <openssl/evp.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "executor/executor.h"
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

/*
 * The canonical content of a history row: its fields in a fixed order, integers and instants
 * (microseconds since 2000-01-01 UTC) in decimal, texts prefixed by their length in bytes, NULL as
 * "-".  Independent of DateStyle, TimeZone and encoding settings, and unambiguous.
 */
static void
append_field(StringInfo buf, HeapTupleHeader rec, const char *name, Oid type)
{
	bool		isnull;
	Datum		d = GetAttributeByName(rec, name, &isnull);

	appendStringInfoChar(buf, '|');
	if (isnull)
	{
		appendStringInfoChar(buf, '-');
		return;
	}
	switch (type)
	{
		case INT4OID:
			appendStringInfo(buf, "%d", DatumGetInt32(d));
			break;
		case INT8OID:
		case TIMESTAMPTZOID:
			appendStringInfo(buf, INT64_FORMAT, DatumGetInt64(d));
			break;
		default:
			{
				text	   *t = DatumGetTextPP(d);

				appendStringInfo(buf, "%d:", (int) VARSIZE_ANY_EXHDR(t));
				appendBinaryStringInfo(buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
			}
	}
}

static void
event_canonical(HeapTupleHeader rec, StringInfo buf)
{
	initStringInfo(buf);
	appendStringInfoString(buf, "tthc-event-v1");
	append_field(buf, rec, "dossier", INT8OID);
	append_field(buf, rec, "seq", INT4OID);
	append_field(buf, rec, "agency", TEXTOID);
	append_field(buf, rec, "at", TIMESTAMPTZOID);
	append_field(buf, rec, "event", TEXTOID);
	append_field(buf, rec, "from_status", INT4OID);
	append_field(buf, rec, "to_status", INT4OID);
	append_field(buf, rec, "actor", TEXTOID);
	append_field(buf, rec, "note", TEXTOID);
	append_field(buf, rec, "due_at_before", TIMESTAMPTZOID);
	append_field(buf, rec, "due_at_after", TIMESTAMPTZOID);
}

static bytea *
bytes_to_bytea(const void *data, int len)
{
	bytea	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), data, len);
	return result;
}

/* tthc._event_canonical(e tthc.dossier_event) -> bytea */
PG_FUNCTION_INFO_V1(tthc_event_canonical);
Datum
tthc_event_canonical(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	event_canonical(PG_GETARG_HEAPTUPLEHEADER(0), &buf);
	PG_RETURN_BYTEA_P(bytes_to_bytea(buf.data, buf.len));
}

/* tthc._event_hash(prev bytea, e tthc.dossier_event) -> SHA-256(prev || canonical(e)), by OpenSSL */
PG_FUNCTION_INFO_V1(tthc_event_hash);
Datum
tthc_event_hash(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	bool		ok;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	event_canonical(PG_GETARG_HEAPTUPLEHEADER(1), &buf);
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	if (ok && !PG_ARGISNULL(0))
	{
		bytea	   *prev = PG_GETARG_BYTEA_PP(0);

		ok = EVP_DigestUpdate(ctx, VARDATA_ANY(prev), VARSIZE_ANY_EXHDR(prev)) == 1;
	}
	ok = ok && EVP_DigestUpdate(ctx, buf.data, buf.len) == 1 &&
		EVP_DigestFinal_ex(ctx, md, &mdlen) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		elog(ERROR, "SHA-256 computation failed");
	PG_RETURN_BYTEA_P(bytes_to_bytea(md, mdlen));
}
