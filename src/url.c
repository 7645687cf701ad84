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

size_t url_date_prefix(const char *s)
{
	/* Jekyll's file-name date: \d{2,4}-\d{1,2}-\d{1,2}- */
	static const int min[3] = { 2, 1, 1 }, max[3] = { 4, 2, 2 };
	size_t i = 0;
	for (int part = 0; part < 3; part++) {
		int n = 0;
		while (isdigit((unsigned char)s[i]) && n <= max[part]) {
			i++;
			n++;
		}
		if (n < min[part] || n > max[part] || s[i] != '-')
			return 0;
		i++;
	}
	return i;
}

char *url_slug_clean(const char *s)
{
	/* Jekyll drops the date from "2024-10-09-name" (not from a bare date). */
	size_t date = url_date_prefix(s);
	if (s[date])
		s += date;
	gchar *low = g_utf8_strdown(s, -1);
	char *r = xstrdup(low);
	g_free(low);
	return r;
}

/* The length of name's extension when it is one a post file has, else 0. */
static size_t url_post_ext(const char *name, size_t n)
{
	static const char *const exts[] = { ".md", ".markdown", ".mdx", ".html" };
	for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
		size_t e = strlen(exts[k]);
		if (n > e && memcmp(name + n - e, exts[k], e) == 0)
			return e;
	}
	return 0;
}

const char *url_file_stem(const char *path, size_t *len)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base), ext = url_post_ext(base, n);
	if (ext && n - ext == 5 && memcmp(base, "index", 5) == 0 && base != path) {
		const char *end = base - 1; /* the '/' before index.md */
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		*len = (size_t)(end - start);
		return start;
	}
	*len = n - ext;
	return base;
}

char *url_slug_from_path(const char *path)
{
	size_t n;
	const char *stem = url_file_stem(path, &n);
	char *name = xstrndup(stem, n);
	char *slug = url_slug_clean(name);
	free(name);
	return slug;
}

/* Jekyll's slugify: runs of characters other than letters, marks, digits
 * and those in keep become one '-', with none at either end; lowercased
 * unless cased. */
