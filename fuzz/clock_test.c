/*
 * clock_test.c: unit tests of the dossier clock (src/clock.c) on a small calendar: Monday to Friday
 * 07:30-11:30 and 13:30-17:00 at UTC+7 over 2026-2027, and one Saturday with morning reception.
 * The dates are those of the regression test lifecycle.sql, worked out there by hand.  Built and run
 * by make -C fuzz check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "clock.h"

#define MIN CAL_USECS_PER_MINUTE
#define DAY CAL_USECS_PER_DAY
#define OFFSET (7 * 3600)

static Calendar cal;

/* days since 2000-01-01 of a Gregorian date */
static int32_t
day_of(int y, int m, int d)
{
	int			a = (14 - m) / 12;
	int			yy = y + 4800 - a;
	int			mm = m + 12 * a - 3;
	int32_t		jdn = d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;

	return jdn - 2451545;
}

/* the instant a local clock at UTC+7 shows */
static int64_t
at(int y, int m, int d, int h, int mi)
{
	return (int64_t) day_of(y, m, d) * DAY + (int64_t) (h * 60 + mi) * MIN - (int64_t) OFFSET * 1000000;
}

static void
build(void)
{
	CalPattern *weekday,
			   *saturday;

	cal.first = day_of(2026, 1, 1);
	cal.ndays = day_of(2028, 1, 1) - cal.first;
	cal.pattern = calloc(cal.ndays, sizeof(uint8_t));
	cal.utc_offset = calloc(cal.ndays, sizeof(int32_t));
	cal.npatterns = 3;
	cal.patterns = calloc(cal.npatterns, sizeof(CalPattern));
	weekday = &cal.patterns[1];
	weekday->nsessions = 2;
	weekday->s[0] = (CalSession) {450, 690};
	weekday->s[1] = (CalSession) {810, 1020};
	weekday->minutes = 240 + 210;
	saturday = &cal.patterns[2];
	saturday->nsessions = 1;
	saturday->s[0] = (CalSession) {450, 690};
	saturday->minutes = 240;
	for (int32_t i = 0; i < cal.ndays; i++)
	{
		int			dow = (cal.first + i + 5) % 7;	/* 0 = Monday; 2000-01-01 was a Saturday */

		cal.utc_offset[i] = OFFSET;
		cal.pattern[i] = dow < 5 ? 1 : 0;
	}
	cal.timezone = "Asia/Ho_Chi_Minh";
	cal_build_index(&cal, malloc(cal_index_size(&cal)));
}

static ClockPolicy
policy(int amount, bool restart)
{
	ClockPolicy p = {0};

	p.term = (Term) {amount, TERM_WORKING_DAYS};
	p.deadline.counting = DEADLINE_CIVIL_CODE;
	p.deadline.cutoff = -1;
	p.restart = restart;
	p.window = (Term) {3, TERM_WORKING_DAYS};
	p.apology_day = APOLOGY_WORKING_DAY;
	return p;
}

static Clock
started(const ClockPolicy *p, int64_t t)
{
	Clock		c;

	clock_init(&c);
	CHECK(clock_start(&c, &cal, p, t) == CLOCK_OK, "start");
	return c;
}

