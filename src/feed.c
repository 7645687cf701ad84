/* feed: selection, ids, per-category/tag sets and the writer table; see feed.h. */
#include "feed.h"

#include <glib.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "jobs.h"
#include "url.h"
#include "xalloc.h"

const struct feed_writer feed_writers[] = {
	{ CONFIG_RSS, "rss.xml", "application/rss+xml", feed_write_rss },
	{ CONFIG_ATOM, "atom.xml", "application/atom+xml", feed_write_atom },
	{ CONFIG_JSON, "feed.json", "application/feed+json", feed_write_json },
	{ 0, NULL, NULL, NULL },
};

char *feed_post_id(const struct config *cfg, const struct post *p, bool tag)
{
	if (!tag)
		return xstrdup(p->link);
	char ymd[16];
	date_format_ymd(p->date, ymd, sizeof ymd);
	char *raw = xasprintf("tag:%s,%s:%s", cfg->site_host, ymd, p->slug);
	char *id = url_escape_iri(raw);
	free(raw);
	return id;
}

bool feed_item_has_content(const struct config *cfg, const struct post *p)
{
	return cfg->full_content && p->html && p->html[0];
}

const char *feed_item_summary(const struct config *cfg, const struct post *p, char **owned)
{
	*owned = NULL;
	if (p->summary && p->summary[0])
		return p->summary;
	if (feed_item_has_content(cfg, p))
		return NULL;
	/* No text at all: a reader sees the title again, and for a link-only
	 * post where the link goes. */
	char *host = p->external_url ? url_host(p->external_url) : NULL;
	if (host && host[0]) {
		const char *h = strncmp(host, "www.", 4) == 0 && host[4] ? host + 4 : host;
		*owned = xasprintf("%s (%s)", p->title, h);
	}
	free(host);
	return *owned ? *owned : p->title;
}

time_t feed_item_updated(const struct post *p)
{
	return p->updated > p->date ? p->updated : p->date;
}

time_t feed_updated(const struct feed *f)
{
	time_t t = 0;
	for (size_t i = 0; i < f->count; i++) {
		time_t u = feed_item_updated(f->items[i]);
		if (u > t)
			t = u;
	}
	return t;
}

/* How many of a feed's count items it shows: feeds.limit at most. */
static size_t feed_shown(const struct config *cfg, size_t count)
{
	return cfg->feeds_limit && count > cfg->feeds_limit ? cfg->feeds_limit : count;
}

/* ---- grouping by category or tag ---- */

struct feed_group {
	char *slug;
	char *name; /* the first spelling seen (in newest-first order) */
	struct post **items;
	const char **ids;
	size_t count, cap;
};

struct feed_groups {
	struct feed_group *v;
	size_t count, cap;
};

static struct feed_group *feed_group_get(struct feed_groups *g, const char *slug, const char *name)
{
	for (size_t i = 0; i < g->count; i++)
		if (strcmp(g->v[i].slug, slug) == 0)
			return &g->v[i];
	if (g->count == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->v = xreallocarray(g->v, g->cap, sizeof *g->v);
	}
	struct feed_group *grp = &g->v[g->count++];
	memset(grp, 0, sizeof *grp);
	grp->slug = xstrdup(slug);
	grp->name = xstrdup(name);
	return grp;
}

static void feed_group_add(struct feed_group *grp, struct post *p, const char *id)
{
	if (grp->count && grp->items[grp->count - 1] == p)
		return; /* the same name twice in one post */
	if (grp->count == grp->cap) {
		grp->cap = grp->cap ? grp->cap * 2 : 8;
		grp->items = xreallocarray(grp->items, grp->cap, sizeof *grp->items);
		grp->ids = xreallocarray(grp->ids, grp->cap, sizeof *grp->ids);
	}
	grp->items[grp->count] = p;
	grp->ids[grp->count++] = id;
}

static int feed_group_cmp(const void *a, const void *b)
{
	return strcmp(((const struct feed_group *)a)->slug, ((const struct feed_group *)b)->slug);
}

static void feed_groups_release(struct feed_groups *g)
{
	for (size_t i = 0; i < g->count; i++) {
		free(g->v[i].slug);
		free(g->v[i].name);
		free(g->v[i].items);
		free(g->v[i].ids);
	}
	free(g->v);
}

/* ---- writing the files ---- */

