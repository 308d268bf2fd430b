/*
 * letters_pg.c: SQL access to the letters core (letters.c), the amounts in Vietnamese words (ICU's
 * rule-based spell-out), and the Ed25519 signatures of letters and history checkpoints (OpenSSL).
 *
 * The private key never passes through SQL: it is read from the PEM file that the superuser-only
 * setting tthc.signing_key_file names, each time something is signed, and only its public key
 * leaves this file.
 */
#include "postgres.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"

#include "tthc.h"
#include "letters.h"

#define ED25519_KEY_LEN 32
#define ED25519_SIG_LEN 64

static char *tthc_signing_key_file = NULL;

void
tthc_letters_init(void)
{
	/* superuser only: whoever names the file decides what letters are signed with */
	DefineCustomStringVariable("tthc.signing_key_file",
							   "PEM file of the Ed25519 private key that signs letters and history checkpoints.",
							   "Empty: letters are issued unsigned and say so.",
							   &tthc_signing_key_file,
							   "",
							   PGC_SUSET, 0,
							   NULL, NULL, NULL);
}

/* tthc.letter_date_line(day date, place text DEFAULT NULL): Decree 30/2020 Appendix I */
PG_FUNCTION_INFO_V1(tthc_letter_date_line);
Datum
tthc_letter_date_line(PG_FUNCTION_ARGS)
{
	DateADT		day;
	char	   *place = NULL;
	int			y,
				m,
				d,
				n;
	char	   *buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	day = PG_GETARG_DATEADT(0);
	if (!PG_ARGISNULL(1))
		place = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date is out of range for a letter"),
				 errhint("Give a finite date.")));
	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	n = letters_date_line(NULL, 0, place, y, m, d);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date is out of range for a letter"),
				 errdetail("Letters are dated in the years 1 to 9999."),
				 errhint("Give a date in the years 1 to 9999.")));
	buf = palloc(n + 1);
	letters_date_line(buf, n + 1, place, y, m, d);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* tthc._html_escape(text) */
PG_FUNCTION_INFO_V1(tthc_html_escape);
Datum
tthc_html_escape(PG_FUNCTION_ARGS)
{
	char	   *src = text_to_cstring(PG_GETARG_TEXT_PP(0));
	size_t		n = letters_html_escape(NULL, 0, src);
	char	   *buf = palloc(n + 1);

	letters_html_escape(buf, n + 1, src);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* an amount of đồng, refused when negative */
static int64
amount_arg(FunctionCallInfo fcinfo)
{
	int64		amount = PG_GETARG_INT64(0);

	if (amount < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("amount must not be negative: " INT64_FORMAT, amount),
				 errhint("Fees and charges are whole đồng, zero or more.")));
	return amount;
}

/* the amount formatted by an ICU number format of locale vi, as UTF-8 */
static char *
icu_format(UNumberFormatStyle style, int64 amount, bool capitalise)
{
	UErrorCode	status = U_ZERO_ERROR;
	UNumberFormat *fmt;
	UChar		buf[512];
	UChar		out[512];
	int32_t		n,
				i = 0,
				j = 0,
				len;
	UChar32		c;
	char	   *result;

	fmt = unum_open(style, NULL, 0, "vi", NULL, &status);
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not open the ICU number format for \"vi\": %s", u_errorName(status))));
	n = unum_formatInt64(fmt, amount, buf, lengthof(buf), NULL, &status);
	unum_close(fmt);
	if (U_FAILURE(status) || n <= 0 || n >= lengthof(buf))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not format the amount " INT64_FORMAT " with ICU: %s", amount, u_errorName(status))));
	/* "Bằng chữ: Hai trăm nghìn đồng": the words start with a capital */
	U16_NEXT(buf, i, n, c);
	if (capitalise)
		c = u_toupper(c);
	U16_APPEND_UNSAFE(out, j, c);
	memcpy(out + j, buf + i, (n - i) * sizeof(UChar));
	j += n - i;
	u_strToUTF8(NULL, 0, &len, out, j, &status);
	status = U_ZERO_ERROR;
	result = palloc(len + 1);
	u_strToUTF8(result, len + 1, NULL, out, j, &status);
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not convert the amount " INT64_FORMAT " to UTF-8: %s", amount, u_errorName(status))));
	return result;
}

