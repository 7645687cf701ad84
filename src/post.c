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
#include "diag.h"
#include "frontmatter.h"
#include "fsout.h"
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

/* Authors: a string, a list of strings, or a list of mappings with "name". */
static int post_authors(struct ydoc *d, yaml_node_t *n, char ***out)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return ydoc_strings(d, n, "author", out, NULL);
	size_t cap = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	char **v = xcalloc(cap + 1, sizeof *v);
	size_t k = 0;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = ydoc_node(d, *it);
		const char *name = ydoc_scalar(item);
		if (!name && item->type == YAML_MAPPING_NODE)
			for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top; p++)
				if (strcmp(ydoc_scalar(ydoc_node(d, p->key)) ? ydoc_scalar(ydoc_node(d, p->key)) : "", "name") == 0)
					name = ydoc_scalar(ydoc_node(d, p->value));
		if (!name) {
			ydoc_error(d, item, "each author must be a name, or a mapping with a name");
			ydoc_strings_free(v);
			return -1;
		}
		if (name[0])
			v[k++] = xstrdup(name);
	}
	*out = v;
	return 0;
}

/* Parse a date field; errors point at the value's line and column. */
static int post_date(struct ydoc *d, yaml_node_t *n, const char *key, const struct config *cfg,
		     time_t *out)
{
	const char *s = ydoc_scalar(n);
	if (!s || ydoc_is_null(n)) {
		ydoc_error(d, n, "'%s' must be a date such as 2024-10-09 or 2024-10-09T10:00:00Z", key);
		return -1;
	}
	size_t col;
	const char *why;
	if (date_parse(s, &cfg->zone, out, &col, &why) != 0) {
		/* Quoted scalars start one column before their text. */
		int extra = n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
				    n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
			    ? 1
			    : 0;
		diag_error(d->file, ydoc_line(d, n), ydoc_col(n) + extra + (int)col,
			   "invalid %s '%s': %s", key, s, why);
		return -1;
	}
	return 0;
}

