/*
 * letters.h: the pure core of the legal letters (forms 01-05): the forms' titles and number
 * abbreviations, the place and date line of Decree 30/2020/NĐ-CP Appendix I, and HTML escaping.
 * No PostgreSQL headers; unit-tested by fuzz/letters_test.c.
 */
#ifndef TTHC_LETTERS_H
#define TTHC_LETTERS_H

#include <stddef.h>

/* one of the forms of Circular 03/2025/TT-VPCP that a dossier event calls for */
typedef struct LetterForm
{
	const char *code;			/* "01" .. "05" */
	const char *title;			/* the title, upper case, as printed */
	const char *abbrev;			/* the document-type abbreviation of the number line */
	const char *event;			/* the dossier event that issues it */
} LetterForm;

extern const LetterForm letter_forms[];
extern const int letter_nforms;

/* the form of a code, or NULL */
extern const LetterForm *letters_form(const char *code);

/*
 * "ngày DD tháng MM năm YYYY" (Decree 30/2020 Appendix I: a day below 10 and the months 1 and 2
 * take a leading zero, months 3 to 12 never do).  With a place, "<place>, ngày ...".  Writes at most
 * len bytes with a final NUL, returns the length the whole line needs (as snprintf does), or -1 for
 * a date that does not exist or a year outside 1..9999.
 */
extern int	letters_date_line(char *buf, size_t len, const char *place, int year, int month, int day);

/*
 * src with &, <, >, " and ' replaced by entities.  Writes at most len bytes with a final NUL and
 * returns the length the whole escaped text needs.
 */
extern size_t letters_html_escape(char *buf, size_t len, const char *src);

#endif