/* What feed_xml_item_html may keep: all of a site like ebpf.io (0.25 MB of
 * escaped HTML) and nearly all of a 10,000-post site at 20 items a feed
 * (345 posts shown, 2.0 MB); with every post in every feed, the rest is
 * escaped per file rather than held, to stay within 100 MB. */
#define FEED_XML_CACHE_BYTES ((size_t)2 << 20)

/* One file to make: a feed in one format. */
struct feed_job {
	const struct feed *feed;
	const struct feed_writer *writer;
	bool failed;
};

struct feed_run {
	const struct config *cfg;
	struct feed_job *jobs;
	const struct feed_sink *sink;
};

void feed_out_add(struct feed_out *o, const char *data, size_t len)
{
	if (o->failed)
		return;
	strbuf_add(&o->buf, data, len);
	if (o->flush && o->buf.len >= FEED_OUT_CHUNK) {
		if (o->flush(o->stream, o->buf.data, o->buf.len) != 0)
			o->failed = true;
		strbuf_reset(&o->buf);
	}
}

void feed_out_puts(struct feed_out *o, const char *s)
{
	feed_out_add(o, s, strlen(s));
}

/* Stream the feed to a new file of the sink's. Returns 0, or -1 after a
 * diag. */
static int feed_job_stream(const struct feed_run *R, const struct feed_writer *w, const struct feed *view,
			   const char *rel, const char *self)
{
	const struct feed_sink *k = R->sink;
	void *stream = k->open(k->ctx, rel);
	if (!stream)
		return -1;
	struct feed_out out = { STRBUF_INIT, k->write, stream, false };
	w->write(view, self, &out);
	if (!out.failed && out.buf.len && k->write(stream, out.buf.data, out.buf.len) != 0)
		out.failed = true;
	strbuf_release(&out.buf);
	int rc = k->close(k->ctx, stream, !out.failed);
	return out.failed ? -1 : rc;
}

/* Make the feed in memory, drop its oldest items until it fits max_bytes,
 * and hand it whole to the sink. Returns 0, or -1 after a diag. */
static int feed_job_whole(const struct feed_run *R, const struct feed_writer *w, struct feed *view,
			  const char *rel, const char *self)
{
	const struct config *cfg = R->cfg;
	size_t limit = view->count;
	struct feed_out out = { STRBUF_INIT, NULL, NULL, false };
	w->write(view, self, &out);
	if (cfg->max_bytes && out.buf.len > cfg->max_bytes) {
		/* The largest count that fits, by bisection (size grows with count). */
		size_t lo = 0, hi = limit;
		while (lo < hi) {
			size_t mid = (lo + hi + 1) / 2;
			view->count = mid;
			strbuf_reset(&out.buf);
			w->write(view, self, &out);
			if (out.buf.len <= cfg->max_bytes)
				lo = mid;
			else
				hi = mid - 1;
		}
		view->count = lo;
		strbuf_reset(&out.buf);
		w->write(view, self, &out);
		diag_warning(rel, 0, 0, "feeds.max_bytes is %lu: dropped the %zu oldest of %zu items to fit (%zu bytes)",
			     cfg->max_bytes, limit - lo, limit, out.buf.len);
	}
	int rc = R->sink->file(R->sink->ctx, rel, strbuf_str(&out.buf), out.buf.len, view->count);
	strbuf_release(&out.buf);
	return rc;
}

static void feed_job_run(void *vctx, size_t i, int worker)
{
	(void)worker;
	struct feed_run *R = vctx;
	struct feed_job *J = &R->jobs[i];
	const struct config *cfg = R->cfg;
	const struct feed *f = J->feed;
	const struct feed_writer *w = J->writer;
	char *rel = f->dir[0] ? xasprintf("%s/%s", f->dir, w->file) : xstrdup(w->file);
	char *self = url_join(cfg->site_url, rel);
	struct feed view = *f;
	view.count = feed_shown(cfg, f->count);
	/* Streamed unless the file must be seen whole, to fit max_bytes. */
	if (R->sink->open && !cfg->max_bytes)
		J->failed = feed_job_stream(R, w, &view, rel, self) != 0;
	else
		J->failed = feed_job_whole(R, w, &view, rel, self) != 0;
	free(self);
	free(rel);
}


/* ---- the whole set ---- */

static int feed_cmp_link(const void *a, const void *b)
{
	const struct post *x = *(const struct post *const *)a, *y = *(const struct post *const *)b;
	int c = strcmp(x->link, y->link);
	if (c)
		return c;
	/* Older first, so the first of a run keeps the link as its id. */
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->file, y->file);
}

