/* serve_hdr: request paths, Accept-Encoding, If-None-Match, HTTP dates and
 * log escaping; see serve_hdr.h. */
#include "serve_hdr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "xalloc.h"

static int serve_hdr_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The checks are made on the decoded bytes, so "%2e%2e" is caught as "..",
 * "%5c" as a backslash and "%00" as a NUL. */
int serve_hdr_path(const char *raw, char **key, const char **why)
{
	size_t n = strlen(raw);
	if (n > SERVE_HDR_MAX_PATH) {
		*why = "path too long";
		return -1;
	}
	if (raw[0] != '/') {
		*why = "not a path starting with '/'";
		return -1;
	}
	char *k = xmalloc(n + 1);
	size_t len = 0;
	const char *reason = NULL;
	for (size_t i = 1; i < n && !reason; i++) {
		unsigned char c = (unsigned char)raw[i];
		if (c == '%') {
			int hi = serve_hdr_hex(raw[i + 1]);
			int lo = hi < 0 ? -1 : serve_hdr_hex(raw[i + 2]);
			if (hi < 0 || lo < 0) {
				reason = "malformed %-escape";
				break;
			}
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
			if (c == 0) {
				reason = "NUL byte";
				break;
			}
		}
		if (c < 0x20 || c == 0x7f)
			reason = "control character";
		else if (c == '\\')
			reason = "backslash";
		k[len++] = (char)c;
	}
	k[len] = '\0';
	for (const char *s = k; !reason;) {
		const char *e = strchr(s, '/');
		size_t sl = e ? (size_t)(e - s) : strlen(s);
		if (sl == 0 && e)
			reason = "empty path segment";
		else if ((sl == 1 && s[0] == '.') || (sl == 2 && s[0] == '.' && s[1] == '.'))
			reason = "dot segment";
		if (!e)
			break;
		s = e + 1;
	}
	if (reason) {
		free(k);
		*why = reason;
		return -1;
	}
	*key = k;
	return 0;
}

static bool serve_hdr_is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* True when a q-value is zero: "0", "0.", "0.0", "0.00", "0.000". */
static bool serve_hdr_q_zero(const char *v, size_t n)
{
	if (n == 0 || v[0] != '0')
		return false;
	if (n == 1)
		return true;
	if (v[1] != '.' || n > 5)
		return false;
	for (size_t i = 2; i < n; i++)
		if (v[i] != '0')
			return false;
	return true;
}

bool serve_hdr_accepts(const char *accept_encoding, const char *coding)
{
	if (!accept_encoding)
		return false;
	bool listed = false, listed_ok = false, star_ok = false;
	const char *p = accept_encoding;
	size_t clen = strlen(coding);
	while (*p) {
		while (*p == ',' || serve_hdr_is_ows(*p))
			p++;
		if (!*p)
			break;
		const char *name = p;
		while (*p && *p != ',' && *p != ';' && !serve_hdr_is_ows(*p))
			p++;
		size_t nlen = (size_t)(p - name);
		bool zero = false;
		/* Parameters: only q matters. */
		while (*p && *p != ',') {
			while (*p == ';' || serve_hdr_is_ows(*p))
				p++;
			const char *param = p;
			while (*p && *p != ',' && *p != ';')
				p++;
			const char *end = p;
			while (end > param && serve_hdr_is_ows(end[-1]))
				end--;
			if (end - param >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
				zero = serve_hdr_q_zero(param + 2, (size_t)(end - param - 2));
		}
		bool match = (nlen == clen && strncasecmp(name, coding, clen) == 0) ||
			     (strcmp(coding, "gzip") == 0 && nlen == 6 && strncasecmp(name, "x-gzip", 6) == 0);
		if (match) {
			listed = true;
			listed_ok = !zero;
		} else if (nlen == 1 && name[0] == '*') {
			star_ok = !zero;
		}
	}
	return listed ? listed_ok : star_ok;
}

bool serve_hdr_etag_match(const char *if_none_match, const char *etag)
{
	if (!if_none_match)
		return false;
	size_t elen = strlen(etag);
	const char *p = if_none_match;
	for (;;) {
		while (*p == ',' || serve_hdr_is_ows(*p))
			p++;
		if (!*p)
			return false;
		if (*p == '*')
			return true;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p != '"') {
			/* Not an entity tag: skip to the next list member. */
			while (*p && *p != ',')
				p++;
			continue;
		}
		const char *close = strchr(p + 1, '"');
		if (!close)
			return false;
		size_t tlen = (size_t)(close - p) + 1;
		if (tlen == elen && memcmp(p, etag, elen) == 0)
			return true;
		p = close + 1;
	}
}

static const char *const serve_hdr_days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const serve_hdr_months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
						"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static int serve_hdr_month(const char *s)
{
	for (int i = 0; i < 12; i++)
		if (strcmp(s, serve_hdr_months[i]) == 0)
			return i + 1;
	return 0;
}

int serve_hdr_parse_date(const char *s, time_t *t)
{
	char wday[10], mon[4];
	unsigned d, y, h, mi, sec;
	int end = -1;
	size_t n = strlen(s);
	if (sscanf(s, "%3[A-Za-z], %2u %3[A-Za-z] %4u %2u:%2u:%2u GMT%n", wday, &d, mon, &y, &h, &mi,
		   &sec, &end) == 7 && end == (int)n) {
		/* IMF-fixdate */
	} else if (end = -1, sscanf(s, "%9[A-Za-z], %2u-%3[A-Za-z]-%2u %2u:%2u:%2u GMT%n", wday, &d, mon, &y,
				    &h, &mi, &sec, &end) == 7 && end == (int)n) {
		y += y < 70 ? 2000 : 1900; /* RFC 850's two-digit year */
	} else if (end = -1, sscanf(s, "%3[A-Za-z] %3[A-Za-z] %2u %2u:%2u:%2u %4u%n", wday, mon, &d, &h, &mi,
				    &sec, &y, &end) == 7 && end == (int)n) {
		/* asctime */
	} else {
		return -1;
	}
	int m = serve_hdr_month(mon);
	if (!m || d < 1 || d > 31 || y < 1970 || h > 23 || mi > 59 || sec > 60)
		return -1;
	*t = (time_t)(date_days_from_civil(y, (unsigned)m, d) * 86400 + h * 3600 + mi * 60 + sec);
	return 0;
}

void serve_hdr_format_date(time_t t, char *buf, size_t size)
{
	struct tm tm;
	date_utc(t, &tm);
	snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d GMT", serve_hdr_days[tm.tm_wday], tm.tm_mday,
		 serve_hdr_months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void serve_hdr_log_escape(struct strbuf *out, const char *s, size_t max)
{
	size_t i = 0;
	for (; s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"')
			strbuf_printf(out, "\\x%02X", c);
		else
			strbuf_putc(out, (char)c);
	}
	if (s[i])
		strbuf_puts(out, "...");
}
