/*
 * lunar.c: the Vietnamese lunisolar calendar, reckoned for UTC+7 from astronomical new moons and
 * solar terms.  Pure C, no PostgreSQL headers.
 *
 * Rules (the modern Chinese method, applied at the Vietnamese meridian):
 *  - a month starts on the local day of a new moon;
 *  - month 11 is the month containing the (local day of the) winter solstice;
 *  - when 13 months separate two months 11, the first month after the first month 11 that
 *    contains no principal term (zhongqi, a multiple of 30 degrees of solar longitude) is the
 *    leap month and takes the number of the month before it.
 *
 * Astronomy after J. Meeus, Astronomical Algorithms (2nd ed., 1998): new moons from chapter 49
 * (all periodic and planetary terms, a few seconds of error), the apparent solar longitude from
 * the VSOP87 series truncated as in appendix III with nutation (chapter 22) and aberration (one or
 * two arcseconds, under a minute of time), Delta T from the Espenak-Meeus polynomials.
 * Only the local dates of the events matter, so the errors only show for an event within a minute
 * or so of local midnight.
 */
#include "lunar.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#define J2000		2451545.0
#define PI			3.14159265358979323846
#define DEG			(PI / 180.0)
#define ARCSEC		(PI / (180.0 * 3600.0))
#define SYNODIC		29.530588861

#define NYEARS		(LUNAR_MAX_YEAR - LUNAR_MIN_YEAR + 1)

/*
 * Delta T = TT - UT in seconds, Espenak & Meeus (NASA, 2006), for a decimal year from 1860 on.
 * The post-2005 pieces are extrapolations: their error grows to minutes by 2200, which moves a
 * month start only for a new moon that close to midnight.
 */
static double
delta_t(double y)
{
	double		t;

	if (y < 1900)
	{
		t = y - 1860;
		return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t
			- 0.0004473624 * pow(t, 4) + pow(t, 5) / 233174;
	}
	if (y < 1920)
	{
		t = y - 1900;
		return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t
			- 0.000197 * pow(t, 4);
	}
	if (y < 1941)
	{
		t = y - 1920;
		return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
	}
	if (y < 1961)
	{
		t = y - 1950;
		return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
	}
	if (y < 1986)
	{
		t = y - 1975;
		return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
	}
	if (y < 2005)
	{
		t = y - 2000;
		return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t
			+ 0.000651814 * pow(t, 4) + 0.00002373599 * pow(t, 5);
	}
	if (y < 2050)
	{
		t = y - 2000;
		return 62.92 + 0.32217 * t + 0.005589 * t * t;
	}
	t = (y - 1820) / 100;
	if (y < 2150)
		return -20 + 32 * t * t - 0.5628 * (2150 - y);
	return -20 + 32 * t * t;
}

/* Delta T in days at a Julian (ephemeris or universal: the difference does not matter) date */
static double
delta_t_days(double jd)
{
	return delta_t(2000.0 + (jd - J2000) / 365.2425) / 86400.0;
}

/* sin of an angle in degrees, reduced first so large arguments keep their precision */
static double
sind(double deg)
{
	return sin(fmod(deg, 360.0) * DEG);
}

