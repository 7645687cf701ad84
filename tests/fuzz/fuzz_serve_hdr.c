/* Fuzz target: what `feedcard serve` reads from the network before any
 * file is touched: the request path, Accept-Encoding, If-None-Match, HTTP
 * dates, and the escaping of untrusted text for the log. The input, cut at
 * the first NUL, goes to every parser (the etag to match comes after a
 * newline, when there is one).
 * ORACLES: an accepted path decodes to a relative key with no "..", "."
 * or empty segment, no backslash and no control byte; a parsed date
 * formats and parses back to itself; an escaped log line is printable
 * ASCII without '"' or a lone '\'. */
#include <stdint.h>

#include "fuzzutil.h"
#include "date.h"
#include "serve_hdr.h"

static void fuzz_check_key(const char *raw, const char *key)
{
	FUZZ_CHECK(key[0] != '/', "'%s' -> key '%s' is absolute", raw, key);
	for (const char *p = key; *p; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f && *p != '\\', "'%s' -> key with byte 0x%02X",
			   raw, (unsigned char)*p);
	/* Every segment but a trailing empty one is a real name. */
	for (const char *seg = key; *seg;) {
		const char *end = strchr(seg, '/');
		size_t len = end ? (size_t)(end - seg) : strlen(seg);
		FUZZ_CHECK(len > 0, "'%s' -> key '%s' has an empty segment", raw, key);
		FUZZ_CHECK(!(len == 1 && seg[0] == '.') && !(len == 2 && seg[0] == '.' && seg[1] == '.'),
			   "'%s' -> key '%s' has a dot segment", raw, key);
		if (!end)
			break;
		seg = end + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	if (size > 8192)
		return 0;
	char *s = fuzz_cstr(data, size);

	char *key = NULL;
	const char *why = NULL;
	if (serve_hdr_path(s, &key, &why) == 0)
		fuzz_check_key(s, key);
	else
		FUZZ_CHECK(why != NULL, "'%s' refused without a reason", s);
	free(key);

	char *nl = strchr(s, '\n');
	const char *etag = "\"abc\"";
	if (nl) {
		*nl = '\0';
		etag = nl + 1;
	}
	(void)serve_hdr_accepts(s, "gzip");
	(void)serve_hdr_accepts(s, "br");
	(void)serve_hdr_etag_match(s, etag);

	time_t t;
	if (serve_hdr_parse_date(s, &t) == 0) {
		char buf[64];
		time_t t2;
		serve_hdr_format_date(t, buf, sizeof buf);
		struct tm tm;
		date_utc(t, &tm);
		if (tm.tm_year + 1900 >= 1000 && tm.tm_year + 1900 <= 9999) {
			FUZZ_CHECK(serve_hdr_parse_date(buf, &t2) == 0, "'%s' -> '%s' does not parse", s, buf);
			FUZZ_CHECK(t2 == t, "'%s' -> '%s' is another time", s, buf);
		}
	}

	struct strbuf log = STRBUF_INIT;
	serve_hdr_log_escape(&log, s, 200);
	const char *l = strbuf_str(&log);
	for (size_t i = 0; l[i]; i++) {
		FUZZ_CHECK(l[i] >= 0x20 && l[i] < 0x7f && l[i] != '"', "log byte 0x%02X", (unsigned char)l[i]);
		if (l[i] == '\\') {
			FUZZ_CHECK(l[i + 1] == 'x', "a lone backslash in the log line");
			i++;
		}
	}
	FUZZ_CHECK(log.len <= 200 * 4 + 3, "log line of %zu bytes", log.len);
	strbuf_release(&log);
	free(s);
	return 0;
}
