/* feed: the feed model. Selects the posts that go into feeds, orders them,
 * gives each a stable unique id, splits them into the main feed and the
 * per-category and per-tag feeds, and runs the writers (RSS, Atom, JSON). */
#ifndef FEEDCARD_FEED_H
#define FEEDCARD_FEED_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "post.h"
#include "strbuf.h"

/* One feed: a titled, ordered list of posts. */
struct feed {
	const struct config *cfg;
	char *title;
	char *dir;      /* site-relative folder of its files: "blog", "blog/categories/x" */
	char *home_url; /* the page the feed stands for */
	struct post **items; /* borrowed; newest first */
	size_t count;
	const char *const *ids; /* borrowed: ids[k] is the id of items[k] */
	atomic_size_t *xml_budget; /* bytes left for feed_xml_item_html to keep; NULL: keep none */
};

/* Where a writer's bytes go: appended to buf; with flush set, buf is handed
 * to flush and emptied each time it holds FEED_OUT_CHUNK bytes, so that a
 * streamed file is never whole in memory. */
#define FEED_OUT_CHUNK ((size_t)256 << 10)
struct feed_out {
	struct strbuf buf;
	int (*flush)(void *stream, const char *data, size_t len); /* 0, or -1 after a diag */
	void *stream;
	bool failed;  /* a flush failed: the rest is dropped */
};
void feed_out_add(struct feed_out *o, const char *data, size_t len);
void feed_out_puts(struct feed_out *o, const char *s);

/* A writer of one format. */
struct feed_writer {
	unsigned format; /* CONFIG_RSS, CONFIG_ATOM or CONFIG_JSON */
	const char *file; /* "rss.xml" */
	const char *mime;
	/* Write the feed to out. */
	void (*write)(const struct feed *f, const char *self_url, struct feed_out *out);
};

extern const struct feed_writer feed_writers[]; /* ended by format 0 */

void feed_write_rss(const struct feed *f, const char *self_url, struct feed_out *out);
void feed_write_atom(const struct feed *f, const char *self_url, struct feed_out *out);
void feed_write_json(const struct feed *f, const char *self_url, struct feed_out *out);

/* Receives the feed files, from several threads at once. Paths are relative
 * to the output folder. file takes a whole file (its bytes borrowed for the
 * call) with how many items it holds; with open set, files are streamed
 * instead (except when feeds.max_bytes needs them whole): open returns a
 * stream or NULL, write appends, close ends it, keeping the file when keep.
 * Each returns 0, or -1 (NULL) after a diag. */
struct feed_sink {
	int (*file)(void *ctx, const char *path, const char *data, size_t len, size_t items);
	void *(*open)(void *ctx, const char *path);
	int (*write)(void *stream, const char *data, size_t len);
	int (*close)(void *ctx, void *stream, bool keep);
	void *ctx;
};

/* Build every feed file for posts (all loaded posts, in any order): drafts
 * and posts dated after now are left out unless allowed; the rest are
 * ordered newest first. Files are made on up to jobs threads and handed to
 * sink one by one (or streamed), so only a few are in memory at once. Warnings (shared
 * links, shared timestamps, items dropped for max_bytes) go through diag,
 * in the same order whatever jobs is. Returns the number of files, or -1
 * when sink failed for one. */
long feed_build(const struct config *cfg, struct post **posts, size_t n, time_t now, bool drafts,
		bool future, int jobs, const struct feed_sink *sink);

/* One file, for feed_build_set. */
struct feed_file {
	char *path; /* relative to the output folder */
	char *data;
	size_t len;
	size_t items; /* items it holds */
};

struct feed_set {
	struct feed_file *files; /* sorted by path */
	size_t count;
};

/* feed_build into memory, on one thread (for tests and feedcard check). */
void feed_build_set(const struct config *cfg, struct post **posts, size_t n, time_t now,
		    bool drafts, bool future, struct feed_set *out);

/* The posts that go into feeds: not drafts (unless drafts), not dated after
 * now (unless future), not past their expiryDate. Fills out (room for n)
 * and returns how many. */
size_t feed_select(struct post **posts, size_t n, time_t now, bool drafts, bool future,
		   struct post **out);
/* Set in_feed on every post that one of the feeds built from these posts
 * will show (the newest feeds.limit of the main feed and of each category
 * and tag feed), so that only those need their body converted to HTML. posts are
 * the selected posts, in any order. */
void feed_mark(const struct config *cfg, struct post **posts, size_t n);
/* Free the files. */
void feed_set_release(struct feed_set *set);

/* The id of a post under cfg->ids (no collision handling): its link, or a
 * tag: URI from the site's host, the post's date and slug. Caller frees. */
char *feed_post_id(const struct config *cfg, const struct post *p, bool tag);

/* Whether the post's item carries its HTML as content (feeds.content is
 * full and the post has a body). */
bool feed_item_has_content(const struct config *cfg, const struct post *p);
/* The plain text an item gives as its summary (Atom summary, RSS
 * description, JSON Feed summary or content_text): the post's summary
 * (its description, else its body's first words); else, when the item
 * has no content either, the title, followed for a link-only post by the
 * link's host ("Title (example.com)"), so that no item is without text;
 * else NULL (content alone). Borrowed from p, or *owned (caller frees). */
const char *feed_item_summary(const struct config *cfg, const struct post *p, char **owned);

/* A post's time as the feeds give it for "updated": its update time, or
 * its publication time when that is later (or no update was given). */
time_t feed_item_updated(const struct post *p);
/* The newest feed_item_updated of the feed's items (0 when empty). */
time_t feed_updated(const struct feed *f);

#endif