/* The feeds of every category (tags false) or tag: appended to *feeds
 * (*nfeeds), their titles, folders and item lists owned by *g. */
static void feed_groups_build(const struct config *cfg, struct post **items, char **ids, size_t n,
			      bool tags, struct feed_groups *g, struct feed **feeds, size_t *nfeeds)
{
	for (size_t i = 0; i < n; i++) {
		char **names = tags ? items[i]->tags : items[i]->categories;
		char **slugs = tags ? items[i]->tag_slugs : items[i]->category_slugs;
		for (size_t k = 0; names[k]; k++)
			if (slugs[k][0])
				feed_group_add(feed_group_get(g, slugs[k], names[k]), items[i], ids[i]);
	}
	if (g->count)
		qsort(g->v, g->count, sizeof *g->v, feed_group_cmp);
	*feeds = xreallocarray(*feeds, *nfeeds + g->count + 1, sizeof **feeds);
	for (size_t i = 0; i < g->count; i++) {
		struct feed *f = &(*feeds)[(*nfeeds)++];
		memset(f, 0, sizeof *f);
		f->cfg = cfg;
		f->title = xasprintf("%s: %s", cfg->site_title, g->v[i].name);
		f->dir = cfg->feeds_dir[0] ? xasprintf("%s/%s/%s", cfg->feeds_dir, tags ? "tags" : "categories", g->v[i].slug)
					  : xasprintf("%s/%s", tags ? "tags" : "categories", g->v[i].slug);
		char *page = xasprintf("%s/", f->dir);
		f->home_url = url_join(cfg->site_url, page);
		free(page);
		f->items = g->v[i].items;
		f->ids = g->v[i].ids;
		f->count = g->v[i].count;
	}
}

static int feed_cmp_updated(const void *a, const void *b)
{
	const struct post *x = *(const struct post *const *)a, *y = *(const struct post *const *)b;
	time_t tx = feed_item_updated(x), ty = feed_item_updated(y);
	if (tx != ty)
		return tx < ty ? -1 : 1;
	return strcmp(x->file, y->file);
}

/* Entries of one feed updated at the same second are legal, but make
 * readers' order arbitrary and draw the W3C validator's DuplicateUpdated
 * warning: name each such pair once, in the first feed that shows both.
 * Real sites have dozens: one summary line unless --verbose. */
static struct diag_kind feed_same_time =
	DIAG_KIND(DIAG_NOTE, "%d pairs of posts have the same update time in one feed");

static void feed_note_same_times(const struct config *cfg, const struct feed *feeds, size_t nfeeds)
{
	GHashTable *said = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	for (size_t f = 0; f < nfeeds; f++) {
		size_t shown = feed_shown(cfg, feeds[f].count);
		struct post **v = xcalloc(shown + 1, sizeof *v);
		memcpy(v, feeds[f].items, shown * sizeof *v);
		if (shown)
			qsort(v, shown, sizeof *v, feed_cmp_updated);
		for (size_t i = 1; i < shown; i++) {
			if (feed_item_updated(v[i]) != feed_item_updated(v[i - 1]))
				continue;
			char *pair = xasprintf("%s\n%s", v[i - 1]->file, v[i]->file);
			if (g_hash_table_contains(said, pair)) {
				free(pair);
				continue;
			}
			g_hash_table_add(said, pair);
			diag_kind(&feed_same_time, v[i]->file, 0, 0, "has the same date as %s (in the feed of %s/): "
				  "feed readers may show the two in either order", diag_path(v[i - 1]->file),
				  feeds[f].dir[0] ? feeds[f].dir : ".");
		}
		free(v);
	}
	g_hash_table_destroy(said);
}

/* Tag ids can still collide (two posts with one slug on one day): readers
 * would merge them. The later of two (in feed order: newest first, ties by
 * link, then file) gets its id with -2, -3, ..., with a warning. ids[k] is
 * the id of items[k]; a tag id holds the date, so equal ids are within a
 * day or two of each other in the list. */
