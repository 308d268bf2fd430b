/*
 * term_pg.c: the SQL type tthc.term, a time limit (thời hạn giải quyết) with its unit.
 *
 * Storage is the C struct Term itself: 8 bytes, int4 alignment, passed by reference.  Parsing and
 * printing are in term.c; this file adds error reporting, binary I/O, comparison and hashing.
 * Decree 63/2010/NĐ-CP Art. 8: each procedure states its time limit with its unit.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "term.h"
#include "textfold.h"

StaticAssertDecl(sizeof(Term) == 8, "tthc.term is declared with INTERNALLENGTH = 8");

#define PG_GETARG_TERM_P(n) ((const Term *) PG_GETARG_POINTER(n))


/*
 * The parser reads UTF-8.  SQL_ASCII text is taken as it comes (it usually is UTF-8); any other
 * server encoding is converted.
 */
static bool
server_is_utf8(void)
{
	int			enc = GetDatabaseEncoding();

	return enc == PG_UTF8 || enc == PG_SQL_ASCII;
}

/*
 * Vietnamese words in messages: as they are in UTF-8, unaccented in other encodings (message text
 * is in the server encoding, and most cannot spell "việc").
 */
static const char *
vi(const char *utf8)
{
	size_t		len;
	char	   *ascii;

	if (server_is_utf8())
		return utf8;
	len = strlen(utf8);
	ascii = palloc(len + 1);
	len = vn_fold(utf8, len, ascii, len);
	ascii[len] = '\0';
	return ascii;
}

static void
report_parse_error(TermParseStatus status, const char *str)
{
	const char *same_day = vi("trong ngày");

#define TERM_HINT() \
	errhint("Write an amount and a unit, for example '%s', '15 days', '4 working hours' or '%s'.", \
			vi("10 ngày làm việc"), same_day)

	if (status == TERM_PARSE_AMOUNT_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range for type term: \"%s\"", str),
				 errdetail("The amount must be between 1 and %d; a time limit of zero is written \"%s\" (same day).",
						   TERM_MAX_AMOUNT, same_day),
				 TERM_HINT()));

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type term: \"%s\"", str),
			 status == TERM_PARSE_EMPTY ?
			 errdetail("The input is empty.") :
			 status == TERM_PARSE_MISSING_AMOUNT ?
			 errdetail("A term starts with an amount in digits, unless it is \"%s\" (same day).", same_day) :
			 status == TERM_PARSE_BAD_AMOUNT ?
			 errdetail("The amount must be a whole number in digits, without sign or fraction, followed by a space and the unit.") :
			 status == TERM_PARSE_MISSING_UNIT ?
			 errdetail("The unit is missing after the amount.") :
			 status == TERM_PARSE_BAD_UNIT ?
			 errdetail("The unit after the amount is not recognized.") :
			 status == TERM_PARSE_SAME_DAY_AMOUNT ?
			 errdetail("A same-day term (\"%s\") takes no amount.", same_day) :
			 errdetail("Unexpected text follows the term."),
			 TERM_HINT()));
#undef TERM_HINT
}

PG_FUNCTION_INFO_V1(term_in);
Datum
term_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	const char *utf8 = str;
	Term	   *result = palloc(sizeof(Term));
	TermParseStatus status;

	if (!server_is_utf8())
	{
		utf8 = pg_server_to_any(str, len, PG_UTF8);
		len = strlen(utf8);
	}
	status = term_parse(utf8, len, result);
	if (status != TERM_PARSE_OK)
		report_parse_error(status, str);
	PG_RETURN_POINTER(result);
}

PG_FUNCTION_INFO_V1(term_out);
Datum
term_out(PG_FUNCTION_ARGS)
{
	const Term *t = PG_GETARG_TERM_P(0);
	char		buf[TERM_FORMAT_MAX];
	size_t		len;

	if (!term_is_valid(t))
		elog(ERROR, "corrupt term value: amount %d, unit %d", t->amount, t->unit);
	len = term_format(t, buf, sizeof(buf));

	/*
	 * "làm việc" and "giờ" are not representable in most other encodings: print the unaccented
	 * form there, which reads back to the same term.
	 */
	if (!server_is_utf8())
		len = vn_fold(buf, len, buf, len);
	PG_RETURN_CSTRING(pnstrdup(buf, len));
}