/* tthc.amount_in_words(amount bigint): "Hai trăm nghìn đồng" */
PG_FUNCTION_INFO_V1(tthc_amount_in_words);
Datum
tthc_amount_in_words(PG_FUNCTION_ARGS)
{
	int64		amount = amount_arg(fcinfo);

	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s đồng", icu_format(UNUM_SPELLOUT, amount, true))));
}

/* tthc.format_amount(amount bigint): "200.000 đồng" */
PG_FUNCTION_INFO_V1(tthc_format_amount);
Datum
tthc_format_amount(PG_FUNCTION_ARGS)
{
	int64		amount = amount_arg(fcinfo);

	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s đồng", icu_format(UNUM_DECIMAL, amount, false))));
}

/* a key file must not ask for a passphrase on the server's terminal */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	return 0;
}

static void
openssl_error(const char *what, const char *path)
{
	unsigned long e = ERR_get_error();

	ERR_clear_error();
	ereport(ERROR,
			(errcode(ERRCODE_CONFIG_FILE_ERROR),
			 errmsg("%s \"%s\"", what, path),
			 e ? errdetail("OpenSSL: %s.", ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "unknown error") : 0,
			 errhint("tthc.signing_key_file names a PEM file holding an unencrypted Ed25519 private key (openssl genpkey -algorithm ed25519).")));
}

/*
 * tthc._sign(content bytea, OUT public_key bytea, OUT signature bytea): the Ed25519 signature of
 * the content with the key of tthc.signing_key_file, and that key's public half; NULLs when the
 * setting is empty.
 */
PG_FUNCTION_INFO_V1(tthc_sign);
Datum
tthc_sign(PG_FUNCTION_ARGS)
{
	bytea	   *content = PG_GETARG_BYTEA_PP(0);
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {true, true};
	const char *path = tthc_signing_key_file;
	BIO		   *bio;
	EVP_PKEY   *pkey;
	EVP_MD_CTX *ctx;
	unsigned char pub[ED25519_KEY_LEN];
	unsigned char sig[ED25519_SIG_LEN];
	size_t		publen = sizeof(pub),
				siglen = sizeof(sig);
	bool		ok;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	if (path != NULL && path[0] != '\0')
	{
		ERR_clear_error();
		bio = BIO_new_file(path, "r");
		if (bio == NULL)
			openssl_error("could not open the signing key file", path);
		pkey = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
		BIO_free(bio);
		if (pkey == NULL)
			openssl_error("could not read a private key from the signing key file", path);
		if (EVP_PKEY_id(pkey) != EVP_PKEY_ED25519)
		{
			EVP_PKEY_free(pkey);
			ereport(ERROR,
					(errcode(ERRCODE_CONFIG_FILE_ERROR),
					 errmsg("the signing key file \"%s\" does not hold an Ed25519 key", path),
					 errhint("Generate one with openssl genpkey -algorithm ed25519.")));
		}
		/* no PostgreSQL error may be raised while the handles are held */
		ctx = EVP_MD_CTX_new();
		ok = ctx != NULL
			&& EVP_DigestSignInit(ctx, NULL, NULL, NULL, pkey) == 1
			&& EVP_DigestSign(ctx, sig, &siglen, (unsigned char *) VARDATA_ANY(content),
							  VARSIZE_ANY_EXHDR(content)) == 1
			&& EVP_PKEY_get_raw_public_key(pkey, pub, &publen) == 1;
		EVP_MD_CTX_free(ctx);
		EVP_PKEY_free(pkey);
		if (!ok)
			openssl_error("could not sign with the key of", path);

		values[0] = PointerGetDatum(palloc(VARHDRSZ + publen));
		SET_VARSIZE(DatumGetPointer(values[0]), VARHDRSZ + publen);
		memcpy(VARDATA(DatumGetPointer(values[0])), pub, publen);
		values[1] = PointerGetDatum(palloc(VARHDRSZ + siglen));
		SET_VARSIZE(DatumGetPointer(values[1]), VARHDRSZ + siglen);
		memcpy(VARDATA(DatumGetPointer(values[1])), sig, siglen);
		nulls[0] = nulls[1] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* tthc._ed25519_verify(public_key bytea, content bytea, signature bytea) */
PG_FUNCTION_INFO_V1(tthc_ed25519_verify);
Datum
tthc_ed25519_verify(PG_FUNCTION_ARGS)
{
	bytea	   *pub = PG_GETARG_BYTEA_PP(0);
	bytea	   *content = PG_GETARG_BYTEA_PP(1);
	bytea	   *sig = PG_GETARG_BYTEA_PP(2);
	EVP_PKEY   *pkey;
	EVP_MD_CTX *ctx;
	bool		ok;

	if (VARSIZE_ANY_EXHDR(pub) != ED25519_KEY_LEN || VARSIZE_ANY_EXHDR(sig) != ED25519_SIG_LEN)
		PG_RETURN_BOOL(false);
	pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, (unsigned char *) VARDATA_ANY(pub),
									   ED25519_KEY_LEN);
	ctx = EVP_MD_CTX_new();
	ok = pkey != NULL && ctx != NULL
		&& EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey) == 1
		&& EVP_DigestVerify(ctx, (unsigned char *) VARDATA_ANY(sig), ED25519_SIG_LEN,
							(unsigned char *) VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content)) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	ERR_clear_error();
	PG_RETURN_BOOL(ok);
}