/* Julian Ephemeris Day of the true new moon of lunation k (k = 0: 2000-01-06), Meeus ch. 49 */
static double
new_moon_jde(int k)
{
	static const double planetary[14][3] = {
		/* coefficient, angle at k = 0, degrees per lunation */
		{0.000325, 299.77, 0.107408},
		{0.000165, 251.88, 0.016321},
		{0.000164, 251.83, 26.651886},
		{0.000126, 349.42, 36.412478},
		{0.000110, 84.66, 18.206239},
		{0.000062, 141.74, 53.303771},
		{0.000060, 207.14, 2.453732},
		{0.000056, 154.84, 7.306860},
		{0.000047, 34.52, 27.261239},
		{0.000042, 207.19, 0.121824},
		{0.000040, 291.34, 1.844379},
		{0.000037, 161.72, 24.198154},
		{0.000035, 239.56, 25.513099},
		{0.000023, 331.55, 3.592518},
	};
	double		T = k / 1236.85;
	double		T2 = T * T;
	double		T3 = T2 * T;
	double		T4 = T3 * T;
	double		jde;
	double		E,
				M,
				Mp,
				F,
				Om,
				c;
	int			i;

	jde = 2451550.09766 + SYNODIC * k + 0.00015437 * T2 - 0.000000150 * T3 + 0.00000000073 * T4;
	E = 1 - 0.002516 * T - 0.0000074 * T2;
	M = 2.5534 + 29.10535670 * k - 0.0000014 * T2 - 0.00000011 * T3;
	Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
	F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
	Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;

	c = -0.40720 * sind(Mp)
		+ 0.17241 * E * sind(M)
		+ 0.01608 * sind(2 * Mp)
		+ 0.01039 * sind(2 * F)
		+ 0.00739 * E * sind(Mp - M)
		- 0.00514 * E * sind(Mp + M)
		+ 0.00208 * E * E * sind(2 * M)
		- 0.00111 * sind(Mp - 2 * F)
		- 0.00057 * sind(Mp + 2 * F)
		+ 0.00056 * E * sind(2 * Mp + M)
		- 0.00042 * sind(3 * Mp)
		+ 0.00042 * E * sind(M + 2 * F)
		+ 0.00038 * E * sind(M - 2 * F)
		- 0.00024 * E * sind(2 * Mp - M)
		- 0.00017 * sind(Om)
		- 0.00007 * sind(Mp + 2 * M)
		+ 0.00004 * sind(2 * Mp - 2 * F)
		+ 0.00004 * sind(3 * M)
		+ 0.00003 * sind(Mp + M - 2 * F)
		+ 0.00003 * sind(2 * Mp + 2 * F)
		- 0.00003 * sind(Mp + M + 2 * F)
		+ 0.00003 * sind(Mp - M + 2 * F)
		- 0.00002 * sind(Mp - M - 2 * F)
		- 0.00002 * sind(3 * Mp + M)
		+ 0.00002 * sind(4 * Mp);

	for (i = 0; i < 14; i++)
	{
		double		a = planetary[i][1] + planetary[i][2] * k;

		if (i == 0)
			a -= 0.009173 * T2;
		c += planetary[i][0] * sind(a);
	}
	return jde + c;
}

/* one term of a VSOP87 series: A cos(B + C tau), A in 1e-8 rad (or AU) */
typedef struct VsopTerm
{
	double		a,
				b,
				c;
} VsopTerm;

