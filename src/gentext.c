/* gentext: generator syntax in bodies; see gentext.h. */
#define _GNU_SOURCE /* memmem */
#include "gentext.h"

#include <glib.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "html.h"
#include "markdown.h"
#include "url.h"
#include "xalloc.h"

/* A shortcode, JSX tag or Liquid expression longer than this is not one:
 * real ones are a line or two, and the cap keeps hostile input linear. */
#define GT_TAG_MAX 4096
#define GT_ARGS_MAX 32
#define GT_NONE SIZE_MAX

/*** The tally of what was removed, across the posts of a build ***/

struct gt_kind {
	char *file;
	int line, col;
	unsigned posts;
};

static pthread_mutex_t gt_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *gt_kinds; /* message -> struct gt_kind */

static void gt_kind_free(gpointer p)
{
	struct gt_kind *k = p;
	free(k->file);
	free(k);
}

struct gt_first {
	size_t pos;
};

struct gt_report_item {
	const char *msg;
	const struct gt_kind *k;
};

static int gt_report_cmp(const void *a, const void *b)
{
	const struct gt_report_item *x = a, *y = b;
	int c = strcmp(x->k->file, y->k->file);
	if (c)
		return c;
	if (x->k->line != y->k->line)
		return x->k->line < y->k->line ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void gentext_report(void)
{
	pthread_mutex_lock(&gt_lock);
	GHashTable *kinds = gt_kinds;
	gt_kinds = NULL;
	pthread_mutex_unlock(&gt_lock);
	if (!kinds)
		return;
	size_t n = g_hash_table_size(kinds), i = 0;
	struct gt_report_item *v = xcalloc(n + 1, sizeof *v);
	GHashTableIter it;
	gpointer key, val;
	g_hash_table_iter_init(&it, kinds);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		v[i].msg = key;
		v[i].k = val;
		i++;
	}
	qsort(v, n, sizeof *v, gt_report_cmp);
	for (i = 0; i < n; i++) {
		if (v[i].k->posts > 1)
			diag_warning(v[i].k->file, v[i].k->line, v[i].k->col, "%s (and in %u more posts)",
				     v[i].msg, v[i].k->posts - 1);
		else
			diag_warning(v[i].k->file, v[i].k->line, v[i].k->col, "%s", v[i].msg);
	}
	free(v);
	g_hash_table_destroy(kinds);
}

/*** One transform ***/

struct gt_tok {
	size_t beg, end;
	const char *name;
	size_t nlen;
	char kind; /* '<' or '%': a Hugo shortcode; 'm': a {{name}} block tag */
	bool close, self, escaped;
	size_t mate; /* the other tag of a pair, or GT_NONE */
};

struct gt {
	const char *s;
	size_t len;
	const struct gentext_opts *o;
	struct strbuf *out;
	size_t done; /* s[0..done) is handled */
	struct markdown_span *code;
	size_t ncode, ci;
	struct gt_tok *tok;
	size_t ntok, ti;
	size_t sep_at;
	size_t budget;         /* bytes left for scans that find no end */
	size_t pct_end;        /* the first "%}" at or after pct_from, or GT_NONE */
	size_t pct_from;
	size_t brace_end, brace_from; /* the same for "}}" */
	GHashTable *seen;      /* message -> struct gt_first, this post's */
	struct {
		const char *name;
		size_t from, at, end; /* end 0: none after from */
	} ends[4];                    /* gt_liquid_end's answers */
	char *vars[16];               /* names {% for/assign/capture %} bound */
	size_t nvars;
	const char *site_path; /* the site URL's path: "" or "/sub" */
	size_t origin_len;     /* the length of its scheme://host[:port] */
};

/* Note a removal of one kind at pos (first place in this post kept). */
static void gt_note(struct gt *g, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void gt_note(struct gt *g, size_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (!g->seen)
		g->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
	if (g_hash_table_contains(g->seen, msg)) {
		g_free(msg);
		return;
	}
	struct gt_first *f = xmalloc(sizeof *f);
	f->pos = pos;
	g_hash_table_insert(g->seen, msg, f);
}

/* Merge this post's notes into the build's tally. */
static void gt_tally(struct gt *g)
{
	if (!g->seen)
		return;
	GHashTableIter it;
	gpointer key, val;
	pthread_mutex_lock(&gt_lock);
	if (!gt_kinds)
		gt_kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, gt_kind_free);
	g_hash_table_iter_init(&it, g->seen);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		size_t pos = ((struct gt_first *)val)->pos;
		int line = g->o->line > 0 ? g->o->line : 1;
		size_t bol = 0;
		for (const char *p = g->s; (p = memchr(p, '\n', (size_t)(g->s + pos - p))); p++) {
			line++;
			bol = (size_t)(p - g->s) + 1;
		}
		int col = (int)g_utf8_strlen(g->s + bol, (gssize)(pos - bol)) + 1;
		const char *file = g->o->file ? g->o->file : "";
		struct gt_kind *k = g_hash_table_lookup(gt_kinds, key);
		if (!k) {
			k = xcalloc(1, sizeof *k);
			k->file = xstrdup(file);
			k->line = line;
			k->col = col;
			g_hash_table_insert(gt_kinds, g_strdup(key), k);
		} else {
			int c = strcmp(file, k->file);
			if (c < 0 || (c == 0 && line < k->line)) {
				free(k->file);
				k->file = xstrdup(file);
				k->line = line;
				k->col = col;
			}
		}
		k->posts++;
	}
	pthread_mutex_unlock(&gt_lock);
}

/* Emit the input up to pos as it is. */
static void gt_flush(struct gt *g, size_t pos)
{
	if (pos > g->done)
		strbuf_add(g->out, g->s + g->done, pos - g->done);
	if (pos > g->done)
		g->done = pos;
}

/* Replace s[from..to) by nothing (the caller emits what stands for it). */
static void gt_skip(struct gt *g, size_t from, size_t to)
{
	gt_flush(g, from);
	g->done = to;
}

static bool gt_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool gt_ident(char c)
{
	return g_ascii_isalnum(c) || c == '_' || c == '-';
}

/* The first occurrence of the two bytes a b at or after from, or GT_NONE. */
static size_t gt_find2(const struct gt *g, size_t from, char a, char b)
{
	const char *p = g->s + from, *end = g->s + g->len;
	while (p + 1 < end && (p = memchr(p, a, (size_t)(end - p - 1)))) {
		if (p[1] == b)
			return (size_t)(p - g->s);
		p++;
	}
	return GT_NONE;
}

/* Cached searches for "%}" and "}}": the first one after a tag's start is
 * the same for every tag before it, so each is found once. */
static size_t gt_pct_end(struct gt *g, size_t from)
{
	if (g->pct_from == GT_NONE || from < g->pct_from ||
	    (g->pct_end != GT_NONE && from > g->pct_end)) {
		g->pct_from = from;
		g->pct_end = gt_find2(g, from, '%', '}');
	}
	return g->pct_end;
}

static size_t gt_brace_end(struct gt *g, size_t from)
{
	if (g->brace_from == GT_NONE || from < g->brace_from ||
	    (g->brace_end != GT_NONE && from > g->brace_end)) {
		g->brace_from = from;
		g->brace_end = gt_find2(g, from, '}', '}');
	}
	return g->brace_end;
}