/* tthc._upper(text): upper case by ICU's Vietnamese rules, whatever the database's ctype */
PG_FUNCTION_INFO_V1(tthc_upper_vi);
Datum
tthc_upper_vi(PG_FUNCTION_ARGS)
{
	text	   *src = PG_GETARG_TEXT_PP(0);
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		ulen,
				uplen,
				len;
	UChar	   *u,
			   *up;
	char	   *result;

	u_strFromUTF8(NULL, 0, &ulen, VARDATA_ANY(src), VARSIZE_ANY_EXHDR(src), &status);
	status = U_ZERO_ERROR;
	u = palloc((ulen + 1) * sizeof(UChar));
	u_strFromUTF8(u, ulen + 1, NULL, VARDATA_ANY(src), VARSIZE_ANY_EXHDR(src), &status);
	if (U_SUCCESS(status))
	{
		uplen = u_strToUpper(NULL, 0, u, ulen, "vi", &status);
		status = U_ZERO_ERROR;
		up = palloc((uplen + 1) * sizeof(UChar));
		u_strToUpper(up, uplen + 1, u, ulen, "vi", &status);
		if (U_SUCCESS(status))
		{
			u_strToUTF8(NULL, 0, &len, up, uplen, &status);
			status = U_ZERO_ERROR;
			result = palloc(len + 1);
			u_strToUTF8(result, len + 1, NULL, up, uplen, &status);
			if (U_SUCCESS(status))
				PG_RETURN_TEXT_P(cstring_to_text_with_len(result, len));
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("could not convert a text to upper case with ICU: %s", u_errorName(status))));
	PG_RETURN_NULL();
}

/* tthc.letter_form(form text, OUT title text, OUT abbrev text, OUT event text) */
PG_FUNCTION_INFO_V1(tthc_letter_form);
Datum
tthc_letter_form(PG_FUNCTION_ARGS)
{
	char	   *code = text_to_cstring(PG_GETARG_TEXT_PP(0));
	const LetterForm *f = letters_form(code);
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (f == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown letter form \"%s\"", code),
				 errhint("The forms are 01 to 05 (Circular 03/2025/TT-VPCP).")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = CStringGetTextDatum(f->title);
	values[1] = CStringGetTextDatum(f->abbrev);
	values[2] = CStringGetTextDatum(f->event);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
