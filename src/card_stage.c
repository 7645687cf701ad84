/* card_stage: cards in the build; see card_stage.h. */
#include "card_stage.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "card.h"
#include "card_key.h"
#include "card_module.h"
#include "datadir.h"
#include "diag.h"
#include "fsin.h"
#include "imgfmt.h"
#include "jobs.h"
#include "path.h"
#include "progress.h"
#include "state.h"
#include "strbuf.h"
#include "template.h"
#include "url.h"
#include "xalloc.h"

#define CARD_STAGE_MANIFEST ".feedcard-cache"

enum card_stage_action { CS_NONE, CS_COPY, CS_REUSE, CS_RENDER };

struct card_stage_item {
	struct post *post;
	enum card_stage_action action;
	char *dir;    /* the image's folder, relative to the output folder */
	char *file;   /* its name in there (the ogImage name, or cards.name) */
	char *rel;    /* dir/file: the output path relative to the output folder */
	char *src;    /* CS_COPY: the hand-made image */
	enum imgfmt format; /* CS_RENDER/REUSE: an imgfmt_encodable one */
	size_t tpl;   /* index into the template list */
	unsigned long long key;
	size_t size;
	bool failed;
};

struct card_stage_tpl {
	char *path;
	unsigned long long key; /* card_key_template's; the format is added per card */
	bool have_key;
	unsigned fields;
	bool ok;
};

struct card_stage {
	const struct config *cfg;
	const struct scan_result *scan; /* may be NULL */
	struct card_stage_item *items;
	size_t n;
	struct card_stage_tpl *tpls;
	size_t ntpl;
	const struct card_module_api *api; /* loaded only when a card must be drawn */
	struct card_renderer **renderers; /* [worker * ntpl + tpl] */
	size_t *todo; /* indexes of CS_RENDER items */
	struct fsout_batch *batch;
	struct progress *progress;
};

/* The path of a URL, without its query or fragment, for imgfmt_mime_of:
 * "https://x.org/a.png?w=800" -> "...a.png". Static buffer per thread. */
static const char *card_stage_url_path(const char *url)
{
	static _Thread_local char buf[512];
	size_t n = strcspn(url, "?#");
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, url, n);
	buf[n] = '\0';
	return buf;
}

/* The template a post uses: its cardTemplate (a bundled name, or a path
 * relative to the post's folder), else the site's (site_tpl: cards.template
 * or "default", resolved once by the caller; NULL when it was not found). */
static char *card_stage_template_path(const struct post *p, const char *site_tpl)
{
	const char *t = p->card_template;
	if (!t || !t[0])
		return site_tpl ? xstrdup(site_tpl) : NULL;
	if (strchr(t, '/') || strchr(t, '.')) {
		char *dir = path_dirname(p->file);
		char *path = path_join(dir, t);
		free(dir);
		return path;
	}
	return datadir_template(t);
}

/* The site's template path, or NULL after a diag. Caller frees. */
static char *card_stage_site_template(const struct config *cfg)
{
	return datadir_template(cfg->cards_template && cfg->cards_template[0] ? cfg->cards_template
									       : "default");
}

static size_t card_stage_tpl_index(struct card_stage *cs, const char *path)
{
	for (size_t i = 0; i < cs->ntpl; i++)
		if (strcmp(cs->tpls[i].path, path) == 0)
			return i;
	cs->tpls = xreallocarray(cs->tpls, cs->ntpl + 1, sizeof *cs->tpls);
	struct card_stage_tpl *t = &cs->tpls[cs->ntpl];
	memset(t, 0, sizeof *t);
	t->path = xstrdup(path);
	t->ok = true;
	return cs->ntpl++;
}

/* The template's key for a format. The template part is computed once (it
 * reads and hashes every font); the format and quality are added here. */
