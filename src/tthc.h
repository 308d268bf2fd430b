/*
 * tthc.h: settings and helpers shared by the modules that use PostgreSQL.
 */
#ifndef TTHC_H
#define TTHC_H

/* tthc.due_time */
typedef enum TthcDueTime
{
	TTHC_DUE_END_OF_WORK,		/* end of the due day's last working session */
	TTHC_DUE_END_OF_DAY			/* 24:00 of the due day (Civil Code 2015 Art. 148(6)) */
} TthcDueTime;

extern char *tthc_default_calendar;
extern bool tthc_culture_day;
extern int	tthc_due_time;

/* clock_pg.c: the clock's settings */
extern int	tthc_apology_day;
extern void tthc_clock_init(void);

/* letters_pg.c: the signing key setting */
extern void tthc_letters_init(void);
/* sweep_pg.c: the sweeps' setting */
extern void tthc_sweep_init(void);
/* lookup_pg.c: the look-up's throttle settings */
extern void tthc_lookup_init(void);

/* calendar.c: forget every compiled calendar of this backend */
extern void tthc_calendar_invalidate_all(void);

#endif