/* Earth's heliocentric longitude, VSOP87D truncated as in Meeus, appendix III */
static const VsopTerm earth_l0[] = {
	{175347046, 0, 0}, {3341656, 4.6692568, 6283.0758500}, {34894, 4.62610, 12566.15170},
	{3497, 2.7441, 5753.3849}, {3418, 2.8289, 3.5231}, {3136, 3.6277, 77713.7715},
	{2676, 4.4181, 7860.4194}, {2343, 6.1352, 3930.2097}, {1324, 0.7425, 11506.7698},
	{1273, 2.0371, 529.6910}, {1199, 1.1096, 1577.3435}, {990, 5.233, 5884.927},
	{902, 2.045, 26.298}, {857, 3.508, 398.149}, {780, 1.179, 5223.694},
	{753, 2.533, 5507.553}, {505, 4.583, 18849.228}, {492, 4.205, 775.523},
	{357, 2.920, 0.067}, {317, 5.849, 11790.629}, {284, 1.899, 796.298},
	{271, 0.315, 10977.079}, {243, 0.345, 5486.778}, {206, 4.806, 2544.314},
	{205, 1.869, 5573.143}, {202, 2.458, 6069.777}, {156, 0.833, 213.299},
	{132, 3.411, 2942.463}, {126, 1.083, 20.775}, {115, 0.645, 0.980},
	{103, 0.636, 4694.003}, {102, 0.976, 15720.839}, {102, 4.267, 7.114},
	{99, 6.21, 2146.17}, {98, 0.68, 155.42}, {86, 5.98, 161000.69},
	{85, 1.30, 6275.96}, {85, 3.67, 71430.70}, {80, 1.81, 17260.15},
	{79, 3.04, 12036.46}, {75, 1.76, 5088.63}, {74, 3.50, 3154.69},
	{74, 4.68, 801.82}, {70, 0.83, 9437.76}, {62, 3.98, 8827.39},
	{61, 1.82, 7084.90}, {57, 2.78, 6286.60}, {56, 4.39, 14143.50},
	{56, 3.47, 6279.55}, {52, 0.19, 12139.55}, {52, 1.33, 1748.02},
	{51, 0.28, 5856.48}, {49, 0.49, 1194.45}, {41, 5.37, 8429.24},
	{41, 2.40, 19651.05}, {39, 6.17, 10447.39}, {37, 6.04, 10213.29},
	{37, 2.57, 1059.38}, {36, 1.71, 2352.87}, {36, 1.78, 6812.77},
	{33, 0.59, 17789.85}, {30, 0.44, 83996.85}, {30, 2.74, 1349.87},
	{25, 3.16, 4690.48},
};
static const VsopTerm earth_l1[] = {
	{628331966747.0, 0, 0}, {206059, 2.678235, 6283.075850}, {4303, 2.6351, 12566.1517},
	{425, 1.590, 3.523}, {119, 5.796, 26.298}, {109, 2.966, 1577.344},
	{93, 2.59, 18849.23}, {72, 1.14, 529.69}, {68, 1.87, 398.15},
	{67, 4.41, 5507.55}, {59, 2.89, 5223.69}, {56, 2.17, 155.42},
	{45, 0.40, 796.30}, {36, 0.47, 775.52}, {29, 2.65, 7.11},
	{21, 5.34, 0.98}, {19, 1.85, 5486.78}, {19, 4.97, 213.30},
	{17, 2.99, 6275.96}, {16, 0.03, 2544.31}, {16, 1.43, 2146.17},
	{15, 1.21, 10977.08}, {12, 2.83, 1748.02}, {12, 3.26, 5088.63},
	{12, 5.27, 1194.45}, {12, 2.08, 4694.00}, {11, 0.77, 553.57},
	{10, 1.30, 6286.60}, {10, 4.24, 1349.87}, {9, 2.70, 242.73},
	{9, 5.64, 951.72}, {8, 5.30, 2352.87}, {6, 2.65, 9437.76},
	{6, 4.67, 4690.48},
};
static const VsopTerm earth_l2[] = {
	{52919, 0, 0}, {8720, 1.0721, 6283.0758}, {309, 0.867, 12566.152},
	{27, 0.05, 3.52}, {16, 5.19, 26.30}, {16, 3.68, 155.42},
	{10, 0.76, 18849.23}, {9, 2.06, 77713.77}, {7, 0.83, 775.52},
	{5, 4.66, 1577.34}, {4, 1.03, 7.11}, {4, 3.44, 5573.14},
	{3, 5.14, 796.30}, {3, 6.05, 5507.55}, {3, 1.19, 242.73},
	{3, 6.12, 529.69}, {3, 0.31, 398.15}, {3, 2.28, 553.57},
	{2, 4.38, 5223.69}, {2, 3.75, 0.98},
};
static const VsopTerm earth_l3[] = {
	{289, 5.844, 6283.076}, {35, 0, 0}, {17, 5.49, 12566.15},
	{3, 5.20, 155.42}, {1, 4.72, 3.52}, {1, 5.30, 18849.23},
	{1, 5.97, 242.73},
};
static const VsopTerm earth_l4[] = {
	{114, 3.142, 0}, {8, 4.13, 6283.08}, {1, 3.84, 12566.15},
};
static const VsopTerm earth_l5[] = {
	{1, 3.14, 0},
};

/* Earth-Sun distance: the largest terms are enough for the aberration */
static const VsopTerm earth_r0[] = {
	{100013989, 0, 0}, {1670700, 3.0984635, 6283.0758500}, {13956, 3.05525, 12566.15170},
	{3084, 5.1985, 77713.7715}, {1628, 1.1739, 5753.3849}, {1576, 2.8469, 7860.4194},
};
static const VsopTerm earth_r1[] = {
	{103019, 1.107490, 6283.075850}, {1721, 1.0644, 12566.1517},
};

#define LENGTHOF(a) ((int) (sizeof(a) / sizeof((a)[0])))

static double
vsop_sum(const VsopTerm *terms, int n, double tau)
{
	double		s = 0;
	int			i;

	for (i = 0; i < n; i++)
		s += terms[i].a * cos(terms[i].b + terms[i].c * tau);
	return s;
}