static bool card_stage_tpl_key(struct card_stage *cs, struct card_stage_tpl *t, enum imgfmt format,
			       unsigned long long *key)
{
	if (t->ok && !t->have_key) {
		t->ok = card_key_info(t->path, cs->cfg->cards_width, cs->cfg->cards_height, &t->key,
				      &t->fields) == 0;
		t->have_key = t->ok;
	}
	*key = card_key_output(t->key, format, (int)cs->cfg->cards_quality);
	return t->ok;
}

void card_stage_mark(const struct config *cfg, struct post **posts, size_t n)
{
	if (cfg->cards_when == CONFIG_CARDS_NEVER)
		return;
	char **paths = NULL;
	unsigned *fields = NULL;
	size_t np = 0;
	diag_mute(true);
	char *site_tpl = card_stage_site_template(cfg);
	diag_mute(false);
	for (size_t i = 0; i < n; i++) {
		/* Errors are reported (and counted) by card_stage_run, not here. */
		diag_mute(true);
		char *path = card_stage_template_path(posts[i], site_tpl);
		size_t k = 0;
		while (path && k < np && strcmp(paths[k], path) != 0)
			k++;
		if (path && k == np) {
			struct template *tpl = template_load(path);
			paths = xreallocarray(paths, np + 1, sizeof *paths);
			fields = xreallocarray(fields, np + 1, sizeof *fields);
			paths[np] = xstrdup(path);
			fields[np++] = tpl ? tpl->fields : 0;
			template_free(tpl);
		}
		diag_mute(false);
		if (path && (fields[k] & CARD_FIELD_READING_TIME ||
			     (fields[k] & CARD_FIELD_DESCRIPTION && !posts[i]->description[0])))
			posts[i]->needs_body = true;
		free(path);
	}
	for (size_t k = 0; k < np; k++)
		free(paths[k]);
	free(paths);
	free(fields);
	free(site_tpl);
}

/* The fields a card shows, for rendering and for its cache key. */
struct card_stage_fields {
	struct card_fields f;
	char *authors, *categories;
};

static void card_stage_fields(const struct config *cfg, const struct post *p, struct card_stage_fields *out)
{
	struct strbuf a = STRBUF_INIT, c = STRBUF_INIT;
	for (size_t k = 0; p->authors[k]; k++)
		strbuf_printf(&a, "%s%s", k ? ", " : "", p->authors[k]);
	for (size_t k = 0; p->categories[k]; k++)
		strbuf_printf(&c, "%s%s", k ? ", " : "", p->categories[k]);
	out->authors = strbuf_detach(&a, NULL);
	out->categories = strbuf_detach(&c, NULL);
	memset(&out->f, 0, sizeof out->f);
	out->f.title = p->title;
	out->f.description = p->description[0] ? p->description : p->summary;
	out->f.author = out->authors[0] ? out->authors : cfg->site_author;
	out->f.categories = out->categories;
	out->f.site_title = cfg->site_title;
	out->f.site_host = cfg->site_host;
	out->f.date = p->date + p->date_offset; /* the card shows the site's local date */
	out->f.reading_time = p->words ? (int)((p->words + 199) / 200) : 0;
}

static void card_stage_fields_release(struct card_stage_fields *f)
{
	free(f->authors);
	free(f->categories);
}

/* The key of one card: the template's key and the fields it shows. */
static unsigned long long card_stage_key(unsigned long long tkey, unsigned fields,
					 const struct card_fields *f)
{
	unsigned long long k = tkey;
	const char *strs[] = { f->title, f->description, NULL, f->author, f->categories, f->site_title, f->site_host };
	for (unsigned bit = 0; bit < 7; bit++)
		if ((fields & (1u << bit)) && strs[bit])
			k = cache_hash(k, strs[bit], strlen(strs[bit]) + 1);
		else
			k = cache_hash(k, "", 1);
	if (fields & CARD_FIELD_DATE)
		k = cache_hash(k, &f->date, sizeof f->date);
	if (fields & CARD_FIELD_READING_TIME)
		k = cache_hash(k, &f->reading_time, sizeof f->reading_time);
	return k;
}

