/* post: loading and validating posts; see post.h. */
#include "post.h"

#include <fcntl.h> /* AT_FDCWD */
#include <sys/stat.h>
#include <glib.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cache.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "frontmatter.h"
#include "fsin.h"
#include "gentext.h"
#include "html.h"
#include "markdown.h"
#include "url.h"
#include "xalloc.h"
#include "ydoc.h"

/* 1-based line and column of byte offset off in text. */
static void post_position(const char *text, size_t off, int *line, int *col)
{
	int l = 1;
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n') {
			l++;
			start = i + 1;
		}
	*line = l;
	/* Columns count characters, not bytes. */
	*col = (int)g_utf8_strlen(text + start, (gssize)(off - start)) + 1;
}

/* The length of text's leading run of printable ASCII, tabs and line ends:
 * bytes that are valid UTF-8 and allowed in XML as they are. Most posts
 * are all of it, so the checks below run on what follows, if anything. */
static size_t post_plain_prefix(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if ((c >= 0x20 && c < 0x80) || c == '\n' || c == '\t' || c == '\r')
			i++;
		else
			break;
	}
	return i;
}

long post_clean_text(const char *file, char *text, size_t len)
{
	size_t plain = post_plain_prefix(text, len);
	if (plain == len) {
		text[len] = '\0';
		return (long)len;
	}
	const gchar *bad;
	if (!g_utf8_validate(text + plain, (gssize)(len - plain), &bad)) {
		size_t off = (size_t)(bad - text);
		int line, col;
		post_position(text, off, &line, &col);
		if (off < len && text[off] == '\0')
			diag_error(file, line, col, "NUL byte at byte offset %zu: the file is not text", off);
		else
			diag_error(file, line, col, "invalid UTF-8 at byte offset %zu (byte 0x%02X)", off,
				   (unsigned char)text[off]);
		return -1;
	}
	size_t w = plain, removed = 0, first = 0;
	for (size_t r = plain; r < len; r++) {
		unsigned char c = (unsigned char)text[r];
		bool forbidden = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
				 /* U+FFFE and U+FFFF: EF BF BE / EF BF BF */
				 (c == 0xEF && r + 2 < len && (unsigned char)text[r + 1] == 0xBF &&
				  ((unsigned char)text[r + 2] == 0xBE || (unsigned char)text[r + 2] == 0xBF));
		if (forbidden) {
			if (!removed++)
				first = r;
			if (c == 0xEF)
				r += 2;
			continue;
		}
		text[w++] = text[r];
	}
	if (removed) {
		/* Nothing before the first removal moved, so its position is exact. */
		int line, col;
		post_position(text, first, &line, &col);
		diag_warning(file, line, col, "removed %zu control character%s that XML does not allow",
			     removed, removed == 1 ? "" : "s");
	}
	text[w] = '\0';
	return (long)w;
}

static char **post_no_strings(void)
{
	return xcalloc(1, sizeof(char *));
}

/* Strip "<...>" around a URL, as the ebpf.io corpus writes some externalUrls
 * (a site that does it, does it often: one summary line). */
static struct diag_kind post_brackets =
	DIAG_KIND(DIAG_WARNING, "%d URLs had angle brackets around them, removed");

static char *post_unbracket(struct ydoc *d, yaml_node_t *n, char *s)
{
	size_t len = strlen(s);
	if (len >= 2 && s[0] == '<' && s[len - 1] == '>') {
		diag_kind(&post_brackets, d->file, ydoc_line(d, n), ydoc_col(n), "angle brackets around the URL removed");
		memmove(s, s + 1, len - 2);
		s[len - 2] = '\0';
	}
	return s;
}

/* Bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069) can make a
 * title read differently from how it sorts and links ("Trojan Source"):
 * kept, since right-to-left text may need them, but named. */
static void post_check_bidi(struct ydoc *d, yaml_node_t *n, const char *text)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
			ydoc_warning(d, n, "the title holds the bidirectional control U+%04X, which "
					   "changes how the text around it reads", (unsigned)c);
			return;
		}
	}
}

/* ---- reading the front matter's fields ---- */

/* The value found for one field: its node (for a dotted name or a cover
 * mapping, the node inside), the key that gave it, and its rank among the
 * field's names (the lowest wins; top-level keys before params/extra). */
struct post_found {
	yaml_node_t *node;
	const char *key;
	unsigned rank;
};

/* Hugo's params, Zola's extra and Zola's taxonomies (where its tags and
 * categories live): mappings of a post's own keys, searched after the top
 * level, whose names rank after every top-level name. */
#define POST_NESTED_RANK FIELDS_MAX_NAMES
#define POST_NESTED_MAX 3

