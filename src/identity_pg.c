/*
 * identity_pg.c: SQL functions over applicants' identity documents (identity.c) and the Unicode
 * blank test (textfold.c).
 *
 * CCCD: Law on Identification 2023 (Law 26/2023/QH15) and Decree 137/2015/NĐ-CP, 12 digits.  Tax
 * code: Circular 105/2020/TT-BTC, 10 or 13 digits.  Passport and other documents: tthc's own shapes
 * [open].  Every function here depends on its arguments only: IMMUTABLE, STRICT, PARALLEL SAFE.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/syscache.h"

#include "identity.h"
#include "textfold.h"

/* The cores read UTF-8.  SQL_ASCII text is taken as it comes; other encodings are converted. */
static bool
server_is_utf8(void)
{
	int			enc = GetDatabaseEncoding();

	return enc == PG_UTF8 || enc == PG_SQL_ASCII;
}

/* t as UTF-8 in *s, *len. */
static void
text_utf8(text *t, const char **s, size_t *len)
{
	const char *p = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);

	if (!server_is_utf8())
	{
		char	   *u = pg_server_to_any(p, n, PG_UTF8);

		if (u != p)
			n = strlen(u);
		p = u;
	}
	*s = p;
	*len = n;
}

/*
 * The IdentityKind of a tthc.identity_kind value.  Enum OIDs differ between databases, so the
 * label is read, once per call site.
 */
static IdentityKind
kind_arg(FunctionCallInfo fcinfo)
{
	Oid			oid = PG_GETARG_OID(0);
	Oid		   *cached = (Oid *) fcinfo->flinfo->fn_extra;
	HeapTuple	tup;
	IdentityKind kind;
	const char *label;

	if (cached != NULL && cached[0] == oid)
		return (IdentityKind) cached[1];

	tup = SearchSysCache1(ENUMOID, ObjectIdGetDatum(oid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for enum value %u", oid);
	label = NameStr(((Form_pg_enum) GETSTRUCT(tup))->enumlabel);
	if (!identity_kind_from_name(label, strlen(label), &kind))
		elog(ERROR, "unknown identity kind \"%s\"", label);
	ReleaseSysCache(tup);

	if (cached == NULL)
		cached = fcinfo->flinfo->fn_extra = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, 2 * sizeof(Oid));
	cached[0] = oid;
	cached[1] = (Oid) kind;
	return kind;
}

/*
 * The identity text as the core reads it: UTF-8, and for kind other NFC in a UTF8 database, so that
 * the stored text is NFC like all of tthc's text and its length is counted in NFC characters.
 */
static void
identity_input(IdentityKind kind, text *t, const char **s, size_t *len)
{
	if (kind == IDENTITY_OTHER && GetDatabaseEncoding() == PG_UTF8)
		t = DatumGetTextPP(DirectFunctionCall2(unicode_normalize_func, PointerGetDatum(t),
											   CStringGetTextDatum("NFC")));
	text_utf8(t, s, len);
}

/* A character of the input for a message: quoted if visible, else its code point. */
static char *
show_char(const char *s, const IdentityError *e)
{
	int32		cp = e->cp;

	if (cp < 0)
		return psprintf("byte 0x%02X", (unsigned char) s[e->pos]);
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || vn_blank_char(s + e->pos, e->charlen) > 0)
		return psprintf("U+%04X", (unsigned) cp);
	return psprintf("\"%s\"", server_is_utf8() ? pnstrdup(s + e->pos, e->charlen) :
					pg_any_to_server(s + e->pos, (int) e->charlen, PG_UTF8));
}