static void card_stage_render_one(void *ctx, size_t i, int worker)
{
	struct card_stage *cs = ctx;
	struct card_stage_item *it = &cs->items[cs->todo[i]];
	struct card_renderer **r = &cs->renderers[(size_t)worker * cs->ntpl + it->tpl];
	if (!*r)
		*r = cs->api->card_renderer_new(cs->tpls[it->tpl].path, cs->cfg->cards_width, cs->cfg->cards_height);
	struct card_stage_fields f;
	card_stage_fields(cs->cfg, it->post, &f);
	char *data = NULL;
	size_t len = 0;
	if (!*r || cs->api->card_render(*r, &f.f, it->format, (int)cs->cfg->cards_quality, it->post->file, &data, &len) != 0) {
		diag_error(it->post->file, 0, 0, "its card %s could not be rendered", it->rel);
		it->failed = true;
	} else {
		char *path = path_join(cs->cfg->output_dir, it->rel);
		if (fsout_batch_write(cs->batch, path, data, len, NULL) != 0)
			it->failed = true;
		it->size = len;
		free(path);
	}
	free(data);
	card_stage_fields_release(&f);
}

/* The name a post's source gives it: its file's name without the
 * extension, or, for a page bundle's index file, its folder's name.
 * Slugified; caller frees; "" when there is none. */
static char *card_stage_source_name(const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	char *name;
	if (((n == 5 && strncmp(base, "index", 5) == 0) || (n == 6 && strncmp(base, "_index", 6) == 0)) &&
	    base != file) {
		const char *end = base - 1, *start = end;
		while (start > file && start[-1] != '/')
			start--;
		name = xstrndup(start, (size_t)(end - start));
	} else {
		name = xstrndup(base, n);
	}
	char *slug = url_slugify(name);
	free(name);
	return slug;
}

/* A new folder for its card, beside its old one: the source's name
 * (see card_stage_source_name) when no other image is there, else the old
 * folder's name with -2, -3, ... The first free one wins; taken holds
 * (a copy of) every image's path, and gets the new one. */
static void card_stage_move(GHashTable *taken, struct card_stage_item *it)
{
	const char *slash = strrchr(it->dir, '/');
	size_t plen = slash ? (size_t)(slash - it->dir) : 0;
	const char *last = slash ? slash + 1 : it->dir;
	char *name = card_stage_source_name(it->post->file);
	char *dir = NULL, *rel = NULL;
	if (name[0] && strcmp(name, last) != 0) {
		dir = plen ? xasprintf("%.*s/%s", (int)plen, it->dir, name) : xstrdup(name);
		rel = path_join(dir, it->file);
	}
	free(name);
	for (unsigned k = 2; !rel || g_hash_table_contains(taken, rel); k++) {
		free(dir);
		free(rel);
		dir = xasprintf("%s-%u", it->dir, k);
		rel = path_join(dir, it->file);
	}
	free(it->dir);
	it->dir = dir;
	free(it->rel);
	it->rel = rel;
	g_hash_table_add(taken, xstrdup(rel));
}

/* Image files in output order; for one file, the posts with a page first
 * (theirs is the file their page names), then by source path. */
static int card_stage_cmp_rel(const void *a, const void *b)
{
	const struct card_stage_item *x = *(const struct card_stage_item *const *)a;
	const struct card_stage_item *y = *(const struct card_stage_item *const *)b;
	int c = strcmp(x->rel, y->rel);
	if (c)
		return c;
	bool lx = x->post->external_url != NULL, ly = y->post->external_url != NULL;
	if (lx != ly)
		return lx ? 1 : -1;
	return strcmp(x->post->file, y->post->file);
}

/* it would write keep's file (see card_stage_apart). Returns 0, or -1
 * after an error. */
