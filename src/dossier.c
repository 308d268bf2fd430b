/*
 * dossier.c: the one table of legal transitions between the national dossier statuses.
 *
 * Sources: Decree 61/2018/NĐ-CP (amended by Decree 107/2021) — Art. 17(1) the clock starts when a
 * complete, valid dossier is accepted; Art. 19(4) a supplement request returns the dossier to the
 * applicant and the time limit restarts once it is complete (or pauses, per procedure policy);
 * Art. 19(8) a rejection after appraisal; Art. 19(9) at most one re-scheduling; Art. 20 return of
 * the result.  The status codes are the National Public Service Portal's (practice).  Waiting for
 * fees or taxes stops the clock (practice).  "Overdue" is never a status: it is derived from the
 * due instant.
 */
#include <string.h>

#include "dossier.h"

const DossierStatusInfo dossier_status_info[DOSSIER_NSTATUS + 1] = {
	{NULL, NULL, false},
	[ST_SUBMITTED] = {"Mới đăng ký", "Submitted", false},
	[ST_ACCEPTED] = {"Được tiếp nhận", "Accepted", false},
	[ST_REFUSED] = {"Không được tiếp nhận", "Refused at the desk", true},
	[ST_PROCESSING] = {"Đang xử lý", "Processing", false},
	[ST_SUPPLEMENT] = {"Yêu cầu bổ sung giấy tờ", "Supplement requested", false},
	[ST_PAYMENT] = {"Yêu cầu thực hiện nghĩa vụ tài chính", "Awaiting fees or taxes", false},
	[ST_WITHDRAWN] = {"Công dân yêu cầu rút hồ sơ", "Withdrawn by the applicant", true},
	[ST_STOPPED] = {"Dừng xử lý", "Processing stopped", true},
	[ST_FINISHED] = {"Đã xử lý xong", "Result ready", false},
	[ST_RETURNED] = {"Đã trả kết quả", "Result returned", true},
};

const char *const clock_effect_names[] = {
	[CLOCK_NONE] = "none",
	[CLOCK_START] = "start",
	[CLOCK_SUSPEND_SUPPLEMENT] = "suspend_supplement",
	[CLOCK_RESUME_SUPPLEMENT] = "resume_supplement",
	[CLOCK_SUSPEND_PAYMENT] = "suspend_payment",
	[CLOCK_RESUME_PAYMENT] = "resume_payment",
	[CLOCK_EXTEND] = "extend",
	[CLOCK_FINISH] = "finish",
	[CLOCK_RETURN] = "return",
	[CLOCK_STOP] = "stop",
};

const char *const dossier_phase_names[] = {
	[PHASE_ANY] = "any",
	[PHASE_BEFORE_ACCEPTANCE] = "before_acceptance",
	[PHASE_AFTER_ACCEPTANCE] = "after_acceptance",
};

#define BEFORE PHASE_BEFORE_ACCEPTANCE
#define AFTER PHASE_AFTER_ACCEPTANCE

/*
 * Before acceptance (Decree 61 Art. 16(1)-(2), Art. 17(1) at the desk and by post, Art. 17(2)(a)
 * online, a dossier sent to the wrong agency included): a complete dossier is accepted and the clock
 * starts; an incomplete one is sent back with a supplement request (Form 02) and no clock; one that
 * cannot be received is refused (Form 03).  After acceptance: Art. 18(3) forwards it to the competent
 * agency, Art. 19(4) supplements, Art. 19(8) the result (a grant or a refusal), Art. 19(9) one
 * re-scheduling, Art. 20 the return.
 */