static void
test_start_and_extension(void)
{
	ClockPolicy p = policy(10, true);
	Clock		c = started(&p, at(2026, 3, 2, 9, 0));
	Clock		d;
	int64_t		deadline;
	Term		three = {3, TERM_WORKING_DAYS};
	ClockOutcome o;

	/* 10 working days after Monday 03-02: Monday 03-16, at the end of work */
	CHECK(c.kind == CLOCK_RUNNING && c.legal_due == at(2026, 3, 16, 17, 0) && c.appointment == c.legal_due,
		  "legal due %lld", (long long) c.legal_due);

	/* the last lawful moment: the end of Friday 03-13; with calendar days, Monday 03-16 00:00 */
	CHECK(clock_apology_deadline(&cal, &p, c.legal_due, &deadline) == CLOCK_OK &&
		  deadline == at(2026, 3, 13, 17, 0), "apology deadline");
	p.apology_day = APOLOGY_CALENDAR_DAY;
	CHECK(clock_apology_deadline(&cal, &p, c.legal_due, &deadline) == CLOCK_OK &&
		  deadline == at(2026, 3, 16, 0, 0), "apology deadline in calendar days");
	p.apology_day = APOLOGY_WORKING_DAY;

	/* after the due date: recorded, the apology late, the legal due unmoved, the result late */
	d = c;
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 17, 9, 0), at(2026, 3, 20, 10, 0), NULL) == CLOCK_OK,
		  "late extension");
	CHECK(d.extended && d.apology_late && d.legal_due == at(2026, 3, 16, 17, 0) &&
		  d.appointment == at(2026, 3, 20, 10, 0), "late extension recorded");
	CHECK(clock_score(&d, &cal, at(2026, 3, 19, 9, 0), &o) == CLOCK_OK && o == OUTCOME_LATE,
		  "finished before the new appointment is still late");
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 18, 9, 0), at(2026, 3, 27, 10, 0), NULL) == CLOCK_ALREADY_EXTENDED,
		  "once only");

	/* two working days before: on time; by a term, 3 working days after 03-16 is 03-19 */
	d = c;
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 12, 10, 0), CLOCK_NO_INSTANT, &three) == CLOCK_OK &&
		  !d.apology_late && d.appointment == at(2026, 3, 19, 17, 0), "in-time extension by a term");
	CHECK(clock_score(&d, &cal, at(2026, 3, 16, 10, 0), &o) == CLOCK_OK && o == OUTCOME_ON_TIME,
		  "on the legal due day");
	CHECK(clock_score(&d, &cal, at(2026, 3, 13, 10, 0), &o) == CLOCK_OK && o == OUTCOME_EARLY,
		  "a day before the due day");

	/* refused new appointments leave the clock as it was */
	d = c;
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 12, 10, 0), at(2026, 3, 22, 20, 0), NULL) == CLOCK_NOT_WORKING_MOMENT,
		  "Sunday night");
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 12, 10, 0), at(2026, 3, 20, 12, 0), NULL) == CLOCK_NOT_WORKING_MOMENT,
		  "lunch time");
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 12, 10, 0), at(2026, 3, 20, 17, 0), NULL) == CLOCK_OK,
		  "the end of a session is a working moment");
	d = c;
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 12, 10, 0), at(2026, 3, 13, 10, 0), NULL) == CLOCK_NOT_LATER,
		  "earlier");
	CHECK(clock_extend(&d, &cal, &p, at(2026, 3, 12, 10, 0), at(2031, 3, 13, 10, 0), NULL) == CLOCK_OUT_OF_RANGE,
		  "outside the calendar");
	CHECK(!d.extended && d.appointment == c.appointment, "unchanged after refusals");
}

static void
test_supplements(void)
{
	ClockPolicy p = policy(10, true);
	Clock		c = started(&p, at(2026, 3, 2, 9, 0));
	SupplementKind k;
	ClockOutcome o;

	/* within the window (until Thursday 03-05 17:00), RESTART: back Tuesday 03-10, due 03-24 */
	CHECK(clock_request_supplement(&c, &cal, &p, at(2026, 3, 4, 10, 0), &k) == CLOCK_OK &&
		  k == SUPPLEMENT_IN_WINDOW && c.kind == CLOCK_PAUSED && c.paused_legal_due == CLOCK_NO_INSTANT,
		  "in window, restart pending");
	CHECK(clock_score(&c, &cal, at(2026, 3, 30, 10, 0), &o) == CLOCK_OK && o == OUTCOME_ON_TIME,
		  "a pending restart is not late");
	CHECK(clock_resume(&c, &cal, &p, at(2026, 3, 10, 9, 0)) == CLOCK_OK &&
		  c.legal_due == at(2026, 3, 24, 17, 0) && c.started == at(2026, 3, 10, 9, 0) &&
		  c.received == at(2026, 3, 2, 9, 0), "restarted");

	/* a second request only pauses: Thursday 03-12 to Friday 03-13, one working day */
	CHECK(clock_request_supplement(&c, &cal, &p, at(2026, 3, 12, 10, 0), &k) == CLOCK_OK &&
		  k == SUPPLEMENT_REPEATED && c.paused_legal_due == at(2026, 3, 24, 17, 0), "repeated");
	CHECK(clock_resume(&c, &cal, &p, at(2026, 3, 13, 9, 0)) == CLOCK_OK &&
		  c.legal_due == at(2026, 3, 25, 17, 0), "repeated resumed");
	CHECK(c.supplements == 2 && c.supplements_repeated == 1 && c.supplements_late == 0, "counted");

	/* a first request after the window only pauses: Monday 03-09 to Wednesday 03-11 */
	c = started(&p, at(2026, 3, 2, 9, 0));
	CHECK(clock_request_supplement(&c, &cal, &p, at(2026, 3, 9, 9, 0), &k) == CLOCK_OK &&
		  k == SUPPLEMENT_LATE && c.paused_legal_due == at(2026, 3, 16, 17, 0), "late");
	CHECK(clock_resume(&c, &cal, &p, at(2026, 3, 11, 9, 0)) == CLOCK_OK &&
		  c.legal_due == at(2026, 3, 18, 17, 0) && c.supplements_late == 1, "late resumed");

	/* PAUSE within the window pauses too */
	p = policy(10, false);
	c = started(&p, at(2026, 3, 2, 9, 0));
	CHECK(clock_request_supplement(&c, &cal, &p, at(2026, 3, 3, 9, 0), &k) == CLOCK_OK &&
		  k == SUPPLEMENT_IN_WINDOW && c.paused_legal_due == at(2026, 3, 16, 17, 0), "pause policy");
	CHECK(clock_resume(&c, &cal, &p, at(2026, 3, 5, 9, 0)) == CLOCK_OK &&
		  c.legal_due == at(2026, 3, 18, 17, 0), "pause policy resumed");

	/* not running: nothing to pause */
	c.kind = CLOCK_STOPPED;
	CHECK(clock_request_supplement(&c, &cal, &p, at(2026, 3, 6, 9, 0), &k) == CLOCK_NOT_RUNNING, "stopped");
}

