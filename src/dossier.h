/*
 * dossier.h: the dossier state machine — national statuses and the legal transitions between them.
 *
 * Pure C (no PostgreSQL headers).  The statuses are the codes provincial systems exchange with the
 * National Public Service Portal (practice; doc/dossier.md, Statuses); the transitions follow Decree
 * 61/2018 Arts. 17-20 as documented in doc/dossier.md.
 */
#ifndef TTHC_DOSSIER_H
#define TTHC_DOSSIER_H

#include <stdbool.h>

#define DOSSIER_NSTATUS 10

typedef enum DossierStatus
{
	ST_SUBMITTED = 1,			/* Mới đăng ký */
	ST_ACCEPTED = 2,			/* Được tiếp nhận: the clock runs */
	ST_REFUSED = 3,				/* Không được tiếp nhận */
	ST_PROCESSING = 4,			/* Đang xử lý */
	ST_SUPPLEMENT = 5,			/* Yêu cầu bổ sung giấy tờ */
	ST_PAYMENT = 6,				/* Yêu cầu thực hiện nghĩa vụ tài chính */
	ST_WITHDRAWN = 7,			/* Công dân yêu cầu rút hồ sơ */
	ST_STOPPED = 8,				/* Dừng xử lý */
	ST_FINISHED = 9,			/* Đã xử lý xong */
	ST_RETURNED = 10			/* Đã trả kết quả */
} DossierStatus;

/* what a transition does to the dossier's clock */
typedef enum ClockEffect
{
	CLOCK_NONE = 0,
	CLOCK_START,				/* accepted: the time limit starts */
	CLOCK_SUSPEND_SUPPLEMENT,	/* restart or pause, per the procedure's supplement policy */
	CLOCK_RESUME_SUPPLEMENT,
	CLOCK_SUSPEND_PAYMENT,		/* stopped while the applicant pays fees or taxes */
	CLOCK_RESUME_PAYMENT,
	CLOCK_EXTEND,				/* a new appointment, at most once */
	CLOCK_FINISH,				/* result ready: outcome recorded */
	CLOCK_RETURN,				/* result returned: outcome recorded */
	CLOCK_STOP					/* closed without a result */
} ClockEffect;

/* whether a transition applies before the dossier is accepted (no clock yet), after, or both */
typedef enum DossierPhase
{
	PHASE_ANY = 0,
	PHASE_BEFORE_ACCEPTANCE,
	PHASE_AFTER_ACCEPTANCE
} DossierPhase;

typedef struct DossierTransition
{
	DossierStatus from;
	const char *event;
	DossierStatus to;
	ClockEffect effect;
	DossierPhase phase;
} DossierTransition;

typedef struct DossierStatusInfo
{
	const char *name_vi;
	const char *name_en;
	bool		closed;
} DossierStatusInfo;

extern const DossierTransition dossier_transitions[];
extern const int dossier_ntransitions;
extern const DossierStatusInfo dossier_status_info[DOSSIER_NSTATUS + 1];
extern const char *const clock_effect_names[];
extern const char *const dossier_phase_names[];

/* the transition for (from, event) of a dossier accepted or not, or NULL when not allowed there */
extern const DossierTransition *dossier_find_transition(int from, const char *event, bool accepted);
extern bool dossier_is_event(const char *event);

#endif