/* A scalar that YAML, TOML or JSON would read as a boolean. */
static bool post_is_bool(const yaml_node_t *n)
{
	static const char *const words[] = { "true", "false", "yes", "no", "on", "off" };
	const char *s = ydoc_scalar(n);
	if (!s || !ydoc_is_plain(n))
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static bool post_is_false(const yaml_node_t *n)
{
	const char *s = ydoc_scalar(n);
	return s && (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0 || strcasecmp(s, "off") == 0);
}

/* The value of key (any case) in mapping n, or NULL. */
static yaml_node_t *post_member(struct ydoc *d, yaml_node_t *n, const char *key, size_t len)
{
	if (ydoc_kind(n) != YDOC_MAP)
		return NULL;
	yaml_node_t *v = NULL;
	for (size_t i = 0, count = ydoc_count(n); i < count; i++) {
		yaml_node_t *k = ydoc_key(d, n, i);
		if (ydoc_kind(k) == YDOC_SCALAR && ydoc_scalar_len(k) == len &&
		    strncasecmp(ydoc_scalar(k), key, len) == 0)
			v = ydoc_value(d, n, i); /* the last of duplicates, as at the top */
	}
	return v;
}

/* The node a dotted rest ("cover.image") leads to from n, or NULL. */
static yaml_node_t *post_descend(struct ydoc *d, yaml_node_t *n, const char *rest)
{
	while (n && rest) {
		const char *dot = strchr(rest, '.');
		size_t len = dot ? (size_t)(dot - rest) : strlen(rest);
		n = post_member(d, n, rest, len);
		rest = dot ? dot + 1 : NULL;
	}
	return n;
}

/* The picture an image value names: a string; a list's first string
 * (Hugo's images); a mapping's image, src or url (cover: {image: ...}).
 * NULL when it names none (such as {uid: ..., alt: ...}): the next name
 * is tried. */
static yaml_node_t *post_image_node(struct ydoc *d, yaml_node_t *n)
{
	if (ydoc_kind(n) == YDOC_LIST)
		n = ydoc_item(d, n, 0); /* NULL for an empty list */
	if (ydoc_kind(n) == YDOC_MAP) {
		yaml_node_t *m = n;
		n = post_member(d, m, "image", 5);
		if (!n)
			n = post_member(d, m, "src", 3);
		if (!n)
			n = post_member(d, m, "url", 3);
	}
	const char *s = ydoc_scalar(n);
	return s && s[0] && !ydoc_is_null(n) ? n : NULL;
}

/* Match the keys of mapping map against the field names, keeping in
 * found[] the best-ranked value of each field. With nested (the top
 * level), the params, extra and taxonomies mappings are returned there. */
static void post_collect(struct ydoc *d, yaml_node_t *map, const struct fields *names,
			 unsigned rank_base, struct post_found *found, yaml_node_t **nested, size_t *nnested)
{
	for (size_t pr = 0, count = ydoc_count(map); pr < count; pr++) {
		yaml_node_t *k = ydoc_key(d, map, pr);
		if (ydoc_kind(k) != YDOC_SCALAR)
			continue;
		const char *key = ydoc_scalar(k);
		size_t len = ydoc_scalar_len(k);
		yaml_node_t *value = ydoc_value(d, map, pr);
		if (nested && ydoc_kind(value) == YDOC_MAP && *nnested < POST_NESTED_MAX &&
		    ((len == 6 && strncasecmp(key, "params", 6) == 0) ||
		     (len == 5 && strncasecmp(key, "extra", 5) == 0) ||
		     (len == 10 && strncasecmp(key, "taxonomies", 10) == 0)))
			nested[(*nnested)++] = value;
		const struct fields_entry *e;
		size_t n = fields_lookup(names, key, len, &e);
		for (size_t i = 0; i < n; i++) {
			yaml_node_t *v = e[i].rest ? post_descend(d, value, e[i].rest) : value;
			if (!v || ydoc_is_null(v))
				continue;
			if ((e[i].flags & FIELDS_IF_NOT_BOOL) && post_is_bool(v))
				continue;
			if ((e[i].flags & FIELDS_IF_BOOL_NOT) && !post_is_bool(v))
				continue;
			if (e[i].id == FIELDS_IMAGE && !(v = post_image_node(d, v)))
				continue;
			struct post_found *f = &found[e[i].id];
			unsigned rank = rank_base + e[i].rank;
			/* "<=": of duplicate keys, the last wins. */
			if (!f->node || rank <= f->rank)
				*f = (struct post_found){ v, key, rank };
		}
	}
}

/* Duplicate keys (in any case, as Hugo lowercases them): the last one is
 * used, as the generators do; a warning for each (a site that has one has
 * more: one summary line). */
static struct diag_kind post_duplicate =
	DIAG_KIND(DIAG_WARNING, "%d duplicate keys in front matter: the last of each is used");

static void post_warn_duplicates(struct ydoc *d, const yaml_node_t *n)
{
	for (size_t a = 0, count = ydoc_count(n); a < count; a++) {
		const yaml_node_t *na = ydoc_key(d, n, a);
		const char *ka = ydoc_scalar(na);
		if (!ka)
			continue;
		size_t la = ydoc_scalar_len(na);
		for (size_t b = 0; b < a; b++) {
			const yaml_node_t *nb = ydoc_key(d, n, b);
			const char *kb = ydoc_scalar(nb);
			/* Lengths first: most keys differ in theirs. */
			if (kb && ydoc_scalar_len(nb) == la && strcasecmp(ka, kb) == 0) {
				diag_kind(&post_duplicate, d->file, ydoc_line(d, na), ydoc_col(na),
					  "duplicate key '%s' (first given on line %d): this one is used", ka,
					  ydoc_line(d, nb));
				break;
			}
		}
	}
}

/* A string field's text with HTML entities decoded and tags removed, as
 * generators show titles and descriptions; plain text is kept as it is. */
static char *post_plain(char *s)
{
	if (!html_has_markup(s))
		return g_strstrip(s);
	char *t = html_to_text(s);
	free(s);
	return t;
}

/* A string field; NULL when it is not one (after a warning: the value is
 * left out, the post is kept). Caller frees. */
static char *post_optional_string(struct ydoc *d, const struct post_found *f)
{
	const char *s = ydoc_scalar(f->node);
	if (!s) {
		ydoc_warning(d, f->node, "'%s' must be a string, not a %s: left out", f->key,
			     ydoc_kind(f->node) == YDOC_LIST ? "list" : "mapping");
		return NULL;
	}
	return xstrdup(s);
}

/* Add s to v as terms: split at commas when it has any ("x, y"), else at
 * white space ("a b", as Jekyll and Hugo split a string of categories),
 * unless whole. */
static void post_add_terms(GPtrArray *v, const char *s, bool whole)
{
	if (whole || !s[0]) {
		char *t = g_strstrip(xstrdup(s));
		if (t[0])
			g_ptr_array_add(v, t);
		else
			free(t);
		return;
	}
	bool commas = strchr(s, ',') != NULL;
	for (const char *p = s; *p;) {
		while (*p && (commas ? (*p == ',' || g_ascii_isspace(*p)) : g_ascii_isspace(*p)))
			p++;
		const char *end = p;
		while (*end && (commas ? *end != ',' : !g_ascii_isspace(*end)))
			end++;
		size_t n = (size_t)(end - p);
		while (n > 0 && g_ascii_isspace(p[n - 1]))
			n--;
		if (n)
			g_ptr_array_add(v, xstrndup(p, n));
		p = end;
	}
}

static char **post_take_strings(GPtrArray *v)
{
	char **out = xcalloc(v->len + 1, sizeof *out);
	for (guint i = 0; i < v->len; i++)
		out[i] = g_ptr_array_index(v, i);
	g_ptr_array_free(v, TRUE);
	return out;
}

/* Categories or tags: a list, or a string of terms (see post_add_terms);
 * the singular "category" is one term. Entries that are not strings are
 * left out with a warning. */
static char **post_terms(struct ydoc *d, const struct post_found *f)
{
	GPtrArray *v = g_ptr_array_new();
	bool whole = strcasecmp(f->key, "category") == 0;
	if (ydoc_kind(f->node) == YDOC_SCALAR) {
		post_add_terms(v, ydoc_scalar(f->node), whole);
	} else if (ydoc_kind(f->node) == YDOC_LIST) {
		for (size_t i = 0, count = ydoc_count(f->node); i < count; i++) {
			yaml_node_t *item = ydoc_item(d, f->node, i);
			if (ydoc_kind(item) != YDOC_SCALAR) {
				ydoc_warning(d, item, "each entry of '%s' must be a string: this one is left out", f->key);
				continue;
			}
			if (!ydoc_is_null(item))
				post_add_terms(v, ydoc_scalar(item), true);
		}
	} else {
		ydoc_warning(d, f->node, "'%s' must be a string or a list of strings, not a mapping: left out", f->key);
	}
	return post_take_strings(v);
}

/* An author written as a Markdown link, "[Name](https://...)", as some
 * Jekyll sites do: the name, and the link's URL in *url (NULL when s is
 * not one link). Links inside longer text become their text. Caller frees. */
static char *post_author_text(const char *s, char **url)
{
	*url = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t links = 0;
	const char *p = s;
	while (*p) {
		const char *open = strchr(p, '[');
		const char *close = open ? strstr(open, "](") : NULL;
		const char *end = close ? strchr(close + 2, ')') : NULL;
		if (!end) {
			strbuf_puts(&sb, p);
			break;
		}
		strbuf_add(&sb, p, (size_t)(open - p));
		strbuf_add(&sb, open + 1, (size_t)(close - open - 1));
		if (!links++ && open == s + strspn(s, " ") && end[1 + strspn(end + 1, " ")] == '\0') {
			free(*url);
			*url = xstrndup(close + 2, (size_t)(end - close - 2));
		}
		p = end + 1;
	}
	if (links != 1) {
		free(*url);
		*url = NULL;
	}
	char *t = strbuf_detach(&sb, NULL);
	return g_strstrip(t);
}

/* One author: a string, or a mapping with name (else email) and url. */
static void post_author_one(struct ydoc *d, yaml_node_t *n, const struct config *cfg, GPtrArray *names,
			    GPtrArray *urls)
{
	const char *name = ydoc_scalar(n), *url = NULL;
	if (ydoc_kind(n) == YDOC_MAP) {
		name = ydoc_scalar(post_member(d, n, "name", 4));
		if (!name)
			name = ydoc_scalar(post_member(d, n, "email", 5));
		url = ydoc_scalar(post_member(d, n, "url", 3));
		if (!url)
			url = ydoc_scalar(post_member(d, n, "uri", 3));
		if (!url)
			url = ydoc_scalar(post_member(d, n, "link", 4));
	}
	if (!name) {
		ydoc_warning(d, n, "an author must be a name, or a mapping with a name: left out");
		return;
	}
	if (ydoc_is_null(n))
		return;
	char *link = NULL;
	char *text = post_author_text(name, &link);
	if (!text[0]) {
		free(text);
		free(link);
		return;
	}
	if (!link && url && url[0])
		link = xstrdup(url);
	char *abs = NULL;
	if (link) {
		abs = url_resolve(g_strstrip(link), cfg->site_url);
		if (abs && !url_is_absolute_http(abs)) {
			free(abs);
			abs = NULL;
		}
	}
	free(link);
	g_ptr_array_add(names, post_plain(text));
	g_ptr_array_add(urls, abs ? abs : xstrdup(""));
}

/* Authors: a string, a mapping {name, email, url}, or a list of either. */
static void post_authors(struct post *p, struct ydoc *d, yaml_node_t *n, const struct config *cfg)
{
	GPtrArray *names = g_ptr_array_new(), *urls = g_ptr_array_new();
	if (ydoc_kind(n) == YDOC_LIST)
		for (size_t i = 0, count = ydoc_count(n); i < count; i++)
			post_author_one(d, ydoc_item(d, n, i), cfg, names, urls);
	else
		post_author_one(d, n, cfg, names, urls);
	p->authors = post_take_strings(names);
	p->author_urls = post_take_strings(urls);
	bool any = false;
	for (size_t i = 0; p->author_urls[i]; i++)
		any |= p->author_urls[i][0] != '\0';
	if (!any) {
		ydoc_strings_free(p->author_urls);
		p->author_urls = NULL;
	}
}

/* Parse a date value at node n; on error *why says why (static) and *col
 * where, as a column in the file. */
static int post_date_value(yaml_node_t *n, const struct config *cfg, time_t *out, int *col,
			   const char **why)
{
	const char *s = ydoc_scalar(n);
	if (!s) {
		*col = ydoc_col(n);
		*why = "a date is a single value (" DATE_FORMS ")";
		return -1;
	}
	size_t at;
	if (date_parse(s, &cfg->zone, out, &at, why) == 0)
		return 0;
	/* Quoted scalars start one column before their text. */
	int extra = ydoc_is_quoted(n) ? 1 : 0;
	*col = ydoc_col(n) + extra + (int)at;
	return -1;
}

/* The post's date: the first date field, else the date in the file or
 * folder name. A field that cannot be read is an error, unless the name
 * gives the date: then a warning, and the name's date. */
static int post_date(struct post *p, struct ydoc *d, const struct post_found *f,
		     const yaml_node_t *path_node, const struct config *cfg)
{
	time_t from_name = 0;
	bool named = false;
	if (f->node) {
		int col;
		const char *why;
		if (post_date_value(f->node, cfg, &p->date, &col, &why) == 0)
			return 0;
		named = date_from_name(p->file, &cfg->zone, &from_name) > 0;
		const char *s = ydoc_scalar(f->node);
		if (named) {
			char ymd[16];
			date_format_ymd(from_name + date_zone_offset(&cfg->zone, from_name), ymd, sizeof ymd);
			diag_warning(d->file, ydoc_line(d, f->node), col,
				     "invalid %s '%s': %s; the date in the file name, %s, is used", f->key,
				     s ? s : "", why, ymd);
			p->date = from_name;
			return 0;
		}
		diag_error(d->file, ydoc_line(d, f->node), col, "invalid %s '%s': %s", f->key, s ? s : "", why);
		return -1;
	}
	if (date_from_name(p->file, &cfg->zone, &p->date) > 0)
		return 0;
	const char *path = path_node ? ydoc_scalar(path_node) : NULL;
	if (path && date_from_url_path(path, &cfg->zone, &p->date) > 0)
		return 0; /* Zola sites such as the Rust blog: path = "2023/12/15/slug" */
	if (p->file_date) { /* a _drafts file's modification time */
		p->date = p->file_date;
		return 0;
	}
	char names[512];
	fields_describe(cfg->fields ? cfg->fields : fields_builtin(), FIELDS_DATE, names, sizeof names);
	diag_error(p->file, d->line_offset, 1,
		   "missing required field 'date' (nor a date in the file name, such as "
		   "2021-03-04-slug.md; looked for %s)", names);
	return -1;
}

/* An optional date (updated, expiryDate): a value that cannot be read is
 * left out with a warning. Returns whether *out was set. */
static bool post_optional_date(struct ydoc *d, const struct post_found *f, const struct config *cfg,
			       time_t *out)
{
	int col;
	const char *why;
	if (post_date_value(f->node, cfg, out, &col, &why) == 0)
		return true;
	const char *s = ydoc_scalar(f->node);
	diag_warning(d->file, ydoc_line(d, f->node), col, "invalid %s '%s': %s; left out", f->key,
		     s ? s : "", why);
	return false;
}

/* Images the site publishes under names feedcard cannot know. */
static struct diag_kind post_image_elsewhere = DIAG_KIND(DIAG_WARNING,
	"%d posts name an image that is neither beside the post, a path on the site nor an http(s) "
	"URL: left out, the cards stand in");

/* The post's image. A relative name is a file beside the post: the card
 * is written under that name, or the file is used when it is there. An
 * absolute URL, or a path on the site ("/img/x.png"), is a picture the
 * site already has: the feeds show it, and the card takes the default name. */
static void post_image(struct post *p, struct ydoc *d, const struct post_found *f, const struct config *cfg)
{
	const char *v = ydoc_scalar(f->node);
	while (*v == ' ')
		v++;
	if (strncasecmp(v, "http://", 7) == 0 || strncasecmp(v, "https://", 8) == 0) {
		char *esc = url_escape_iri(v);
		if (url_is_absolute_http(esc)) {
			p->own_image = esc;
			return;
		}
		free(esc);
	}
	if (v[0] == '/') {
		char *abs = url_resolve(v, cfg->site_url);
		if (abs && url_is_absolute_http(abs)) {
			p->own_image = abs;
			return;
		}
		free(abs);
	}
	if (strncmp(v, "./", 2) == 0)
		v += 2;
	const char *colon = strchr(v, ':'), *slash = strchr(v, '/');
	if (!v[0] || (colon && (!slash || colon < slash)) || !url_path_safe(v) || v[0] == '/') {
		/* Astro and Gatsby sites name pictures in another folder
		 * ("../../assets/x.jpg"), which their build publishes under names
		 * of its own: one summary line for all of them. */
		diag_kind(&post_image_elsewhere, d->file, ydoc_line(d, f->node), ydoc_col(f->node),
			  "%s '%s' is neither a file beside the post, a path on the site nor an http(s) "
			  "URL: left out (the post's card stands in)", f->key, ydoc_scalar(f->node));
		return;
	}
	p->og_image = xstrdup(v);
}

/* The post's own path (path, permalink, url): a path on the site, or an
 * absolute URL on the site; "/" is added in front when missing. Returns
 * -1 after an error (a path that leaves the site). */
static int post_path(struct post *p, struct ydoc *d, const struct post_found *f, const struct config *cfg)
{
	char *s = post_optional_string(d, f);
	if (!s)
		return 0;
	g_strstrip(s);
	size_t n = strlen(cfg->site_url);
	/* A path (the common case) is told from a URL without parsing it. */
	if ((strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0) && url_is_absolute_http(s)) {
		if (strncmp(s, cfg->site_url, n) != 0 || (s[n] != '/' && s[n] != '\0')) {
			ydoc_warning(d, f->node, "%s '%s' is not on the site (%s): left out", f->key, s, cfg->site_url);
			free(s);
			return 0;
		}
		memmove(s, s + n, strlen(s + n) + 1);
	}
	if (s[0] != '/') {
		char *t = xasprintf("/%s", s);
		free(s);
		s = t;
	}
	if (!url_path_safe(s) || strstr(s, "//")) {
		ydoc_error(d, f->node, "%s '%s' must stay inside the site (no '..', '\\' or '//')", f->key, s);
		free(s);
		return -1;
	}
	p->path = s;
	return 0;
}

static struct post *post_parse_dated(const char *file, char *text, size_t len,
				     const struct config *cfg, time_t file_date, bool *not_post);

/* The draft flag into *out. One that is neither true nor false keeps the
 * post out of the feeds (as a draft) with a warning, rather than failing
 * the build: *out is true then. */
static void post_draft(struct ydoc *d, const struct post_found *f, bool *out)
{
	diag_mute(true); /* its error is said below, as a warning */
	int rc = ydoc_bool(d, f->node, f->key, out);
	diag_mute(false);
	if (rc == 0)
		return;
	const char *s = ydoc_scalar(f->node);
	ydoc_warning(d, f->node, "%s '%s' is neither true nor false: the post is taken as a draft", f->key,
		     s ? s : "");
	*out = true;
}

/* An externalUrl that is not an absolute http(s) URL: a path on the site
 * ("/talks/x/") is resolved against the site's URL; anything else is left
 * out with a warning, and the post links to its own page. Takes
 * p->external_url. */
static void post_external_site(struct post *p, struct ydoc *d, const struct post_found *f,
			       const struct config *cfg)
{
	char *abs = p->external_url[0] == '/' && p->external_url[1] != '/'
			    ? url_resolve(p->external_url, cfg->site_url)
			    : NULL;
	if (abs && url_is_absolute_http(abs)) {
		free(p->external_url);
		p->external_url = url_escape_iri(abs);
		free(abs);
		return;
	}
	free(abs);
	ydoc_warning(d, f->node, "%s '%s' is not an absolute http(s) URL: left out (the post links to its own page)",
		     f->key, p->external_url);
	free(p->external_url);
	p->external_url = NULL;
}

/* Read the post's fields from d. Returns 0; 1, with no message, when the
 * file has neither a title nor a date (a page, not a post); or -1 after a
 * diag. */
static int post_fields(struct post *p, struct ydoc *d, const struct config *cfg)
{
	yaml_node_t *root = ydoc_root(d);
	struct post_found f[FIELDS_COUNT];
	memset(f, 0, sizeof f);
	if (!root || ydoc_is_null(root)) {
		diag_error(p->file, d->line_offset, 1, "the front matter is empty: title and date are required");
		return -1;
	}
	if (ydoc_kind(root) != YDOC_MAP) {
		ydoc_error(d, root, "the front matter must be a mapping of fields (such as 'title: ...')");
		return -1;
	}
	post_warn_duplicates(d, root);
	const struct fields *names = cfg->fields ? cfg->fields : fields_builtin();
	yaml_node_t *nested[POST_NESTED_MAX];
	size_t nnested = 0;
	post_collect(d, root, names, 0, f, nested, &nnested);
	for (size_t i = 0; i < nnested; i++)
		post_collect(d, nested[i], names, POST_NESTED_RANK, f, NULL, NULL);

	/* Neither a title nor a date anywhere: a page the generator publishes
	 * (an about page, a redirect), not a post. */
	time_t when;
	const char *path = f[FIELDS_PATH].node ? ydoc_scalar(f[FIELDS_PATH].node) : NULL;
	if (!f[FIELDS_TITLE].node && !f[FIELDS_DATE].node && !p->file_date &&
	    date_from_name(p->file, &cfg->zone, &when) == 0 &&
	    !(path && date_from_url_path(path, &cfg->zone, &when) > 0))
		return 1;

	int bad = 0;
	struct post_found *t = &f[FIELDS_TITLE];
	if (!t->node) {
		char title_names[512];
		fields_describe(names, FIELDS_TITLE, title_names, sizeof title_names);
		diag_error(p->file, d->line_offset, 1, "missing required field 'title' (looked for %s)", title_names);
		bad = -1;
	} else if (ydoc_string(d, t->node, t->key, &p->title) == 0) {
		p->title = post_plain(p->title);
		if (strlen(p->title) > POST_MAX_TITLE_BYTES) {
			ydoc_error(d, t->node, "the title is %zu bytes long; the limit is %d",
				   strlen(p->title), POST_MAX_TITLE_BYTES);
			bad = -1;
		} else if (!p->title[0]) {
			ydoc_error(d, t->node, "the title is blank");
			bad = -1;
		} else {
			post_check_bidi(d, t->node, p->title);
		}
	} else {
		bad = -1;
	}
	bad |= post_date(p, d, &f[FIELDS_DATE], f[FIELDS_PATH].node, cfg);
	p->updated = p->date;
	if (f[FIELDS_UPDATED].node && !post_optional_date(d, &f[FIELDS_UPDATED], cfg, &p->updated))
		p->updated = p->date;
	if (f[FIELDS_EXPIRY].node && !post_optional_date(d, &f[FIELDS_EXPIRY], cfg, &p->expires))
		p->expires = 0;

	if (f[FIELDS_SUMMARY].node && (p->description = post_optional_string(d, &f[FIELDS_SUMMARY])))
		p->description = post_plain(p->description);
	if (f[FIELDS_CATEGORIES].node)
		p->categories = post_terms(d, &f[FIELDS_CATEGORIES]);
	if (f[FIELDS_TAGS].node)
		p->tags = post_terms(d, &f[FIELDS_TAGS]);
	if (f[FIELDS_AUTHORS].node)
		post_authors(p, d, f[FIELDS_AUTHORS].node, cfg);
	struct post_found *dr = &f[FIELDS_DRAFT];
	if (dr->node) {
		if (strcasecmp(dr->key, "published") == 0)
			p->draft = post_is_false(dr->node);
		else
			post_draft(d, dr, &p->draft);
	}

	char *s = NULL;
	if (f[FIELDS_SLUG].node) {
		if (ydoc_string(d, f[FIELDS_SLUG].node, f[FIELDS_SLUG].key, &s) == 0) {
			if (!s[0] || strchr(s, '/') || !url_path_safe(s)) {
				ydoc_error(d, f[FIELDS_SLUG].node, "slug '%s' must be a non-empty name without '/' or '..'", s);
				bad = -1;
			}
			p->slug = url_slug_clean(s);
			free(s);
		} else {
			bad = -1;
		}
	}
	if (f[FIELDS_PATH].node)
		bad |= post_path(p, d, &f[FIELDS_PATH], cfg);
	struct post_found *ex = &f[FIELDS_EXTERNAL_URL];
	if (ex->node) {
		if (ydoc_string(d, ex->node, ex->key, &s) == 0) {
			p->external_url = post_unbracket(d, ex->node, g_strstrip(s));
			if (!url_is_absolute_http(p->external_url)) {
				post_external_site(p, d, ex, cfg);
			} else {
				char *esc = url_escape_iri(p->external_url);
				free(p->external_url);
				p->external_url = esc;
			}
		} else {
			bad = -1;
		}
	}
	if (f[FIELDS_IMAGE].node)
		post_image(p, d, &f[FIELDS_IMAGE], cfg);
	if (f[FIELDS_LANG].node && (s = post_optional_string(d, &f[FIELDS_LANG]))) {
		p->lang = s[0] ? config_language(g_strstrip(s)) : NULL;
		if (!p->lang && s[0])
			ydoc_warning(d, f[FIELDS_LANG].node, "%s '%s' is not a language tag such as en or en-US: left out",
				     f[FIELDS_LANG].key, s);
		free(s);
	}
	struct post_found *ct = &f[FIELDS_CARD_TEMPLATE];
	if (ct->node && !ydoc_is_null(ct->node))
		p->card_template = post_optional_string(d, ct); /* not a string: left out, with a warning */
	return bad ? -1 : 0;
}

struct post *post_load(const char *file, const struct config *cfg)
{
	return post_load_at(AT_FDCWD, file, file, cfg, NULL);
}

/* Whether text starts with front matter, as frontmatter_split tells it
 * (its message about broken JSON is left to the post's own reading). */
static bool post_starts_with_frontmatter(const char *file, const char *text, size_t len)
{
	struct frontmatter fm;
	diag_mute(true);
	int rc = frontmatter_split(file, text, len, &fm);
	diag_mute(false);
	return rc != 0 || fm.format != FRONTMATTER_NONE;
}

/* The path of file below the content folder, from its '/' on ("/a/b.md");
 * file itself when it is not below it. */
static const char *post_rel(const char *file, const struct config *cfg)
{
	size_t c = cfg->content_dir ? strlen(cfg->content_dir) : 0;
	return c && strncmp(file, cfg->content_dir, c) == 0 && file[c] == '/' ? file + c : file;
}

/* The content folder's own name ("" for none, such as ".."). */
static const char *post_content_name(const struct config *cfg, size_t *len)
{
	const char *d = cfg->content_dir ? cfg->content_dir : "";
	size_t n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && d[b - 1] != '/')
		b--;
	*len = n - b;
	if ((*len == 1 && d[b] == '.') || (*len == 2 && d[b] == '.' && d[b + 1] == '.'))
		*len = 0;
	return d + b;
}