/* apparent geocentric longitude of the Sun in degrees [0, 360) at a Julian Ephemeris Day */
static double
sun_longitude(double jde)
{
	double		tau = (jde - J2000) / 365250.0;
	double		T = tau * 10;
	double		L,
				R,
				om,
				ls,
				lm,
				dpsi,
				lon;

	L = (vsop_sum(earth_l0, LENGTHOF(earth_l0), tau)
		 + tau * (vsop_sum(earth_l1, LENGTHOF(earth_l1), tau)
				  + tau * (vsop_sum(earth_l2, LENGTHOF(earth_l2), tau)
						   + tau * (vsop_sum(earth_l3, LENGTHOF(earth_l3), tau)
									+ tau * (vsop_sum(earth_l4, LENGTHOF(earth_l4), tau)
											 + tau * vsop_sum(earth_l5, LENGTHOF(earth_l5), tau)))))) / 1e8;
	R = (vsop_sum(earth_r0, LENGTHOF(earth_r0), tau)
		 + tau * vsop_sum(earth_r1, LENGTHOF(earth_r1), tau)) / 1e8;

	/* nutation in longitude, Meeus ch. 22 abridged (0.5") */
	om = 125.04452 - 1934.136261 * T;
	ls = 280.4665 + 36000.7698 * T;
	lm = 218.3165 + 481267.8813 * T;
	dpsi = -17.20 * sind(om) - 1.32 * sind(2 * ls) - 0.23 * sind(2 * lm) + 0.21 * sind(2 * om);

	/* geocentric = heliocentric + 180 degrees; FK5 correction, nutation, aberration */
	lon = L + PI + (-0.09033 + dpsi - 20.4898 / R) * ARCSEC;
	lon = fmod(lon / DEG, 360.0);
	if (lon < 0)
		lon += 360.0;
	return lon;
}

/* floor division, for the calendar arithmetic on negative numbers */
static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int
saturate(int64_t v)
{
	if (v > INT_MAX)
		return INT_MAX;
	if (v < INT_MIN)
		return INT_MIN;
	return (int) v;
}

/* days from 0000-03-01 of the proleptic Gregorian calendar: years start in March, leap day last */
int
lunar_jdn(int year, int month, int day)
{
	int64_t		y = year;
	int64_t		m = month;
	int64_t		era,
				yoe,
				doy;

	/* normalise the month, carrying into the year */
	y += floordiv(m - 1, 12);
	m -= 12 * floordiv(m - 1, 12);
	if (m <= 2)
	{
		y--;
		m += 12;
	}
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m - 3) + 2) / 5;
	return saturate(1721120 + era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + day - 1);
}

void
lunar_gregorian(int jdn, int *year, int *month, int *day)
{
	int64_t		z = (int64_t) jdn - 1721120;
	int64_t		era = floordiv(z, 146097);
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int64_t		y = yoe + era * 400;
	int			m = (int) (mp < 10 ? mp + 3 : mp - 9);

	*day = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = m;
	*year = (int) (y + (m <= 2));
}

/*
 * Reckoning at a given meridian.  "Day" below is a JDN of the local calendar day.
 */

/* local day of the new moon of lunation k */
static int
new_moon_day(int k, double offset_days)
{
	double		jde = new_moon_jde(k);
	double		jd_ut = jde - delta_t_days(jde);

	return (int) floor(jd_ut + offset_days + 0.5);
}

/* solar longitude at the local midnight that starts a day */
static double
longitude_at_day_start(int day, double offset_days)
{
	double		jd_ut = day - 0.5 - offset_days;

	return sun_longitude(jd_ut + delta_t_days(jd_ut));
}

/* the principal term (zhongqi) sector, 0..11, at the start of a day: floor(longitude / 30) */
static int
sector_at_day_start(int day, double offset_days)
{
	int			s = (int) (longitude_at_day_start(day, offset_days) / 30.0);

	return s > 11 ? 11 : s;
}

/* lunation nearest to a Julian day */
static int
lunation_near(double jd)
{
	return (int) floor((jd - 2451550.09766) / SYNODIC + 0.5);
}

/*
 * Lunation that is month 11 of a solar year: the month containing the local day of the winter
 * solstice.  The sun is at 270 degrees on that day, so the month's first midnight is before it
 * (longitude < 270) and the next month's first midnight is after it (>= 270); longitudes are
 * measured from 270 into (-180, 180] so the 0/360 seam plays no part.
 */