static void feed_ids_apart(struct post **items, char **ids, size_t count)
{
	GHashTable *all = NULL; /* every id, made at the first collision */
	for (size_t i = 0; i < count; i++)
		for (size_t k = i + 1; k < count && items[k]->date >= items[i]->date - 86400 * 2; k++) {
			if (strcmp(ids[i], ids[k]) != 0)
				continue;
			if (!all) {
				all = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
				for (size_t j = 0; j < count; j++)
					g_hash_table_add(all, xstrdup(ids[j]));
			}
			char *alt = NULL;
			for (unsigned n = 2; !alt || g_hash_table_contains(all, alt); n++) {
				free(alt);
				alt = xasprintf("%s-%u", ids[i], n);
			}
			diag_warning(items[k]->file, 0, 0, "has the same feed id as %s (%s): its id is %s",
				     diag_path(items[i]->file), ids[i], alt);
			free(ids[k]);
			ids[k] = alt;
			g_hash_table_add(all, xstrdup(alt));
		}
	if (all)
		g_hash_table_destroy(all);
}

/* Link-only posts often point at one page twice (a talk and its slides). */
static struct diag_kind feed_same_link =
	DIAG_KIND(DIAG_WARNING, "%d posts have the same link as an older post: each gets a tag: id");

long feed_build(const struct config *cfg, struct post **posts, size_t n, time_t now, bool drafts,
		bool future, int jobs, const struct feed_sink *sink)
{
	struct post **items = xcalloc(n + 1, sizeof *items);
	size_t count = feed_select(posts, n, now, drafts, future, items);
	qsort(items, count, sizeof *items, post_cmp_newest);

	/* Ids: unique in every feed. Posts that share a link keep the link as the
	 * id for the oldest (as published before) and get tag: ids for the rest. */
	char **ids = xcalloc(count + 1, sizeof *ids);
	for (size_t i = 0; i < count; i++)
		ids[i] = feed_post_id(cfg, items[i], cfg->ids == CONFIG_IDS_TAG);
	struct post **by_link = xcalloc(count + 1, sizeof *by_link);
	memcpy(by_link, items, count * sizeof *items);
	qsort(by_link, count, sizeof *by_link, feed_cmp_link);
	for (size_t i = 1; i < count; i++) {
		if (strcmp(by_link[i]->link, by_link[i - 1]->link) != 0)
			continue;
		size_t first = i - 1;
		while (first > 0 && strcmp(by_link[first - 1]->link, by_link[i]->link) == 0)
			first--;
		diag_kind(&feed_same_link, by_link[i]->file, 0, 0, "has the same link as %s (%s): it gets a tag: id",
			  diag_path(by_link[first]->file), by_link[i]->link);
		if (cfg->ids == CONFIG_IDS_LINK) {
			for (size_t k = 0; k < count; k++)
				if (items[k] == by_link[i]) {
					free(ids[k]);
					ids[k] = feed_post_id(cfg, items[k], true);
				}
		}
	}
	feed_ids_apart(items, ids, count);
	free(by_link);

	/* The feeds: the main one, then each category's and each tag's. */
	struct feed *feeds = xcalloc(1, sizeof *feeds);
	size_t nfeeds = 1;
	feeds[0].cfg = cfg;
	feeds[0].title = xstrdup(cfg->site_title);
	feeds[0].dir = xstrdup(cfg->feeds_dir);
	char *page = cfg->feeds_dir[0] ? xasprintf("/%s/", cfg->feeds_dir) : xstrdup("/");
	feeds[0].home_url = url_join(cfg->site_url, page);
	free(page);
	feeds[0].items = items;
	feeds[0].ids = (const char *const *)ids;
	feeds[0].count = count;
	struct feed_groups cats = { NULL, 0, 0 }, tags = { NULL, 0, 0 };
	if (cfg->per_category)
		feed_groups_build(cfg, items, ids, count, false, &cats, &feeds, &nfeeds);
	if (cfg->per_tag)
		feed_groups_build(cfg, items, ids, count, true, &tags, &feeds, &nfeeds);

	feed_note_same_times(cfg, feeds, nfeeds);

	/* Every feed in every format, in parallel; messages in file order. */
	struct feed_job *fj = xcalloc(nfeeds * 3 + 1, sizeof *fj);
	size_t njobs = 0;
	for (size_t i = 0; i < nfeeds; i++)
		for (const struct feed_writer *w = feed_writers; w->format; w++)
			if (cfg->formats & w->format)
				fj[njobs++] = (struct feed_job){ &feeds[i], w, false };
	atomic_size_t xml_budget;
	atomic_init(&xml_budget, FEED_XML_CACHE_BYTES);
	for (size_t i = 0; i < nfeeds; i++)
		feeds[i].xml_budget = &xml_budget;
	struct feed_run R = { cfg, fj, sink };
	jobs_run_ordered(njobs, jobs, false, NULL, feed_job_run, &R);
	for (size_t i = 0; i < count; i++)
		free(atomic_exchange(&items[i]->html_xml, NULL));
	long rc = (long)njobs;
	for (size_t i = 0; i < njobs; i++)
		if (fj[i].failed)
			rc = -1;
	free(fj);
	for (size_t i = 0; i < nfeeds; i++) {
		free(feeds[i].title);
		free(feeds[i].dir);
		free(feeds[i].home_url);
	}
	free(feeds);
	feed_groups_release(&cats);
	feed_groups_release(&tags);
	for (size_t i = 0; i < count; i++)
		free(ids[i]);
	free(ids);
	free(items);
	return rc;
}