/* Whether file lies in a folder named name (such as "_drafts") below the
 * content folder, or the content folder is one. */
static bool post_in_folder(const char *file, const struct config *cfg, const char *name)
{
	size_t n = strlen(name), cn;
	const char *c = post_content_name(cfg, &cn);
	if (cn == n && memcmp(c, name, n) == 0)
		return true;
	for (const char *p = post_rel(file, cfg); (p = strstr(p, name)); p += n)
		if ((p == file || p[-1] == '/') && p[n] == '/')
			return true;
	return false;
}

struct post *post_load_at(int dirfd, const char *name, const char *file, const struct config *cfg,
			  bool *not_post)
{
	char *text = NULL;
	size_t len = 0;
	if (not_post)
		*not_post = false;
	if (fsin_read_file_at(dirfd, name, file, POST_MAX_FILE_BYTES, &text, &len) != 0)
		return NULL;
	size_t n = strlen(name);
	if (n > 5 && strcmp(name + n - 5, ".html") == 0 && !post_starts_with_frontmatter(file, text, len)) {
		free(text);
		if (not_post)
			*not_post = true;
		return NULL;
	}
	/* A Jekyll draft without a date is dated by its file's last change. */
	time_t file_date = 0;
	struct stat st;
	if (post_in_folder(file, cfg, "_drafts") && fstatat(dirfd, name, &st, 0) == 0)
		file_date = st.st_mtime;
	struct post *p = post_parse_dated(file, text, len, cfg, file_date, not_post);
	free(text);
	/* Most posts are never converted to HTML (only a feed's newest are):
	 * their bodies are not held, but read again by the few post_to_html needs. */
	if (p) {
		free(p->body);
		p->body = NULL;
		p->body_on_disk = true;
	}
	return p;
}

