/*
 * catalogue.h: the codes of the procedure catalogue and their validation.
 *
 * Pure C (no PostgreSQL headers), so the SQL functions, the unit test and the fuzzer share it.
 * Every parser reads s[0..len) (need not be NUL-terminated), accepts ASCII only and reports the
 * first thing that is wrong, with the byte offset where it is (all bytes before it are ASCII, so
 * the offset is also the character position, counted from 0).
 *
 * Agency code, either of two grammars:
 *   QCVN 102:2016/BTTTT:
 *     V1V2V3.Z1Z2.Y1Y2.MX1X2        e.g. 000.00.00.H30, 000.00.04.G18, 000.05.04.G18, 001.05.04.G18
 *   level 4 (3 digits) . level 3 (2 digits) . level 2 (2 digits) . level 1 (capital letter, 2 digits).
 *   A lower level that is all zeros is absent; a level present under an absent higher one is
 *   invalid (001.00.04.G18).  The agency's level is its lowest level present: 1..4.
 *   Decision 20/2020/QĐ-TTg (electronic identifiers for data sharing):
 *     MX1X2[.G]*                    e.g. H21, H21.65, G09.20, H21.65.012
 *   the level-1 part first, then the groups of the lower levels left to right, each 2 or 3 digits,
 *   at most AGENCY_CODE_MAX characters in all.  The level is the number of parts [open: the
 *   decision's group widths were not available, the widths of QCVN 102 are assumed].
 *   In both, M is a capital letter from A to Y: Z is reserved for other schemes.
 *
 * Procedure code (national database of administrative procedures, practice):
 *     D.DDDDDD [ .<agency code> | .MX1X2 ] [ .DD ]
 *   a national base code (1.001234), then optionally the local agency (a full agency code
 *   2.000815.000.00.00.H55, or its level-1 unit alone 1.000948.H38), then optionally the number
 *   of an online-service variant (1.001234.02, 2.000815.H55.02).
 *
 * Sector code (Circular 01/2018/TT-VPCP Art. 20):
 *     MX1X2-L{1,4}D{1,3}            e.g. G03-GD10, H30-TP1
 *   the level-1 unit (capital letter, 2 digits), a hyphen, the sector: 1 to 4 capital letters and
 *   1 to 3 digits.
 */
#ifndef CATALOGUE_H
#define CATALOGUE_H

#include <stddef.h>

#define AGENCY_CODE_LEN 13		/* a QCVN 102:2016 code */
#define AGENCY_CODE_MAX 35		/* any agency code (Decision 20/2020/QĐ-TTg) */
#define PROCEDURE_BASE_LEN 8

/* What a parser expected where it stopped. */
typedef enum CodeExpect
{
	CODE_EXPECT_NOTHING = 0,
	CODE_EXPECT_DIGIT,
	CODE_EXPECT_CAPITAL,		/* A-Z */
	CODE_EXPECT_DOT,
	CODE_EXPECT_HYPHEN,
	CODE_EXPECT_CAPITAL_OR_DIGIT,	/* sector: one more letter (up to 4) or the first digit */
	CODE_EXPECT_SUFFIX,			/* procedure: an agency code, a unit (MX1X2) or two digits */
	CODE_EXPECT_AGENCY_START,	/* agency: a digit (QCVN 102) or a capital A-Y (Decision 20) */
	CODE_EXPECT_UNIT_LETTER		/* agency: a capital A-Y (Z is reserved) */
} CodeExpect;

typedef enum CodeStatus
{
	CODE_OK = 0,
	CODE_EMPTY,					/* len == 0 */
	CODE_BAD_CHAR,				/* s[pos] is not what the form wants there (expect) */
	CODE_TOO_SHORT,				/* the text ends at pos, where the form wants expect */
	CODE_TOO_LONG,				/* a complete code, then more text from pos */
	CODE_LEVEL_GAP				/* agency: level `level` (3 or 4) present, level `level - 1` absent */
} CodeStatus;

typedef struct CodeError
{
	CodeStatus	status;
	size_t		pos;			/* byte offset of the problem */
	CodeExpect	expect;
	int			level;			/* CODE_LEVEL_GAP: the level present (3 or 4) */
} CodeError;

typedef enum AgencyGrammar
{
	AGENCY_QCVN102 = 0,			/* V1V2V3.Z1Z2.Y1Y2.MX1X2 */
	AGENCY_D20					/* MX1X2.G.G... (Decision 20/2020/QĐ-TTg) */
} AgencyGrammar;

typedef struct AgencyCode
{
	AgencyGrammar grammar;
	char		unit[4];		/* level 1: "H30", NUL-terminated */
	int			level2;			/* QCVN 102: 0..99, 0 = none; Decision 20: 0 */
	int			level3;			/* QCVN 102: 0..99, 0 = none; Decision 20: 0 */
	int			level4;			/* QCVN 102: 0..999, 0 = none; Decision 20: 0 */
	int			level;			/* QCVN 102: 1..4, the lowest level present; Decision 20: the
								 * number of parts, 1..11 */
} AgencyCode;

typedef struct ProcedureCode
{
	size_t		agency_pos;		/* offset of the agency suffix after its dot; 0 = none */
	size_t		agency_len;		/* AGENCY_CODE_LEN (full) or 3 (unit alone); 0 = none */
	int			online;			/* the online-service number 0..99; -1 = none */
	size_t		len;			/* length of the whole code */
} ProcedureCode;

/* Parse an agency code.  out and err may be NULL.  Returns CODE_OK or the status in err. */
CodeStatus	agency_code_parse(const char *s, size_t len, AgencyCode *out, CodeError *err);

/*
 * The canonical text of a parsed QCVN 102 agency code (grammar AGENCY_QCVN102): AGENCY_CODE_LEN
 * characters and a NUL.  A Decision 20 code is its own canonical text.
 */
void		agency_code_format(const AgencyCode *c, char *buf);

/* Parse a procedure code.  out and err may be NULL. */
CodeStatus	procedure_code_parse(const char *s, size_t len, ProcedureCode *out, CodeError *err);

/* Parse a sector code.  err may be NULL. */
CodeStatus	sector_code_parse(const char *s, size_t len, CodeError *err);

/* A short English phrase for what a parser expected ("a digit", "a dot"). */
const char *code_expect_name(CodeExpect e);

#endif