static int
identity_errdetail(IdentityKind kind, const char *s, const IdentityError *e)
{
	int			at = (int) e->charno + 1;
	int			count = (int) e->count;

	switch (e->status)
	{
		case IDENTITY_EMPTY:
			return errdetail("The identity is empty or made only of white space.");
		case IDENTITY_BAD_CHAR:
			switch (kind)
			{
				case IDENTITY_CCCD:
					return errdetail("Character %d must be a digit, not %s: a citizen identity number (CCCD) is 12 digits, without spaces or separators.",
									 at, show_char(s, e));
				case IDENTITY_PASSPORT:
					return errdetail("Character %d must be a Latin letter or a digit, not %s: a passport number is 6 to 12 letters and digits.",
									 at, show_char(s, e));
				case IDENTITY_TAX_CODE:
					return errdetail("Character %d must be a digit, not %s: a tax code is 10 digits, or 13 for a dependent unit with a hyphen after the 10th digit.",
									 at, show_char(s, e));
				case IDENTITY_OTHER:
					if (e->cp < 0)
						return errdetail("Character %d is %s, which is not UTF-8.", at, show_char(s, e));
					return errdetail("Character %d is the control character %s: an identity is one line of text.",
									 at, show_char(s, e));
			}
			break;
		case IDENTITY_BAD_LENGTH:
			switch (kind)
			{
				case IDENTITY_CCCD:
					return errdetail_plural("It has %d digit; a citizen identity number (CCCD) has 12.",
											"It has %d digits; a citizen identity number (CCCD) has 12.",
											count, count);
				case IDENTITY_PASSPORT:
					return errdetail_plural("It has %d letter or digit; a passport number has 6 to 12.",
											"It has %d letters and digits; a passport number has 6 to 12.",
											count, count);
				case IDENTITY_TAX_CODE:
					if (e->unit_part)
						return errdetail_plural("The dependent unit's number after the hyphen has %d digit, not 3.",
												"The dependent unit's number after the hyphen has %d digits, not 3.",
												count, count);
					return errdetail_plural("It has %d digit; a tax code has 10, or 13 for a dependent unit.",
											"It has %d digits; a tax code has 10, or 13 for a dependent unit.",
											count, count);
				case IDENTITY_OTHER:
					return errdetail("It has %d characters after trimming; an identity of kind other has at most %d.",
									 count, IDENTITY_OTHER_MAX);
			}
			break;
		case IDENTITY_NO_DIGIT:
			return errdetail("It has no digit; a passport number has at least one.");
		case IDENTITY_BAD_HYPHEN:
			return errdetail("The hyphen at character %d does not follow the 10th digit: a tax code is 10 digits, or 13 for a dependent unit written 0101234567-001.",
							 (int) e->charno + 1);
		case IDENTITY_BAD_PROVINCE:
			return errdetail("Its first 3 digits \"%.3s\" are not a province code: a citizen identity number (CCCD) begins with the code of the province of birth registration, 001 to 096.",
							 s + e->pos);
		case IDENTITY_BAD_CENTURY:
			return errdetail("Its 4th digit \"%c\" is not a century and sex digit: 0 to 3 stand for a man or woman born 1900-2099.",
							 s[e->pos + 3]);
		case IDENTITY_OK:
		case IDENTITY_BAD_KIND:
		case IDENTITY_NO_ROOM:
			break;
	}
	elog(ERROR, "unexpected identity status %d", (int) e->status);
	return 0;
}

static int
identity_errhint(IdentityKind kind)
{
	switch (kind)
	{
		case IDENTITY_CCCD:
			return errhint("Write the 12 digits of the personal identification number printed on the card, for example \"001085001234\".");
		case IDENTITY_PASSPORT:
			return errhint("Write the number as printed on the passport, for example \"C1234567\"; spaces are ignored and letters may be lowercase.");
		case IDENTITY_TAX_CODE:
			return errhint("Write the organisation's 10-digit tax code, for example \"0101234567\", or a dependent unit's as \"0101234567-001\".");
		case IDENTITY_OTHER:
			break;
	}
	return errhint("Give the document's name and number on one line, in at most %d characters, for example \"GPLX 790123456789\".",
				   IDENTITY_OTHER_MAX);
}

PG_FUNCTION_INFO_V1(tthc_normalize_identity);
Datum
tthc_normalize_identity(PG_FUNCTION_ARGS)
{
	IdentityKind kind = kind_arg(fcinfo);
	text	   *t = PG_GETARG_TEXT_PP(1);
	const char *s;
	size_t		len;
	char		out[IDENTITY_OUT_MAX];
	IdentityError e;

	identity_input(kind, t, &s, &len);
	if (identity_normalize(kind, s, len, out, sizeof(out)) != IDENTITY_OK)
	{
		identity_diagnose(kind, s, len, &e);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid identity of kind %s: \"%s\"", identity_kind_name(kind),
						text_to_cstring(PG_GETARG_TEXT_PP(1))),
				 identity_errdetail(kind, s, &e),
				 identity_errhint(kind)));
	}
	/* only kind other can be outside ASCII */
	if (!server_is_utf8())
		PG_RETURN_TEXT_P(cstring_to_text(pg_any_to_server(out, strlen(out), PG_UTF8)));
	PG_RETURN_TEXT_P(cstring_to_text(out));
}

PG_FUNCTION_INFO_V1(tthc_is_valid_identity);
Datum
tthc_is_valid_identity(PG_FUNCTION_ARGS)
{
	IdentityKind kind = kind_arg(fcinfo);
	const char *s;
	size_t		len;
	char		out[IDENTITY_OUT_MAX];

	identity_input(kind, PG_GETARG_TEXT_PP(1), &s, &len);
	PG_RETURN_BOOL(identity_normalize(kind, s, len, out, sizeof(out)) == IDENTITY_OK);
}

PG_FUNCTION_INFO_V1(tthc_is_blank);
Datum
tthc_is_blank(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;

	text_utf8(PG_GETARG_TEXT_PP(0), &s, &len);
	PG_RETURN_BOOL(vn_is_blank(s, len));
}

/* The text without the blanks of tthc.is_blank at either end. */
PG_FUNCTION_INFO_V1(tthc_trim_blanks);
Datum
tthc_trim_blanks(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;
	size_t		start = 0;
	size_t		end = 0;
	size_t		i;

	text_utf8(PG_GETARG_TEXT_PP(0), &s, &len);
	while (start < len)
	{
		size_t		n = vn_blank_char(s + start, len - start);

		if (n == 0)
			break;
		start += n;
	}
	/* end: just after the last character that is not blank */
	for (i = start; i < len;)
	{
		size_t		n = vn_blank_char(s + i, len - i);

		if (n == 0)
		{
			n = pg_mblen(s + i);
			end = i + n;
		}
		i += n;
	}
	PG_RETURN_TEXT_P(cstring_to_text_with_len(s + start, end > start ? (int) (end - start) : 0));
}
