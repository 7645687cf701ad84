/* date: RFC 3339 / ISO 8601 parsing and formatting; see date.h. */
#define _GNU_SOURCE /* strptime_l */
#include "date.h"

#include <ctype.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

/* Days from civil, after Howard Hinnant's public-domain algorithm description. */
long long date_days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

void date_utc(time_t t, struct tm *tm)
{
	long long days = (long long)t / 86400, secs = (long long)t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	memset(tm, 0, sizeof *tm);
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = (long long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	tm->tm_year = (int)(y + (m <= 2) - 1900);
	tm->tm_mon = (int)m - 1;
	tm->tm_mday = (int)d;
}

/* ---- zones ---- */

static int date_parse_offset(const char *s, int *out)
{
	if (strcmp(s, "UTC") == 0 || strcmp(s, "Z") == 0 || strcmp(s, "GMT") == 0 ||
	    strcmp(s, "Etc/UTC") == 0) {
		*out = 0;
		return 0;
	}
	if ((s[0] != '+' && s[0] != '-') || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return -1;
	int h = (s[1] - '0') * 10 + (s[2] - '0'), m = 0;
	const char *p = s + 3;
	if (*p == ':')
		p++;
	if (*p) {
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2])
			return -1;
		m = (p[0] - '0') * 10 + (p[1] - '0');
	}
	if (h > 23 || m > 59)
		return -1;
	*out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return 0;
}

int date_zone_parse(const char *s, struct date_zone *zone)
{
	zone->name = NULL;
	zone->fixed_offset = 0;
	if (date_parse_offset(s, &zone->fixed_offset) == 0)
		return 0;
	/* An IANA name: letters, digits, '/', '_', '-', '+'; no "..". */
	if (!s[0] || s[0] == '/' || strstr(s, ".."))
		return -1;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("/_-+", *p))
			return -1;
	char *file = xasprintf("/usr/share/zoneinfo/%s", s);
	struct stat st;
	int ok = stat(file, &st) == 0 && S_ISREG(st.st_mode);
	free(file);
	if (!ok)
		return -1;
	zone->name = xstrdup(s);
	return 0;
}

void date_zone_release(struct date_zone *zone)
{
	free(zone->name);
	zone->name = NULL;
}

/* Named zones go through the C library's tz code, which reads TZ: the switch
 * is serialised so that parallel parsing stays correct. */
static pthread_mutex_t date_tz_lock = PTHREAD_MUTEX_INITIALIZER;

int date_zone_offset(const struct date_zone *zone, time_t t)
{
	if (!zone || !zone->name)
		return zone ? zone->fixed_offset : 0;
	pthread_mutex_lock(&date_tz_lock);
	char *old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	setenv("TZ", zone->name, 1);
	tzset();
	struct tm tm;
	localtime_r(&t, &tm);
	struct tm u;
	date_utc(t, &u);
	long long local = date_days_from_civil(tm.tm_year + 1900LL, (unsigned)tm.tm_mon + 1,
					       (unsigned)tm.tm_mday) * 86400LL +
			  tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	tzset();
	pthread_mutex_unlock(&date_tz_lock);
	return (int)(local - (long long)t);
}

/* ---- parsing ---- */

static int date_digits(const char *s, size_t *i, int n, int *out)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		if (!isdigit((unsigned char)s[*i]))
			return -1;
		v = v * 10 + (s[(*i)++] - '0');
	}
	*out = v;
	return 0;
}

/* One or two digits: months, days and hours are written unpadded too
 * ("2015-7-1", "9:30"), as Ruby's and JavaScript's parsers take them. */
static int date_digits12(const char *s, size_t *i, int *out)
{
	if (!isdigit((unsigned char)s[*i]))
		return -1;
	int v = s[(*i)++] - '0';
	if (isdigit((unsigned char)s[*i]))
		v = v * 10 + (s[(*i)++] - '0');
	*out = v;
	return 0;
}

/* True when s starts like a day-first or month-first date: 11-9-2017,
 * 11/09/2017, 11.09.17. */
static bool date_day_first(const char *s)
{
	size_t i = 0;
	int v;
	if (date_digits12(s, &i, &v) != 0 || !s[i] || !strchr("-/.", s[i]))
		return false;
	char sep = s[i++];
	if (date_digits12(s, &i, &v) != 0 || s[i] != sep)
		return false;
	i++;
	size_t y = i;
	while (isdigit((unsigned char)s[i]))
		i++;
	return i - y == 2 || i - y == 4;
}