static int
month11_lunation(int solar_year, double offset_days)
{
	int			k = lunation_near(lunar_jdn(solar_year, 12, 21));
	int			guard;

	for (guard = 0; guard < 4; guard++)
	{
		double		a = longitude_at_day_start(new_moon_day(k, offset_days), offset_days) - 270.0;
		double		b = longitude_at_day_start(new_moon_day(k + 1, offset_days), offset_days) - 270.0;

		if (a > 180)
			a -= 360;
		if (a <= -180)
			a += 360;
		if (b > 180)
			b -= 360;
		if (b <= -180)
			b += 360;
		if (a < 0 && b >= 0)
			return k;
		k += (a >= 0) ? -1 : 1;
	}
	return k;					/* not reached: the first guess is off by one lunation at most */
}

/* one lunar year: month starts (start[nmonths] is the next year's first day) and leap month */
typedef struct LunarYearTable
{
	int			start[14];
	unsigned char nmonths;		/* 12 or 13 */
	unsigned char leap;			/* leap month number, 0 if none; its index is that number */
} LunarYearTable;

/*
 * Fill tables for lunar years y0..y1 at a meridian.  The months of lunar year Y come from the
 * stretch between months 11 of solar years Y-1 and Y (from its month 1 on) and the stretch
 * between months 11 of Y and Y+1 (up to month 12 and its leap month, if any).
 */
static void
build_years(int y0, int y1, int offset_minutes, LunarYearTable *out)
{
	double		off = offset_minutes / 1440.0;
	int			k11 = month11_lunation(y0 - 1, off);
	int			y = y0 - 1;		/* lunar year the month being labelled belongs to */
	int			idx = 0;
	int			sy;

	for (sy = y0 - 1; sy <= y1; sy++)
	{
		int			k11_next = month11_lunation(sy + 1, off);
		int			n = k11_next - k11;	/* 12 or 13 months */
		int			day[14];	/* month starts, day[n] = next month 11 */
		int			leap_i = -1;
		int			number = 11;
		int			i;

		/* a solar year holds 12.37 lunations: guard the array all the same */
		if (n < 12 || n > 13)
			n = (n < 12) ? 12 : 13;
		for (i = 0; i <= n; i++)
			day[i] = new_moon_day(k11 + i, off);

		if (n == 13)
		{
			/* the first month after month 11 without a principal term */
			int			prev = sector_at_day_start(day[1], off);

			for (i = 1; i < n; i++)
			{
				int			next = sector_at_day_start(day[i + 1], off);

				if (next == prev)
				{
					leap_i = i;
					break;
				}
				prev = next;
			}
		}

		for (i = 0; i < n; i++)
		{
			bool		is_leap = (i == leap_i);

			if (i > 0 && !is_leap)
				number = number % 12 + 1;
			if (number == 1 && !is_leap)
			{
				/* first day of lunar year y + 1 ends year y */
				if (y >= y0 && y <= y1)
				{
					out[y - y0].start[idx] = day[i];
					out[y - y0].nmonths = (unsigned char) idx;
				}
				y++;
				idx = 0;
			}
			if (y >= y0 && y <= y1)
			{
				out[y - y0].start[idx] = day[i];
				if (is_leap)
					out[y - y0].leap = (unsigned char) number;
				else if (idx == 0)
					out[y - y0].leap = 0;
			}
			idx++;
		}
		k11 = k11_next;
	}
}

#ifdef LUNAR_BUILD_TABLES
/* the UTC+7 tables, built on first use (tools/lunar_table.c prints them as src/lunar_table.h) */
static LunarYearTable years[NYEARS];
static bool years_ready = false;

static const LunarYearTable *
year_table(int lunar_year)
{
	if (!years_ready)
	{
		build_years(LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, LUNAR_UTC_OFFSET_MINUTES, years);
		years_ready = true;
	}
	if (lunar_year < LUNAR_MIN_YEAR || lunar_year > LUNAR_MAX_YEAR)
		return NULL;
	return &years[lunar_year - LUNAR_MIN_YEAR];
}
#else
/*
 * The UTC+7 tables, precomputed: building them costs about 17 ms of trigonometry, which every new
 * backend paid on its first calendar answer.  lunar_tables_current() checks them against
 * build_years() in the unit tests.
 */
#include "lunar_table.h"

static const LunarYearTable *
year_table(int lunar_year)
{
	if (lunar_year < LUNAR_MIN_YEAR || lunar_year > LUNAR_MAX_YEAR)
		return NULL;
	return &lunar_years[lunar_year - LUNAR_MIN_YEAR];
}

