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

const DossierTransition dossier_transitions[] = {
	/* an online submission is checked at the desk: accepted (clock starts) or refused */
	{ST_SUBMITTED, "accept", ST_ACCEPTED, CLOCK_START},
	{ST_SUBMITTED, "refuse", ST_REFUSED, CLOCK_NONE},
	{ST_SUBMITTED, "withdraw", ST_WITHDRAWN, CLOCK_NONE},

	{ST_ACCEPTED, "start_processing", ST_PROCESSING, CLOCK_NONE},
	{ST_ACCEPTED, "request_supplement", ST_SUPPLEMENT, CLOCK_SUSPEND_SUPPLEMENT},
	{ST_ACCEPTED, "request_payment", ST_PAYMENT, CLOCK_SUSPEND_PAYMENT},
	{ST_ACCEPTED, "extend", ST_ACCEPTED, CLOCK_EXTEND},
	{ST_ACCEPTED, "withdraw", ST_WITHDRAWN, CLOCK_STOP},
	{ST_ACCEPTED, "stop", ST_STOPPED, CLOCK_STOP},

	{ST_PROCESSING, "request_supplement", ST_SUPPLEMENT, CLOCK_SUSPEND_SUPPLEMENT},
	{ST_PROCESSING, "request_payment", ST_PAYMENT, CLOCK_SUSPEND_PAYMENT},
	{ST_PROCESSING, "extend", ST_PROCESSING, CLOCK_EXTEND},
	{ST_PROCESSING, "finish", ST_FINISHED, CLOCK_FINISH},
	{ST_PROCESSING, "withdraw", ST_WITHDRAWN, CLOCK_STOP},
	{ST_PROCESSING, "stop", ST_STOPPED, CLOCK_STOP},

	{ST_SUPPLEMENT, "supplement_received", ST_PROCESSING, CLOCK_RESUME_SUPPLEMENT},
	{ST_SUPPLEMENT, "withdraw", ST_WITHDRAWN, CLOCK_STOP},
	{ST_SUPPLEMENT, "stop", ST_STOPPED, CLOCK_STOP},

	{ST_PAYMENT, "payment_received", ST_PROCESSING, CLOCK_RESUME_PAYMENT},
	{ST_PAYMENT, "withdraw", ST_WITHDRAWN, CLOCK_STOP},
	{ST_PAYMENT, "stop", ST_STOPPED, CLOCK_STOP},

	{ST_FINISHED, "return_result", ST_RETURNED, CLOCK_RETURN},
};

const int	dossier_ntransitions = sizeof(dossier_transitions) / sizeof(dossier_transitions[0]);

const DossierTransition *
dossier_find_transition(int from, const char *event)
{
	for (int i = 0; i < dossier_ntransitions; i++)
		if (dossier_transitions[i].from == (DossierStatus) from &&
			strcmp(dossier_transitions[i].event, event) == 0)
			return &dossier_transitions[i];
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
