/*
 * term.h: the time limit of a procedure (thời hạn giải quyết), an amount with a unit.
 *
 * Every procedure states its time limit with its unit: working days, calendar days, working hours,
 * hours, or within the day of receipt (Decree 63/2010/NĐ-CP Art. 8); where a procedure's law gives
 * weeks, months or years, the Civil Code 2015 (Arts. 147-148) says how they are counted.  Pure C
 * (no PostgreSQL headers): the parser and printer are shared by the SQL type, the deadline module
 * and the fuzzers.
 */
#ifndef TERM_H
#define TERM_H

#include <stddef.h>
#include <stdint.h>

/* The values are stored on disk and sent in binary I/O: never renumber. */
typedef enum TermUnit
{
	TERM_SAME_DAY = 0,			/* trong ngày: within the day of receipt, no amount */
	TERM_WORKING_DAYS = 1,		/* ngày làm việc */
	TERM_DAYS = 2,				/* ngày: calendar days */
	TERM_WORKING_HOURS = 3,		/* giờ làm việc */
	TERM_HOURS = 4,				/* giờ: elapsed hours */
	TERM_WEEKS = 5,				/* tuần (Civil Code 2015 Art. 148(2)) */
	TERM_MONTHS = 6,			/* tháng (Art. 148(3)) */
	TERM_YEARS = 7				/* năm (Art. 148(4)) */
} TermUnit;

#define TERM_UNIT_LAST TERM_YEARS

typedef struct Term
{
	int32_t		amount;			/* 1..TERM_MAX_AMOUNT; 0 iff unit == TERM_SAME_DAY */
	int32_t		unit;			/* a TermUnit */
} Term;

#define TERM_MAX_AMOUNT 10000

/* Room for the longest output of term_format and term_format_english, with the NUL. */
#define TERM_FORMAT_MAX 32

typedef enum TermParseStatus
{
	TERM_PARSE_OK = 0,
	TERM_PARSE_EMPTY,			/* nothing but white space */
	TERM_PARSE_MISSING_AMOUNT,	/* starts with neither an amount nor a same-day phrase */
	TERM_PARSE_BAD_AMOUNT,		/* amount with a sign, a fraction or other characters */
	TERM_PARSE_AMOUNT_RANGE,	/* amount 0 or above TERM_MAX_AMOUNT */
	TERM_PARSE_MISSING_UNIT,	/* an amount and nothing after it */
	TERM_PARSE_BAD_UNIT,		/* the words after the amount are not a unit */
	TERM_PARSE_SAME_DAY_AMOUNT, /* an amount before "trong ngày" / "same day" */
	TERM_PARSE_TRAILING			/* more words after a complete term */
} TermParseStatus;

/*
 * Parse s[0..len) (UTF-8, need not be NUL-terminated).  On TERM_PARSE_OK fills *out; otherwise
 * leaves it alone.  Syntax problems are reported before an out-of-range amount.
 */
TermParseStatus term_parse(const char *s, size_t len, Term *out);

/* 1 if t satisfies the invariants above, else 0. */
int			term_is_valid(const Term *t);

/*
 * Canonical Vietnamese form ("10 ngày làm việc", "15 ngày", "4 giờ làm việc", "4 giờ", "2 tuần",
 * "1 tháng", "2 năm", "trong ngày"), NUL-terminated and truncated to fit cap.  Returns the length of the whole form
 * (without the NUL), like snprintf; an invalid term gives "" and 0.
 */
size_t		term_format(const Term *t, char *buf, size_t cap);

/*
 * English form ("10 working days", "1 working day", "15 calendar days", "2 weeks", "1 month",
 * "same day"); as above.
 */
size_t		term_format_english(const Term *t, char *buf, size_t cap);

/*
 * Stable identifiers: "same_day", "working_days", "days", "working_hours", "hours", "weeks",
 * "months", "years"; NULL if unknown.
 */
const char *term_unit_name(int32_t unit);

/* The unit named name[0..len) (exactly one of the identifiers above): 1 and *unit, or 0. */
int			term_unit_from_name(const char *name, size_t len, int32_t *unit);

/* Total order for sorting and grouping: by unit, then amount.  Not an order by duration. */
int			term_cmp(const Term *a, const Term *b);

#endif
