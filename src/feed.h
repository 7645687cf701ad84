/* feed: the feed model. Selects the posts that go into feeds, orders them,
 * gives each a stable unique id, splits them into the main feed and the
 * per-category and per-tag feeds, and runs the writers (RSS, Atom, JSON). */
#ifndef FEEDCARD_FEED_H
#define FEEDCARD_FEED_H

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
};

/* A writer of one format. */
struct feed_writer {
	unsigned format; /* CONFIG_RSS, CONFIG_ATOM or CONFIG_JSON */
	const char *file; /* "rss.xml" */
	const char *mime;
	/* Append the feed to out. */
	void (*write)(const struct feed *f, const char *self_url, struct strbuf *out);
};

extern const struct feed_writer feed_writers[]; /* ended by format 0 */

void feed_write_rss(const struct feed *f, const char *self_url, struct strbuf *out);
void feed_write_atom(const struct feed *f, const char *self_url, struct strbuf *out);
void feed_write_json(const struct feed *f, const char *self_url, struct strbuf *out);

/* Receives one feed file: path relative to the output folder, its bytes
 * (borrowed for the call) and how many items it holds. May be called from
 * several threads at once. Returns 0, or -1 after a diag. */
typedef int (*feed_sink)(void *ctx, const char *path, const char *data, size_t len, size_t items);

/* Build every feed file for posts (all loaded posts, in any order): drafts
 * and posts dated after now are left out unless allowed; the rest are
 * ordered newest first. Files are made on up to jobs threads and handed to
 * sink one by one, so only a few are in memory at once. Warnings (shared
 * links, shared timestamps, items dropped for max_bytes) go through diag,
 * in the same order whatever jobs is. Returns the number of files, or -1
 * when sink failed for one. */
long feed_build(const struct config *cfg, struct post **posts, size_t n, time_t now, bool drafts,
		bool future, int jobs, feed_sink sink, void *ctx);

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
 * now (unless future). Fills out (room for n) and returns how many. */
size_t feed_select(struct post **posts, size_t n, time_t now, bool drafts, bool future,
		   struct post **out);
/* Set in_feed on every post that one of the feeds built from these posts
 * will show (the newest feeds.limit of the main feed and of each category
 * and tag feed), so that only those need their body rendered. posts are
 * the selected posts, in any order. */
void feed_mark(const struct config *cfg, struct post **posts, size_t n);
/* Free the files. */
void feed_set_release(struct feed_set *set);

/* The id of a post under cfg->ids (no collision handling): its link, or a
 * tag: URI from the site's host, the post's date and slug. Caller frees. */
char *feed_post_id(const struct config *cfg, const struct post *p, bool tag);

/* The newest updated-or-published time of the feed's items (0 when empty). */
time_t feed_updated(const struct feed *f);

#endif