static void
test_pauses_and_stops(void)
{
	ClockPolicy p = policy(10, true);
	Clock		c = started(&p, at(2026, 3, 2, 9, 0));
	ClockOutcome o;
	int64_t		due;
	int32_t		sat = day_of(2026, 3, 7) - cal.first;

	/* paused after the due date, then stopped: late, and the due instants stay on record */
	CHECK(clock_pause(&c, &cal, at(2026, 3, 17, 10, 0)) == CLOCK_OK, "fee pause");
	CHECK(clock_score(&c, &cal, at(2026, 3, 30, 10, 0), &o) == CLOCK_OK && o == OUTCOME_LATE,
		  "paused after the due date is late");
	clock_stop(&c);
	CHECK(c.kind == CLOCK_STOPPED && c.legal_due == at(2026, 3, 16, 17, 0) &&
		  c.paused_at == CLOCK_NO_INSTANT, "stopped while paused");

	/* a resumed due keeps to the sessions: Saturday 03-07 with morning reception ends at 11:30 */
	cal.pattern[sat] = 2;
	cal_build_index(&cal, malloc(cal_index_size(&cal)));
	p = policy(2, false);
	c = started(&p, at(2026, 3, 4, 9, 0));
	CHECK(c.legal_due == at(2026, 3, 6, 17, 0), "2 working days");
	CHECK(clock_pause(&c, &cal, at(2026, 3, 5, 9, 0)) == CLOCK_OK &&
		  clock_resume(&c, &cal, &p, at(2026, 3, 6, 9, 0)) == CLOCK_OK &&
		  c.legal_due == at(2026, 3, 7, 11, 30), "resumed onto a Saturday morning");
	cal.pattern[sat] = 0;
	cal_build_index(&cal, malloc(cal_index_size(&cal)));

	/* plain hours add the pause, but never past the calendar */
	p.term = (Term) {4, TERM_HOURS};
	CHECK(clock_resumed_due(&cal, &p, at(2026, 3, 2, 9, 0), at(2026, 3, 2, 13, 0), 0,
							at(2026, 3, 3, 9, 0), &due) == CLOCK_OK && due == at(2026, 3, 3, 13, 0),
		  "hours");
	CHECK(clock_resumed_due(&cal, &p, at(2026, 3, 2, 9, 0), at(2027, 12, 31, 13, 0), 0,
							at(2027, 12, 31, 9, 0) + 400 * DAY, &due) == CLOCK_OUT_OF_RANGE,
		  "hours past the calendar");
	/* a resumption that fails leaves the paused clock as it was */
	{
		ClockPolicy hp = policy(4, false);
		Clock		c,
					before;

		hp.term = (Term) {4, TERM_HOURS};
		c = started(&hp, at(2027, 12, 31, 9, 0));
		CHECK(clock_pause(&c, &cal, at(2027, 12, 31, 10, 0)) == CLOCK_OK, "paused near the end");
		before = c;
		CHECK(clock_resume(&c, &cal, &hp, at(2027, 12, 31, 10, 0) + 400 * DAY) == CLOCK_OUT_OF_RANGE &&
			  memcmp(&c, &before, sizeof(c)) == 0 && c.kind == CLOCK_PAUSED &&
			  c.legal_due == CLOCK_NO_INSTANT, "failed resumption changes nothing");
	}
	/* working hours run what was left again */
	p.term = (Term) {8, TERM_WORKING_HOURS};
	CHECK(clock_resumed_due(&cal, &p, at(2026, 3, 2, 9, 0), CLOCK_NO_INSTANT, 60 * MIN,
							at(2026, 3, 3, 16, 30), &due) == CLOCK_OK && due == at(2026, 3, 4, 8, 0),
		  "working hours");
	/* calendar days move by calendar days, to a working day */
	p.term = (Term) {15, TERM_DAYS};
	CHECK(clock_resumed_due(&cal, &p, at(2026, 3, 2, 9, 0), at(2026, 3, 17, 17, 0), 0,
							at(2026, 3, 6, 9, 0), &due) == CLOCK_OK && due == at(2026, 3, 23, 17, 0),
		  "calendar days: 03-17 plus 4 days is Saturday 03-21, moved to Monday");

	/*
	 * working-time counting keeps each instant's time of day: an appointment at 00:50 after a due
	 * at the end of Friday's work would land at 00:50 of the legal due's new day; it is held at
	 * the legal due instead (Decree 61/2018 Art. 19(9))
	 */
	{
		ClockPolicy wp = policy(2, false);
		Clock		w;

		wp.deadline.counting = DEADLINE_WORKING_TIME;
		clock_init(&w);
		w.kind = CLOCK_PAUSED;
		w.received = w.started = at(2026, 3, 4, 9, 0);
		w.extended = true;
		w.extended_at = at(2026, 3, 5, 8, 0);
		w.paused_at = at(2026, 3, 5, 9, 0);
		w.paused_legal_due = at(2026, 3, 6, 17, 0);
		w.paused_appointment = at(2026, 3, 7, 0, 50);
		w.remaining = 0;
		CHECK(cal_time_between(&cal, w.paused_at, w.paused_legal_due, &w.remaining) == CAL_OK &&
			  clock_resume(&w, &cal, &wp, at(2026, 3, 9, 9, 0)) == CLOCK_OK &&
			  w.legal_due == at(2026, 3, 10, 17, 0) && w.appointment == w.legal_due,
			  "an extended appointment never lands before the legal due");
	}

	/* outcomes */
	CHECK(clock_outcome(&cal, at(2026, 3, 16, 17, 0), at(2026, 3, 16, 17, 0), &o) == CLOCK_OK &&
		  o == OUTCOME_ON_TIME, "at the due instant");
	CHECK(clock_outcome(&cal, at(2026, 3, 16, 17, 1), at(2026, 3, 16, 17, 0), &o) == CLOCK_OK &&
		  o == OUTCOME_LATE, "a minute late");
	CHECK(clock_is_working_moment(&cal, at(2026, 3, 16, 7, 30)) &&
		  !clock_is_working_moment(&cal, at(2026, 3, 16, 7, 29)), "session edges");
}

