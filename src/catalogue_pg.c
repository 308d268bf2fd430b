/*
 * catalogue_pg.c: SQL functions over the catalogue codes (catalogue.c) and accent folding
 * (textfold.c).
 *
 * Agency codes: QCVN 102:2016/BTTTT and Decision 20/2020/QĐ-TTg.  Procedure codes: the national database's practice.  Sector
 * codes: Circular 01/2018/TT-VPCP Art. 20.  Every function here depends on its argument only:
 * IMMUTABLE, STRICT, PARALLEL SAFE.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "catalogue.h"
#include "textfold.h"

#define AGENCY_HINT() \
	errhint("An agency code has the form V1V2V3.Z1Z2.Y1Y2.MX1X2 (QCVN 102:2016/BTTTT): levels 4, 3 and 2 in three, two and two digits (zeros: no unit of that level), then the level-1 unit as a capital letter from A to Y and two digits, for example \"000.00.00.H30\" or \"000.05.04.G18\"; or the form MX1X2.G.G... (Decision 20/2020/QĐ-TTg): the level-1 unit, then groups of two or three digits, up to 35 characters, for example \"H21.65\".")
#define PROCEDURE_HINT() \
	errhint("A procedure code is a national code D.DDDDDD, optionally followed by the agency (\".000.00.00.H55\" or \".H38\") and a two-digit service number (\".02\"), for example \"1.001234\" or \"2.000815.000.00.00.H55\".")
#define SECTOR_HINT() \
	errhint("A sector code is the level-1 unit (a capital letter and two digits), a hyphen and the sector (1 to 4 capital letters and 1 to 3 digits), for example \"G03-GD10\".")

/* The character at s + pos, quoted for a message (a whole multibyte character). */
static char *
char_at(const char *s, size_t len, size_t pos)
{
	int			n = pg_mblen(s + pos);

	if (pos + n > len)
		n = len - pos;
	return pnstrdup(s + pos, n);
}

/* errdetail for a failed parse of s[0..len). */
static int
code_errdetail(const char *s, size_t len, const CodeError *e)
{
	switch (e->status)
	{
		case CODE_EMPTY:
			return errdetail("The code is empty.");
		case CODE_BAD_CHAR:
			return errdetail("Character %d must be %s, not \"%s\".",
							 (int) e->pos + 1, code_expect_name(e->expect),
							 char_at(s, len, e->pos));
		case CODE_TOO_SHORT:
			return errdetail("The code ends after %d characters, where %s is expected.",
							 (int) e->pos, code_expect_name(e->expect));
		case CODE_TOO_LONG:
			return errdetail("The code is complete after %d characters, but \"%s\" follows.",
							 (int) e->pos, pnstrdup(s + e->pos, len - e->pos));
		case CODE_LEVEL_GAP:
			{
				/* pos is at the absent part; the present one is just before it */
				size_t		n = e->level == 4 ? 3 : 2;

				return errdetail("Level %d is \"%s\" but level %d is \"00\" (none); a unit must belong to a unit of every level above it.",
								 e->level, pnstrdup(s + e->pos - n - 1, n), e->level - 1);
			}
		case CODE_OK:
			break;
	}
	elog(ERROR, "unexpected code parse status %d", (int) e->status);
	return 0;
}

static AgencyCode
parse_agency_or_error(text *t)
{
	const char *s = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	AgencyCode	c;
	CodeError	e;

	if (agency_code_parse(s, len, &c, &e) != CODE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid agency code: \"%s\"", text_to_cstring(t)),
				 code_errdetail(s, len, &e),
				 AGENCY_HINT()));
	return c;
}

PG_FUNCTION_INFO_V1(tthc_is_valid_agency_code);
Datum
tthc_is_valid_agency_code(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(agency_code_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL, NULL) == CODE_OK);
}

PG_FUNCTION_INFO_V1(tthc_agency_code_level);
Datum
tthc_agency_code_level(PG_FUNCTION_ARGS)
{
	AgencyCode	c = parse_agency_or_error(PG_GETARG_TEXT_PP(0));

	PG_RETURN_INT32(c.level);
}

PG_FUNCTION_INFO_V1(tthc_is_valid_procedure_code);
Datum
tthc_is_valid_procedure_code(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(procedure_code_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL, NULL) == CODE_OK);
}

PG_FUNCTION_INFO_V1(tthc_procedure_base_code);
Datum
tthc_procedure_base_code(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	CodeError	e;

	if (procedure_code_parse(s, len, NULL, &e) != CODE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid procedure code: \"%s\"", text_to_cstring(t)),
				 code_errdetail(s, len, &e),
				 PROCEDURE_HINT()));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(s, PROCEDURE_BASE_LEN));
}

PG_FUNCTION_INFO_V1(tthc_is_valid_sector_code);
Datum
tthc_is_valid_sector_code(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(sector_code_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL) == CODE_OK);
}

PG_FUNCTION_INFO_V1(tthc_sector_unit);
Datum
tthc_sector_unit(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	CodeError	e;

	if (sector_code_parse(s, len, &e) != CODE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid sector code: \"%s\"", text_to_cstring(t)),
				 code_errdetail(s, len, &e),
				 SECTOR_HINT()));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(s, 3));
}

/*
 * Lowercase and strip accents (textfold.c).  The folder reads UTF-8: SQL_ASCII text is taken as it
 * comes, any other server encoding goes through UTF-8 and back.
 */
PG_FUNCTION_INFO_V1(tthc_fold);
Datum
tthc_fold(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();
	text	   *result;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
	{
		size_t		n;

		result = (text *) palloc(VARHDRSZ + len);
		n = vn_fold(s, len, VARDATA(result), len);
		SET_VARSIZE(result, VARHDRSZ + n);
	}
	else
	{
		char	   *utf8 = pg_server_to_any(s, len, PG_UTF8);
		int			ulen = (utf8 == s) ? len : (int) strlen(utf8);
		char	   *folded = palloc(ulen + 1);
		size_t		n = vn_fold(utf8, ulen, folded, ulen);
		char	   *back;

		folded[n] = '\0';
		back = pg_any_to_server(folded, (int) n, PG_UTF8);
		result = cstring_to_text(back);
	}
	PG_RETURN_TEXT_P(result);
}
