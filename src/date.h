/* date: parse RFC 3339 / ISO 8601 dates and format RFC 3339 and RFC 822.
 *
 * Times are seconds since the epoch (UTC). Date-only values and values
 * without an offset are read in a zone: a fixed offset, or an IANA zone
 * name looked up in the system's zoneinfo. Never reads the locale. */
#ifndef FEEDCARD_DATE_H
#define FEEDCARD_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct date_zone {
	char *name;       /* NULL for a fixed offset; else an IANA name such as "Europe/Berlin" */
	int fixed_offset; /* seconds east of UTC when name is NULL */
};

/* Parse a zone: "UTC", "Z", "+02:00", "-0530" or an IANA name that exists
 * under /usr/share/zoneinfo. Returns 0 or -1 (no diag; the caller reports). */
int date_zone_parse(const char *s, struct date_zone *zone);
/* Free a zone's name. */
void date_zone_release(struct date_zone *zone);
/* Offset east of UTC, in seconds, that the zone has at time t. */
int date_zone_offset(const struct date_zone *zone, time_t t);

/* The forms date_parse takes, for messages. */
#define DATE_FORMS "2021-03-04, 2021-03-04 10:00, 2021-03-04T10:00:00Z, 2021-03-04 10:00:00 -0500 or Mar 4 2021"

/* Parse s as YYYY-M[M]-D[D], optionally followed by 'T' or ' ' and
 * H[H]:MM[:SS[.frac]] and 'Z', "UTC", "GMT" or an offset (+HH:MM, +HHMM,
 * +HH), before which one space may stand (Jekyll's "10:00:00 -0500").
 * A date with an English month name ("Jul 08 2022", "July 8, 2022",
 * "8 July 2022"), as Astro's templates write them, is taken too.
 * Without an offset the time is local to zone. On error returns -1 and sets
 * *err_col to the 0-based byte offset in s where it went wrong and *why to a
 * static explanation; a day-first date (11-9-2017) is one. */
int date_parse(const char *s, const struct date_zone *zone, time_t *out, size_t *err_col,
	       const char **why);

/* The date a post's file name gives, as Jekyll, Hugo and Eleventy read
 * it: "2021-03-04-slug.md", "2015-7-1-x.md", or the folder's name for a
 * page bundle "2021-03-04-slug/index.md"; midnight local to zone. Returns
 * the length of the date in the name (0 when the name has none); *out is
 * set only then. */
size_t date_from_name(const char *path, const struct date_zone *zone, time_t *out);

/* The date a post's own path gives, as on sites whose permalinks hold the
 * date: the first run of segments YYYY/MM/DD ("2023/12/15/slug",
 * "/inside-rust/2020/06/09/x/"); midnight local to zone. Returns the length
 * of the date (0 when the path holds none); *out is set only then. */
size_t date_from_url_path(const char *path, const struct date_zone *zone, time_t *out);

/* Days since 1970-01-01 of a proleptic Gregorian civil date. */
long long date_days_from_civil(long long y, unsigned m, unsigned d);
/* Broken-down UTC time of t (like gmtime_r, without the locale). */
void date_utc(time_t t, struct tm *tm);

/* Write t as RFC 3339 in UTC ("2024-10-09T10:00:00Z") into buf (>= 32 bytes). */
void date_format_rfc3339(time_t t, char *buf, size_t size);
/* Write t as RFC 822 with a four-digit year ("Wed, 09 Oct 2024 10:00:00 +0000"). */
void date_format_rfc822(time_t t, char *buf, size_t size);
/* Write t as YYYY-MM-DD in UTC. */
void date_format_ymd(time_t t, char *buf, size_t size);

#endif