/*
 * Where the UTC offset grows overnight, "24:00 of the working day before" read at that day's offset
 * falls after the due day began; the apology deadline is held at the due day's 00:00, so it never
 * follows a due early on the due day.
 */
static void
test_offset_change(void)
{
	ClockPolicy p = policy(2, false);
	int32_t		due = day_of(2026, 3, 17);
	int64_t		legal_due = (int64_t) due * DAY + 11 * MIN - (int64_t) (OFFSET + 7200) * 1000000;
	int64_t		deadline;

	p.deadline.end_of_day = true;
	cal.utc_offset[due - cal.first] = OFFSET + 7200;
	cal_build_index(&cal, malloc(cal_index_size(&cal)));
	CHECK(clock_apology_deadline(&cal, &p, legal_due, &deadline) == CLOCK_OK &&
		  deadline == (int64_t) due * DAY - (int64_t) (OFFSET + 7200) * 1000000 &&
		  deadline <= legal_due, "the apology deadline is not after a due at 00:11");
	/* with one offset: 24:00 of the working day before, Friday, for a due early on Monday */
	CHECK(clock_apology_deadline(&cal, &p, at(2026, 3, 16, 0, 11), &deadline) == CLOCK_OK &&
		  deadline == at(2026, 3, 14, 0, 0), "24:00 of the working day before: Friday's");
	cal.utc_offset[due - cal.first] = OFFSET;
	cal_build_index(&cal, malloc(cal_index_size(&cal)));
}

int
main(void)
{
	build();
	test_start_and_extension();
	test_supplements();
	test_pauses_and_stops();
	test_offset_change();
	printf("clock_test: %d checks, %d failed\n", checks, failures);
	return failures != 0;
}