static char *url_slugify_keep(const char *name, const char *keep, bool cased)
{
	gchar *low = cased ? g_strdup(name) : g_utf8_strdown(name, -1);
	struct strbuf sb = STRBUF_INIT;
	bool dash = false;
	for (const gchar *p = low; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isalnum(c) || g_unichar_ismark(c) || (c < 0x80 && c && strchr(keep, (int)c))) {
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

char *url_slugify(const char *name)
{
	return url_slugify_keep(name, "", false);
}

char *url_urlize(const char *s)
{
	/* A space asks for a '-' before the next kept character, unless that
	 * is a '-' itself or nothing was kept yet: no doubled, leading or
	 * trailing '-' from spaces. */
	struct strbuf sb = STRBUF_INIT;
	bool hyphen = false, pending = false;
	for (const gchar *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isalnum(c) || g_unichar_ismark(c) || (c && c < 0x80 && strchr("./_+~-@", (int)c))) {
			hyphen = c == '-';
			if (pending && !hyphen)
				strbuf_putc(&sb, '-');
			pending = false;
			strbuf_add(&sb, p, (size_t)(g_utf8_next_char(p) - p));
		} else if (sb.len && !hyphen && g_unichar_isspace(c)) {
			pending = true;
		}
	}
	char *raw = strbuf_detach(&sb, NULL);
	gchar *low = g_utf8_strdown(raw, -1);
	free(raw);
	char *r = xstrdup(low);
	g_free(low);
	return r;
}

/* ---- Permalink patterns ---- */

enum url_tok {
	UT_YEAR, UT_MONTH, UT_DAY, UT_I_MONTH, UT_I_DAY, UT_SHORT_YEAR, UT_HOUR, UT_MINUTE,
	UT_SECOND, UT_Y_DAY, UT_YEARDAY, UT_MONTHNAME, UT_SHORT_MONTH, UT_WEEKDAY,
	UT_WEEKDAYNAME, UT_SHORT_DAY, UT_WEEK, UT_SLUG, UT_TITLE, UT_FILENAME, UT_SLUGORFILENAME,
	UT_NAME, UT_SECTION, UT_SECTIONS, UT_CATEGORIES, UT_SLUGIFIED_CATEGORIES, UT_OUTPUT_EXT,
};

static const struct {
	const char *name;
	enum url_tok tok;
	bool names_post; /* tells two posts of one day apart */
} url_tokens[] = {
	{ "year", UT_YEAR, false },
	{ "month", UT_MONTH, false },
	{ "day", UT_DAY, false },
	{ "i_month", UT_I_MONTH, false },
	{ "i_day", UT_I_DAY, false },
	{ "short_year", UT_SHORT_YEAR, false },
	{ "hour", UT_HOUR, false },
	{ "minute", UT_MINUTE, false },
	{ "second", UT_SECOND, false },
	{ "y_day", UT_Y_DAY, false },
	{ "yearday", UT_YEARDAY, false },
	{ "monthname", UT_MONTHNAME, false },
	{ "long_month", UT_MONTHNAME, false },
	{ "short_month", UT_SHORT_MONTH, false },
	{ "weekday", UT_WEEKDAY, false },
	{ "weekdayname", UT_WEEKDAYNAME, false },
	{ "long_day", UT_WEEKDAYNAME, false },
	{ "short_day", UT_SHORT_DAY, false },
	{ "week", UT_WEEK, false },
	{ "slug", UT_SLUG, true },
	{ "title", UT_TITLE, true },
	{ "filename", UT_FILENAME, true },
	{ "contentbasename", UT_FILENAME, true },
	{ "slugorfilename", UT_SLUGORFILENAME, true },
	{ "slugorcontentbasename", UT_SLUGORFILENAME, true },
	{ "name", UT_NAME, true },
	{ "section", UT_SECTION, false },
	{ "sections", UT_SECTIONS, false },
	{ "categories", UT_CATEGORIES, false },
	{ "slugified_categories", UT_SLUGIFIED_CATEGORIES, false },
	{ "output_ext", UT_OUTPUT_EXT, false },
};

/* The placeholder at p (":name", or "{name}"), or -1 when p starts none:
 * *len is the length of its text in the pattern and *braced whether it is
 * written {name}. A ':' not followed by a letter is plain text (*len 0). */
static int url_token_at(const char *p, size_t *len, bool *braced)
{
	*len = 0;
	*braced = *p == '{';
	size_t n = 0;
	while ((p[1 + n] >= 'a' && p[1 + n] <= 'z') || p[1 + n] == '_')
		n++;
	if (*braced ? p[1 + n] != '}' : n == 0) {
		if (*braced)
			*len = 1;
		return -1;
	}
	*len = n + 1 + (*braced ? 1 : 0);
	for (size_t k = 0; k < sizeof url_tokens / sizeof url_tokens[0]; k++)
		if (strlen(url_tokens[k].name) == n && memcmp(url_tokens[k].name, p + 1, n) == 0)
			return (int)k;
	return -1;
}

bool url_permalink_valid(const char *pattern, size_t *bad)
{
	for (const char *p = pattern; *p; p++) {
		if (*p != '{' && *p != ':')
			continue;
		size_t len;
		bool braced;
		if (url_token_at(p, &len, &braced) < 0 && len) {
			*bad = (size_t)(p - pattern);
			return false;
		}
		if (len)
			p += len - 1;
	}
	return true;
}

bool url_permalink_names_post(const char *pattern)
{
	for (const char *p = pattern; *p; p++) {
		if (*p != '{' && *p != ':')
			continue;
		size_t len;
		bool braced;
		int k = url_token_at(p, &len, &braced);
		if (k >= 0 && url_tokens[k].names_post)
			return true;
		if (len)
			p += len - 1;
	}
	return false;
}

const char *url_permalink_style(const char *name)
{
	/* Jekyll's built-in styles. */
	static const char *const styles[][2] = {
		{ "date", "/:categories/:year/:month/:day/:title:output_ext" },
		{ "pretty", "/:categories/:year/:month/:day/:title/" },
		{ "ordinal", "/:categories/:year/:y_day/:title:output_ext" },
		{ "weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext" },
		{ "none", "/:categories/:title:output_ext" },
	};
	for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++)
		if (strcmp(name, styles[k][0]) == 0)
			return styles[k][1];
	return NULL;
}

/* Jekyll's :categories: each lowercased (or slugified), once, joined by '/'. */
static void url_put_categories(struct strbuf *sb, char *const *cats, bool slugify)
{
	char **seen = NULL;
	size_t n = 0;
	for (size_t i = 0; cats && cats[i]; i++) {
		char *c = slugify ? url_slugify(cats[i]) : NULL;
		if (!c) {
			gchar *low = g_utf8_strdown(cats[i], -1);
			c = xstrdup(low);
			g_free(low);
		}
		bool dup = !c[0];
		for (size_t k = 0; k < n && !dup; k++)
			dup = strcmp(seen[k], c) == 0;
		if (dup) {
			free(c);
			continue;
		}
		seen = xreallocarray(seen, n + 1, sizeof *seen);
		seen[n++] = c;
		if (n > 1)
			strbuf_putc(sb, '/');
		strbuf_puts(sb, c);
	}
	for (size_t k = 0; k < n; k++)
		free(seen[k]);
	free(seen);
}

/* Put s, which the caller made and gives up. */
static void url_put_own(struct strbuf *sb, char *s)
{
	strbuf_puts(sb, s);
	free(s);
}

