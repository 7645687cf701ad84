/* initperm: a site's post URLs in feedcard's permalink syntax; see initperm.h. */
#include "initperm.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "url.h"
#include "xalloc.h"

/* A generator placeholder and what it becomes: the first of the feedcard
 * placeholders this build knows, else a fixed text (NULL: none), with a
 * note when the result only comes close. */
struct initperm_token {
	const char *name;
	const char *want[3]; /* feedcard placeholders, best first */
	const char *close;   /* what differs when only the last one is known */
};

static const struct initperm_token initperm_hugo_tokens[] = {
	{ "year", { "{year}" }, NULL },
	{ "month", { "{month}" }, NULL },
	{ "day", { "{day}" }, NULL },
	{ "slug", { "{slug}" }, "Hugo's :slug is the title made into a slug when a post has no `slug`; feedcard's {slug} is the file name then" },
	{ "title", { "{title}", "{slug}" }, "Hugo's :title is the title made into a slug; feedcard's {slug} is the post's `slug` or its file name" },
	{ "filename", { "{filename}", "{slug}" }, "Hugo's :filename keeps a leading date in the file name and ignores `slug`; feedcard's {slug} does neither" },
	{ "contentbasename", { "{filename}", "{slug}" }, "Hugo's :contentbasename keeps a leading date in the file name and ignores `slug`; feedcard's {slug} does neither" },
	{ "slugorfilename", { "{slug}" }, NULL },
	{ "slugorcontentbasename", { "{slug}" }, NULL },
	{ "section", { "{section}" }, NULL },
	{ "sections", { "{sections}", "{section}" }, NULL },
	{ NULL, { NULL }, NULL },
};

static const struct initperm_token initperm_jekyll_tokens[] = {
	{ "year", { "{year}" }, NULL },
	{ "month", { "{month}" }, NULL },
	{ "day", { "{day}" }, NULL },
	{ "title", { "{slug}" }, NULL }, /* the file name or `slug`: feedcard's {slug} */
	{ "slug", { "{slug}" }, NULL },
	{ "categories", { "{categories}" }, NULL },
	{ NULL, { NULL }, NULL },
};

static bool initperm_known(const char *placeholder)
{
	size_t bad;
	return url_permalink_valid(placeholder, &bad);
}

/* True when this build reads placeholders written as the generators write
 * them (":year", ":slug" with Hugo's or Jekyll's meaning): its validator
 * then knows them one by one, and refuses a name it does not know. */
static bool initperm_colons(void)
{
	size_t bad;
	return url_permalink_valid("/:year/", &bad) && !url_permalink_valid("/:no_such_placeholder/", &bad);
}

/* True when a pattern in the generators' syntax names the post (two posts
 * of one day get two pages). */
static bool initperm_names_post(const char *pattern)
{
	static const char *const names[] = { "slug", "title", "filename", "contentbasename",
					     "slugorfilename", "slugorcontentbasename", "name", NULL };
	for (const char *p = pattern; (p = strpbrk(p, ":{"));) {
		p++;
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz_");
		for (const char *const *k = names; *k; k++)
			if (strlen(*k) == n && strncmp(p, *k, n) == 0)
				return true;
	}
	return false;
}

static void initperm_note(struct strbuf *todo, const char *note)
{
	if (todo->len)
		strbuf_puts(todo, "; ");
	strbuf_puts(todo, note);
}

/* Rewrite pattern's placeholders one by one into feedcard's {...} ones
 * (see initperm_token), into out, with notes on what differs. */