/* feed_build_set's sink: collect the files. */
static pthread_mutex_t feed_set_lock = PTHREAD_MUTEX_INITIALIZER;

static int feed_set_add(void *ctx, const char *path, const char *data, size_t len, size_t items)
{
	struct feed_set *set = ctx;
	pthread_mutex_lock(&feed_set_lock);
	set->files = xreallocarray(set->files, set->count + 1, sizeof *set->files);
	struct feed_file *f = &set->files[set->count++];
	f->path = xstrdup(path);
	f->data = xstrndup(data, len);
	f->len = len;
	f->items = items;
	pthread_mutex_unlock(&feed_set_lock);
	return 0;
}

static int feed_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct feed_file *)a)->path, ((const struct feed_file *)b)->path);
}

void feed_build_set(const struct config *cfg, struct post **posts, size_t n, time_t now,
		    bool drafts, bool future, struct feed_set *out)
{
	memset(out, 0, sizeof *out);
	struct feed_sink sink = { feed_set_add, NULL, NULL, NULL, out };
	feed_build(cfg, posts, n, now, drafts, future, 1, &sink);
	if (out->count)
		qsort(out->files, out->count, sizeof *out->files, feed_file_cmp);
}

size_t feed_select(struct post **posts, size_t n, time_t now, bool drafts, bool future,
		   struct post **out)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		if (posts[i]->draft && !drafts)
			continue;
		if (posts[i]->date > now && !future)
			continue;
		if (posts[i]->expires && posts[i]->expires <= now)
			continue; /* Hugo's expiryDate: gone from the feeds */
		out[count++] = posts[i];
	}
	return count;
}

/* Mark the newest limit posts (of items, sorted newest first) named name in
 * their categories (tags = false) or tags. */
static void feed_mark_group(struct post **items, size_t n, size_t limit, bool tags, const char *slug)
{
	size_t shown = 0;
	for (size_t i = 0; i < n && (!limit || shown < limit); i++) {
		char **slugs = tags ? items[i]->tag_slugs : items[i]->category_slugs;
		for (size_t k = 0; slugs[k]; k++) {
			if (strcmp(slugs[k], slug) == 0) {
				items[i]->in_feed = true;
				shown++;
				break;
			}
		}
	}
}

void feed_mark(const struct config *cfg, struct post **posts, size_t n)
{
	struct post **items = xcalloc(n + 1, sizeof *items);
	memcpy(items, posts, n * sizeof *items);
	qsort(items, n, sizeof *items, post_cmp_newest);
	size_t limit = cfg->feeds_limit;
	for (size_t i = 0; i < n && (!limit || i < limit); i++)
		items[i]->in_feed = true;
	/* Each category and tag feed: walk its names once (a name first seen
	 * in a newer post starts a group). */
	for (int tags = 0; tags < 2; tags++) {
		if ((tags ? !cfg->per_tag : !cfg->per_category))
			continue;
		GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
		for (size_t i = 0; i < n; i++) {
			char **slugs = tags ? items[i]->tag_slugs : items[i]->category_slugs;
			for (size_t k = 0; slugs[k]; k++) {
				if (!slugs[k][0] || g_hash_table_contains(seen, slugs[k]))
					continue;
				feed_mark_group(items + i, n - i, limit, tags, slugs[k]);
				g_hash_table_add(seen, slugs[k]);
			}
		}
		g_hash_table_destroy(seen);
	}
	free(items);
}

void feed_set_release(struct feed_set *set)
{
	for (size_t i = 0; i < set->count; i++) {
		free(set->files[i].path);
		free(set->files[i].data);
	}
	free(set->files);
	set->files = NULL;
	set->count = 0;
}