static void url_put_token(struct strbuf *sb, enum url_tok t, bool braced, const struct url_vars *v,
			  const struct tm *tm)
{
	static const char *const months[12] = { "January", "February", "March", "April", "May", "June",
						"July", "August", "September", "October", "November",
						"December" };
	static const char *const days[7] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					      "Thursday", "Friday", "Saturday" };
	/* Jekyll's file-name title: the slug field, else the stem without its date. */
	const char *jname = v->slug_field ? v->slug_field : v->stem + url_date_prefix(v->stem);
	char buf[16];
	switch (t) {
	case UT_YEAR: strbuf_printf(sb, "%04d", tm->tm_year + 1900); break;
	case UT_MONTH: strbuf_printf(sb, "%02d", tm->tm_mon + 1); break;
	case UT_DAY: strbuf_printf(sb, "%02d", tm->tm_mday); break;
	case UT_I_MONTH: strbuf_printf(sb, "%d", tm->tm_mon + 1); break;
	case UT_I_DAY: strbuf_printf(sb, "%d", tm->tm_mday); break;
	case UT_SHORT_YEAR: strbuf_printf(sb, "%02d", (tm->tm_year + 1900) % 100); break;
	case UT_HOUR: strbuf_printf(sb, "%02d", tm->tm_hour); break;
	case UT_MINUTE: strbuf_printf(sb, "%02d", tm->tm_min); break;
	case UT_SECOND: strbuf_printf(sb, "%02d", tm->tm_sec); break;
	case UT_Y_DAY: strbuf_printf(sb, "%03d", tm->tm_yday + 1); break;
	case UT_YEARDAY: strbuf_printf(sb, "%d", tm->tm_yday + 1); break;
	case UT_MONTHNAME: strbuf_puts(sb, months[tm->tm_mon]); break;
	case UT_SHORT_MONTH: strbuf_add(sb, months[tm->tm_mon], 3); break;
	case UT_WEEKDAY: strbuf_printf(sb, "%d", tm->tm_wday); break;
	case UT_WEEKDAYNAME: strbuf_puts(sb, days[tm->tm_wday]); break;
	case UT_SHORT_DAY: strbuf_add(sb, days[tm->tm_wday], 3); break;
	case UT_WEEK:
		strftime(buf, sizeof buf, "%V", tm); /* the ISO week: no locale in it */
		strbuf_puts(sb, buf);
		break;
	case UT_SLUG:
		if (braced)
			strbuf_puts(sb, v->slug);
		else if (v->jekyll)
			url_put_own(sb, url_slugify(jname));
		else
			url_put_own(sb, url_urlize(v->slug_field ? v->slug_field : v->title));
		break;
	case UT_TITLE:
		if (v->jekyll)
			url_put_own(sb, url_slugify_keep(jname, "._~!$&'()+,;=@", true));
		else
			url_put_own(sb, url_urlize(v->title));
		break;
	case UT_FILENAME: url_put_own(sb, url_urlize(v->stem)); break;
	case UT_SLUGORFILENAME: url_put_own(sb, url_urlize(v->slug_field ? v->slug_field : v->stem)); break;
	case UT_NAME: url_put_own(sb, url_slugify(v->stem)); break;
	case UT_SECTION: {
		const char *slash = strchr(v->sections, '/');
		strbuf_add(sb, v->sections, slash ? (size_t)(slash - v->sections) : strlen(v->sections));
		break;
	}
	case UT_SECTIONS: strbuf_puts(sb, v->sections); break;
	case UT_CATEGORIES: url_put_categories(sb, v->categories, false); break;
	case UT_SLUGIFIED_CATEGORIES: url_put_categories(sb, v->categories, true); break;
	case UT_OUTPUT_EXT: strbuf_puts(sb, ".html"); break;
	}
}

char *url_permalink(const char *pattern, const struct url_vars *v)
{
	struct tm tm;
	date_utc(v->date + v->offset, &tm);
	tm.tm_yday = (int)((v->date + v->offset) / 86400 -
			   date_days_from_civil(tm.tm_year + 1900, 1, 1) -
			   ((v->date + v->offset) % 86400 < 0 ? 1 : 0));
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = pattern; *p;) {
		size_t len = 0;
		bool braced = false;
		int k = (*p == '{' || *p == ':') ? url_token_at(p, &len, &braced) : -1;
		if (k < 0) {
			strbuf_putc(&sb, *p++);
			continue;
		}
		url_put_token(&sb, url_tokens[k].tok, braced, v, &tm);
		p += len;
	}
	/* An empty placeholder (no categories) leaves "//": one '/', as both
	 * generators write it. */
	char *s = strbuf_detach(&sb, NULL);
	size_t w = 0;
	for (size_t r = 0; s[r]; r++)
		if (!(s[r] == '/' && w && s[w - 1] == '/'))
			s[w++] = s[r];
	s[w] = '\0';
	return s;
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
