/* cardstage: cards in the build; see cardstage.h. */
#include "cardstage.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cache.h"
#include "card.h"
#include "cardkey.h"
#include "datadir.h"
#include "diag.h"
#include "jobs.h"
#include "progress.h"
#include "render.h"
#include "state.h"
#include "strbuf.h"
#include "template.h"
#include "url.h"
#include "xalloc.h"

#define CARDSTAGE_MANIFEST ".feedcard-cache"

enum cardstage_action { CS_NONE, CS_COPY, CS_REUSE, CS_RENDER };

struct cardstage_item {
	struct post *post;
	enum cardstage_action action;
	char *rel;    /* output path relative to the output folder */
	char *src;    /* CS_COPY: the hand-made image */
	char *format; /* CS_RENDER/REUSE: "jpg", "png", "webp" */
	size_t tpl;   /* index into the template list */
	unsigned long long key;
	size_t size;
	struct strbuf msgs;
	bool failed;
};

struct cardstage_tpl {
	char *path;
	unsigned long long key; /* cardkey_template's; the format is added per card */
	bool have_key;
	unsigned fields;
	bool ok;
};

struct cardstage {
	const struct config *cfg;
	const struct scan_result *scan; /* may be NULL */
	struct cardstage_item *items;
	size_t n;
	struct cardstage_tpl *tpls;
	size_t ntpl;
	const struct render_api *api; /* loaded only when a card must be drawn */
	struct card_renderer **renderers; /* [worker * ntpl + tpl] */
	size_t *todo; /* indexes of CS_RENDER items */
	struct fsout_batch *batch;
	struct progress *progress;
};