static bool gt_in_code(const struct gt *g, size_t pos)
{
	size_t lo = 0, hi = g->ncode;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (g->code[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->ncode && g->code[lo].beg <= pos;
}

/*** Arguments: positional and named, bare, "quoted" or `raw` ***/

struct gt_arg {
	char *key; /* NULL: positional */
	char *val;
};

struct gt_args {
	struct gt_arg v[GT_ARGS_MAX];
	size_t n;
};

/* Parse a shortcode's or a Liquid tag's arguments (commas separate them too
 * when comma is set). */
static void gt_args_parse(const char *a, size_t n, bool comma, struct gt_args *out)
{
	out->n = 0;
	size_t i = 0;
	while (i < n && out->n < GT_ARGS_MAX) {
		while (i < n && (gt_space(a[i]) || (comma && a[i] == ',')))
			i++;
		if (i >= n)
			break;
		char *key = NULL;
		size_t k = i;
		while (k < n && (gt_ident(a[k]) || a[k] == '.'))
			k++;
		if (k > i && k < n && (a[k] == '=' || a[k] == ':')) {
			key = xstrndup(a + i, k - i);
			i = k + 1;
		}
		struct strbuf v = STRBUF_INIT;
		if (i < n && (a[i] == '"' || a[i] == '\'')) {
			char q = a[i++];
			while (i < n && a[i] != q) {
				if (a[i] == '\\' && i + 1 < n && (a[i + 1] == q || a[i + 1] == '\\'))
					i++;
				strbuf_putc(&v, a[i++]);
			}
			i++;
		} else if (i < n && a[i] == '`') {
			size_t e = i + 1;
			while (e < n && a[e] != '`')
				e++;
			strbuf_add(&v, a + i + 1, e - i - 1);
			i = e + 1;
		} else {
			size_t e = i;
			while (e < n && !gt_space(a[e]) && !(comma && a[e] == ','))
				e++;
			strbuf_add(&v, a + i, e - i);
			i = e;
		}
		out->v[out->n].key = key;
		out->v[out->n].val = strbuf_detach(&v, NULL);
		out->n++;
	}
}

static void gt_args_free(struct gt_args *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].key);
		free(a->v[i].val);
	}
	a->n = 0;
}

/* A named argument, else the pos-th positional one (pos < 0: none). */
static const char *gt_arg(const struct gt_args *a, const char *key, int pos)
{
	for (size_t i = 0; key && i < a->n; i++)
		if (a->v[i].key && strcmp(a->v[i].key, key) == 0)
			return a->v[i].val;
	int k = 0;
	for (size_t i = 0; pos >= 0 && i < a->n; i++)
		if (!a->v[i].key && k++ == pos)
			return a->v[i].val;
	return NULL;
}

static size_t gt_positional(const struct gt_args *a)
{
	size_t k = 0;
	for (size_t i = 0; i < a->n; i++)
		if (!a->v[i].key)
			k++;
	return k;
}

/*** Output helpers ***/

static void gt_put_escaped(struct gt *g, const char *s)
{
	char *e = g_markup_escape_text(s, -1);
	strbuf_puts(g->out, e);
	g_free(e);
}

/* <a href="url">text</a>, the text defaulting to the URL. */
static void gt_put_link(struct gt *g, const char *url, const char *text)
{
	char *u = url_escape_iri(url);
	strbuf_puts(g->out, "<a href=\"");
	gt_put_escaped(g, u);
	strbuf_puts(g->out, "\">");
	gt_put_escaped(g, text && text[0] ? text : u);
	strbuf_puts(g->out, "</a>");
	free(u);
}

/* An identifier is safe in a URL path as it is; anything else is escaped. */
static char *gt_uri_part(const char *s)
{
	return g_uri_escape_string(s, NULL, FALSE);
}

/* True when nothing but blanks stands between the line's start and beg
 * and between end and the line's end. */
static bool gt_alone(const struct gt *g, size_t beg, size_t end)
{
	for (size_t i = beg; i > 0 && g->s[i - 1] != '\n'; i--)
		if (!gt_space(g->s[i - 1]))
			return false;
	for (size_t i = end; i < g->len && g->s[i] != '\n'; i++)
		if (!gt_space(g->s[i]))
			return false;
	return true;
}

/* Make sure the output is at the start of a line. */
static void gt_line_start(struct gt *g)
{
	if (g->out->len && g->out->data[g->out->len - 1] != '\n')
		strbuf_putc(g->out, '\n');
}

/* A fenced code block of lang holding code (its first and last line ends
 * dropped), its fence longer than any run of backticks inside. */