static int card_stage_apart_one(GHashTable *taken, const struct card_stage_item *keep,
				struct card_stage_item *it)
{
	const struct post *p = it->post, *q = keep->post;
	if (p->external_url) {
		char *was = xstrdup(it->rel);
		card_stage_move(taken, it);
		diag_warning(p->file, 0, 0, "a link-only post whose card %s would also be the %s of %s: its card is %s",
			     was, q->external_url ? "card" : "image", diag_path(q->file), it->rel);
		free(was);
		return 0;
	}
	if (strcmp(p->path, q->path) == 0) {
		card_stage_move(taken, it);
		diag_warning(p->file, 0, 0, "has the permalink %s of %s: the site shows one of them there "
			     "(a slug or path in its front matter tells them apart); its card is %s", p->path,
			     diag_path(q->file), it->rel);
		return 0;
	}
	diag_error(p->file, 0, 0, "its image %s is also the image of %s", it->rel, diag_path(q->file));
	return -1;
}

/* Two posts whose images would be one file. The first (see
 * card_stage_cmp_rel) keeps it. A link-only post has no page naming its
 * card, and a page whose permalink an earlier page has is not the one the
 * site shows there: their cards move (card_stage_move), with a warning. Two
 * pages at different permalinks that both name the file are an error.
 * Returns 0, or -1 after such an error. */