static void initperm_rewrite(enum initgen_kind kind, const char *pattern, const char *section,
			     struct strbuf *out, struct strbuf *notes)
{
	const struct initperm_token *tokens =
		kind == INITGEN_JEKYLL ? initperm_jekyll_tokens : initperm_hugo_tokens;
	struct strbuf sb = STRBUF_INIT;
	if (pattern[0] != '/')
		strbuf_putc(&sb, '/');
	for (const char *p = pattern; *p;) {
		if (*p != ':' || !isalpha((unsigned char)p[1])) {
			strbuf_putc(&sb, *p++);
			continue;
		}
		size_t n = 1;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		char *name = xstrndup(p + 1, n - 1);
		p += n;
		const struct initperm_token *t = tokens;
		while (t->name && strcmp(t->name, name) != 0)
			t++;
		const char *use = NULL;
		size_t k = 0;
		for (; t->name && k < 3 && t->want[k]; k++)
			if (initperm_known(t->want[k])) {
				use = t->want[k];
				break;
			}
		if (use) {
			strbuf_puts(&sb, use);
			if (k > 0 && t->close)
				initperm_note(notes, t->close);
		} else if (t->name && (strcmp(name, "section") == 0 || strcmp(name, "sections") == 0) && section) {
			strbuf_puts(&sb, section); /* the posts' section is known */
		} else if (kind == INITGEN_JEKYLL && strcmp(name, "output_ext") == 0) {
			strbuf_puts(&sb, ".html");
		} else if (kind == INITGEN_JEKYLL && strcmp(name, "categories") == 0) {
			initperm_note(notes, "Jekyll puts a post's categories in its URL (:categories); this feedcard has no placeholder for them: give posts with categories a `permalink`, or check their links");
		} else {
			char *msg = xasprintf("the placeholder :%s has no equivalent in feedcard and was left out", name);
			initperm_note(notes, msg);
			free(msg);
		}
		free(name);
	}
	/* Pieces left out leave empty path segments behind. */
	for (size_t r = 0; r < sb.len; r++)
		if (!(sb.data[r] == '/' && out->len > 0 && out->data[out->len - 1] == '/'))
			strbuf_putc(out, sb.data[r]);
	strbuf_release(&sb);
	if (!strstr(out->data, "{slug}") && !strstr(out->data, "{title}") && !strstr(out->data, "{filename}")) {
		if (out->len && out->data[out->len - 1] != '/')
			strbuf_putc(out, '/');
		strbuf_puts(out, "{slug}/");
		initperm_note(notes, "the pattern names no slug: {slug} was added");
	}
}

char *initperm_translate(enum initgen_kind kind, const char *pattern, const char *section,
			 bool ugly, char **todo)
{
	/* Jekyll's built-in styles: the table url.c reads them by. */
	const char *style = kind == INITGEN_JEKYLL ? url_permalink_style(pattern) : NULL;
	if (style)
		pattern = style;
	struct strbuf out = STRBUF_INIT, notes = STRBUF_INIT;
	/* A feedcard that reads the generators' placeholders with their
	 * meanings takes the pattern as the generator writes it. */
	if (pattern[0] != '/')
		strbuf_putc(&out, '/');
	strbuf_puts(&out, pattern);
	size_t bad;
	if (!initperm_colons() || !url_permalink_valid(out.data, &bad) || !initperm_names_post(out.data)) {
		strbuf_reset(&out);
		initperm_rewrite(kind, pattern, section, &out, &notes);
	}
	/* Hugo makes "pretty" URLs: a pattern without a trailing '/' still
	 * ends in a folder, unless uglyURLs. */
	const char *last = strrchr(out.data, '/');
	if (kind == INITGEN_HUGO && last && !strchr(last, '.') && out.data[out.len - 1] != '/')
		strbuf_puts(&out, ugly ? ".html" : "/");
	*todo = notes.len ? strbuf_detach(&notes, NULL) : NULL;
	strbuf_release(&notes);
	return strbuf_detach(&out, NULL);
}

/* path relative to base ("content/blog/x" in "content" is "blog/x"), or
 * NULL when it is not inside. Borrowed from path. */
static const char *initperm_below(const char *path, const char *base)
{
	if (strcmp(base, ".") == 0)
		return strcmp(path, ".") == 0 ? "" : path;
	size_t n = strlen(base);
	if (strncmp(path, base, n) != 0)
		return NULL;
	if (path[n] == '\0')
		return "";
	return path[n] == '/' ? path + n + 1 : NULL;
}

/* The name part of a post's URL for generators whose default URL keeps the
 * file name as it is (Hugo, Eleventy, Astro, Gatsby): {slug} drops a leading
 * date, so for date-named posts the date is written back from the post's
 * date, unless this build knows {filename}. Adds a note to *todo. */
static const char *initperm_stem(const struct initperm_posts *p, struct strbuf *notes)
{
	if (!p->date_named)
		return "{slug}";
	if (initperm_known("{filename}"))
		return "{filename}";
	initperm_note(notes, "the posts' file names start with a date, which the generator keeps in their URLs: feedcard writes it from each post's date, so a post whose front matter date differs from its file name's gets another link");
	return "{year}-{month}-{day}-{slug}";
}

