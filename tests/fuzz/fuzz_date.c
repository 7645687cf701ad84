/* Fuzz target: date and zone parsing, and formatting what was parsed.
 * The input is "ZONE\nDATE" (or just DATE, read in UTC). ORACLE: a parsed
 * time formatted as RFC 3339 parses back to the same time (when its year
 * has four digits). */
#include <stdint.h>

#include "date.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	if (size > 4096)
		return 0;
	char *s = fuzz_cstr(data, size);
	struct date_zone zone = { NULL, 0 };
	const char *date = s;
	char *nl = memchr(s, '\n', size);
	if (nl) {
		*nl = '\0';
		/* A named zone is looked up under /usr/share/zoneinfo. */
		if (date_zone_parse(s, &zone) != 0)
			goto out;
		date = nl + 1;
	}
	time_t t;
	/* The same text as a post's file name. */
	size_t named = date_from_name(date, &zone, &t);
	FUZZ_CHECK(named <= strlen(date), "a date of %zu bytes in a name of %zu", named, strlen(date));
	size_t col = (size_t)-1;
	const char *why = NULL;
	if (date_parse(date, &zone, &t, &col, &why) != 0) {
		FUZZ_CHECK(why != NULL, "an error without a reason");
		FUZZ_CHECK(col <= strlen(date), "error column %zu past the end (%zu)", col, strlen(date));
		goto out;
	}
	char buf[64], again[64];
	date_format_rfc822(t, buf, sizeof buf);
	date_format_ymd(t, buf, sizeof buf);
	(void)date_zone_offset(&zone, t);
	date_format_rfc3339(t, buf, sizeof buf);
	struct tm tm;
	date_utc(t, &tm);
	if (tm.tm_year + 1900 >= 0 && tm.tm_year + 1900 <= 9999) {
		struct date_zone utc = { NULL, 0 };
		time_t t2;
		FUZZ_CHECK(date_parse(buf, &utc, &t2, &col, &why) == 0, "'%s' from '%s' does not parse: %s",
			   buf, date, why);
		date_format_rfc3339(t2, again, sizeof again);
		FUZZ_CHECK(t2 == t, "'%s' -> '%s' -> '%s'", date, buf, again);
	}
out:
	date_zone_release(&zone);
	free(s);
	return 0;
}