const DossierTransition dossier_transitions[] = {
	{ST_SUBMITTED, "accept", ST_ACCEPTED, CLOCK_START, BEFORE},
	{ST_SUBMITTED, "refuse", ST_REFUSED, CLOCK_NONE, BEFORE},
	{ST_SUBMITTED, "request_supplement", ST_SUPPLEMENT, CLOCK_NONE, BEFORE},
	{ST_SUBMITTED, "withdraw", ST_WITHDRAWN, CLOCK_NONE, BEFORE},

	{ST_ACCEPTED, "start_processing", ST_PROCESSING, CLOCK_NONE, AFTER},
	{ST_ACCEPTED, "forward", ST_PROCESSING, CLOCK_NONE, AFTER},
	{ST_ACCEPTED, "request_supplement", ST_SUPPLEMENT, CLOCK_SUSPEND_SUPPLEMENT, AFTER},
	{ST_ACCEPTED, "request_payment", ST_PAYMENT, CLOCK_SUSPEND_PAYMENT, AFTER},
	{ST_ACCEPTED, "extend", ST_ACCEPTED, CLOCK_EXTEND, AFTER},
	{ST_ACCEPTED, "withdraw", ST_WITHDRAWN, CLOCK_STOP, AFTER},
	{ST_ACCEPTED, "stop", ST_STOPPED, CLOCK_STOP, AFTER},

	{ST_PROCESSING, "forward", ST_PROCESSING, CLOCK_NONE, AFTER},
	{ST_PROCESSING, "request_supplement", ST_SUPPLEMENT, CLOCK_SUSPEND_SUPPLEMENT, AFTER},
	{ST_PROCESSING, "request_payment", ST_PAYMENT, CLOCK_SUSPEND_PAYMENT, AFTER},
	{ST_PROCESSING, "extend", ST_PROCESSING, CLOCK_EXTEND, AFTER},
	{ST_PROCESSING, "finish", ST_FINISHED, CLOCK_FINISH, AFTER},
	{ST_PROCESSING, "withdraw", ST_WITHDRAWN, CLOCK_STOP, AFTER},
	{ST_PROCESSING, "stop", ST_STOPPED, CLOCK_STOP, AFTER},

	{ST_SUPPLEMENT, "supplement_received", ST_SUBMITTED, CLOCK_NONE, BEFORE},
	{ST_SUPPLEMENT, "refuse", ST_REFUSED, CLOCK_NONE, BEFORE},
	{ST_SUPPLEMENT, "withdraw", ST_WITHDRAWN, CLOCK_NONE, BEFORE},
	{ST_SUPPLEMENT, "supplement_received", ST_PROCESSING, CLOCK_RESUME_SUPPLEMENT, AFTER},
	{ST_SUPPLEMENT, "withdraw", ST_WITHDRAWN, CLOCK_STOP, AFTER},
	{ST_SUPPLEMENT, "stop", ST_STOPPED, CLOCK_STOP, AFTER},

	{ST_PAYMENT, "payment_received", ST_PROCESSING, CLOCK_RESUME_PAYMENT, AFTER},
	{ST_PAYMENT, "withdraw", ST_WITHDRAWN, CLOCK_STOP, AFTER},
	{ST_PAYMENT, "stop", ST_STOPPED, CLOCK_STOP, AFTER},

	{ST_FINISHED, "return_result", ST_RETURNED, CLOCK_RETURN, AFTER},
};

const int	dossier_ntransitions = sizeof(dossier_transitions) / sizeof(dossier_transitions[0]);

const DossierTransition *
dossier_find_transition(int from, const char *event, bool accepted)
{
	for (int i = 0; i < dossier_ntransitions; i++)
	{
		const DossierTransition *t = &dossier_transitions[i];

		if (t->from == (DossierStatus) from && strcmp(t->event, event) == 0 &&
			(t->phase == PHASE_ANY || (t->phase == PHASE_AFTER_ACCEPTANCE) == accepted))
			return t;
	}
	return NULL;
}

bool
dossier_is_event(const char *event)
{
	for (int i = 0; i < dossier_ntransitions; i++)
		if (strcmp(dossier_transitions[i].event, event) == 0)
			return true;
	return false;
}