/* Read the post's file again for its body, into *text (caller frees);
 * the body is text + *off. Returns 0, or -1 after a diag. */
static int post_reload_body(const struct post *p, char **text, size_t *off)
{
	size_t len = 0;
	if (fsin_read_file(p->file, POST_MAX_FILE_BYTES, text, &len) != 0)
		return -1;
	/* Unchanged, and clean as it was (the common case): the hash says so. */
	if (len == p->body_off + p->body_len && cache_hash(0, *text, len) == p->text_hash) {
		*off = p->body_off;
		return 0;
	}
	/* The same steps as post_parse, whose warnings were given then. */
	diag_mute(true);
	long clean = post_clean_text(p->file, *text, len);
	struct frontmatter fm;
	bool ok = clean >= 0 && frontmatter_split(p->file, *text, (size_t)clean, &fm) == 0;
	diag_mute(false);
	if (!ok || cache_hash(0, *text, (size_t)clean) != p->text_hash ||
	    (size_t)clean - fm.body_off != p->body_len) {
		diag_error(p->file, 0, 0, "the file changed while the build was reading it: build again");
		free(*text);
		*text = NULL;
		return -1;
	}
	*off = fm.body_off;
	return 0;
}

static char **post_slugs(char **names)
{
	size_t n = 0;
	while (names[n])
		n++;
	char **v = xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = url_slugify(names[i]);
	return v;
}

