/*
 * term.c: parser and printer of time limits (see term.h).
 *
 * Grammar, on the accent- and case-folded input (textfold.h), words separated by white space
 * (ASCII space, tab, CR, LF, VT, FF, no-break space U+00A0), any amount of it around and between:
 *
 *     term     = amount unit | same-day
 *     amount   = digit+                       value 1..TERM_MAX_AMOUNT
 *     unit     = "ngay lam viec" | "working days" | "working day"
 *              | "ngay" | "days" | "day" | "calendar days" | "calendar day"
 *              | "gio lam viec" | "working hours" | "working hour"
 *              | "gio" | "hours" | "hour"
 *              | "tuan" | "weeks" | "week"
 *              | "thang" | "months" | "month"
 *              | "nam" | "years" | "year"
 *     same-day = "trong ngay" | "trong ngay lam viec" | "same day" | "same-day"
 *
 * The longest unit wins, so "ngay lam viec" is working days, not "ngay" with text after it.
 */
#include "term.h"

#include <stdio.h>
#include <string.h>

#include "textfold.h"

/* An amount and three words of unit, or four of same-day, and one more to notice trailing text. */
#define TERM_TOKENS 5
/* Longer than any word of the grammar: a longer word matches nothing. */
#define TOKEN_MAX 16

typedef struct Token
{
	char		text[TOKEN_MAX];
	size_t		len;			/* folded length; may exceed TOKEN_MAX (then text is a prefix) */
	int			all_digits;		/* only ASCII digits */
	int			has_digit;
	int32_t		value;			/* decimal value, saturated at TERM_MAX_AMOUNT + 1 */
} Token;

typedef struct Phrase
{
	int32_t		unit;
	int			nwords;
	const char *words[4];
} Phrase;

static const Phrase phrases[] = {
	{TERM_WORKING_DAYS, 3, {"ngay", "lam", "viec"}},
	{TERM_WORKING_DAYS, 2, {"working", "days"}},
	{TERM_WORKING_DAYS, 2, {"working", "day"}},
	{TERM_DAYS, 1, {"ngay"}},
	{TERM_DAYS, 1, {"days"}},
	{TERM_DAYS, 1, {"day"}},
	{TERM_DAYS, 2, {"calendar", "days"}},
	{TERM_DAYS, 2, {"calendar", "day"}},
	{TERM_WORKING_HOURS, 3, {"gio", "lam", "viec"}},
	{TERM_WORKING_HOURS, 2, {"working", "hours"}},
	{TERM_WORKING_HOURS, 2, {"working", "hour"}},
	{TERM_HOURS, 1, {"gio"}},
	{TERM_HOURS, 1, {"hours"}},
	{TERM_HOURS, 1, {"hour"}},
	{TERM_WEEKS, 1, {"tuan"}},
	{TERM_WEEKS, 1, {"weeks"}},
	{TERM_WEEKS, 1, {"week"}},
	{TERM_MONTHS, 1, {"thang"}},
	{TERM_MONTHS, 1, {"months"}},
	{TERM_MONTHS, 1, {"month"}},
	{TERM_YEARS, 1, {"nam"}},
	{TERM_YEARS, 1, {"years"}},
	{TERM_YEARS, 1, {"year"}},
	{TERM_SAME_DAY, 2, {"trong", "ngay"}},
	{TERM_SAME_DAY, 4, {"trong", "ngay", "lam", "viec"}},
	{TERM_SAME_DAY, 2, {"same", "day"}},
	{TERM_SAME_DAY, 1, {"same-day"}},
};

static const char *const unit_names[] = {
	[TERM_SAME_DAY] = "same_day",
	[TERM_WORKING_DAYS] = "working_days",
	[TERM_DAYS] = "days",
	[TERM_WORKING_HOURS] = "working_hours",
	[TERM_HOURS] = "hours",
	[TERM_WEEKS] = "weeks",
	[TERM_MONTHS] = "months",
	[TERM_YEARS] = "years",
};

