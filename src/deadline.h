/*
 * deadline.h: the due day and due instant of a dossier from its receipt instant, its term and the
 * counting policy.  Pure C (no PostgreSQL headers) on top of calendar.h and term.h.
 */
#ifndef TTHC_DEADLINE_H
#define TTHC_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "term.h"

typedef enum DeadlineCounting
{
	DEADLINE_CIVIL_CODE = 0,	/* Civil Code 2015 Arts. 147-148: whole days, receipt day not counted */
	DEADLINE_WORKING_TIME		/* one-stop practice: working time from the receipt instant */
} DeadlineCounting;

typedef struct DeadlinePolicy
{
	DeadlineCounting counting;
	int64_t		cutoff;			/* same-day terms: receipt after this local time of day
								 * (microseconds) is due the next working day; -1 for none */
	bool		end_of_day;		/* day-based terms end at 24:00 rather than at the end of work */
} DeadlinePolicy;

typedef struct Deadline
{
	int32_t		due_day;		/* local day of the due instant */
	int64_t		due_at;			/* the due instant */
	int64_t		start;			/* the receipt instant as counted (first working moment) */
} Deadline;

extern CalStatus deadline_compute(const Calendar *cal, int64_t received, const Term *term,
								  const DeadlinePolicy *policy, Deadline *out);

#endif