static void gt_put_fence(struct gt *g, const char *lang, const char *code, size_t n, size_t after)
{
	if (n && code[0] == '\r')
		code++, n--;
	if (n && code[0] == '\n')
		code++, n--;
	while (n && (code[n - 1] == '\n' || code[n - 1] == '\r' || code[n - 1] == ' ' || code[n - 1] == '\t'))
		n--;
	size_t run = 0, longest = 0;
	for (size_t i = 0; i < n; i++) {
		run = code[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t fence = longest >= 3 ? longest + 1 : 3;
	gt_line_start(g);
	for (size_t i = 0; i < fence; i++)
		strbuf_putc(g->out, '`');
	for (const char *l = lang; l && *l && !gt_space(*l) && *l != '`' && *l != '{'; l++)
		strbuf_putc(g->out, *l);
	strbuf_putc(g->out, '\n');
	strbuf_add(g->out, code, n);
	strbuf_putc(g->out, '\n');
	for (size_t i = 0; i < fence; i++)
		strbuf_putc(g->out, '`');
	if (after < g->len && g->s[after] != '\n' && g->s[after] != '\r')
		strbuf_putc(g->out, '\n');
}

/*** Site links ***/

/* The site-relative page path of a dated post name ("2010-07-21-slug",
 * unpadded numbers allowed) through the permalink pattern, or NULL. */
static char *gt_dated_path(const struct gt *g, const char *name)
{
	unsigned y, m, d;
	int used = 0;
	if (!g->o->permalink || sscanf(name, "%4u-%2u-%2u-%n", &y, &m, &d, &used) != 3 || used == 0 ||
	    m < 1 || m > 12 || d < 1 || d > 31 || !name[used])
		return NULL;
	char *slug = url_slug_clean(name + used);
	time_t t = (time_t)(date_days_from_civil(y, m, d) * 86400);
	/* {% post_url %} is Jekyll's: its :title is the name's slug. */
	struct url_vars v = { .slug = slug, .title = slug, .stem = name, .sections = "",
			      .date = t, .offset = 0, .jekyll = true };
	char *path = url_permalink(g->o->permalink, &v);
	free(slug);
	return path;
}

/* A site link for a content path as the generators take one ({% link %},
 * {{< ref >}}): a dated post name goes through the permalink pattern; a
 * page file ("/about.md", "docs/_index.md") becomes its folder URL; any
 * other file keeps its path. The result carries the site's own path, as
 * Jekyll's relative_url does. Caller frees. */
static char *gt_site_link(const struct gt *g, const char *ref)
{
	const char *hash = strchr(ref, '#');
	char *p = xstrndup(ref, hash ? (size_t)(hash - ref) : strlen(ref));
	char *path = NULL;
	const char *rest = p;
	while (strncmp(rest, "./", 2) == 0 || strncmp(rest, "../", 3) == 0)
		rest += rest[1] == '/' ? 2 : 3;
	while (*rest == '/')
		rest++;
	char *stem = xstrdup(rest);
	static const char *const exts[] = { ".md", ".markdown", ".mdx", ".html", ".htm", NULL };
	bool page = false;
	for (size_t i = 0; exts[i]; i++) {
		size_t sl = strlen(stem), el = strlen(exts[i]);
		if (sl > el && g_ascii_strcasecmp(stem + sl - el, exts[i]) == 0) {
			stem[sl - el] = '\0';
			page = true;
			break;
		}
	}
	if (!strchr(rest, '.'))
		page = true; /* "blog/my-post": a page, by its name */
	if (page) {
		size_t sl = strlen(stem);
		while (sl && stem[sl - 1] == '/')
			stem[--sl] = '\0';
		char *base = strrchr(stem, '/');
		const char *last = base ? base + 1 : stem;
		if (strcmp(last, "index") == 0 || strcmp(last, "_index") == 0) {
			if (base)
				*base = '\0';
			else
				stem[0] = '\0';
			base = strrchr(stem, '/');
			last = base ? base + 1 : stem;
		}
		path = last[0] ? gt_dated_path(g, last) : NULL;
		if (!path)
			path = stem[0] ? xasprintf("/%s/", stem) : xstrdup("/");
	} else {
		path = xasprintf("/%s", stem);
	}
	char *url = xasprintf("%s%s%s", g->site_path, path, hash ? hash : "");
	free(stem);
	free(path);
	free(p);
	return url;
}

/*** Hugo shortcodes ***/

/* Parse the shortcode tag at p ("{{<" or "{{%"). Returns its end, or 0. */
static size_t gt_parse_shortcode(struct gt *g, size_t p, struct gt_tok *t)
{
	const char *s = g->s;
	size_t n = g->len, lim = p + GT_TAG_MAX < n ? p + GT_TAG_MAX : n;
	char d = s[p + 2], cd = d == '<' ? '>' : '%';
	memset(t, 0, sizeof *t);
	t->beg = p;
	t->kind = d;
	t->mate = GT_NONE;
	size_t i = p + 3;
	while (i < lim && gt_space(s[i]))
		i++;
	if (i + 1 < lim && s[i] == '/' && s[i + 1] == '*') {
		/* Hugo's escape (a shortcode inside comment marks) is shown as written, without the marks. */
		for (size_t k = i + 2; k + 1 < lim; k++)
			if (s[k] == '*' && s[k + 1] == '/') {
				size_t e = k + 2;
				while (e < lim && gt_space(s[e]))
					e++;
				if (e + 2 < n && s[e] == cd && s[e + 1] == '}' && s[e + 2] == '}') {
					t->escaped = true;
					t->name = s + i + 2;
					t->nlen = k - (i + 2);
					t->end = e + 3;
					return t->end;
				}
			}
		return 0;
	}
	if (i < lim && s[i] == '/') {
		t->close = true;
		i++;
		while (i < lim && gt_space(s[i]))
			i++;
	}
	size_t name = i;
	while (i < lim && (gt_ident(s[i]) || s[i] == '.' ||
			   (s[i] == '/' && i + 1 < lim && s[i + 1] != cd)))
		i++;
	if (i == name)
		return 0;
	t->name = s + name;
	t->nlen = i - name;
	/* The arguments, up to the closing delimiter outside quotes. */
	while (i < lim) {
		char c = s[i];
		if (c == '"') {
			for (i++; i < lim && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
			continue;
		}
		if (c == '`') {
			for (i++; i < lim && s[i] != '`'; i++)
				;
			i++;
			continue;
		}
		if (c == cd && i + 2 < n && s[i + 1] == '}' && s[i + 2] == '}') {
			if (i > 0 && s[i - 1] == '/' && !t->close)
				t->self = true;
			t->end = i + 3;
			return t->end;
		}
		i++;
	}
	return 0;
}

/* The arguments of token t, between its name and its closing delimiter. */
static void gt_tok_args(const struct gt *g, const struct gt_tok *t, struct gt_args *a)
{
	const char *from = t->name + t->nlen;
	const char *to = g->s + t->end - 3;
	if (t->self && to > from && to[-1] == '/')
		to--;
	gt_args_parse(from, to > from ? (size_t)(to - from) : 0, false, a);
}

/* {{name}}, {{#name ...}} and {{/name}} (Handlebars and Mustache blocks):
 * tags of a block when a closing tag follows; parsed here, paired below. */
static size_t gt_parse_block_tag(const struct gt *g, size_t p, struct gt_tok *t)
{
	const char *s = g->s;
	size_t n = g->len, i = p + 2;
	memset(t, 0, sizeof *t);
	t->beg = p;
	t->kind = 'm';
	t->mate = GT_NONE;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && (s[i] == '#' || s[i] == '/')) {
		t->close = s[i] == '/';
		i++;
	}
	size_t name = i;
	if (i >= n || !g_ascii_isalpha(s[i]))
		return 0;
	while (i < n && gt_ident(s[i]))
		i++;
	t->name = s + name;
	t->nlen = i - name;
	while (i < n && i - p < 256 && s[i] != '\n' && !(s[i] == '}' && i + 1 < n && s[i + 1] == '}'))
		i++;
	if (i + 1 >= n || s[i] != '}' || s[i + 1] != '}')
		return 0;
	t->end = i + 2;
	return t->end;
}

/* Collect the shortcodes and block tags outside code and pair each closing
 * tag with the nearest open tag of its name. */
static void gt_collect(struct gt *g)
{
	size_t cap = 0;
	GHashTable *open = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	size_t *stack = NULL, depth = 0;
	for (size_t p = gt_find2(g, 0, '{', '{'); p != GT_NONE; p = gt_find2(g, p + 1, '{', '{')) {
		if (gt_in_code(g, p) || p + 2 >= g->len)
			continue;
		struct gt_tok t;
		size_t end;
		if (g->s[p + 2] == '<' || g->s[p + 2] == '%')
			end = gt_parse_shortcode(g, p, &t);
		else
			end = gt_parse_block_tag(g, p, &t);
		if (!end) {
			size_t cost = g->s[p + 2] == '<' || g->s[p + 2] == '%' ? GT_TAG_MAX : 256;
			if (g->budget < cost)
				break;
			g->budget -= cost;
			continue;
		}
		if (g->ntok == cap) {
			cap = cap ? 2 * cap : 16;
			g->tok = xreallocarray(g->tok, cap, sizeof *g->tok);
			stack = xreallocarray(stack, cap, sizeof *stack);
		}
		size_t k = g->ntok++;
		g->tok[k] = t;
		p = end - 1;
		if (t.escaped || t.self)
			continue;
		char *key = g_strdup_printf("%c%.*s", t.kind == 'm' ? 'm' : 's', (int)t.nlen, t.name);
		gpointer cnt = g_hash_table_lookup(open, key);
		if (!t.close) {
			stack[depth++] = k;
			g_hash_table_insert(open, key, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(cnt) + 1));
			continue;
		}
		if (!cnt) {
			g_free(key);
			continue;
		}
		/* Pop to the nearest open tag of this name: those above it are unpaired. */
		while (depth) {
			size_t o = stack[--depth];
			struct gt_tok *ot = &g->tok[o];
			char *ok = g_strdup_printf("%c%.*s", ot->kind == 'm' ? 'm' : 's', (int)ot->nlen, ot->name);
			size_t c = GPOINTER_TO_SIZE(g_hash_table_lookup(open, ok));
			g_hash_table_insert(open, ok, GSIZE_TO_POINTER(c - 1));
			if (ot->nlen == t.nlen && memcmp(ot->name, t.name, t.nlen) == 0 &&
			    (ot->kind == 'm') == (t.kind == 'm')) {
				ot->mate = k;
				g->tok[k].mate = o;
				break;
			}
		}
		g_free(key);
	}
	free(stack);
	g_hash_table_destroy(open);
}

/* A link to an embedded page (video, post, gist) from its ID, as a reader
 * of a feed can open it; a player or script would be stripped anyway. */
static bool gt_embed_link(struct gt *g, const char *kind, const struct gt_args *a)
{
	const char *title = gt_arg(a, "title", -1);
	char *url = NULL;
	if (strcmp(kind, "youtube") == 0) {
		const char *id = gt_arg(a, "id", 0);
		if (id && id[0]) {
			char *e = gt_uri_part(id);
			url = xasprintf("https://www.youtube.com/watch?v=%s", e);
			g_free(e);
		}
	} else if (strcmp(kind, "vimeo") == 0) {
		const char *id = gt_arg(a, "id", 0);
		if (id && id[0]) {
			char *e = gt_uri_part(id);
			url = xasprintf("https://vimeo.com/%s", e);
			g_free(e);
		}
	} else if (strcmp(kind, "instagram") == 0) {
		const char *id = gt_arg(a, "id", 0);
		if (id && id[0]) {
			char *e = gt_uri_part(id);
			url = xasprintf("https://www.instagram.com/p/%s/", e);
			g_free(e);
		}
	} else if (strcmp(kind, "gist") == 0) {
		const char *user = gt_arg(a, "user", 0), *id = gt_arg(a, "id", 1);
		if (user && id && user[0] && id[0]) {
			char *eu = gt_uri_part(user), *ei = gt_uri_part(id);
			url = xasprintf("https://gist.github.com/%s/%s", eu, ei);
			g_free(eu);
			g_free(ei);
		}
	} else if (strcmp(kind, "tweet") == 0) {
		/* {{< tweet user="u" id="n" >}}, {{< tweet u n >}} or {{< tweet n >}} */
		const char *user = gt_arg(a, "user", gt_positional(a) >= 2 ? 0 : -1);
		const char *id = gt_arg(a, "id", gt_positional(a) >= 2 ? 1 : 0);
		if (id && id[0]) {
			char *eu = gt_uri_part(user && user[0] ? user : "i"), *ei = gt_uri_part(id);
			url = xasprintf("https://x.com/%s/status/%s", eu, ei);
			g_free(eu);
			g_free(ei);
		}
	}
	if (!url)
		return false;
	gt_put_link(g, url, title);
	free(url);
	return true;
}

/* The embed kind a shortcode or tag name stands for, or NULL. */
static const char *gt_embed_kind(const char *name, size_t n)
{
	static const char *const map[][2] = {
		{ "youtube", "youtube" },     { "vimeo", "vimeo" },	     { "vimeo_simple", "vimeo" },
		{ "instagram", "instagram" }, { "instagram_simple", "instagram" },
		{ "gist", "gist" },	      { "tweet", "tweet" },	     { "twitter", "tweet" },
		{ "twitter_simple", "tweet" }, { "x", "tweet" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strlen(map[i][0]) == n && g_ascii_strncasecmp(name, map[i][0], n) == 0)
			return map[i][1];
	return NULL;
}

/* Markdown text as inline HTML (a caption): one paragraph loses its <p>. */
static void gt_put_markdownify(struct gt *g, const char *md)
{
	struct strbuf h = STRBUF_INIT;
	if (markdown_to_html(md, strlen(md), &h) != 0 || !h.len) {
		gt_put_escaped(g, md);
		strbuf_release(&h);
		return;
	}
	size_t n = h.len;
	while (n && (h.data[n - 1] == '\n'))
		n--;
	const char *p = h.data;
	if (n >= 7 && strncmp(p, "<p>", 3) == 0 && strncmp(p + n - 4, "</p>", 4) == 0 &&
	    !g_strstr_len(p + 3, (gssize)(n - 7), "<p>")) {
		p += 3;
		n -= 7;
	}
	strbuf_add(g->out, p, n);
	strbuf_release(&h);
}

static void gt_put_attr(struct gt *g, const char *name, const char *v)
{
	if (!v || !v[0])
		return;
	strbuf_printf(g->out, " %s=\"", name);
	gt_put_escaped(g, v);
	strbuf_putc(g->out, '"');
}

/* Hugo's figure: <figure><img><figcaption>title, caption, attr</figcaption></figure>. */
static void gt_put_figure(struct gt *g, const struct gt_args *a)
{
	const char *link = gt_arg(a, "link", -1), *title = gt_arg(a, "title", -1);
	const char *caption = gt_arg(a, "caption", -1), *attr = gt_arg(a, "attr", -1);
	const char *attrlink = gt_arg(a, "attrlink", -1);
	strbuf_puts(g->out, "<figure");
	gt_put_attr(g, "class", gt_arg(a, "class", -1));
	strbuf_putc(g->out, '>');
	if (link && link[0]) {
		strbuf_puts(g->out, "<a");
		gt_put_attr(g, "href", link);
		strbuf_putc(g->out, '>');
	}
	strbuf_puts(g->out, "<img");
	gt_put_attr(g, "src", gt_arg(a, "src", 0));
	const char *alt = gt_arg(a, "alt", -1);
	gt_put_attr(g, "alt", alt && alt[0] ? alt : caption);
	gt_put_attr(g, "width", gt_arg(a, "width", -1));
	gt_put_attr(g, "height", gt_arg(a, "height", -1));
	strbuf_putc(g->out, '>');
	if (link && link[0])
		strbuf_puts(g->out, "</a>");
	bool has_title = title && title[0], has_cap = (caption && caption[0]) || (attr && attr[0]);
	if (has_title || has_cap) {
		strbuf_puts(g->out, "<figcaption>");
		if (has_title) {
			strbuf_puts(g->out, "<h4>");
			gt_put_escaped(g, title);
			strbuf_puts(g->out, "</h4>");
		}
		if (has_cap) {
			strbuf_puts(g->out, "<p>");
			if (caption && caption[0])
				gt_put_markdownify(g, caption);
			if (attr && attr[0]) {
				if (caption && caption[0])
					strbuf_putc(g->out, ' ');
				if (attrlink && attrlink[0]) {
					strbuf_puts(g->out, "<a");
					gt_put_attr(g, "href", attrlink);
					strbuf_putc(g->out, '>');
				}
				gt_put_markdownify(g, attr);
				if (attrlink && attrlink[0])
					strbuf_puts(g->out, "</a>");
			}
			strbuf_puts(g->out, "</p>");
		}
		strbuf_puts(g->out, "</figcaption>");
	}
	strbuf_puts(g->out, "</figure>");
}

/* The shortcode token at index k; returns where to go on. */
static size_t gt_shortcode(struct gt *g, size_t k)
{
	struct gt_tok *t = &g->tok[k];
	size_t beg = t->beg, end = t->end;
	if (t->escaped) {
		gt_flush(g, beg);
		strbuf_printf(g->out, "{{%c%.*s%c}}", t->kind, (int)t->nlen, t->name,
			      t->kind == '<' ? '>' : '%');
		g->done = end;
		return end;
	}
	char *name = g_ascii_strdown(t->name, (gssize)t->nlen);
	if (t->close) {
		/* A pair's closing tag goes with it; a stray one is removed. */
		gt_skip(g, beg, end);
		if (t->mate == GT_NONE)
			gt_note(g, beg, "removed Hugo shortcode '%s'", name);
		g_free(name);
		return end;
	}
	struct gt_args a;
	gt_tok_args(g, t, &a);
	const char *embed = gt_embed_kind(t->name, t->nlen);
	size_t next = end;
	size_t inner_end = t->mate != GT_NONE ? g->tok[t->mate].beg : GT_NONE;
	size_t close_end = t->mate != GT_NONE ? g->tok[t->mate].end : GT_NONE;
	if (embed) {
		gt_flush(g, beg);
		if (gt_embed_link(g, embed, &a))
			g->done = end;
		else {
			g->done = end;
			gt_note(g, beg, "removed Hugo shortcode '%s' (no id)", name);
		}
	} else if (strcmp(name, "figure") == 0) {
		gt_flush(g, beg);
		gt_put_figure(g, &a);
		g->done = end;
		if (gt_alone(g, beg, end))
			strbuf_putc(g->out, '\n'); /* end the HTML block: Markdown follows */
	} else if (strcmp(name, "ref") == 0 || strcmp(name, "relref") == 0) {
		const char *path = gt_arg(&a, "path", 0);
		gt_flush(g, beg);
		if (path && path[0]) {
			char *u = gt_site_link(g, path);
			strbuf_puts(g->out, u);
			free(u);
		} else {
			gt_note(g, beg, "removed Hugo shortcode '%s' (no path)", name);
		}
		g->done = end;
	} else if (strcmp(name, "highlight") == 0 && inner_end != GT_NONE) {
		gt_flush(g, beg);
		gt_put_fence(g, gt_arg(&a, "lang", 0), g->s + end, inner_end - end, close_end);
		g->done = next = close_end;
	} else if (strcmp(name, "comment") == 0) {
		gt_skip(g, beg, inner_end != GT_NONE ? close_end : end);
		next = g->done;
	} else if (inner_end != GT_NONE) {
		gt_skip(g, beg, end);
		gt_note(g, beg, "Hugo shortcode '%s' not run: its tags removed, its content kept", name);
	} else {
		/* A shortcode that carries words for the reader (a quote, a
		 * button's label) keeps them: losing them would break the prose. */
		static const char *const words[] = { "text", "label", "quote", "caption", "content", NULL };
		const char *keep = NULL;
		for (size_t w = 0; words[w] && !keep; w++)
			if ((keep = gt_arg(&a, words[w], -1)) && !keep[0])
				keep = NULL;
		gt_skip(g, beg, end);
		if (keep) {
			strbuf_puts(g->out, keep);
			gt_note(g, beg, "Hugo shortcode '%s' not run: only its text kept", name);
		} else {
			gt_note(g, beg, "removed Hugo shortcode '%s'", name);
		}
	}
	gt_args_free(&a);
	g_free(name);
	return next;
}

/*** Liquid ***/

/* The Liquid tag at p: sets the name and the argument text; returns its end
 * (past "%}"), or 0. */
static size_t gt_liquid_tag_at(struct gt *g, size_t p, const char **name, size_t *nlen,
			       const char **args, size_t *alen)
{
	size_t e = gt_pct_end(g, p + 2);
	if (e == GT_NONE || e - p > GT_TAG_MAX)
		return 0;
	size_t i = p + 2;
	if (i < e && g->s[i] == '-')
		i++;
	while (i < e && gt_space(g->s[i]))
		i++;
	size_t n0 = i;
	while (i < e && (g_ascii_isalnum(g->s[i]) || g->s[i] == '_'))
		i++;
	if (i == n0 || !g_ascii_isalpha(g->s[n0]))
		return 0;
	size_t ae = e;
	if (ae > i && g->s[ae - 1] == '-')
		ae--;
	*name = g->s + n0;
	*nlen = i - n0;
	*args = g->s + i;
	*alen = ae - i;
	return e + 2;
}

/* The end tag "{% endNAME %}" at or after from: sets *at to its start and
 * returns its end, or 0 (remembered per name: hostile input stays linear). */
static size_t gt_liquid_end(struct gt *g, size_t from, const char *endname, size_t *at)
{
	size_t slot = 0;
	while (slot < 3 && g->ends[slot].name && strcmp(g->ends[slot].name, endname) != 0)
		slot++;
	if (g->ends[slot].name && strcmp(g->ends[slot].name, endname) == 0 && from >= g->ends[slot].from &&
	    (!g->ends[slot].end || from <= g->ends[slot].at)) {
		*at = g->ends[slot].at;
		return g->ends[slot].end;
	}
	size_t n = strlen(endname), found = 0, where = 0;
	for (size_t p = gt_find2(g, from, '{', '%'); p != GT_NONE; p = gt_find2(g, p + 2, '{', '%')) {
		const char *nm, *ar;
		size_t nl, al;
		size_t e = gt_liquid_tag_at(g, p, &nm, &nl, &ar, &al);
		if (e && nl == n && memcmp(nm, endname, n) == 0) {
			where = p;
			found = e;
			break;
		}
	}
	g->ends[slot].name = endname;
	g->ends[slot].from = from;
	g->ends[slot].at = where;
	g->ends[slot].end = found;
	*at = where;
	return found;
}

static bool gt_name_eq(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(s, name, n) == 0;
}

/* The path argument of {% link %} / {% post_url %}: the first word, or a
 * quoted string. */
static char *gt_first_word(const char *a, size_t n)
{
	struct gt_args args;
	gt_args_parse(a, n, true, &args);
	char *v = args.n ? xstrdup(args.v[0].val) : NULL;
	gt_args_free(&args);
	return v;
}

/* Remember the variable a tag's arguments start with ({% for x in %}). */
static void gt_bind(struct gt *g, const char *ar, size_t al)
{
	if (g->nvars == sizeof g->vars / sizeof g->vars[0])
		return;
	size_t k = 0;
	while (k < al && gt_space(ar[k]))
		k++;
	size_t v0 = k;
	while (k < al && gt_ident(ar[k]))
		k++;
	if (k > v0)
		g->vars[g->nvars++] = xstrndup(ar + v0, k - v0);
}

static size_t gt_liquid_tag(struct gt *g, size_t p)
{
	const char *nm, *ar;
	size_t nl, al;
	size_t end = gt_liquid_tag_at(g, p, &nm, &nl, &ar, &al);
	if (!end)
		return 0;
	size_t at, close;
	if (gt_name_eq(nm, nl, "raw")) {
		/* The content as written, run through nothing. */
		close = gt_liquid_end(g, end, "endraw", &at);
		gt_flush(g, p);
		if (close) {
			strbuf_add(g->out, g->s + end, at - end);
			g->done = close;
			return close;
		}
		g->done = end;
		return end;
	}
	if (gt_name_eq(nm, nl, "capture"))
		gt_bind(g, ar, al);
	if (gt_name_eq(nm, nl, "comment") || gt_name_eq(nm, nl, "capture")) {
		/* Nothing of either is shown where it stands. */
		close = gt_liquid_end(g, end, nm[0] == 'c' && nm[1] == 'o' ? "endcomment" : "endcapture", &at);
		gt_skip(g, p, close ? close : end);
		return g->done;
	}
	if (gt_name_eq(nm, nl, "highlight")) {
		close = gt_liquid_end(g, end, "endhighlight", &at);
		gt_flush(g, p);
		if (close) {
			char *lang = gt_first_word(ar, al);
			gt_put_fence(g, lang, g->s + end, at - end, close);
			free(lang);
			g->done = close;
			return close;
		}
		g->done = end;
		gt_note(g, p, "removed Liquid tag 'highlight' (no endhighlight)");
		return end;
	}
	if (gt_name_eq(nm, nl, "link") || gt_name_eq(nm, nl, "post_url")) {
		char *arg = gt_first_word(ar, al);
		gt_flush(g, p);
		g->done = end;
		if (!arg) {
			gt_note(g, p, "removed Liquid tag '%.*s' (no path)", (int)nl, nm);
			return end;
		}
		char *url = NULL;
		if (nm[0] == 'p') {
			const char *base = strrchr(arg, '/');
			char *path = gt_dated_path(g, base ? base + 1 : arg);
			if (path)
				url = xasprintf("%s%s", g->site_path, path);
			else {
				url = xasprintf("%s/", g->site_path);
				gt_note(g, p, "{%% post_url %%} names no dated post ('%s'): linked to the site", arg);
			}
			free(path);
		} else {
			url = gt_site_link(g, arg);
		}
		strbuf_puts(g->out, url);
		free(url);
		free(arg);
		return end;
	}
	const char *embed = gt_embed_kind(nm, nl);
	if (embed) {
		struct gt_args a;
		gt_args_parse(ar, al, true, &a);
		gt_flush(g, p);
		g->done = end;
		if (!gt_embed_link(g, embed, &a))
			gt_note(g, p, "removed Liquid tag '%.*s' (no id)", (int)nl, nm);
		gt_args_free(&a);
		return end;
	}
	gt_skip(g, p, end);
	/* {% for x in ... %}, {% assign x = ... %}: x is a Liquid variable now. */
	if (gt_name_eq(nm, nl, "for") || gt_name_eq(nm, nl, "assign"))
		gt_bind(g, ar, al);
	/* Tags that show nothing where they stand go silently. */
	static const char *const quiet[] = { "assign", "endraw", "endcomment", "endcapture",
					     "increment", "decrement", "set", NULL };
	for (size_t i = 0; quiet[i]; i++)
		if (gt_name_eq(nm, nl, quiet[i]))
			return end;
	/* {% endif %} is one kind with {% if %}. */
	if (nl > 3 && memcmp(nm, "end", 3) == 0)
		nm += 3, nl -= 3;
	gt_note(g, p, "removed Liquid tag '%.*s'", (int)nl, nm);
	return end;
}

/* Liquid outputs: {{ 'x' | relative_url }}, {{ site.baseurl }}. */

static const char *const gt_liquid_roots[] = { "site", "page", "post", "layout", "include",
					       "paginator", "jekyll", "content", "collections",
					       "eleventy", "forloop", NULL };

struct gt_expr {
	const char *s;
	size_t i, n;
};

static void gt_expr_ws(struct gt_expr *e)
{
	while (e->i < e->n && gt_space(e->s[e->i]))
		e->i++;
}

/* A primary: a quoted string (*lit) or a variable path (*var); false if neither. */
static bool gt_expr_primary(struct gt_expr *e, char **lit, char **var)
{
	*lit = *var = NULL;
	gt_expr_ws(e);
	if (e->i >= e->n)
		return false;
	char c = e->s[e->i];
	if (c == '\'' || c == '"') {
		size_t j = e->i + 1;
		while (j < e->n && e->s[j] != c)
			j++;
		if (j >= e->n)
			return false;
		*lit = xstrndup(e->s + e->i + 1, j - e->i - 1);
		e->i = j + 1;
		return true;
	}
	if (!(g_ascii_islower(c) || c == '_'))
		return false;
	size_t j = e->i;
	while (j < e->n) {
		if (gt_ident(e->s[j]))
			j++;
		else if (e->s[j] == '.' && j + 1 < e->n && (g_ascii_islower(e->s[j + 1]) || e->s[j + 1] == '_'))
			j++;
		else if (e->s[j] == '[') {
			while (j < e->n && e->s[j] != ']')
				j++;
			j++;
		} else
			break;
	}
	*var = xstrndup(e->s + e->i, j - e->i);
	e->i = j;
	return true;
}

/* The value of a variable feedcard knows (site.url, site.baseurl), or NULL. */
static char *gt_expr_var(const struct gt *g, const char *var)
{
	if (strcmp(var, "site.url") == 0)
		return xstrndup(g->o->site_url, g->origin_len);
	if (strcmp(var, "site.baseurl") == 0)
		return xstrdup(g->site_path);
	return NULL;
}

static char *gt_relative_url(const struct gt *g, const char *v)
{
	if (strstr(v, "://") || strncmp(v, "//", 2) == 0)
		return xstrdup(v);
	return xasprintf("%s%s%s", g->site_path, v[0] == '/' ? "" : "/", v);
}

/* Evaluate a Liquid output. Returns its text, or NULL when feedcard cannot
 * (*liquid says whether it is Liquid at all: else it is left as written). */
static char *gt_expr_eval(const struct gt *g, const char *s, size_t n, bool *liquid, char **what)
{
	struct gt_expr e = { s, 0, n };
	char *lit, *var, *val = NULL;
	*liquid = false;
	*what = NULL;
	if (!gt_expr_primary(&e, &lit, &var))
		return NULL;
	gt_expr_ws(&e);
	bool filtered = e.i < e.n && e.s[e.i] == '|';
	if (var) {
		bool root = false;
		size_t rl = strcspn(var, ".[");
		for (size_t i = 0; gt_liquid_roots[i]; i++)
			if (strlen(gt_liquid_roots[i]) == rl && strncmp(var, gt_liquid_roots[i], rl) == 0)
				root = true;
		for (size_t i = 0; i < g->nvars; i++)
			if (strlen(g->vars[i]) == rl && strncmp(var, g->vars[i], rl) == 0)
				root = true;
		if (!root && !filtered) {
			free(var);
			return NULL;
		}
		val = gt_expr_var(g, var);
		*what = var;
	} else {
		if (!filtered) {
			free(lit);
			return NULL; /* {{ "x" }}: not enough to call it Liquid */
		}
		val = lit;
	}
	*liquid = true;
	while (val && e.i < e.n && e.s[e.i] == '|') {
		e.i++;
		gt_expr_ws(&e);
		size_t f = e.i;
		while (e.i < e.n && gt_ident(e.s[e.i]))
			e.i++;
		char *filter = xstrndup(e.s + f, e.i - f);
		gt_expr_ws(&e);
		char *next = NULL;
		if (strcmp(filter, "relative_url") == 0 || strcmp(filter, "url") == 0) {
			next = gt_relative_url(g, val);
		} else if (strcmp(filter, "absolute_url") == 0) {
			char *rel = gt_relative_url(g, val);
			next = strstr(rel, "://") ? xstrdup(rel)
						  : xasprintf("%.*s%s", (int)g->origin_len, g->o->site_url, rel);
			free(rel);
		} else if ((strcmp(filter, "prepend") == 0 || strcmp(filter, "append") == 0) &&
			   e.i < e.n && e.s[e.i] == ':') {
			e.i++;
			char *l2, *v2;
			if (gt_expr_primary(&e, &l2, &v2)) {
				char *arg = l2 ? l2 : gt_expr_var(g, v2);
				if (arg)
					next = filter[0] == 'p' ? xasprintf("%s%s", arg, val)
								: xasprintf("%s%s", val, arg);
				if (!l2)
					free(arg);
				free(l2);
				free(v2);
			}
		}
		if (!next && !*what)
			*what = xasprintf("| %s", filter);
		free(filter);
		free(val);
		val = next;
		gt_expr_ws(&e);
	}
	gt_expr_ws(&e);
	if (val && e.i < e.n) {
		free(val);
		val = NULL;
	}
	if (val) {
		free(*what);
		*what = NULL;
	}
	return val;
}

static size_t gt_liquid_output(struct gt *g, size_t p)
{
	size_t e = gt_brace_end(g, p + 2);
	if (e == GT_NONE || e - p > 1000)
		return 0;
	size_t b = p + 2, x = e;
	if (b < x && g->s[b] == '-')
		b++;
	if (x > b && g->s[x - 1] == '-')
		x--;
	if (memmem(g->s + b, x - b, "\n\n", 2))
		return 0;
	bool liquid;
	char *what;
	char *v = gt_expr_eval(g, g->s + b, x - b, &liquid, &what);
	if (!liquid)
		return 0;
	gt_flush(g, p);
	g->done = e + 2;
	if (v)
		strbuf_puts(g->out, v);
	else
		gt_note(g, p, "removed Liquid output '{{ %s }}'", what ? what : "?");
	free(v);
	free(what);
	return e + 2;
}

/* Search for needle from from, charging the bytes read to the budget: a
 * search that fails is not repeated on hostile input without end. */
static size_t gt_search(struct gt *g, size_t from, const char *needle)
{
	size_t nl = strlen(needle);
	if (from >= g->len || g->budget < g->len - from)
		return GT_NONE;
	const char *f = memmem(g->s + from, g->len - from, needle, nl);
	size_t at = f ? (size_t)(f - g->s) : GT_NONE;
	g->budget -= (f ? at : g->len) - from;
	return at;
}

/*** kramdown: {: .class #id key="v"}, {::comment}...{:/comment} ***/

static bool gt_ial_valid(const char *s, size_t n)
{
	size_t i = 0, items = 0;
	while (i < n) {
		while (i < n && gt_space(s[i]))
			i++;
		if (i >= n)
			break;
		size_t st = i;
		if (s[i] == '.' || s[i] == '#')
			i++;
		if (i >= n || !(g_ascii_isalpha(s[i]) || s[i] == '_'))
			return false;
		while (i < n && (gt_ident(s[i]) || s[i] == ':'))
			i++;
		if (i < n && s[i] == '=' && s[st] != '.' && s[st] != '#') {
			i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				while (i < n && s[i] != q)
					i++;
				if (i >= n)
					return false;
				i++;
			} else {
				while (i < n && !gt_space(s[i]))
					i++;
			}
		}
		if (i < n && !gt_space(s[i]))
			return false;
		items++;
	}
	return items > 0;
}

static size_t gt_kramdown(struct gt *g, size_t p)
{
	const char *s = g->s;
	size_t i = p + 2, e = i;
	while (e < g->len && s[e] != '}' && s[e] != '\n' && e - p < 1000)
		e++;
	if (e >= g->len || s[e] != '}')
		return 0;
	if (s[i] == ':' || s[i] == '/') {
		/* Extensions: {::comment}...{:/comment}, {::nomarkdown}, {::options .../}, {:/} */
		bool open = s[i] == ':';
		size_t n0 = i + 1, n1 = n0;
		while (n1 < e && gt_ident(s[n1]))
			n1++;
		if (n1 == n0 && open)
			return 0;
		if (open && n1 - n0 == 7 && memcmp(s + n0, "comment", 7) == 0 && s[e - 1] != '/') {
			size_t c1 = gt_search(g, e, "{:/comment}"), c2 = gt_search(g, e, "{:/}");
			size_t to = c1 != GT_NONE && (c2 == GT_NONE || c1 < c2) ? c1 + 11
				    : c2 != GT_NONE				     ? c2 + 4
										     : e + 1;
			gt_skip(g, p, to);
			return to;
		}
		gt_skip(g, p, e + 1);
		return e + 1;
	}
	if (!gt_ial_valid(s + i, e - i))
		return 0;
	gt_skip(g, p, e + 1);
	return e + 1;
}

/*** MDX ***/

/* import/export lines at the top level: the block up to a blank line. */
static size_t gt_mdx_esm(struct gt *g, size_t p)
{
	const char *s = g->s;
	size_t n = g->len;
	bool imp = n - p > 6 && memcmp(s + p, "import", 6) == 0;
	bool exp = n - p > 6 && memcmp(s + p, "export", 6) == 0;
	if (!(imp || exp) || !(s[p + 6] == ' ' || s[p + 6] == '{' || s[p + 6] == '*' || s[p + 6] == '\t'))
		return 0;
	size_t e = p;
	for (;;) {
		const char *nl = memchr(s + e, '\n', n - e);
		e = nl ? (size_t)(nl - s) + 1 : n;
		size_t k = e;
		while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
			k++;
		if (e >= n || k >= n || s[k] == '\n')
			break;
	}
	gt_skip(g, p, e);
	return e;
}

/* A JSX component tag: <Name ...>, <Name .../>, </Name>, <>, </>. */
static size_t gt_mdx_tag(struct gt *g, size_t p)
{
	const char *s = g->s;
	size_t n = g->len, lim = p + GT_TAG_MAX < n ? p + GT_TAG_MAX : n, i = p + 1;
	bool close = i < lim && s[i] == '/';
	if (close)
		i++;
	size_t name = i;
	if (i < lim && s[i] != '>' && !g_ascii_isupper(s[i]))
		return 0;
	while (i < lim && (gt_ident(s[i]) || s[i] == '.' || s[i] == ':'))
		i++;
	size_t nend = i;
	struct gt_args a = { .n = 0 };
	int depth = 0;
	while (i < lim) {
		char c = s[i];
		if (c == '"' || c == '\'' || c == '`') {
			size_t q = i + 1;
			while (q < lim && s[q] != c)
				q++;
			if (depth == 0 && a.n < GT_ARGS_MAX) {
				size_t k = i - 1;
				if (k > p && s[k] == '=') {
					size_t ks = k;
					while (ks > p && gt_ident(s[ks - 1]))
						ks--;
					a.v[a.n].key = xstrndup(s + ks, k - ks);
					a.v[a.n].val = xstrndup(s + i + 1, q - i - 1);
					a.n++;
				}
			}
			i = q + 1;
			continue;
		}
		if (c == '{')
			depth++;
		else if (c == '}')
			depth--;
		else if (c == '>' && depth <= 0)
			break;
		i++;
	}
	if (i >= lim) {
		gt_args_free(&a);
		if (g->budget >= GT_TAG_MAX)
			g->budget -= GT_TAG_MAX;
		return 0;
	}
	size_t end = i + 1;
	char *nm = xstrndup(s + name, nend - name);
	gt_flush(g, p);
	g->done = end;
	const char *embed = NULL;
	gchar *low = g_ascii_strdown(nm, -1);
	if (strstr(low, "youtube"))
		embed = "youtube";
	else if (strstr(low, "tweet"))
		embed = "tweet";
	else if (strstr(low, "vimeo"))
		embed = "vimeo";
	g_free(low);
	if (!close && embed && a.n) {
		/* <YouTube id="..."/>, <Tweet tweetId="..."/>: the id under any name with "id". */
		for (size_t k = 0; k < a.n; k++)
			if (a.v[k].key && (g_str_has_suffix(a.v[k].key, "Id") || g_str_has_suffix(a.v[k].key, "ID"))) {
				free(a.v[k].key);
				a.v[k].key = xstrdup("id");
			}
		if (!gt_embed_link(g, embed, &a))
			gt_note(g, p, "removed MDX component '%s'", nm);
	} else if (!close && nm[0]) {
		gt_note(g, p, "removed MDX component '%s'", nm);
	}
	free(nm);
	gt_args_free(&a);
	return end;
}

/*** Code: left as written, but for the escapes the generators remove there too ***/

static void gt_code(struct gt *g, size_t from, size_t to)
{
	size_t i = from;
	while (i < to) {
		const char *q = memchr(g->s + i, '{', to - i);
		if (!q)
			break;
		size_t p = (size_t)(q - g->s);
		i = p + 1;
		if (p + 2 >= to)
			break;
		if (g->s[p + 1] == '{' && (g->s[p + 2] == '<' || g->s[p + 2] == '%')) {
			struct gt_tok t;
			size_t e = gt_parse_shortcode(g, p, &t);
			if (e && e <= to && t.escaped) {
				gt_flush(g, p);
				strbuf_printf(g->out, "{{%c%.*s%c}}", t.kind, (int)t.nlen, t.name,
					      t.kind == '<' ? '>' : '%');
				g->done = i = e;
			}
		} else if (g->s[p + 1] == '%') {
			const char *nm, *ar;
			size_t nl, al;
			size_t e = gt_liquid_tag_at(g, p, &nm, &nl, &ar, &al);
			if (e && e <= to && (gt_name_eq(nm, nl, "raw") || gt_name_eq(nm, nl, "endraw"))) {
				size_t at = 0, close = nm[0] == 'r' ? gt_liquid_end(g, e, "endraw", &at) : 0;
				gt_skip(g, p, e);
				i = e;
				if (close && close <= to) {
					/* Its content as written: "{% raw %}{% raw %}{% endraw %}" shows a tag. */
					gt_flush(g, at);
					g->done = i = close;
				}
			}
		}
	}
}

/*** The driver ***/

/* True when the body may hold something to rewrite. */
static bool gt_wanted(const char *s, size_t n, const struct gentext_opts *o)
{
	if (o->mdx)
		return true;
	for (const char *p = s, *end = s + n; p + 1 < end && (p = memchr(p, '{', (size_t)(end - p - 1))); p++)
		if (p[1] == '{' || p[1] == '%' || p[1] == ':')
			return true;
	return o->separator && o->separator[0] && memmem(s, n, o->separator, strlen(o->separator));
}

/* The first separator outside code, or GT_NONE. */
static size_t gt_separator(const struct gt *g)
{
	const char *sep = g->o->separator;
	if (!sep || !sep[0])
		return GT_NONE;
	size_t sl = strlen(sep);
	for (size_t i = 0; i < g->len;) {
		const char *f = memmem(g->s + i, g->len - i, sep, sl);
		if (!f)
			break;
		size_t at = (size_t)(f - g->s);
		if (!gt_in_code(g, at))
			return at;
		i = at + 1;
	}
	return GT_NONE;
}

bool gentext_apply(const char *body, size_t len, const struct gentext_opts *o, struct strbuf *out)
{
	if (!gt_wanted(body, len, o))
		return false;
	struct gt g;
	memset(&g, 0, sizeof g);
	g.s = body;
	g.len = len;
	g.o = o;
	g.out = out;
	g.budget = 4 * len + (1u << 20);
	g.pct_from = g.brace_from = GT_NONE;
	const char *site = o->site_url ? o->site_url : "";
	const char *host = strstr(site, "://");
	const char *slash = host ? strchr(host + 3, '/') : NULL;
	g.origin_len = slash ? (size_t)(slash - site) : strlen(site);
	g.site_path = site + g.origin_len;
	g.ncode = markdown_code_spans(body, len, &g.code);
	g.sep_at = gt_separator(&g);
	gt_collect(&g);

	strbuf_grow(out, len + len / 8);
	strbuf_add(out, "", 0); /* terminated, even when all goes */
	size_t i = 0;
	while (i < len) {
		while (g.ci < g.ncode && g.code[g.ci].end <= i)
			g.ci++;
		if (g.ci < g.ncode && g.code[g.ci].beg <= i) {
			gt_code(&g, i, g.code[g.ci].end);
			i = g.done > g.code[g.ci].end ? g.done : g.code[g.ci].end;
			continue;
		}
		if (i == g.sep_at) {
			gt_flush(&g, i);
			strbuf_puts(out, "<!--" HTML_SUMMARY_MARK "-->");
			g.sep_at = GT_NONE;
		}
		/* The next place anything may start: a brace, a line (MDX), a '<' (MDX). */
		size_t stop = g.ci < g.ncode ? g.code[g.ci].beg : len;
		if (g.sep_at != GT_NONE && g.sep_at > i && g.sep_at < stop)
			stop = g.sep_at;
		size_t p = i;
		if (!o->mdx) {
			const char *q = memchr(body + i, '{', stop - i);
			p = q ? (size_t)(q - body) : stop;
		} else {
			while (p < stop && body[p] != '{' && body[p] != '<' && !(p == 0 || body[p - 1] == '\n'))
				p++;
		}
		if (p >= stop) {
			i = stop;
			continue;
		}
		size_t next = 0;
		char c = body[p], d = p + 1 < len ? body[p + 1] : '\0';
		if (c == '{' && d == '{' && p + 2 < len) {
			while (g.ti < g.ntok && g.tok[g.ti].beg < p)
				g.ti++;
			if (g.ti < g.ntok && g.tok[g.ti].beg == p) {
				struct gt_tok *t = &g.tok[g.ti];
				if (t->kind != 'm')
					next = gt_shortcode(&g, g.ti);
				else if (t->mate != GT_NONE) {
					gt_skip(&g, p, t->end);
					if (!t->close)
						gt_note(&g, p, "template block '{{%.*s}}' not run: its tags removed, its content kept",
							(int)t->nlen, t->name);
					next = t->end;
				}
			}
			if (!next)
				next = gt_liquid_output(&g, p);
		} else if (c == '{' && d == '%') {
			next = gt_liquid_tag(&g, p);
		} else if (c == '{' && d == ':') {
			next = gt_kramdown(&g, p);
		} else if (c == '{' && o->mdx && d == '/' && p + 2 < len && body[p + 2] == '*') {
			size_t e = gt_search(&g, p + 3, "*/}");
			if (e != GT_NONE) {
				next = e + 3;
				gt_skip(&g, p, next);
			}
		} else if (c == '<' && o->mdx && d && (g_ascii_isupper(d) || d == '>' || d == '/')) {
			if (g.budget >= GT_TAG_MAX)
				next = gt_mdx_tag(&g, p);
		} else if (o->mdx && (p == 0 || body[p - 1] == '\n') && (c == 'i' || c == 'e')) {
			next = gt_mdx_esm(&g, p);
		}
		i = next > p ? next : p + 1;
	}
	gt_flush(&g, len);
	gt_tally(&g);
	if (g.seen)
		g_hash_table_destroy(g.seen);
	free(g.code);
	free(g.tok);
	for (size_t v = 0; v < g.nvars; v++)
		free(g.vars[v]);
	return true;
}