/* Strip "<...>" around a URL, as the ebpf.io corpus writes some externalUrls. */
static char *post_unbracket(struct ydoc *d, yaml_node_t *n, char *s)
{
	size_t len = strlen(s);
	if (len >= 2 && s[0] == '<' && s[len - 1] == '>') {
		ydoc_warning(d, n, "angle brackets around the URL removed");
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

enum post_field {
	PF_TITLE, PF_DATE, PF_DESCRIPTION, PF_SUMMARY, PF_CATEGORIES, PF_TAGS, PF_AUTHOR,
	PF_AUTHORS, PF_PATH, PF_SLUG, PF_EXTERNAL, PF_DRAFT, PF_OGIMAGE, PF_IMAGE, PF_UPDATED,
	PF_LASTMOD, PF_CARDTEMPLATE, PF_COUNT
};

static const char *const post_field_names[PF_COUNT] = {
	"title", "date", "description", "summary", "categories", "tags", "author", "authors",
	"path", "slug", "externalUrl", "draft", "ogImage", "image", "updated", "lastmod",
	"cardTemplate",
};

static struct post *post_parse_dated(const char *file, char *text, size_t len,
				     const struct config *cfg, time_t file_date);

static int post_fields(struct post *p, struct ydoc *d, const struct config *cfg)
{
	yaml_node_t *root = ydoc_root(d);
	yaml_node_t *f[PF_COUNT] = { 0 };
	if (!root || ydoc_is_null(root)) {
		diag_error(p->file, d->line_offset, 1, "the front matter is empty: title and date are required");
		return -1;
	}
	if (root->type != YAML_MAPPING_NODE) {
		ydoc_error(d, root, "the front matter must be a mapping of fields (such as 'title: ...')");
		return -1;
	}
	int bad = ydoc_check_duplicates(d, root);
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
		const char *k = ydoc_scalar(ydoc_node(d, pr->key));
		for (int i = 0; k && i < PF_COUNT; i++)
			if (strcasecmp(k, post_field_names[i]) == 0) {
				f[i] = ydoc_node(d, pr->value);
				break; /* the names differ: no other can match */
			}
	}
	/* Aliases of each other: the first name wins when both are given. */
	if (!f[PF_DESCRIPTION])
		f[PF_DESCRIPTION] = f[PF_SUMMARY];
	if (!f[PF_AUTHOR])
		f[PF_AUTHOR] = f[PF_AUTHORS];
	if (!f[PF_OGIMAGE])
		f[PF_OGIMAGE] = f[PF_IMAGE];
	if (!f[PF_UPDATED])
		f[PF_UPDATED] = f[PF_LASTMOD];

	if (!f[PF_TITLE] || ydoc_is_null(f[PF_TITLE])) {
		diag_error(p->file, f[PF_TITLE] ? ydoc_line(d, f[PF_TITLE]) : d->line_offset,
			   f[PF_TITLE] ? ydoc_col(f[PF_TITLE]) : 1, "missing required field 'title'");
		bad = -1;
	} else if (ydoc_string(d, f[PF_TITLE], "title", &p->title) == 0) {
		g_strstrip(p->title);
		if (strlen(p->title) > POST_MAX_TITLE_BYTES) {
			ydoc_error(d, f[PF_TITLE], "the title is %zu bytes long; the limit is %d",
				   strlen(p->title), POST_MAX_TITLE_BYTES);
			bad = -1;
		} else if (!p->title[0]) {
			ydoc_error(d, f[PF_TITLE], "the title is blank");
			bad = -1;
		} else {
			post_check_bidi(d, f[PF_TITLE], p->title);
		}
	} else {
		bad = -1;
	}
	if ((!f[PF_DATE] || ydoc_is_null(f[PF_DATE])) && p->file_date) {
		p->date = p->file_date;
	} else if (!f[PF_DATE] || ydoc_is_null(f[PF_DATE])) {
		diag_error(p->file, f[PF_DATE] ? ydoc_line(d, f[PF_DATE]) : d->line_offset,
			   f[PF_DATE] ? ydoc_col(f[PF_DATE]) : 1, "missing required field 'date'");
		bad = -1;
	} else {
		bad |= post_date(d, f[PF_DATE], "date", cfg, &p->date);
	}
	p->updated = p->date;
	if (f[PF_UPDATED] && !ydoc_is_null(f[PF_UPDATED]))
		bad |= post_date(d, f[PF_UPDATED], "updated", cfg, &p->updated);

	if (f[PF_DESCRIPTION] && !ydoc_is_null(f[PF_DESCRIPTION])) {
		if (ydoc_string(d, f[PF_DESCRIPTION], "description", &p->description) == 0)
			g_strstrip(p->description);
		else
			bad = -1;
	}
	if (f[PF_CATEGORIES] && ydoc_strings(d, f[PF_CATEGORIES], "categories", &p->categories, NULL) != 0)
		bad = -1;
	if (f[PF_TAGS] && ydoc_strings(d, f[PF_TAGS], "tags", &p->tags, NULL) != 0)
		bad = -1;
	if (f[PF_AUTHOR] && !ydoc_is_null(f[PF_AUTHOR]) && post_authors(d, f[PF_AUTHOR], &p->authors) != 0)
		bad = -1;
	if (f[PF_DRAFT] && !ydoc_is_null(f[PF_DRAFT]))
		bad |= ydoc_bool(d, f[PF_DRAFT], "draft", &p->draft);

	char *s = NULL;
	if (f[PF_SLUG] && !ydoc_is_null(f[PF_SLUG])) {
		if (ydoc_string(d, f[PF_SLUG], "slug", &s) == 0) {
			if (!s[0] || strchr(s, '/') || !url_path_safe(s)) {
				ydoc_error(d, f[PF_SLUG], "slug '%s' must be a non-empty name without '/' or '..'", s);
				bad = -1;
			}
			p->slug = url_slug_clean(s);
			free(s);
		} else {
			bad = -1;
		}
	}
	if (f[PF_PATH] && !ydoc_is_null(f[PF_PATH])) {
		if (ydoc_string(d, f[PF_PATH], "path", &s) == 0) {
			if (s[0] != '/' || !url_path_safe(s) || strstr(s, "//")) {
				ydoc_error(d, f[PF_PATH], "path '%s' must start with '/' and stay inside the site (no '..' or '\\')", s);
				bad = -1;
			}
			p->path = s;
		} else {
			bad = -1;
		}
	}
	if (f[PF_EXTERNAL] && !ydoc_is_null(f[PF_EXTERNAL])) {
		if (ydoc_string(d, f[PF_EXTERNAL], "externalUrl", &s) == 0) {
			p->external_url = post_unbracket(d, f[PF_EXTERNAL], g_strstrip(s));
			if (!url_is_absolute_http(p->external_url)) {
				ydoc_error(d, f[PF_EXTERNAL], "externalUrl '%s' is not an absolute http(s) URL", p->external_url);
				bad = -1;
			} else {
				char *esc = url_escape_iri(p->external_url);
				free(p->external_url);
				p->external_url = esc;
			}
		} else {
			bad = -1;
		}
	}
	if (f[PF_OGIMAGE] && !ydoc_is_null(f[PF_OGIMAGE])) {
		if (ydoc_string(d, f[PF_OGIMAGE], "ogImage", &p->og_image) != 0)
			bad = -1;
		else if (!p->og_image[0] || !url_path_safe(p->og_image) || p->og_image[0] == '/') {
			ydoc_error(d, f[PF_OGIMAGE], "ogImage '%s' must be a file name beside the post (no '/' at the start, no '..')", p->og_image);
			bad = -1;
		}
	}
	if (f[PF_CARDTEMPLATE] && !ydoc_is_null(f[PF_CARDTEMPLATE]) &&
	    ydoc_string(d, f[PF_CARDTEMPLATE], "cardTemplate", &p->card_template) != 0)
		bad = -1;
	return bad ? -1 : 0;
}

struct post *post_load(const char *file, const struct config *cfg)
{
	return post_load_at(AT_FDCWD, file, file, cfg, NULL);
}

/* Whether text starts with front matter: a "---" or "+++" fence or a JSON
 * object, after a byte-order mark and blank lines. */
static bool post_starts_with_frontmatter(const char *text, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ' || text[i] == '\t'))
		i++;
	return text[i] == '{' ||
	       (len - i >= 3 && (memcmp(text + i, "---", 3) == 0 || memcmp(text + i, "+++", 3) == 0));
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
	if (fsout_read_file_at(dirfd, name, file, POST_MAX_FILE_BYTES, &text, &len) != 0)
		return NULL;
	size_t n = strlen(name);
	if (n > 5 && strcmp(name + n - 5, ".html") == 0 && !post_starts_with_frontmatter(text, len)) {
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
	struct post *p = post_parse_dated(file, text, len, cfg, file_date);
	free(text);
	/* Most posts are never rendered (only a feed's newest are): their
	 * bodies are not held, but read again by the few post_render needs. */
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
	if (fsout_read_file(p->file, POST_MAX_FILE_BYTES, text, &len) != 0)
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

struct post *post_parse(const char *file, char *text, size_t len, const struct config *cfg)
{
	return post_parse_dated(file, text, len, cfg, 0);
}

static struct post *post_parse_dated(const char *file, char *text, size_t len,
				     const struct config *cfg, time_t file_date)
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
	if (fm.yaml_len > POST_MAX_FRONTMATTER_BYTES) {
		diag_error(file, fm.yaml_line, 1, "the front matter is %zu bytes; the limit is %zu",
			   fm.yaml_len, POST_MAX_FRONTMATTER_BYTES);
		goto fail;
	}
	if (fm.unterminated)
		diag_warning(file, fm.body_line, 1,
			     "front matter has no closing '---': read to the end of the file as front matter");
	if (ydoc_load(&d, file, text + fm.yaml_off, fm.yaml_len, fm.yaml_line - 1) != 0)
		goto fail;
	if (post_fields(p, &d, cfg) != 0)
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

int post_render(struct post *p, const struct config *cfg)
{
	char *text = NULL;
	const char *body = p->body;
	if (!body && p->body_on_disk && p->body_len) {
		size_t off;
		if (post_reload_body(p, &text, &off) != 0)
			return -1;
		body = text + off;
	}
	struct strbuf md = STRBUF_INIT;
	int mrc = markdown_to_html(body ? body : "", body ? p->body_len : 0, &md);
	free(text);
	if (mrc != 0) {
		diag_error(p->file, p->body_line, 1, "the Markdown body could not be rendered");
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