bool
lunar_tables_current(void)
{
	static LunarYearTable built[NYEARS];

	build_years(LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, LUNAR_UTC_OFFSET_MINUTES, built);
	for (int y = 0; y < NYEARS; y++)
	{
		if (built[y].nmonths != lunar_years[y].nmonths || built[y].leap != lunar_years[y].leap)
			return false;
		for (int i = 0; i <= built[y].nmonths; i++)
			if (built[y].start[i] != lunar_years[y].start[i])
				return false;
	}
	return true;
}
#endif

int
lunar_min_jdn(void)
{
	return year_table(LUNAR_MIN_YEAR)->start[0];
}

int
lunar_max_jdn(void)
{
	const LunarYearTable *t = year_table(LUNAR_MAX_YEAR);

	return t->start[t->nmonths] - 1;
}

LunarStatus
lunar_from_solar(int jdn, LunarDate *out)
{
	const LunarYearTable *t;
	int			y;
	int			i;

	if (jdn < lunar_min_jdn() || jdn > lunar_max_jdn())
		return LUNAR_OUT_OF_RANGE;

	/* a year's first day falls between 21 January and 20 February: guess, then step */
	y = LUNAR_MIN_YEAR + (int) ((jdn - lunar_min_jdn()) / 365.2425);
	if (y > LUNAR_MAX_YEAR)
		y = LUNAR_MAX_YEAR;
	t = year_table(y);
	while (jdn < t->start[0])
		t = year_table(--y);
	while (jdn >= t->start[t->nmonths])
		t = year_table(++y);

	for (i = t->nmonths - 1; jdn < t->start[i]; i--)
		;
	out->year = y;
	out->day = jdn - t->start[i] + 1;
	if (t->leap != 0 && i == t->leap)
	{
		out->month = t->leap;
		out->is_leap = true;
	}
	else
	{
		out->month = (t->leap != 0 && i > t->leap) ? i : i + 1;
		out->is_leap = false;
	}
	return LUNAR_OK;
}

/* index of a month in its year's table, -1 if the year lacks it */
static int
month_index(const LunarYearTable *t, int month, bool is_leap)
{
	if (month < 1 || month > 12)
		return -1;
	if (is_leap)
		return (t->leap == month) ? month : -1;
	return (t->leap != 0 && month > t->leap) ? month : month - 1;
}

LunarStatus
lunar_to_solar(const LunarDate *in, int *jdn)
{
	const LunarYearTable *t = year_table(in->year);
	int			i;

	if (t == NULL)
		return LUNAR_OUT_OF_RANGE;
	if (in->month < 1 || in->month > 12)
		return LUNAR_BAD_MONTH;
	i = month_index(t, in->month, in->is_leap);
	if (i < 0)
		return LUNAR_NO_SUCH_LEAP_MONTH;
	if (in->day < 1 || in->day > t->start[i + 1] - t->start[i])
		return LUNAR_BAD_DAY;
	*jdn = t->start[i] + in->day - 1;
	return LUNAR_OK;
}

int
lunar_leap_month(int lunar_year)
{
	const LunarYearTable *t = year_table(lunar_year);

	return t ? t->leap : 0;
}

int
lunar_month_days(int lunar_year, int month, bool is_leap)
{
	const LunarYearTable *t = year_table(lunar_year);
	int			i;

	if (t == NULL)
		return 0;
	i = month_index(t, month, is_leap);
	return i < 0 ? 0 : t->start[i + 1] - t->start[i];
}

const char *
lunar_status_text(LunarStatus status)
{
	switch (status)
	{
		case LUNAR_OK:
			return "ok";
		case LUNAR_OUT_OF_RANGE:
			return "out of the supported range";
		case LUNAR_BAD_MONTH:
			return "month is not between 1 and 12";
		case LUNAR_NO_SUCH_LEAP_MONTH:
			return "no such leap month";
		case LUNAR_BAD_DAY:
			return "day is past the end of the month";
	}
	return "unknown status";
}

bool
lunar_year_at(int lunar_year, int utc_offset_minutes, int *first_jdn, int *leap_month)
{
	LunarYearTable t;

	if (lunar_year < LUNAR_MIN_YEAR || lunar_year > LUNAR_MAX_YEAR
		|| utc_offset_minutes < -14 * 60 || utc_offset_minutes > 14 * 60)
		return false;
	build_years(lunar_year, lunar_year, utc_offset_minutes, &t);
	*first_jdn = t.start[0];
	*leap_month = t.leap;
	return true;
}
