/*
 * catalogue_fuzz.c: libFuzzer harness for the agency, procedure and sector code parsers.
 *
 * Properties checked on every input:
 *   - each parser gives the same status with and without its optional outputs, and on failure
 *     points at a position inside the text (or just after it);
 *   - a valid agency code is 13 characters, has a level 1..4 and formats back to itself;
 *   - a valid procedure code is rebuilt exactly from its parts: the base code, the agency suffix
 *     (itself a valid agency code, or a level-1 unit) and the service number;
 *   - a valid sector code is 6 to 11 characters of ASCII;
 *   - the parsers read only the len bytes they are given (ASan sees the heap edge).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

#define REQUIRE(cond) do { if (!(cond)) abort(); } while (0)

static void
fuzz_agency(const char *s, size_t len)
{
	AgencyCode	c;
	CodeError	e;
	CodeStatus	st = agency_code_parse(s, len, &c, &e);

	REQUIRE(st == e.status);
	REQUIRE(agency_code_parse(s, len, NULL, NULL) == st);
	if (st == CODE_OK)
	{
		char		buf[AGENCY_CODE_LEN + 1];

		REQUIRE(s[0] != 'Z' && memchr(s, 'Z', len) == NULL);
		if (c.grammar == AGENCY_D20)
		{
			/* MX1X2 and dot-separated groups of 2 or 3 digits */
			REQUIRE(len >= 3 && len <= AGENCY_CODE_MAX);
			REQUIRE(c.level >= 1 && c.level <= 11);
			REQUIRE(s[0] >= 'A' && s[0] <= 'Y' && memcmp(c.unit, s, 3) == 0);
			REQUIRE(c.level4 == 0 && c.level3 == 0 && c.level2 == 0);
			return;
		}
		REQUIRE(len == AGENCY_CODE_LEN);
		REQUIRE(c.level >= 1 && c.level <= 4);
		REQUIRE(c.level4 >= 0 && c.level4 <= 999 && c.level3 >= 0 && c.level3 <= 99 &&
				c.level2 >= 0 && c.level2 <= 99);
		agency_code_format(&c, buf);
		REQUIRE(memcmp(buf, s, len) == 0);
	}
	else
	{
		REQUIRE(e.pos <= len);
		REQUIRE(st != CODE_LEVEL_GAP || e.level == 3 || e.level == 4);
		REQUIRE(code_expect_name(e.expect) != NULL);
	}
}

static void
fuzz_procedure(const char *s, size_t len)
{
	ProcedureCode c;
	CodeError	e;
	CodeStatus	st = procedure_code_parse(s, len, &c, &e);

	REQUIRE(st == e.status);
	REQUIRE(procedure_code_parse(s, len, NULL, NULL) == st);
	if (st == CODE_OK)
	{
		char		rebuilt[64];
		size_t		n = 0;

		REQUIRE(c.len == len && len >= PROCEDURE_BASE_LEN && len < sizeof(rebuilt));
		REQUIRE(procedure_code_parse(s, PROCEDURE_BASE_LEN, NULL, NULL) == CODE_OK);
		memcpy(rebuilt, s, PROCEDURE_BASE_LEN);
		n = PROCEDURE_BASE_LEN;
		if (c.agency_len == AGENCY_CODE_LEN)
			REQUIRE(agency_code_parse(s + c.agency_pos, c.agency_len, NULL, NULL) == CODE_OK);
		else
			REQUIRE(c.agency_len == 0 || c.agency_len == 3);
		if (c.agency_len > 0)
		{
			REQUIRE(c.agency_pos == PROCEDURE_BASE_LEN + 1);
			rebuilt[n++] = '.';
			memcpy(rebuilt + n, s + c.agency_pos, c.agency_len);
			n += c.agency_len;
		}
		REQUIRE(c.online >= -1 && c.online <= 99);
		if (c.online >= 0)
			n += (size_t) snprintf(rebuilt + n, sizeof(rebuilt) - n, ".%02d", c.online);
		REQUIRE(n == len && memcmp(rebuilt, s, len) == 0);
	}
	else
		REQUIRE(e.pos <= len);
}

static void
fuzz_sector(const char *s, size_t len)
{
	CodeError	e;
	CodeStatus	st = sector_code_parse(s, len, &e);

	REQUIRE(st == e.status);
	REQUIRE(sector_code_parse(s, len, NULL) == st);
	if (st == CODE_OK)
	{
		size_t		i;

		REQUIRE(len >= 6 && len <= 11);
		for (i = 0; i < len; i++)
			REQUIRE((unsigned char) s[i] < 0x80);
	}
	else
		REQUIRE(e.pos <= len);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so any read past len is a heap overflow */
	char	   *s = malloc(size > 0 ? size : 1);

	REQUIRE(s);
	if (size > 0)
		memcpy(s, data, size);
	fuzz_agency(s, size);
	fuzz_procedure(s, size);
	fuzz_sector(s, size);
	free(s);
	return 0;
}
