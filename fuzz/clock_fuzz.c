/*
 * clock_fuzz.c: libFuzzer harness for the dossier clock (src/clock.c) on a calendar built from
 * the input (fuzz_calendar.h), driven by a sequence of events at non-decreasing instants.
 *
 * Properties checked after every event:
 *   - an event the clock's state does not allow fails with CLOCK_NOT_RUNNING and changes nothing,
 *     and a failed event changes nothing either;
 *   - a running clock has a legal due and an appointment, the appointment never before the legal
 *     due, the legal due after its start; a paused one has neither, and a pause time; a stopped or
 *     new one is not paused;
 *   - an extension moves the appointment later, at most once, and leaves the legal due alone; an
 *     apology is late exactly when made after clock_apology_deadline, which is not after the due;
 *   - a pause resumed under working hours leaves exactly the working time that was left, and under
 *     Civil Code counting a pause never brings the legal due earlier;
 *   - the supplement counters add up; the score is late exactly when the instant is past the due.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "clock.h"
#include "fuzz_calendar.h"
#include "fuzz_input.h"

static void
check_invariants(const Clock *c)
{
	REQUIRE(c->supplements >= c->supplements_late + c->supplements_repeated);
	REQUIRE(c->supplements_late >= 0 && c->supplements_repeated >= 0);
	REQUIRE(c->extended == (c->extended_at != CLOCK_NO_INSTANT));
	switch (c->kind)
	{
		case CLOCK_NOT_STARTED:
			REQUIRE(c->received == CLOCK_NO_INSTANT && c->legal_due == CLOCK_NO_INSTANT);
			break;
		case CLOCK_RUNNING:
			REQUIRE(c->received != CLOCK_NO_INSTANT && c->started >= c->received);
			REQUIRE(c->legal_due != CLOCK_NO_INSTANT && c->appointment != CLOCK_NO_INSTANT);
			REQUIRE(c->appointment >= c->legal_due);
			REQUIRE(c->legal_due >= c->started);
			REQUIRE(c->paused_at == CLOCK_NO_INSTANT && c->remaining == CLOCK_NO_INSTANT);
			break;
		case CLOCK_PAUSED:
			REQUIRE(c->legal_due == CLOCK_NO_INSTANT && c->appointment == CLOCK_NO_INSTANT);
			REQUIRE(c->paused_at != CLOCK_NO_INSTANT && c->paused_appointment != CLOCK_NO_INSTANT);
			REQUIRE((c->paused_legal_due == CLOCK_NO_INSTANT) == (c->remaining == CLOCK_NO_INSTANT));
			break;
		case CLOCK_STOPPED:
			REQUIRE(c->paused_at == CLOCK_NO_INSTANT);
			break;
	}
}

static Term
pick_term(FuzzInput *in, bool same_day)
{
	Term		t;

	t.unit = fuzz_u8(in) % (TERM_UNIT_LAST + 1);
	if (t.unit == TERM_SAME_DAY && !same_day)
		t.unit = TERM_WORKING_DAYS;
	t.amount = t.unit == TERM_SAME_DAY ? 0 : (int32_t) fuzz_range(in, 1, fuzz_u8(in) % 4 ? 30 : TERM_MAX_AMOUNT);
	REQUIRE(term_is_valid(&t));
	return t;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {data, size, 0};
	ClockPolicy p;
	Clock		c,
				before;
	int64_t		t;

	if (!build(&in))
	{
		destroy();
		return 0;
	}
	memset(&p, 0, sizeof(p));
	p.term = pick_term(&in, true);
	p.deadline.counting = fuzz_u8(&in) % 2 ? DEADLINE_WORKING_TIME : DEADLINE_CIVIL_CODE;
	p.deadline.cutoff = fuzz_u8(&in) % 2 ? -1 : (int64_t) fuzz_range(&in, 0, 1440) * U;
	p.deadline.end_of_day = fuzz_u8(&in) & 1;
	p.deadline.deem_receipt = fuzz_u8(&in) & 1;
	p.restart = fuzz_u8(&in) & 1;
	p.window = pick_term(&in, false);
	p.apology_day = fuzz_u8(&in) % 2 ? APOLOGY_CALENDAR_DAY : APOLOGY_WORKING_DAY;

	clock_init(&c);
	check_invariants(&c);
	t = midnight(0) + (int64_t) fuzz_range(&in, 0, 2 * 1440) * U;
	for (int step = 0; step < 24 && in.pos < in.size; step++)
	{
		uint8_t		ev = fuzz_u8(&in);
		ClockStatus st = CLOCK_OK;
		ClockKind	kind = c.kind;
		ClockOutcome out;

		/* time goes forward: minutes, hours or days */
		t += (int64_t) fuzz_u16(&in) * (ev & 0x80 ? 60 * U : ev & 0x40 ? U : 1000000);
		before = c;
		switch (ev % 7)
		{
			case 0:
				if (c.kind != CLOCK_NOT_STARTED)
					continue;
				st = clock_start(&c, &cal, &p, t);
				if (st == CLOCK_OK)
					REQUIRE(c.kind == CLOCK_RUNNING && c.received == t && c.started == t &&
							c.legal_due == c.appointment);
				break;
			case 1:
				{
					SupplementKind k;

					st = clock_request_supplement(&c, &cal, &p, t, &k);
					if (st == CLOCK_OK)
					{
						REQUIRE(c.kind == CLOCK_PAUSED && c.paused_at == t);
						REQUIRE(c.supplements == before.supplements + 1);
						REQUIRE((k == SUPPLEMENT_REPEATED) == (before.supplements > 0));
						REQUIRE((c.paused_legal_due == CLOCK_NO_INSTANT) ==
								(k == SUPPLEMENT_IN_WINDOW && p.restart));
						REQUIRE(c.paused_appointment == before.appointment);
					}
					break;
				}
			case 2:
				st = clock_pause(&c, &cal, t);
				if (st == CLOCK_OK)
				{
					REQUIRE(c.kind == CLOCK_PAUSED && c.paused_legal_due == before.legal_due);
					REQUIRE(c.remaining >= 0 || t > before.legal_due);
				}
				break;
			case 3:
				st = clock_resume(&c, &cal, &p, t);
				if (st == CLOCK_OK)
				{
					REQUIRE(c.kind == CLOCK_RUNNING);
					REQUIRE(c.extended == before.extended);
					if (before.paused_legal_due != CLOCK_NO_INSTANT)
					{
						if (p.term.unit == TERM_WORKING_HOURS)
						{
							int64_t		left;

							REQUIRE(cal_time_between(&cal, t, c.legal_due, &left) == CAL_OK &&
									left == before.remaining);
						}
						if (p.deadline.counting == DEADLINE_CIVIL_CODE && p.term.unit != TERM_WORKING_HOURS)
							REQUIRE(c.legal_due >= before.paused_legal_due);
					}
				}
				break;
			case 4:
				{
					Term		by = pick_term(&in, false);
					int64_t		appointment = CLOCK_NO_INSTANT;
					int64_t		apology;

					if (fuzz_u8(&in) % 2)
						appointment = c.appointment == CLOCK_NO_INSTANT ? t :
							c.appointment + (int64_t) fuzz_u16(&in) * U - 1000 * U;
					st = clock_extend(&c, &cal, &p, t, appointment, &by);
					if (before.kind == CLOCK_RUNNING && before.extended)
						REQUIRE(st == CLOCK_ALREADY_EXTENDED);
					if (st == CLOCK_OK)
					{
						REQUIRE(c.extended && c.extended_at == t && c.appointment > before.appointment);
						REQUIRE(c.legal_due == before.legal_due);
						REQUIRE(appointment == CLOCK_NO_INSTANT || (c.appointment == appointment &&
																	 clock_is_working_moment(&cal, appointment)));
						REQUIRE(clock_apology_deadline(&cal, &p, c.legal_due, &apology) == CLOCK_OK);
						REQUIRE(apology <= c.legal_due);
						REQUIRE(c.apology_late == (t > apology));
					}
					break;
				}
			case 5:
				clock_stop(&c);
				REQUIRE(c.kind == (before.kind == CLOCK_NOT_STARTED ? CLOCK_NOT_STARTED : CLOCK_STOPPED));
				if (before.kind == CLOCK_PAUSED)
					REQUIRE(c.appointment == before.paused_appointment);
				break;
			default:
				st = clock_score(&c, &cal, t, &out);
				REQUIRE(memcmp(&c, &before, sizeof(c)) == 0);
				if (st == CLOCK_OK && c.kind == CLOCK_RUNNING)
					REQUIRE((out == OUTCOME_LATE) == (t > c.legal_due) && out != OUTCOME_NONE);
				if (c.kind == CLOCK_NOT_STARTED || c.kind == CLOCK_STOPPED)
					REQUIRE(st == CLOCK_OK && out == OUTCOME_NONE);
				break;
		}
		if (st == CLOCK_NOT_RUNNING)
			REQUIRE(kind != CLOCK_RUNNING || ev % 7 == 3);
		if (st != CLOCK_OK)
			REQUIRE(memcmp(&c, &before, sizeof(c)) == 0);
		check_invariants(&c);
	}
	destroy();
	return 0;
}