/* The UTC time of local time t (seconds since the epoch as if the zone were
 * UTC) in zone: guess with the offset at t, then correct once for a DST
 * change between the guess and the answer. */
static long long date_from_local(long long t, const struct date_zone *zone)
{
	int off = date_zone_offset(zone, (time_t)t);
	int off2 = date_zone_offset(zone, (time_t)(t - off));
	return t - off2;
}

static bool date_valid_day(int y, int mo, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mo >= 1 && mo <= 12 && d >= 1 && d <= mdays[mo - 1] && !(mo == 2 && d == 29 && !leap);
}

/* The C locale, for strptime_l: month names in English whatever the
 * user's locale. */
static locale_t date_c_locale;
static pthread_once_t date_c_locale_once = PTHREAD_ONCE_INIT;

static void date_c_locale_init(void)
{
	date_c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* A date with an English month name, as JavaScript's Date reads them and
 * Astro's templates write them: "Jul 08 2022", "July 8, 2022", "8 July
 * 2022". Midnight local to zone. Returns 0, or -1 when s is not one. */
static int date_parse_named_month(const char *s, const struct date_zone *zone, time_t *out)
{
	static const char *const forms[] = { "%b %d %Y", "%b %d, %Y", "%d %b %Y", "%d %b, %Y" };
	pthread_once(&date_c_locale_once, date_c_locale_init);
	if (!date_c_locale)
		return -1;
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		const char *end = strptime_l(s, forms[k], &tm, date_c_locale);
		while (end && *end == ' ')
			end++;
		if (!end || *end || !date_valid_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday))
			continue;
		long long t = date_days_from_civil(tm.tm_year + 1900LL, (unsigned)tm.tm_mon + 1,
						   (unsigned)tm.tm_mday) * 86400LL;
		*out = (time_t)date_from_local(t, zone);
		return 0;
	}
	return -1;
}

#define DATE_FAIL(msg)              \
	do {                        \
		*err_col = i;       \
		*why = msg;         \
		return -1;          \
	} while (0)

int date_parse(const char *s, const struct date_zone *zone, time_t *out, size_t *err_col,
	       const char **why)
{
	size_t i = 0;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	while (s[i] == ' ')
		i++;
	size_t start = i;
	/* Not year first: a month by its name, else a day-first date. */
	if (!isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]) ||
	    !isdigit((unsigned char)s[i + 2]) || !isdigit((unsigned char)s[i + 3])) {
		if (date_parse_named_month(s + i, zone, out) == 0)
			return 0;
	}
	if (date_day_first(s + i))
		DATE_FAIL("the year must come first (" DATE_FORMS ")");
	if (date_digits(s, &i, 4, &y) != 0) {
		i = start;
		DATE_FAIL("expected a four-digit year (" DATE_FORMS ")");
	}
	if (s[i] != '-')
		DATE_FAIL("expected '-' after the year (YYYY-MM-DD)");
	i++;
	size_t f = i;
	if (date_digits12(s, &i, &mo) != 0 || mo < 1 || mo > 12) {
		i = f;
		DATE_FAIL("expected a month from 01 to 12");
	}
	if (s[i] != '-')
		DATE_FAIL("expected '-' after the month (YYYY-MM-DD)");
	i++;
	f = i;
	if (date_digits12(s, &i, &d) != 0 || !date_valid_day(y, mo, d)) {
		i = f;
		DATE_FAIL("no such day in that month");
	}
	bool has_time = false, has_offset = false;
	int offset = 0;
	if (s[i] == 'T' || s[i] == 't' || (s[i] == ' ' && isdigit((unsigned char)s[i + 1]))) {
		i++;
		has_time = true;
		f = i;
		if (date_digits12(s, &i, &h) != 0 || h > 23) {
			i = f;
			DATE_FAIL("expected an hour from 00 to 23");
		}
		if (s[i] != ':')
			DATE_FAIL("expected ':' after the hour (HH:MM)");
		i++;
		f = i;
		if (date_digits(s, &i, 2, &mi) != 0 || mi > 59) {
			i = f;
			DATE_FAIL("expected minutes from 00 to 59");
		}
		if (s[i] == ':') {
			i++;
			f = i;
			if (date_digits(s, &i, 2, &sec) != 0 || sec > 60) {
				i = f;
				DATE_FAIL("expected seconds from 00 to 60");
			}
			if (sec == 60)
				sec = 59;
			if (s[i] == '.' || s[i] == ',') {
				i++;
				if (!isdigit((unsigned char)s[i]))
					DATE_FAIL("expected digits after the decimal point");
				while (isdigit((unsigned char)s[i]))
					i++;
			}
		}
		if (s[i] == ' ' && (s[i + 1] == 'Z' || s[i + 1] == '+' || s[i + 1] == '-' ||
				    strncmp(s + i + 1, "UTC", 3) == 0 || strncmp(s + i + 1, "GMT", 3) == 0))
			i++;
		if (strncmp(s + i, "UTC", 3) == 0 || strncmp(s + i, "GMT", 3) == 0) {
			has_offset = true;
			i += 3;
		} else if (s[i] == 'Z' || s[i] == 'z') {
			has_offset = true;
			i++;
		} else if (s[i] == '+' || s[i] == '-') {
			int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
			i++;
			if (date_digits(s, &i, 2, &oh) != 0 || oh > 23)
				DATE_FAIL("expected an offset such as +02:00 or -0500");
			if (s[i] == ':')
				i++;
			if (isdigit((unsigned char)s[i]) && (date_digits(s, &i, 2, &om) != 0 || om > 59))
				DATE_FAIL("expected offset minutes from 00 to 59");
			has_offset = true;
			offset = sign * (oh * 3600 + om * 60);
		}
	}
	while (s[i] == ' ')
		i++;
	if (s[i] != '\0')
		DATE_FAIL(has_time ? "unexpected text after the time"
				   : "unexpected text after the date (expected 'T' and a time)");
	long long t = date_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL + h * 3600LL +
		      mi * 60LL + sec;
	*out = (time_t)(has_offset ? t - offset : date_from_local(t, zone));
	return 0;
}

