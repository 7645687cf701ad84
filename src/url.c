/* url: slugs, permalinks and URI handling; see url.h. */
#include "url.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "date.h"
#include "strbuf.h"
#include "xalloc.h"

char *url_slug_clean(const char *s)
{
	/* Jekyll drops the date from "2024-10-09-name". */
	if (strlen(s) > 11 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) && s[4] == '-' &&
	    isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]) && s[7] == '-' &&
	    isdigit((unsigned char)s[8]) && isdigit((unsigned char)s[9]) && s[10] == '-')
		s += 11;
	gchar *low = g_utf8_strdown(s, -1);
	char *r = xstrdup(low);
	g_free(low);
	return r;
}

char *url_slug_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	char *name;
	if (strcmp(base, "index.md") == 0 && base != path) {
		const char *end = base - 1; /* the '/' before index.md */
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		name = xstrndup(start, (size_t)(end - start));
	} else {
		name = xstrndup(base, n > 3 && strcmp(base + n - 3, ".md") == 0 ? n - 3 : n);
	}
	char *slug = url_slug_clean(name);
	free(name);
	return slug;
}

char *url_slugify(const char *name)
{
	gchar *low = g_utf8_strdown(name, -1);
	struct strbuf sb = STRBUF_INIT;
	bool dash = false;
	for (const gchar *p = low; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isalnum(c) || g_unichar_ismark(c)) {
			if (dash && sb.len)
				strbuf_putc(&sb, '-');
			dash = false;
			strbuf_add(&sb, p, (size_t)(g_utf8_next_char(p) - p));
		} else {
			dash = true;
		}
	}
	g_free(low);
	return strbuf_detach(&sb, NULL);
}

bool url_permalink_valid(const char *pattern, size_t *bad)
{
	static const char *const known[] = { "{slug}", "{year}", "{month}", "{day}" };
	for (const char *p = pattern; *p; p++) {
		if (*p != '{')
			continue;
		bool ok = false;
		for (size_t k = 0; k < 4; k++)
			if (strncmp(p, known[k], strlen(known[k])) == 0)
				ok = true;
		if (!ok) {
			*bad = (size_t)(p - pattern);
			return false;
		}
	}
	return true;
}

char *url_permalink(const char *pattern, const char *slug, time_t date, int offset)
{
	struct tm tm;
	date_utc(date + offset, &tm);
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = pattern; *p;) {
		if (strncmp(p, "{slug}", 6) == 0) {
			strbuf_puts(&sb, slug);
			p += 6;
		} else if (strncmp(p, "{year}", 6) == 0) {
			strbuf_printf(&sb, "%04d", tm.tm_year + 1900);
			p += 6;
		} else if (strncmp(p, "{month}", 7) == 0) {
			strbuf_printf(&sb, "%02d", tm.tm_mon + 1);
			p += 7;
		} else if (strncmp(p, "{day}", 5) == 0) {
			strbuf_printf(&sb, "%02d", tm.tm_mday);
			p += 5;
		} else {
			strbuf_putc(&sb, *p++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

char *url_escape_iri(const char *s)
{
	/* Keep the characters RFC 3986 allows in a URI (reserved and unreserved)
	 * and '%' so existing escapes survive; libxml2 escapes the rest. */
	xmlChar *e = xmlURIEscapeStr((const xmlChar *)s, (const xmlChar *)":/?#[]@!$&'()*+,;=%~");
	char *r = xstrdup(e ? (const char *)e : s);
	xmlFree(e);
	return r;
}

char *url_join(const char *site_url, const char *path)
{
	size_t n = strlen(site_url);
	while (n > 0 && site_url[n - 1] == '/')
		n--;
	char *raw = xasprintf("%.*s%s%s", (int)n, site_url, path[0] == '/' ? "" : "/", path);
	char *r = url_escape_iri(raw);
	free(raw);
	return r;
}

char *url_resolve(const char *ref, const char *base)
{
	xmlChar *r = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	if (!r) {
		/* References with spaces or non-ASCII are not URIs until escaped. */
		char *esc = url_escape_iri(ref);
		r = xmlBuildURI((const xmlChar *)esc, (const xmlChar *)base);
		free(esc);
		if (!r)
			return NULL;
	}
	char *out = xstrdup((const char *)r);
	xmlFree(r);
	return out;
}

bool url_is_absolute_http(const char *s)
{
	xmlURIPtr u = xmlParseURI(s);
	bool ok = u && u->scheme && u->server && u->server[0] &&
		  (strcmp(u->scheme, "http") == 0 || strcmp(u->scheme, "https") == 0);
	xmlFreeURI(u);
	return ok;
}

char *url_host(const char *url)
{
	xmlURIPtr u = xmlParseURI(url);
	char *host = u && u->server ? xstrdup(u->server) : NULL;
	xmlFreeURI(u);
	return host;
}

bool url_path_safe(const char *path)
{
	if (strchr(path, '\\'))
		return false;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20)
			return false;
	char *dec = xmlURIUnescapeString(path, 0, NULL);
	if (!dec)
		return false;
	bool ok = true;
	/* Check every segment of the decoded path for "..". */
	for (const char *seg = dec; ok && *seg;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 2 && seg[0] == '.' && seg[1] == '.')
			ok = false;
		if (memchr(seg, '\\', n))
			ok = false;
		seg += n;
		while (*seg == '/')
			seg++;
	}
	xmlFree(dec);
	return ok;
}
