/*
 * identity.h: the identity document of an applicant, validated and written in canonical form by
 * its kind.
 *
 * Pure C (no PostgreSQL headers), so the SQL functions, the unit test and the fuzzer share it.
 * Input is UTF-8 in s[0..len) (need not be NUL-terminated).  Every kind first trims the blank
 * characters of textfold.h (Unicode white space and zero-width characters) from both ends.
 *
 *   CCCD       the personal identification number (số định danh cá nhân) printed on the citizen
 *              identity card: exactly 12 digits (Law on Identification 2023, Luật Căn cước, Law
 *              26/2023/QH15; the structure of the number: Decree 137/2015/NĐ-CP).  Nothing but the
 *              12 digits is accepted: no inner space, no separator.  The first three digits must
 *              be a province code and the fourth a century and sex digit of a person born
 *              1900-2099 (below: identity_cccd_province, identity_cccd_century).
 *   PASSPORT   a passport number (số hộ chiếu): 6 to 12 Latin letters and digits, at least one
 *              digit.  Blank characters inside are dropped and letters are upper-cased.  Vietnamese
 *              passports are one letter and 7 digits (C1234567); foreign ones vary, so the accepted
 *              shape is a guess wide enough for them [open].
 *   TAX_CODE   an organisation's tax code (mã số thuế): 10 digits, or 13 for a dependent unit,
 *              written with a hyphen after the 10th digit (Circular 105/2020/TT-BTC).  Both
 *              0101234567-001 and 0101234567001 are read; the canonical form has the hyphen.  The
 *              check digit is not verified: its rule is not confirmed [open].
 *   OTHER      any other document: text that is not blank, at most 64 characters after trimming,
 *              with no control character (an identity is one line); kept as given otherwise.
 */
#ifndef IDENTITY_H
#define IDENTITY_H

#include <stddef.h>
#include <stdint.h>

/* The order of the SQL enum tthc.identity_kind. */
typedef enum IdentityKind
{
	IDENTITY_CCCD = 0,
	IDENTITY_PASSPORT = 1,
	IDENTITY_TAX_CODE = 2,
	IDENTITY_OTHER = 3
} IdentityKind;

#define IDENTITY_KIND_LAST IDENTITY_OTHER

#define IDENTITY_CCCD_DIGITS 12
#define IDENTITY_PASSPORT_MIN 6
#define IDENTITY_PASSPORT_MAX 12
#define IDENTITY_TAX_DIGITS 10		/* the organisation */
#define IDENTITY_TAX_UNIT_DIGITS 3	/* the dependent unit, after the hyphen */
#define IDENTITY_OTHER_MAX 64		/* characters */

/* Room for the longest canonical form, with its NUL: 64 characters of up to 4 bytes. */
#define IDENTITY_OUT_MAX (IDENTITY_OTHER_MAX * 4 + 1)

typedef enum IdentityStatus
{
	IDENTITY_OK = 0,
	IDENTITY_EMPTY,				/* nothing but blank characters */
	IDENTITY_BAD_CHAR,			/* a character the kind does not allow, or ill-formed UTF-8 */
	IDENTITY_BAD_LENGTH,		/* too few or too many digits or characters */
	IDENTITY_NO_DIGIT,			/* passport: letters only */
	IDENTITY_BAD_HYPHEN,		/* tax code: a hyphen not right after the 10th digit, or two */
	IDENTITY_BAD_PROVINCE,		/* cccd: digits 1-3 are not a province code */
	IDENTITY_BAD_CENTURY,		/* cccd: digit 4 is not a century and sex of 1900-2099 */
	IDENTITY_BAD_KIND,			/* not an IdentityKind */
	IDENTITY_NO_ROOM			/* cap too small for the canonical form */
} IdentityStatus;

/* Where and what, for an error message. */
typedef struct IdentityError
{
	IdentityStatus status;
	size_t		pos;			/* BAD_CHAR, BAD_HYPHEN: byte offset of the character in s;
								 * BAD_PROVINCE, BAD_CENTURY: of the first digit */
	size_t		charno;			/* the same as a character count from 0 */
	size_t		charlen;		/* its length in bytes (1 for a byte that is not UTF-8) */
	int32_t		cp;				/* its code point, or -1 for a byte that is not UTF-8 */
	size_t		count;			/* BAD_LENGTH: the digits (cccd, tax code) or characters counted */
	int			unit_part;		/* BAD_LENGTH of a tax code with its hyphen: count is the digits
								 * after the hyphen, and pos the hyphen */
} IdentityError;

/*
 * CCCD structure (Decree 137/2015/NĐ-CP Art. 13; Circular 07/2016/TT-BCA Art. 7, replaced by
 * Circular 59/2021/TT-BCA Art. 7 with the same codes): digits 1-3 are the code of the province
 * where the birth was registered, digit 4 the century and sex, digits 5-6 the last two digits of
 * the year of birth, digits 7-12 a random number.
 *   identity_cccd_province(p): 1 when p (0-999) is one of the 63 province codes 001-096 as issued
 *     (the two-digit codes of Decision 124/2004/QĐ-TTg with a leading 0; 003, 005, ... are unused).
 *     The 34 provinces of the 2025 reorganisation keep codes from this set, and numbers already
 *     issued keep their province of registration, so the 63 codes stay valid [open: the new
 *     codes of provinces created in 2025 are not confirmed].
 *   identity_cccd_century(c): 1 for digits 0-3: 0/1 a man/woman born 1900-1999, 2/3 born
 *     2000-2099; 4-9 stand for 2100-2399 and cannot be issued today.
 */
extern int	identity_cccd_province(int p);
extern int	identity_cccd_century(int c);

/*
 * Check s[0..len) as an identity of the given kind and write its canonical form to out, with a NUL,
 * if it fits in cap bytes (IDENTITY_OUT_MAX always does).  Returns IDENTITY_OK or what is wrong,
 * reporting the first problem met from the left; on failure out holds "" (when cap > 0).
 */
IdentityStatus identity_normalize(IdentityKind kind, const char *s, size_t len, char *out, size_t cap);

/* The same check, saying where the problem is; err->status is the return value. */
IdentityStatus identity_diagnose(IdentityKind kind, const char *s, size_t len, IdentityError *err);

/* "cccd", "passport", "tax_code", "other" (the SQL labels); NULL for another value. */
const char *identity_kind_name(int kind);

/* The kind named name[0..len), exactly as above: 1 and *kind, or 0. */
int			identity_kind_from_name(const char *name, size_t len, IdentityKind *kind);

#endif