/* Bytes of white space at s[0..len): 0 if none. */
static size_t
space_len(const unsigned char *s, size_t len)
{
	if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))
		return 1;
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;				/* no-break space, common in text pasted from documents */
	return 0;
}

static void
token_append(Token *t, const char *bytes, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		char		c = bytes[i];

		if (t->len < TOKEN_MAX)
			t->text[t->len] = c;
		t->len++;
		if (c >= '0' && c <= '9')
		{
			t->has_digit = 1;
			t->value = t->value * 10 + (c - '0');
			if (t->value > TERM_MAX_AMOUNT)
				t->value = TERM_MAX_AMOUNT + 1;
		}
		else
			t->all_digits = 0;
	}
}

/*
 * Split s into folded words.  Keeps the first TERM_TOKENS of them and returns how many there are,
 * counting no further than TERM_TOKENS + 1.
 */
static int
tokenize(const char *s, size_t len, Token *tokens)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		pos = 0;
	int			n = 0;

	while (pos < len)
	{
		size_t		sp = space_len(u + pos, len - pos);
		Token	   *t;
		Token		spare;

		if (sp > 0)
		{
			pos += sp;
			continue;
		}
		if (n > TERM_TOKENS)
			break;
		t = (n < TERM_TOKENS) ? &tokens[n] : &spare;
		memset(t, 0, sizeof(*t));
		t->all_digits = 1;
		while (pos < len && space_len(u + pos, len - pos) == 0)
		{
			char		buf[VN_FOLD_CHAR_MAX];
			size_t		used;
			size_t		nb = vn_fold_char(s + pos, len - pos, &used, buf);

			token_append(t, buf, nb);
			pos += used;
		}
		/* marks alone fold to nothing: no word, as in the folded text */
		if (t->len > 0)
			n++;
	}
	return n;
}

static int
token_is(const Token *t, const char *word)
{
	size_t		wlen = strlen(word);

	return t->len == wlen && wlen <= TOKEN_MAX && memcmp(t->text, word, wlen) == 0;
}

/*
 * Longest phrase that starts at tokens[first] (of n stored).  Returns its number of words (0 if
 * none) and sets *unit.
 */
static int
match_unit(const Token *tokens, int first, int n, int32_t *unit)
{
	int			best = 0;
	size_t		i;

	for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
	{
		const Phrase *p = &phrases[i];
		int			w;

		if (p->nwords <= best || first + p->nwords > n)
			continue;
		for (w = 0; w < p->nwords; w++)
			if (!token_is(&tokens[first + w], p->words[w]))
				break;
		if (w == p->nwords)
		{
			best = p->nwords;
			*unit = p->unit;
		}
	}
	return best;
}

TermParseStatus
term_parse(const char *s, size_t len, Term *out)
{
	Token		tokens[TERM_TOKENS];
	int			ntok = tokenize(s, len, tokens);
	int			nstored = ntok < TERM_TOKENS ? ntok : TERM_TOKENS;
	int32_t		unit = -1;
	int			words;

	if (ntok == 0)
		return TERM_PARSE_EMPTY;

	if (!tokens[0].all_digits)
	{
		words = match_unit(tokens, 0, nstored, &unit);
		if (words > 0 && unit == TERM_SAME_DAY)
		{
			if (ntok > words)
				return TERM_PARSE_TRAILING;
			out->amount = 0;
			out->unit = TERM_SAME_DAY;
			return TERM_PARSE_OK;
		}
		/* "-1 days", "1.5 ngày", "10days": an attempt at a number */
		if (tokens[0].has_digit || tokens[0].text[0] == '+' || tokens[0].text[0] == '-' ||
			tokens[0].text[0] == '.')
			return TERM_PARSE_BAD_AMOUNT;
		return TERM_PARSE_MISSING_AMOUNT;
	}

	if (ntok == 1)
		return TERM_PARSE_MISSING_UNIT;
	words = match_unit(tokens, 1, nstored, &unit);
	if (words == 0)
		return TERM_PARSE_BAD_UNIT;
	if (unit == TERM_SAME_DAY)
		return TERM_PARSE_SAME_DAY_AMOUNT;
	if (ntok > 1 + words)
		return TERM_PARSE_TRAILING;
	/* a zero limit is written "trong ngày", so 0 is out of range rather than same-day */
	if (tokens[0].value < 1 || tokens[0].value > TERM_MAX_AMOUNT)
		return TERM_PARSE_AMOUNT_RANGE;

	out->amount = tokens[0].value;
	out->unit = unit;
	return TERM_PARSE_OK;
}