char *initperm_permalink(const struct initgen_site *s, const struct initperm_posts *p, char **from,
			 char **todo)
{
	*from = *todo = NULL;
	const char *rel = initperm_below(p->folder, s->content_base);
	char *section = rel ? xstrndup(rel, strcspn(rel, "/")) : NULL;
	char *out = NULL, *translated_todo = NULL;
	const char *nested_note = NULL;
	struct strbuf notes = STRBUF_INIT;
	switch (s->kind) {
	case INITGEN_HUGO:
		for (size_t i = 0; i < s->n_patterns && section && !out; i++)
			if (strcmp(s->patterns[i].key, section) == 0) {
				out = initperm_translate(s->kind, s->patterns[i].pattern, section, s->ugly_urls,
							 &translated_todo);
				*from = xasprintf("%s: permalinks.%s '%s'", s->patterns[i].file, section,
						  s->patterns[i].pattern);
			}
		if (!out) {
			/* Hugo's default: the path below content, then the slug
			 * or the file name (with its date unless the config takes
			 * dates from file names, which also strips them). */
			const char *tail = s->ugly_urls ? ".html" : "/";
			if (initperm_colons()) {
				/* Hugo's own default, which this build reads. */
				out = xasprintf("/:sections/:slugorcontentbasename%s", tail);
				break;
			}
			const char *stem = s->date_from_filename ? "{slug}" : initperm_stem(p, &notes);
			out = rel && rel[0] ? xasprintf("/%s/%s%s", rel, stem, tail) : xasprintf("/%s%s", stem, tail);
			nested_note = "Hugo puts the subfolders of a section in a post's URL; feedcard's permalink has no placeholder for them: check those posts' links";
		}
		break;
	case INITGEN_JEKYLL:
		out = initperm_translate(s->kind, s->n_patterns ? s->patterns[0].pattern : "date", NULL, false,
					 &translated_todo);
		*from = s->n_patterns ? xasprintf("%s: %s '%s'", s->patterns[0].file, s->patterns[0].key,
						  s->patterns[0].pattern)
				      : xstrdup("Jekyll's default permalink style, date");
		break;
	case INITGEN_ZOLA:
		/* Zola: the section's path, then the slug (the file name without
		 * a leading date). */
		out = rel && rel[0] ? xasprintf("/%s/{slug}/", rel) : xstrdup("/{slug}/");
		nested_note = "Zola puts subsections in a post's URL; feedcard's permalink has no placeholder for them: check those posts' links";
		break;
	case INITGEN_ASTRO:
		if (s->route) {
			out = xasprintf("%s%s/", s->route, initperm_stem(p, &notes));
			*from = xasprintf("the page route %s", s->route_from);
			nested_note = "Astro keeps the folders below a collection in an entry's id and URL; feedcard's {slug} is the file name: check those posts' links";
		} else {
			out = xasprintf("/%s/", initperm_stem(p, &notes));
			initperm_note(&notes, "no page route for the posts ([...slug].astro) was found under src/pages: check the posts' links");
		}
		break;
	case INITGEN_ELEVENTY:
		/* Eleventy's default is the input path; most blogs set a
		 * permalink in a layout or data file, which is a template. */
		out = rel && rel[0] ? xasprintf("/%s/%s/", rel, initperm_stem(p, &notes))
				    : xasprintf("/%s/", initperm_stem(p, &notes));
		initperm_note(&notes, "this is Eleventy's default URL (the file's path); a `permalink` set in a layout or data file is a template init does not read: check the posts' links");
		break;
	case INITGEN_GATSBY:
		out = xasprintf("/%s/", initperm_stem(p, &notes));
		initperm_note(&notes, "Gatsby makes post pages in gatsby-node.js, which init does not read: check the posts' links, or give posts a `path`");
		break;
	case INITGEN_UNKNOWN:
		out = xstrdup("/{slug}/");
		initperm_note(&notes, "no generator config was found: check the posts' links, or give posts a `path`");
		break;
	}
	if (translated_todo)
		initperm_note(&notes, translated_todo);
	if (p->nested && nested_note)
		initperm_note(&notes, nested_note);
	*todo = notes.len ? strbuf_detach(&notes, NULL) : NULL;
	strbuf_release(&notes);
	free(translated_todo);
	free(section);
	return out;
}