static int card_stage_apart(struct card_stage *cs)
{
	int bad = 0;
	struct card_stage_item **v = xcalloc(cs->n + 1, sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->items[i].rel)
			v[m++] = &cs->items[i];
	qsort(v, m, sizeof *v, card_stage_cmp_rel);
	GHashTable *taken = NULL; /* made at the first collision: most sites have none */
	for (size_t first = 0, end; first < m; first = end) {
		/* The run of one file, found before any of it moves. */
		for (end = first + 1; end < m && strcmp(v[end]->rel, v[first]->rel) == 0; end++)
			;
		if (end - first > 1 && !taken) {
			taken = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
			for (size_t k = 0; k < m; k++)
				g_hash_table_add(taken, xstrdup(v[k]->rel));
		}
		for (size_t i = first + 1; i < end; i++)
			bad |= card_stage_apart_one(taken, v[first], v[i]);
	}
	if (taken)
		g_hash_table_destroy(taken);
	free(v);
	return bad;
}
/* Decide each post's action and output path. */
static int card_stage_plan(struct card_stage *cs, const struct cache *cache)
{
	const struct config *cfg = cs->cfg;
	int bad = 0;
	/* Where each image goes: a hand-made one copied, or a card. */
	for (size_t i = 0; i < cs->n; i++) {
		struct card_stage_item *it = &cs->items[i];
		struct post *p = it->post;
		const char *name = p->og_image ? p->og_image : cfg->cards_name;
		it->dir = url_page_folder(p->path);
		/* "blog/x/" is the folder "blog/x": card_stage_move names it by its last part. */
		for (size_t n = strlen(it->dir); n && it->dir[n - 1] == '/'; n--)
			it->dir[n - 1] = '\0';
		if (p->og_image && cfg->cards_when != CONFIG_CARDS_ALWAYS) {
			char *postdir = path_dirname(p->file);
			char *src = path_join(postdir, p->og_image);
			free(postdir);
			/* What the walk did not see beside the post is not there:
			 * no stat for the many posts without a hand-made image. */
			struct stat st;
			if (scan_presence(cs->scan, src) != SCAN_ABSENT && stat(src, &st) == 0 &&
			    S_ISREG(st.st_mode)) {
				it->action = CS_COPY;
				it->src = src;
				it->size = (size_t)st.st_size;
				it->file = xstrdup(name);
				it->rel = path_join(it->dir, it->file);
				continue;
			}
			free(src);
		}
		if (cfg->cards_when == CONFIG_CARDS_NEVER)
			continue;
		enum imgfmt format;
		if (imgfmt_from_name(name, &format) == 0 && imgfmt_encodable(format)) {
			it->file = xstrdup(name);
		} else {
			const char *dot = strrchr(name, '.');
			size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
			format = IMGFMT_JPEG;
			it->file = xasprintf("%.*s.%s", (int)stem, name, imgfmt_ext(format));
			diag_warning(p->file, 0, 0, "ogImage '%s' is not a format cards are written in "
						    "(jpg, png, webp): its card is %s", name, it->file);
		}
		it->rel = path_join(it->dir, it->file);
		it->format = format;
		it->action = CS_RENDER;
	}
	if (card_stage_apart(cs) != 0)
		bad = -1;

	/* Each card's template and key: reused when the last build made it. */
	char *site_tpl = NULL;
	bool site_tpl_tried = false;
	for (size_t i = 0; i < cs->n; i++) {
		struct card_stage_item *it = &cs->items[i];
		struct post *p = it->post;
		if (it->action != CS_RENDER)
			continue;
		/* A post's own cardTemplate that cannot be used costs the post
		 * its look, not the build: its problems are warnings, and its
		 * card takes the site's template. */
		bool own = p->card_template && p->card_template[0];
		if (!own && !site_tpl_tried) {
			site_tpl = card_stage_site_template(cfg); /* reports a missing one once */
			site_tpl_tried = true;
		}
		struct strbuf msgs = STRBUF_INIT;
		if (own)
			diag_capture_begin(&msgs, true);
		char *tpath = card_stage_template_path(p, site_tpl);
		unsigned long long tkey;
		bool ok = false;
		if (tpath) {
			it->tpl = card_stage_tpl_index(cs, tpath);
			ok = card_stage_tpl_key(cs, &cs->tpls[it->tpl], it->format, &tkey);
		}
		if (own) {
			diag_capture_end();
			diag_flush(&msgs);
			strbuf_release(&msgs);
		}
		free(tpath);
		if (!ok && own) {
			if (!site_tpl_tried) {
				site_tpl = card_stage_site_template(cfg); /* reports a missing one once */
				site_tpl_tried = true;
			}
			diag_warning(p->file, 0, 0, "its cardTemplate '%s' cannot be used: its card takes the "
				     "site's template", p->card_template);
			if (site_tpl) {
				it->tpl = card_stage_tpl_index(cs, site_tpl);
				ok = card_stage_tpl_key(cs, &cs->tpls[it->tpl], it->format, &tkey);
			}
		}
		if (!ok) {
			bad = -1;
			continue;
		}
		struct card_stage_tpl *t = &cs->tpls[it->tpl];
		struct card_stage_fields f;
		card_stage_fields(cfg, p, &f);
		it->key = card_stage_key(tkey, t->fields, &f.f);
		card_stage_fields_release(&f);
		size_t size;
		char *out = path_join(cfg->output_dir, it->rel);
		struct stat st;
		it->action = cache_lookup(cache, it->rel, it->key, &size) && stat(out, &st) == 0 &&
					     S_ISREG(st.st_mode) && (size_t)st.st_size == size
				     ? CS_REUSE
				     : CS_RENDER;
		if (it->action == CS_REUSE)
			it->size = size;
		free(out);
	}
	free(site_tpl);
	return bad;
}