int
term_is_valid(const Term *t)
{
	if (t->unit == TERM_SAME_DAY)
		return t->amount == 0;
	return t->unit >= TERM_WORKING_DAYS && t->unit <= TERM_UNIT_LAST &&
		t->amount >= 1 && t->amount <= TERM_MAX_AMOUNT;
}

static size_t
put(char *buf, size_t cap, int n)
{
	/* snprintf cannot fail on these formats; be safe anyway */
	if (n < 0)
	{
		if (cap > 0)
			buf[0] = '\0';
		return 0;
	}
	return (size_t) n;
}

size_t
term_format(const Term *t, char *buf, size_t cap)
{
	/* the legal wording of Decree 63/2010 Art. 8, the catalogue and Civil Code 2015 Art. 148 */
	static const char *const vi[] = {
		[TERM_WORKING_DAYS] = "ngày làm việc",
		[TERM_DAYS] = "ngày",
		[TERM_WORKING_HOURS] = "giờ làm việc",
		[TERM_HOURS] = "giờ",
		[TERM_WEEKS] = "tuần",
		[TERM_MONTHS] = "tháng",
		[TERM_YEARS] = "năm",
	};

	if (!term_is_valid(t))
		return put(buf, cap, -1);
	if (t->unit == TERM_SAME_DAY)
		return put(buf, cap, snprintf(buf, cap, "trong ngày"));
	return put(buf, cap, snprintf(buf, cap, "%d %s", (int) t->amount, vi[t->unit]));
}

size_t
term_format_english(const Term *t, char *buf, size_t cap)
{
	static const char *const one[] = {
		[TERM_WORKING_DAYS] = "working day",
		[TERM_DAYS] = "calendar day",
		[TERM_WORKING_HOURS] = "working hour",
		[TERM_HOURS] = "hour",
		[TERM_WEEKS] = "week",
		[TERM_MONTHS] = "month",
		[TERM_YEARS] = "year",
	};
	static const char *const many[] = {
		[TERM_WORKING_DAYS] = "working days",
		[TERM_DAYS] = "calendar days",
		[TERM_WORKING_HOURS] = "working hours",
		[TERM_HOURS] = "hours",
		[TERM_WEEKS] = "weeks",
		[TERM_MONTHS] = "months",
		[TERM_YEARS] = "years",
	};

	if (!term_is_valid(t))
		return put(buf, cap, -1);
	if (t->unit == TERM_SAME_DAY)
		return put(buf, cap, snprintf(buf, cap, "same day"));
	return put(buf, cap, snprintf(buf, cap, "%d %s", (int) t->amount,
								  t->amount == 1 ? one[t->unit] : many[t->unit]));
}

const char *
term_unit_name(int32_t unit)
{
	if (unit < TERM_SAME_DAY || unit > TERM_UNIT_LAST)
		return NULL;
	return unit_names[unit];
}

int
term_unit_from_name(const char *name, size_t len, int32_t *unit)
{
	int32_t		u;

	for (u = TERM_SAME_DAY; u <= TERM_UNIT_LAST; u++)
	{
		if (strlen(unit_names[u]) == len && memcmp(unit_names[u], name, len) == 0)
		{
			*unit = u;
			return 1;
		}
	}
	return 0;
}

int
term_cmp(const Term *a, const Term *b)
{
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->amount != b->amount)
		return a->amount < b->amount ? -1 : 1;
	return 0;
}