PG_FUNCTION_INFO_V1(term_recv);
Datum
term_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Term	   *result;

	if (buf->len - buf->cursor != (int) sizeof(Term))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type term"),
				 errdetail("A term is sent as 8 bytes, not %d.", buf->len - buf->cursor)));

	result = palloc(sizeof(Term));
	result->amount = (int32) pq_getmsgint(buf, 4);
	result->unit = (int32) pq_getmsgint(buf, 4);
	if (!term_is_valid(result))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type term"),
				 errdetail("Amount %d with unit %d is not a term: units are 0 to %d, and the amount is 0 for unit 0 (same day), else 1 to %d.",
						   result->amount, result->unit, TERM_UNIT_LAST, TERM_MAX_AMOUNT)));
	PG_RETURN_POINTER(result);
}

PG_FUNCTION_INFO_V1(term_send);
Datum
term_send(PG_FUNCTION_ARGS)
{
	const Term *t = PG_GETARG_TERM_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, (uint32) t->amount);
	pq_sendint32(&buf, (uint32) t->unit);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Comparison: the order is by unit, then amount (see term_cmp), not by duration. */

PG_FUNCTION_INFO_V1(term_cmp_sql);
Datum
term_cmp_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(term_cmp(PG_GETARG_TERM_P(0), PG_GETARG_TERM_P(1)));
}

#define TERM_CMP_FUNCTION(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(term_cmp(PG_GETARG_TERM_P(0), PG_GETARG_TERM_P(1)) op 0); \
}

TERM_CMP_FUNCTION(term_eq, ==)
TERM_CMP_FUNCTION(term_ne, !=)
TERM_CMP_FUNCTION(term_lt, <)
TERM_CMP_FUNCTION(term_le, <=)
TERM_CMP_FUNCTION(term_gt, >)
TERM_CMP_FUNCTION(term_ge, >=)

/* Hash the fields, not the struct, so the result does not depend on the host's byte order. */
PG_FUNCTION_INFO_V1(term_hash);
Datum
term_hash(PG_FUNCTION_ARGS)
{
	const Term *t = PG_GETARG_TERM_P(0);
	uint32		h = hash_uint32((uint32) t->amount);

	PG_RETURN_UINT32(hash_combine(h, hash_uint32((uint32) t->unit)));
}

PG_FUNCTION_INFO_V1(term_hash_extended);
Datum
term_hash_extended(PG_FUNCTION_ARGS)
{
	const Term *t = PG_GETARG_TERM_P(0);
	uint64		seed = (uint64) PG_GETARG_INT64(1);
	uint64		h = hash_uint32_extended((uint32) t->amount, seed);

	PG_RETURN_UINT64(hash_combine64(h, hash_uint32_extended((uint32) t->unit, seed)));
}

PG_FUNCTION_INFO_V1(term_make);
Datum
term_make(PG_FUNCTION_ARGS)
{
	int32		amount = PG_GETARG_INT32(0);
	text	   *name = PG_GETARG_TEXT_PP(1);
	int32_t		unit;
	Term	   *result;

	if (!term_unit_from_name(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), &unit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized term unit: \"%s\"", text_to_cstring(name)),
				 errhint("The unit is one of 'working_days', 'days', 'working_hours', 'hours', 'weeks', 'months', 'years' or 'same_day'.")));

	result = palloc(sizeof(Term));
	result->amount = amount;
	result->unit = unit;
	if (!term_is_valid(result))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("term amount %d out of range for unit \"%s\"", amount, term_unit_name(unit)),
				 unit == TERM_SAME_DAY ?
				 errdetail("A same-day term has no amount: pass 0.") :
				 errdetail("The amount must be between 1 and %d.", TERM_MAX_AMOUNT)));
	PG_RETURN_POINTER(result);
}

PG_FUNCTION_INFO_V1(term_amount);
Datum
term_amount(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_TERM_P(0)->amount);
}

PG_FUNCTION_INFO_V1(term_unit);
Datum
term_unit(PG_FUNCTION_ARGS)
{
	const char *name = term_unit_name(PG_GETARG_TERM_P(0)->unit);

	if (name == NULL)
		elog(ERROR, "corrupt term value: unit %d", PG_GETARG_TERM_P(0)->unit);
	PG_RETURN_TEXT_P(cstring_to_text(name));
}

PG_FUNCTION_INFO_V1(term_english);
Datum
term_english(PG_FUNCTION_ARGS)
{
	const Term *t = PG_GETARG_TERM_P(0);
	char		buf[TERM_FORMAT_MAX];
	size_t		len;

	if (!term_is_valid(t))
		elog(ERROR, "corrupt term value: amount %d, unit %d", t->amount, t->unit);
	len = term_format_english(t, buf, sizeof(buf));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, (int) len));
}