int card_stage_run(const struct config *cfg, const struct scan_result *scan, struct post **posts, size_t n,
		   int jobs, bool quiet, struct fsout_batch *batch, struct card_stage_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	struct card_stage cs = { 0 };
	cs.cfg = cfg;
	cs.scan = scan;
	cs.n = n;
	cs.batch = batch;
	cs.items = xcalloc(n + 1, sizeof *cs.items);
	for (size_t i = 0; i < n; i++)
		cs.items[i].post = posts[i];
	char *manifest = path_join(cfg->output_dir, CARD_STAGE_MANIFEST);
	struct cache *old = cache_load(manifest);
	int rc = card_stage_plan(&cs, old);
	cache_free(old);
	if (rc != 0 || !batch)
		goto out;

	/* Copies, then renders in parallel. */
	size_t nrender = 0;
	cs.todo = xcalloc(n + 1, sizeof *cs.todo);
	for (size_t i = 0; i < n; i++) {
		struct card_stage_item *it = &cs.items[i];
		if (it->action == CS_COPY) {
			char *dst = path_join(cfg->output_dir, it->rel);
			char *data = NULL;
			size_t len = 0;
			/* A hand-made image that cannot be read (too large, no
			 * permission) leaves its post without an image, not the
			 * build without output. */
			struct strbuf msgs = STRBUF_INIT;
			diag_capture_begin(&msgs, true);
			int read = fsin_read_file(it->src, (size_t)64 << 20, &data, &len);
			diag_capture_end();
			diag_flush(&msgs);
			strbuf_release(&msgs);
			if (read != 0) {
				diag_warning(it->post->file, 0, 0, "its image %s could not be read: the feeds show no "
					     "image for it", diag_path(it->src));
				free(it->rel);
				it->rel = NULL;
			} else if (fsout_batch_write(batch, dst, data, len, NULL) != 0) {
				rc = -1;
			} else {
				it->size = len;
				stats->copied++;
			}
			free(data);
			free(dst);
		} else if (it->action == CS_RENDER) {
			cs.todo[nrender++] = i;
		} else if (it->action == CS_REUSE) {
			char *dst = path_join(cfg->output_dir, it->rel);
			state_note_output(dst); /* kept as it is, but part of the output */
			free(dst);
			stats->reused++;
		}
	}
	if (nrender && !(cs.api = card_module_api()))
		rc = -1;
	if (nrender && cs.api) {
		int threads = jobs < 1 ? 1 : jobs;
		cs.renderers = xcalloc((size_t)threads * cs.ntpl + 1, sizeof *cs.renderers);
		cs.progress = progress_new("cards", nrender, quiet);
		jobs_run_ordered(nrender, threads, false, cs.progress, card_stage_render_one, &cs);
		for (size_t i = 0; i < (size_t)threads * cs.ntpl; i++)
			cs.api->card_renderer_free(cs.renderers[i]);
		free(cs.renderers);
	}
	for (size_t i = 0; i < nrender; i++) {
		struct card_stage_item *it = &cs.items[cs.todo[i]];
		if (it->failed)
			rc = -1;
		else
			stats->rendered++;
	}
	if (rc != 0)
		goto out;

	/* The enclosures, and the manifest of what was rendered or reused. */
	struct cache *now = cache_new();
	for (size_t i = 0; i < n; i++) {
		struct card_stage_item *it = &cs.items[i];
		if (it->post->own_image) {
			/* A picture the site has: the feeds show it; its size is
			 * not known (0: the feed writers leave it out). */
			free(it->post->image_url);
			it->post->image_url = xstrdup(it->post->own_image);
			it->post->image_type = imgfmt_mime_of(card_stage_url_path(it->post->own_image));
			it->post->image_length = 0;
		}
		if (!it->rel)
			continue;
		if (it->action == CS_RENDER || it->action == CS_REUSE)
			cache_set(now, it->rel, it->key, it->size);
		if (it->post->own_image)
			continue;
		free(it->post->image_url);
		it->post->image_url = url_join(cfg->site_url, it->rel);
		it->post->image_type = imgfmt_mime_of(it->rel);
		it->post->image_length = it->size;
		if (!it->post->image_type)
			it->post->image_type = "application/octet-stream";
	}
	struct strbuf text = STRBUF_INIT;
	cache_serialize(now, &text);
	cache_free(now);
	if (fsout_batch_write(batch, manifest, text.data, text.len, NULL) != 0)
		rc = -1;
	strbuf_release(&text);
out:
	for (size_t i = 0; i < n; i++) {
		free(cs.items[i].rel);
		free(cs.items[i].dir);
		free(cs.items[i].file);
		free(cs.items[i].src);
	}
	for (size_t i = 0; i < cs.ntpl; i++)
		free(cs.tpls[i].path);
	free(cs.tpls);
	free(cs.items);
	free(cs.todo);
	free(manifest);
	return rc;
}
