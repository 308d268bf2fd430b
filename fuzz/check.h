/*
 * check.h: the counters and the CHECK macro shared by the unit tests of the pure C cores.
 * Include once per test program.
 */
#ifndef TTHC_CHECK_H
#define TTHC_CHECK_H

#include <stdio.h>

static int	checks = 0;
static int	failures = 0;

#define CHECK(cond, ...) \
	do { \
		checks++; \
		if (!(cond)) \
		{ \
			failures++; \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} while (0)

#endif