void post_fill_slugs(struct post *p)
{
	/* Once a post, on the load's threads: the feeds group by them. */
	ydoc_strings_free(p->category_slugs);
	ydoc_strings_free(p->tag_slugs);
	p->category_slugs = post_slugs(p->categories);
	p->tag_slugs = post_slugs(p->tags);
}

/* The folders from the section root down to the post's own folder (a page
 * bundle's folder is the post, not a section), joined by '/': Hugo's
 * sections. The root is the content folder's last part named "content"
 * (Hugo's and Zola's content folder), else its parent, so that the content
 * folder's own name is the first section. Caller frees. */
static char *post_sections(const char *file, const struct config *cfg)
{
	struct strbuf sb = STRBUF_INIT;
	const char *d = cfg->content_dir ? cfg->content_dir : "";
	const char *root = NULL;
	for (const char *p = d; (p = strstr(p, "content")); p += 7)
		if ((p == d || p[-1] == '/') && (p[7] == '/' || p[7] == '\0'))
			root = p + 7;
	if (root) {
		while (*root == '/')
			root++;
		strbuf_puts(&sb, root);
	} else {
		size_t n;
		const char *name = post_content_name(cfg, &n);
		strbuf_add(&sb, name, n);
	}
	while (sb.len && sb.data[sb.len - 1] == '/')
		sb.len--;
	const char *rel = post_rel(file, cfg);
	/* Up to the '/' before the stem: for a bundle's index.md, the one
	 * before the bundle's folder. */
	size_t stem_len;
	const char *stem = url_file_stem(file, &stem_len);
	const char *end = stem > rel ? stem - 1 : rel;
	if (rel != file) {
		for (const char *p = rel; p < end;) {
			while (*p == '/')
				p++;
			const char *q = memchr(p, '/', (size_t)(end - p));
			if (!q)
				q = end;
			if (q > p) {
				if (sb.len)
					strbuf_putc(&sb, '/');
				strbuf_add(&sb, p, (size_t)(q - p));
			}
			p = q;
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* Jekyll's categories from the folders above a _posts or _drafts folder
 * ("news/releases/_posts/x.md": news, releases), before the post's own,
 * each once. */
static void post_folder_categories(struct post *p, const struct config *cfg)
{
	const char *rel = post_rel(p->file, cfg);
	if (rel == p->file)
		return;
	const char *at = NULL;
	for (const char *q = rel; (q = strstr(q, "/_")); q++)
		if (strncmp(q, "/_posts/", 8) == 0 || strncmp(q, "/_drafts/", 9) == 0) {
			at = q;
			break;
		}
	if (!at || at == rel)
		return;
	size_t have = 0;
	while (p->categories[have])
		have++;
	char **v = xcalloc((size_t)(at - rel) + have + 1, sizeof *v);
	size_t n = 0;
	for (const char *q = rel + 1; q < at;) {
		const char *e = memchr(q, '/', (size_t)(at - q));
		if (!e)
			e = at;
		char *c = xstrndup(q, (size_t)(e - q));
		bool dup = !c[0];
		for (size_t k = 0; k < n && !dup; k++)
			dup = strcmp(v[k], c) == 0;
		if (dup)
			free(c);
		else
			v[n++] = c;
		q = e + 1;
	}
	for (size_t k = 0; k < have; k++) {
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = strcmp(v[j], p->categories[k]) == 0;
		if (dup)
			free(p->categories[k]);
		else
			v[n++] = p->categories[k];
	}
	free(p->categories);
	p->categories = v;
}

/* The post's page from its own pattern (a path field with placeholders),
 * else the config's. Caller frees. */
static char *post_permalink(const struct post *p, const char *slug_field, const char *own,
			    const struct config *cfg)
{
	size_t stem_len;
	const char *s = url_file_stem(p->file, &stem_len);
	char *stem = xstrndup(s, stem_len);
	/* Only the few patterns that show them, or one pattern per section,
	 * need the sections. */
	const char *pattern = cfg->permalink;
	char *sections = cfg->permalink_sections || strstr(own ? own : cfg->permalink, "section")
				 ? post_sections(p->file, cfg)
				 : NULL;
	if (cfg->permalink_sections && !own) {
		size_t first = strcspn(sections, "/");
		for (size_t k = 0; cfg->permalink_sections[k]; k++)
			if (strlen(cfg->permalink_sections[k]) == first &&
			    memcmp(cfg->permalink_sections[k], sections, first) == 0) {
				pattern = cfg->permalink_patterns[k];
				break;
			}
	}
	struct url_vars v = {
		.slug = p->slug,
		.slug_field = slug_field,
		.title = p->title,
		.stem = stem,
		.sections = sections ? sections : "",
		.categories = p->categories,
		.date = p->date,
		.offset = p->date_offset,
		.jekyll = cfg->layout == CONFIG_LAYOUT_JEKYLL || post_in_folder(p->file, cfg, "_posts") ||
			  post_in_folder(p->file, cfg, "_drafts"),
	};
	char *path = url_permalink(own ? own : pattern, &v);
	free(stem);
	free(sections);
	return path;
}

/* Sites that leave the closing '---' out (link-only posts) do it often. */
static struct diag_kind post_unterminated =
	DIAG_KIND(DIAG_WARNING, "%d posts have no closing fence ('---' or '+++') after their front matter, "
				"read to the end of the file as front matter");

/* Load the front matter fm of text into d, in its format. Returns 0, or -1
 * after a diag. */
static int post_load_frontmatter(const char *file, const char *text, const struct frontmatter *fm,
				 struct ydoc *d)
{
	const char *s = text + fm->text_off;
	int lines = fm->text_line - 1;
	if (fm->format == FRONTMATTER_NONE) {
		diag_error(file, fm->text_line, 1,
			   "no front matter: a post starts with its fields (at least a title) between "
			   "'---' lines (YAML) or '+++' lines (TOML), or as a JSON object");
		return -1;
	}
	if (fm->text_len > POST_MAX_FRONTMATTER_BYTES) {
		diag_error(file, fm->text_line, 1, "the front matter is %zu bytes; the limit is %zu",
			   fm->text_len, POST_MAX_FRONTMATTER_BYTES);
		return -1;
	}
	if (fm->unterminated)
		diag_kind(&post_unterminated, file, fm->body_line, 1,
			  "front matter has no closing '%s': read to the end of the file as front matter",
			  frontmatter_fence_name(fm->format));
	switch (fm->format) {
	case FRONTMATTER_TOML:
		return ydoc_load_toml(d, file, s, fm->text_len, lines);
	case FRONTMATTER_JSON:
		return ydoc_load_json(d, file, s, fm->text_len, lines);
	default:
		return ydoc_load(d, file, s, fm->text_len, lines);
	}
}

struct post *post_parse(const char *file, char *text, size_t len, const struct config *cfg)
{
	return post_parse_dated(file, text, len, cfg, 0, NULL);
}

/* Files the generators publish as pages, not posts: told once, at the end. */
static struct diag_kind post_pages = DIAG_KIND(DIAG_NOTE,
	"%d files have neither a title nor a date: taken as pages, not posts");
static struct diag_kind post_js = DIAG_KIND(DIAG_WARNING,
	"%d files have JavaScript front matter (---js), which feedcard does not run: left out");

static struct post *post_parse_dated(const char *file, char *text, size_t len,
				     const struct config *cfg, time_t file_date, bool *not_post)
{
	struct post *p = xcalloc(1, sizeof *p);
	p->file = xstrdup(file);
	p->file_date = file_date;
	struct ydoc d;
	memset(&d, 0, sizeof d);
	long clean = post_clean_text(file, text, len);
	if (clean < 0)
		goto fail;
	len = (size_t)clean;
	struct frontmatter fm;
	if (frontmatter_split(file, text, len, &fm) != 0)
		goto fail;
	if (fm.format == FRONTMATTER_JS) {
		diag_kind(&post_js, file, fm.text_line - 1, 1,
			  "JavaScript front matter (---js) is not read: feedcard runs no JavaScript, and "
			  "the file is left out (write its fields as YAML, ---json or ---toml)");
		if (not_post)
			*not_post = true;
		goto fail;
	}
	if (post_load_frontmatter(file, text, &fm, &d) != 0)
		goto fail;
	int frc = post_fields(p, &d, cfg);
	if (frc > 0) {
		diag_kind(&post_pages, file, 0, 0, "neither a title nor a date: a page, not a post");
		if (not_post)
			*not_post = true;
		goto fail;
	}
	if (frc != 0)
		goto fail;
	ydoc_free(&d);

	if (!p->description)
		p->description = xstrdup("");
	if (!p->categories)
		p->categories = post_no_strings();
	if (!p->tags)
		p->tags = post_no_strings();
	if (!p->authors)
		p->authors = post_no_strings();
	/* Jekyll: a _drafts file is a draft, and the folders above _posts are
	 * categories. */
	if (post_in_folder(file, cfg, "_drafts"))
		p->draft = true;
	post_folder_categories(p, cfg);
	post_fill_slugs(p);
	bool slug_field = p->slug != NULL;
	if (!p->slug)
		p->slug = url_slug_from_path(file);
	p->date_offset = date_zone_offset(&cfg->zone, p->date);
	size_t at;
	if (!p->path) {
		p->path = post_permalink(p, slug_field ? p->slug : NULL, NULL, cfg);
	} else if (strpbrk(p->path, ":{") && url_permalink_valid(p->path, &at)) {
		/* Jekyll expands the placeholders of a post's own permalink. */
		char *own = post_permalink(p, slug_field ? p->slug : NULL, p->path, cfg);
		free(p->path);
		p->path = own;
	}
	if (!url_path_safe(p->path)) {
		diag_error(file, 0, 0, "the post's path '%s' would leave the output folder", p->path);
		goto fail;
	}
	p->url = url_join(cfg->site_url, p->path);
	p->link = xstrdup(p->external_url ? p->external_url : p->url);

	p->body_line = fm.body_line;
	p->body_off = fm.body_off;
	p->body_len = len - fm.body_off;
	p->body = xstrndup(text + fm.body_off, p->body_len);
	p->text_hash = cache_hash(0, text, len);
	return p;
fail:
	ydoc_free(&d);
	post_free(p);
	return NULL;
}

int post_to_html(struct post *p, const struct config *cfg)
{
	char *text = NULL;
	const char *body = p->body;
	if (!body && p->body_on_disk && p->body_len) {
		size_t off;
		if (post_reload_body(p, &text, &off) != 0)
			return -1;
		body = text + off;
	}
	/* Generator syntax (shortcodes, Liquid, MDX) first, then the Markdown. */
	size_t flen = strlen(p->file);
	struct gentext_opts go = { p->file, p->body_line, cfg->site_url, cfg->permalink, &cfg->zone,
				   cfg->summary_separator,
				   flen > 4 && strcasecmp(p->file + flen - 4, ".mdx") == 0 };
	struct strbuf gen = STRBUF_INIT;
	const char *md_text = body ? body : "";
	size_t md_len = body ? p->body_len : 0;
	if (body && gentext_apply(body, p->body_len, &go, &gen)) {
		md_text = strbuf_str(&gen);
		md_len = gen.len;
	}
	struct strbuf md = STRBUF_INIT;
	int mrc = markdown_to_html(md_text, md_len, &md);
	strbuf_release(&gen);
	free(text);
	if (mrc != 0) {
		diag_error(p->file, p->body_line, 1, "the Markdown body could not be converted to HTML");
		strbuf_release(&md);
		return -1;
	}
	struct html_result r;
	html_process(md.data ? md.data : "", md.len, p->url, cfg->sanitize, cfg->summary_words, &r);
	strbuf_release(&md);
	/* The Markdown is not needed again: free it now, not with the post. */
	free(p->body);
	p->body = NULL;
	p->html = r.html;
	p->words = r.words;
	if (p->description[0]) {
		p->summary = xstrdup(p->description);
		free(r.summary);
	} else {
		p->summary = r.summary;
	}
	return 0;
}

void post_free(struct post *p)
{
	if (!p)
		return;
	free(p->file);
	free(p->title);
	free(p->description);
	ydoc_strings_free(p->categories);
	ydoc_strings_free(p->tags);
	ydoc_strings_free(p->category_slugs);
	ydoc_strings_free(p->tag_slugs);
	ydoc_strings_free(p->authors);
	ydoc_strings_free(p->author_urls);
	free(p->lang);
	free(p->own_image);
	free(p->slug);
	free(p->path);
	free(p->external_url);
	free(p->og_image);
	free(p->card_template);
	free(p->url);
	free(p->link);
	free(p->body);
	free(p->html);
	free(atomic_load(&p->html_xml));
	free(p->summary);
	free(p->image_url);
	free(p);
}

int post_cmp_newest(const void *a, const void *b)
{
	const struct post *x = *(const struct post *const *)a, *y = *(const struct post *const *)b;
	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	int c = strcmp(x->link, y->link);
	return c ? c : strcmp(x->file, y->file);
}