const char *cardstage_mime(const char *name)
{
	static const char *const map[][2] = {
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" }, { ".png", "image/png" },
		{ ".webp", "image/webp" }, { ".gif", "image/gif" },   { ".avif", "image/avif" },
		{ ".svg", "image/svg+xml" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof map / sizeof *map; i++)
		if (strcasecmp(dot, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* "jpg", "png" or "webp" for a name we can render, else NULL. */
static const char *cardstage_format(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return NULL;
	if (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0)
		return "jpg";
	if (strcasecmp(dot, ".png") == 0)
		return "png";
	if (strcasecmp(dot, ".webp") == 0)
		return "webp";
	return NULL;
}

/* The template a post uses: its cardTemplate (a bundled name, or a path
 * relative to the post's folder), else the site's (site_tpl: cards.template
 * or "default", resolved once by the caller; NULL when it was not found). */
static char *cardstage_template_path(const struct post *p, const char *site_tpl)
{
	const char *t = p->card_template;
	if (!t || !t[0])
		return site_tpl ? xstrdup(site_tpl) : NULL;
	if (strchr(t, '/') || strchr(t, '.')) {
		char *dir = fsout_dirname(p->file);
		char *path = fsout_join(dir, t);
		free(dir);
		return path;
	}
	return datadir_template(t);
}

/* The site's template path, or NULL after a diag. Caller frees. */
static char *cardstage_site_template(const struct config *cfg)
{
	return datadir_template(cfg->cards_template && cfg->cards_template[0] ? cfg->cards_template
									       : "default");
}

static size_t cardstage_tpl_index(struct cardstage *cs, const char *path)
{
	for (size_t i = 0; i < cs->ntpl; i++)
		if (strcmp(cs->tpls[i].path, path) == 0)
			return i;
	cs->tpls = xreallocarray(cs->tpls, cs->ntpl + 1, sizeof *cs->tpls);
	struct cardstage_tpl *t = &cs->tpls[cs->ntpl];
	memset(t, 0, sizeof *t);
	t->path = xstrdup(path);
	t->ok = true;
	return cs->ntpl++;
}

/* The template's key for a format. The template part is computed once (it
 * reads and hashes every font); the format and quality are added here. */
static bool cardstage_tpl_key(struct cardstage *cs, struct cardstage_tpl *t, const char *format,
			      unsigned long long *key)
{
	if (t->ok && !t->have_key) {
		t->ok = cardkey_info(t->path, cs->cfg->cards_width, cs->cfg->cards_height, &t->key,
				     &t->fields) == 0;
		t->have_key = t->ok;
	}
	*key = cardkey_output(t->key, format, (int)cs->cfg->cards_quality);
	return t->ok;
}

void cardstage_mark(const struct config *cfg, struct post **posts, size_t n)
{
	if (cfg->cards_when == CONFIG_CARDS_NEVER)
		return;
	char **paths = NULL;
	unsigned *fields = NULL;
	size_t np = 0;
	diag_mute(true);
	char *site_tpl = cardstage_site_template(cfg);
	diag_mute(false);
	for (size_t i = 0; i < n; i++) {
		/* Errors are reported (and counted) by cardstage_run, not here. */
		diag_mute(true);
		char *path = cardstage_template_path(posts[i], site_tpl);
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
struct cardstage_fields {
	struct card_fields f;
	char *authors, *categories;
};

static void cardstage_fields(const struct config *cfg, const struct post *p, struct cardstage_fields *out)
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

static void cardstage_fields_release(struct cardstage_fields *f)
{
	free(f->authors);
	free(f->categories);
}

/* The key of one card: the template's key and the fields it shows. */
static unsigned long long cardstage_key(unsigned long long tkey, unsigned fields,
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

static void cardstage_render_one(void *ctx, size_t i, int worker)
{
	struct cardstage *cs = ctx;
	struct cardstage_item *it = &cs->items[cs->todo[i]];
	diag_capture_begin(&it->msgs, false);
	struct card_renderer **r = &cs->renderers[(size_t)worker * cs->ntpl + it->tpl];
	if (!*r)
		*r = cs->api->card_renderer_new(cs->tpls[it->tpl].path, cs->cfg->cards_width, cs->cfg->cards_height);
	struct cardstage_fields f;
	cardstage_fields(cs->cfg, it->post, &f);
	char *data = NULL;
	size_t len = 0;
	if (!*r || cs->api->card_render(*r, &f.f, it->format, (int)cs->cfg->cards_quality, it->post->file, &data, &len) != 0) {
		diag_error(it->post->file, 0, 0, "its card %s could not be rendered", it->rel);
		it->failed = true;
	} else {
		char *path = fsout_join(cs->cfg->output_dir, it->rel);
		if (fsout_batch_write(cs->batch, path, data, len, NULL) != 0)
			it->failed = true;
		it->size = len;
		free(path);
	}
	free(data);
	cardstage_fields_release(&f);
	diag_capture_end();
	progress_tick(cs->progress);
}

static int cardstage_cmp_rel(const void *a, const void *b)
{
	const struct cardstage_item *x = *(const struct cardstage_item *const *)a;
	const struct cardstage_item *y = *(const struct cardstage_item *const *)b;
	return strcmp(x->rel, y->rel);
}

/* Decide each post's action and output path. */
static int cardstage_plan(struct cardstage *cs, const struct cache *cache)
{
	const struct config *cfg = cs->cfg;
	int bad = 0;
	char *site_tpl = NULL;
	bool site_tpl_tried = false;
	for (size_t i = 0; i < cs->n; i++) {
		struct cardstage_item *it = &cs->items[i];
		struct post *p = it->post;
		const char *name = p->og_image ? p->og_image : cfg->cards_name;
		char *dir = url_page_folder(p->path);
		if (p->og_image && cfg->cards_when != CONFIG_CARDS_ALWAYS) {
			char *postdir = fsout_dirname(p->file);
			char *src = fsout_join(postdir, p->og_image);
			free(postdir);
			/* What the walk did not see beside the post is not there:
			 * no stat for the many posts without a hand-made image. */
			struct stat st;
			if (scan_presence(cs->scan, src) != SCAN_ABSENT && stat(src, &st) == 0 &&
			    S_ISREG(st.st_mode)) {
				it->action = CS_COPY;
				it->src = src;
				it->size = (size_t)st.st_size;
				it->rel = fsout_join(dir, name);
				free(dir);
				continue;
			}
			free(src);
		}
		if (cfg->cards_when == CONFIG_CARDS_NEVER) {
			free(dir);
			continue;
		}
		const char *format = cardstage_format(name);
		char *file;
		if (format) {
			file = xstrdup(name);
		} else {
			const char *dot = strrchr(name, '.');
			size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
			file = xasprintf("%.*s.jpg", (int)stem, name);
			format = "jpg";
			diag_warning(p->file, 0, 0, "ogImage '%s' is not a format cards are written in "
						    "(jpg, png, webp): its card is %s", name, file);
		}
		it->rel = fsout_join(dir, file);
		it->format = xstrdup(format);
		free(file);
		free(dir);
		if (!site_tpl_tried && !(p->card_template && p->card_template[0])) {
			site_tpl = cardstage_site_template(cfg); /* reports a missing one once */
			site_tpl_tried = true;
		}
		char *tpath = cardstage_template_path(p, site_tpl);
		if (!tpath) {
			bad = -1;
			continue;
		}
		it->tpl = cardstage_tpl_index(cs, tpath);
		free(tpath);
		struct cardstage_tpl *t = &cs->tpls[it->tpl];
		unsigned long long tkey;
		if (!cardstage_tpl_key(cs, t, format, &tkey)) {
			bad = -1;
			continue;
		}
		struct cardstage_fields f;
		cardstage_fields(cfg, p, &f);
		it->key = cardstage_key(tkey, t->fields, &f.f);
		cardstage_fields_release(&f);
		size_t size;
		char *out = fsout_join(cfg->output_dir, it->rel);
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
	/* Two posts may not share an image file. */
	struct cardstage_item **v = xcalloc(cs->n + 1, sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->items[i].rel)
			v[m++] = &cs->items[i];
	qsort(v, m, sizeof *v, cardstage_cmp_rel);
	for (size_t i = 1; i < m; i++)
		if (strcmp(v[i]->rel, v[i - 1]->rel) == 0) {
			diag_error(v[i]->post->file, 0, 0, "its image %s is also the image of %s", v[i]->rel,
				   v[i - 1]->post->file);
			bad = -1;
		}
	free(v);
	return bad;
}

int cardstage_run(const struct config *cfg, const struct scan_result *scan, struct post **posts, size_t n,
		  int jobs, bool quiet, struct fsout_batch *batch, struct cardstage_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	struct cardstage cs = { 0 };
	cs.cfg = cfg;
	cs.scan = scan;
	cs.n = n;
	cs.batch = batch;
	cs.items = xcalloc(n + 1, sizeof *cs.items);
	for (size_t i = 0; i < n; i++)
		cs.items[i].post = posts[i];
	char *manifest = fsout_join(cfg->output_dir, CARDSTAGE_MANIFEST);
	struct cache *old = cache_load(manifest);
	int rc = cardstage_plan(&cs, old);
	cache_free(old);
	if (rc != 0 || !batch)
		goto out;

	/* Copies, then renders in parallel. */
	size_t nrender = 0;
	cs.todo = xcalloc(n + 1, sizeof *cs.todo);
	for (size_t i = 0; i < n; i++) {
		struct cardstage_item *it = &cs.items[i];
		if (it->action == CS_COPY) {
			char *dst = fsout_join(cfg->output_dir, it->rel);
			char *data = NULL;
			size_t len = 0;
			if (fsout_read_file(it->src, (size_t)64 << 20, &data, &len) != 0 ||
			    fsout_batch_write(batch, dst, data, len, NULL) != 0)
				rc = -1;
			it->size = len;
			free(data);
			free(dst);
			stats->copied++;
		} else if (it->action == CS_RENDER) {
			cs.todo[nrender++] = i;
		} else if (it->action == CS_REUSE) {
			char *dst = fsout_join(cfg->output_dir, it->rel);
			state_note_output(dst); /* kept as it is, but part of the output */
			free(dst);
			stats->reused++;
		}
	}
	if (nrender && !(cs.api = render_api()))
		rc = -1;
	if (nrender && cs.api) {
		int threads = jobs < 1 ? 1 : jobs;
		cs.renderers = xcalloc((size_t)threads * cs.ntpl + 1, sizeof *cs.renderers);
		cs.progress = progress_new("cards", nrender, quiet);
		jobs_run(nrender, threads, cardstage_render_one, &cs);
		progress_done(cs.progress);
		for (size_t i = 0; i < (size_t)threads * cs.ntpl; i++)
			cs.api->card_renderer_free(cs.renderers[i]);
		free(cs.renderers);
	}
	for (size_t i = 0; i < nrender; i++) {
		struct cardstage_item *it = &cs.items[cs.todo[i]];
		diag_flush(&it->msgs);
		strbuf_release(&it->msgs);
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
		struct cardstage_item *it = &cs.items[i];
		if (!it->rel)
			continue;
		free(it->post->image_url);
		it->post->image_url = url_join(cfg->site_url, it->rel);
		it->post->image_type = cardstage_mime(it->rel);
		it->post->image_length = it->size;
		if (!it->post->image_type)
			it->post->image_type = "application/octet-stream";
		if (it->action == CS_RENDER || it->action == CS_REUSE)
			cache_set(now, it->rel, it->key, it->size);
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
		free(cs.items[i].src);
		free(cs.items[i].format);
		strbuf_release(&cs.items[i].msgs);
	}
	for (size_t i = 0; i < cs.ntpl; i++)
		free(cs.tpls[i].path);
	free(cs.tpls);
	free(cs.items);
	free(cs.todo);
	free(manifest);
	return rc;
}
