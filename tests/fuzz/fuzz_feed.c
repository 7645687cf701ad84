/* Fuzz target: the three feed writers (RSS, Atom, JSON Feed) over posts
 * with arbitrary fields, through feed_build (selection, ids, per-category
 * and per-tag feeds, max_bytes).
 *
 * Byte 0 picks the mode and options; the rest is split at NUL bytes:
 *   bit 0 clear: each piece is a whole post file, parsed with post_parse;
 *   bit 0 set:   pieces fill the fields of posts directly, seven per post
 *                (title, description, categories, tags, authors (these
 *                three one per line), external URL, Markdown body), each
 *                cleaned as post_load cleans a file;
 *   bits 1-7:    full_content, sanitize, tag ids, no per-category/tag
 *                feeds, a small max_bytes, no feeds folder, drafts+future.
 * An input that starts with '-' is one or more post files as they are
 * (such as the ebpf.io posts), with full content and sanitising.
 * ORACLE: every XML file is well-formed XML (libxml2) and every JSON file
 * parses (jansson); otherwise abort(). */
#include <stdint.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "feed.h"
#include "fuzzutil.h"
#include "post.h"
#include "url.h"

#define FUZZ_MAX_POSTS 12

/* Split lines into a NULL-terminated array of non-empty strings. */
static char **fuzz_lines(const char *s)
{
	char **v = xcalloc(strlen(s) + 2, sizeof *v);
	size_t n = 0;
	for (const char *p = s; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len)
			v[n++] = xstrndup(p, len);
		p += len + (e ? 1 : 0);
	}
	return v;
}

/* A post made directly from seven cleaned fields; NULL when a field is not
 * UTF-8 (post_load rejects such a file). */
static struct post *fuzz_direct_post(const struct config *cfg, char **f, size_t i)
{
	for (int k = 0; k < 7; k++)
		if (post_clean_text("field", f[k], strlen(f[k])) < 0)
			return NULL;
	struct post *p = xcalloc(1, sizeof *p);
	p->file = xasprintf("posts/p%zu.md", i);
	p->title = xstrdup(f[0][0] ? f[0] : "untitled");
	p->description = xstrdup(f[1]);
	p->categories = fuzz_lines(f[2]);
	p->tags = fuzz_lines(f[3]);
	post_fill_slugs(p);
	p->authors = fuzz_lines(f[4]);
	/* Dates in a few days, so ties and same-day tag ids happen. */
	p->date = 1700000000 + (time_t)(strlen(f[0]) % 4) * 43200 + (time_t)i;
	p->updated = p->date + (time_t)(strlen(f[1]) % 3) * 3600;
	p->draft = strlen(f[6]) % 5 == 1;
	p->slug = url_slugify(p->title);
	if (!p->slug[0]) {
		free(p->slug);
		p->slug = xasprintf("p%zu", i);
	}
	struct url_vars uv = { .slug = p->slug, .title = p->title, .stem = p->slug, .sections = "",
			       .categories = p->categories, .date = p->date };
	p->path = url_permalink(cfg->permalink, &uv);
	p->url = url_join(cfg->site_url, p->path);
	if (url_is_absolute_http(f[5]))
		p->external_url = url_escape_iri(f[5]);
	p->link = xstrdup(p->external_url ? p->external_url : p->url);
	p->body = xstrdup(f[6]);
	p->body_len = strlen(p->body);
	p->body_line = 1;
	return p;
}

static void fuzz_check_file(const struct feed_file *f)
{
	size_t n = strlen(f->path);
	if (n > 4 && strcmp(f->path + n - 4, ".xml") == 0) {
		xmlDocPtr doc = xmlReadMemory(f->data, (int)f->len, f->path, NULL, XML_PARSE_NONET);
		FUZZ_CHECK(doc != NULL, "%s is not well-formed XML:\n%.*s", f->path, (int)f->len, f->data);
		xmlFreeDoc(doc);
	} else {
		json_error_t err;
		json_t *j = json_loadb(f->data, f->len, 0, &err);
		FUZZ_CHECK(j != NULL, "%s is not JSON (%d:%d: %s):\n%.*s", f->path, err.line, err.column,
			   err.text, (int)f->len, f->data);
		json_decref(j);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	if (size < 1 || size > (1u << 20))
		return 0;
	unsigned opt = data[0];
	size_t skip = 1;
	if (opt == '-') {
		opt = 2 | 4;
		skip = 0;
	}
	struct config cfg;
	fuzz_config(&cfg);
	cfg.full_content = opt & 2;
	cfg.sanitize = opt & 4;
	cfg.ids = opt & 8 ? CONFIG_IDS_TAG : CONFIG_IDS_LINK;
	cfg.per_category = cfg.per_tag = !(opt & 16);
	cfg.max_bytes = opt & 32 ? 3000 : 0;
	if (opt & 64)
		cfg.feeds_dir[0] = '\0';
	bool all = opt & 128;

	/* Pieces between NUL bytes, each NUL-terminated in place. */
	char *text = fuzz_cstr(data + skip, size - skip);
	char *pieces[FUZZ_MAX_POSTS * 7];
	size_t npieces = 0;
	for (char *p = text; p <= text + (size - skip) && npieces < FUZZ_MAX_POSTS * 7;) {
		pieces[npieces++] = p;
		p += strlen(p) + 1;
	}
	struct post *posts[FUZZ_MAX_POSTS];
	size_t n = 0;
	if (opt & 1) {
		for (size_t i = 0; i + 7 <= npieces; i += 7) {
			struct post *p = fuzz_direct_post(&cfg, pieces + i, n);
			if (p)
				posts[n++] = p;
		}
	} else {
		for (size_t i = 0; i < npieces && n < FUZZ_MAX_POSTS; i++) {
			char *file = xasprintf("posts/p%zu.md", i);
			struct post *p = post_parse(file, pieces[i], strlen(pieces[i]), &cfg);
			free(file);
			if (p)
				posts[n++] = p;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (post_to_html(posts[i], &cfg) != 0) {
			post_free(posts[i]);
			posts[i--] = posts[--n];
		}
	if (n) {
		struct feed_set set;
		feed_build_set(&cfg, posts, n, 2000000000, all, all, &set);
		for (size_t i = 0; i < set.count; i++)
			fuzz_check_file(&set.files[i]);
		feed_set_release(&set);
	}
	for (size_t i = 0; i < n; i++)
		post_free(posts[i]);
	free(text);
	config_release(&cfg);
	return 0;
}
