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
	bool		deem_receipt;	/* civil_code: a receipt outside working time counts as made at
								 * the first working moment (State Treasury Circular 87/2021
								 * Art. 10; Customs Decision 2988/QĐ-TCHQ Art. 7(5)); false: the
								 * Civil Code alone, the day of receipt is not counted */
} DeadlinePolicy;

typedef struct Deadline
{
	int32_t		due_day;		/* local day of the due instant */
	int64_t		due_at;			/* the due instant */
	int64_t		start;			/* the instant counted from: the receipt, or its first working
								 * moment under deem_receipt and working-time counting */
} Deadline;

/* the instant a due day ends: the end of its work, or 24:00 (policy->end_of_day) */
extern int64_t deadline_day_end(const Calendar *cal, int32_t day, const DeadlinePolicy *policy);

extern CalStatus deadline_compute(const Calendar *cal, int64_t received, const Term *term,
								  const DeadlinePolicy *policy, Deadline *out);

#endif
