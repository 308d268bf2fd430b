/*
 * clock.h: the time-limit clock of a dossier — start, pause, resume, restart, extension and scoring.
 *
 * Pure C (no PostgreSQL headers) on top of calendar.h, term.h and deadline.h, so that a unit test
 * links it.  A dossier has two due instants (doc/dossier.md, "Two due instants"):
 *  - the legal due, what the law allows: set when the clock starts and moved only by a lawful
 *    restart or pause (a supplement, fees or taxes); lateness is scored against it (Circular
 *    01/2018/TT-VPCP Art. 13; Decree 61/2018/NĐ-CP Art. 19(9) calls an extended dossier "hồ sơ quá
 *    hạn giải quyết");
 *  - the appointment, what the applicant was told: the legal due until the one extension moves it.
 * Instants are microseconds since 2000-01-01 UTC like timestamptz; CLOCK_NO_INSTANT stands for NULL.
 */
#ifndef TTHC_CLOCK_H
#define TTHC_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "deadline.h"
#include "term.h"

#define CLOCK_NO_INSTANT INT64_MIN

/* The values are the order of the SQL enum tthc.clock_state. */
typedef enum ClockKind
{
	CLOCK_NOT_STARTED = 0,
	CLOCK_RUNNING,
	CLOCK_PAUSED,
	CLOCK_STOPPED
} ClockKind;

/* The values are the order of the SQL enum tthc.outcome (Circular 01/2018 Art. 13: 2, 1, 0). */
typedef enum ClockOutcome
{
	OUTCOME_NONE = -1,
	OUTCOME_EARLY = 0,
	OUTCOME_ON_TIME,
	OUTCOME_LATE
} ClockOutcome;

/* How a supplement request during processing is judged (Decree 61/2018 Arts. 15(3), 17(2)(a), 19(4)). */
typedef enum SupplementKind
{
	SUPPLEMENT_IN_WINDOW = 0,	/* the first request, within the window: the procedure's policy */
	SUPPLEMENT_LATE,			/* the first request, after the window: pauses at most */
	SUPPLEMENT_REPEATED			/* a second or later request: pauses at most */
} SupplementKind;

/* "one day before the due date" (Art. 19(9)) counted in working days or in calendar days */
typedef enum ApologyDay
{
	APOLOGY_WORKING_DAY = 0,
	APOLOGY_CALENDAR_DAY
} ApologyDay;

typedef struct ClockPolicy
{
	Term		term;			/* the procedure version's time limit */
	DeadlinePolicy deadline;	/* counting, cut-off, end of a day */
	bool		restart;		/* supplement policy RESTART (true, the default) or PAUSE */
	Term		window;			/* supplement window from receipt (default 3 working days) */
	ApologyDay	apology_day;
} ClockPolicy;

typedef struct Clock
{
	ClockKind	kind;
	int64_t		received;		/* acceptance: the clock's first start */
	int64_t		started;		/* the last start or restart */
	int64_t		legal_due;		/* NULL unless running */
	int64_t		appointment;	/* NULL unless running */
	int64_t		paused_at;		/* NULL unless paused */
	int64_t		paused_legal_due;	/* NULL unless paused; NULL while paused for a restart */
	int64_t		paused_appointment;
	int64_t		remaining;		/* working time left at the pause (microseconds), or NULL */
	bool		extended;
	int64_t		extended_at;
	bool		apology_late;
	int32_t		supplements;	/* requests during processing */
	int32_t		supplements_late;
	int32_t		supplements_repeated;
} Clock;

typedef enum ClockStatus
{
	CLOCK_OK = 0,
	CLOCK_OUT_OF_RANGE,			/* an instant or its answer leaves the calendar's days */
	CLOCK_NOT_RUNNING,			/* the event needs a running (or paused) clock */
	CLOCK_ALREADY_EXTENDED,		/* Art. 19(9): at most one new appointment */
	CLOCK_NOT_LATER,			/* a new appointment must come after the current one */
	CLOCK_NOT_WORKING_MOMENT	/* a new appointment must be a working moment */
} ClockStatus;

extern void clock_init(Clock *c);

/* accepted at t: the legal due and the appointment from the time limit */
extern ClockStatus clock_start(Clock *c, const Calendar *cal, const ClockPolicy *p, int64_t t);

/* a supplement request during processing at t; *kind says how it was judged */
extern ClockStatus clock_request_supplement(Clock *c, const Calendar *cal, const ClockPolicy *p,
											int64_t t, SupplementKind *kind);

/* fees or taxes requested at t: the clock pauses */
extern ClockStatus clock_pause(Clock *c, const Calendar *cal, int64_t t);

/* the dossier is complete again, or paid, at t: a pending restart restarts, a pause resumes */
extern ClockStatus clock_resume(Clock *c, const Calendar *cal, const ClockPolicy *p, int64_t t);

/*
 * The one new appointment, made at t: either the instant appointment or, when it is
 * CLOCK_NO_INSTANT, the term by counted from the current appointment.  Records whether the apology
 * came later than the last lawful moment (clock_apology_deadline).
 */
extern ClockStatus clock_extend(Clock *c, const Calendar *cal, const ClockPolicy *p, int64_t t,
								int64_t appointment, const Term *by);

/* the last lawful moment to apologise: the end of the (working) day before the legal due day */
extern ClockStatus clock_apology_deadline(const Calendar *cal, const ClockPolicy *p,
										  int64_t legal_due, int64_t *deadline);

/* the timeliness of something done at t against due: early (a day before the due day), on time, late */
extern ClockStatus clock_outcome(const Calendar *cal, int64_t t, int64_t due, ClockOutcome *out);

/*
 * Whether a dossier is late at t: running past its legal due, or paused after it.  Used to score
 * a result, a stop or a withdrawal; OUTCOME_NONE when the clock never started.
 */
extern ClockStatus clock_score(const Clock *c, const Calendar *cal, int64_t t, ClockOutcome *out);

/* the clock stops (result ready, stop, withdrawal); a paused one keeps the due instants it had */
extern void clock_stop(Clock *c);

/* true when t is inside (or at an end of) one of the sessions of its local day */
extern bool clock_is_working_moment(const Calendar *cal, int64_t t);

/*
 * The due instant after a pause from paused_at to resumed_at, the paused one moved by the pause
 * measured in the time limit's unit: days move by the working (or calendar) days paused and end as
 * a due day ends; working hours run what was left again; hours add the pause.
 */
extern ClockStatus clock_resumed_due(const Calendar *cal, const ClockPolicy *p, int64_t paused_at,
									 int64_t paused_due, int64_t remaining, int64_t resumed_at,
									 int64_t *due);

#endif