size_t date_from_name(const char *path, const struct date_zone *zone, time_t *out)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	/* A page bundle, "2021-03-04-slug/index.md": the folder's name. */
	if (strncmp(base, "index.", 6) == 0 && base != path) {
		const char *end = base - 1;
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		base = start;
	}
	size_t i = 0;
	int y, mo, d;
	if (date_digits(base, &i, 4, &y) != 0 || base[i++] != '-' || date_digits12(base, &i, &mo) != 0 ||
	    base[i++] != '-' || date_digits12(base, &i, &d) != 0 || !date_valid_day(y, mo, d) ||
	    (base[i] != '-' && base[i] != '.' && base[i] != '/' && base[i] != '\0'))
		return 0;
	long long t = date_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL;
	*out = (time_t)date_from_local(t, zone);
	return i;
}

/* The date at path + at, "YYYY/MM/DD" ending at a '/' or the end; its
 * length, or 0. */
static size_t date_path_at(const char *path, size_t at, const struct date_zone *zone, time_t *out)
{
	size_t i = at;
	int y, mo, d;
	if (date_digits(path, &i, 4, &y) != 0 || path[i++] != '/' || date_digits12(path, &i, &mo) != 0 ||
	    path[i++] != '/' || date_digits12(path, &i, &d) != 0 || !date_valid_day(y, mo, d) ||
	    (path[i] != '/' && path[i] != '\0'))
		return 0;
	long long t = date_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL;
	*out = (time_t)date_from_local(t, zone);
	return i - at;
}

size_t date_from_url_path(const char *path, const struct date_zone *zone, time_t *out)
{
	/* At the start of each segment: "2023/12/15/x", "inside-rust/2020/06/09/x". */
	for (size_t at = 0; path[at]; at++) {
		if (at > 0 && path[at - 1] != '/')
			continue;
		size_t n = date_path_at(path, at, zone, out);
		if (n)
			return n;
	}
	return 0;
}

/* ---- formatting ---- */

static const char date_wdays[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char date_months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void date_format_rfc3339(time_t t, char *buf, size_t size)
{
	struct tm tm;
	date_utc(t, &tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void date_format_rfc822(time_t t, char *buf, size_t size)
{
	struct tm tm;
	date_utc(t, &tm);
	snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d +0000", date_wdays[tm.tm_wday],
		 tm.tm_mday, date_months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
}

void date_format_ymd(time_t t, char *buf, size_t size)
{
	struct tm tm;
	date_utc(t, &tm);
	snprintf(buf, size, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
