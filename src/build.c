/* build: the build pipeline; see build.h. */
#include "build.h"

#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "cache.h"
#include "card_stage.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "fastpath.h"
#include "feed.h"
#include "fsout.h"
#include "gentext.h"
#include "jobs.h"
#include "path.h"
#include "post.h"
#include "prune.h"
#include "scan.h"
#include "state.h"
#include "xalloc.h"

enum { OPT_RECHECK = BUILD_OPT_END };

const struct cli_option build_options[] = {
	BUILD_OPTIONS_SITE,
	{ BUILD_OPT_JOBS, 'j', "jobs", "N", "threads to use (default: all cores)" },
	BUILD_OPTIONS_POSTS,
	{ BUILD_OPT_QUIET, 'q', "quiet", NULL, "print only errors" },
	{ OPT_RECHECK, 0, "recheck", NULL, "read every post even when no input changed since the last build" },
	{ 0, 0, NULL, NULL, NULL },
};

void build_opts_init(struct build_opts *o)
{
	memset(o, 0, sizeof *o);
	o->config = "feedcard.yaml";
	o->jobs = jobs_default_threads();
}

int build_apply_option(const struct cli_command *cmd, int id, const char *v, struct build_opts *o)
{
	unsigned long n;
	switch (id) {
	case BUILD_OPT_CONFIG: o->config = v; return 1;
	case BUILD_OPT_OUTPUT: o->output = v; return 1;
	case BUILD_OPT_JOBS:
		if (cli_parse_uint(cmd, "--jobs", v, &n) != 0 || n < 1 || n > JOBS_MAX_THREADS) {
			diag_usage(cmd->name, "--jobs wants a number from 1 to %d", JOBS_MAX_THREADS);
			return -1;
		}
		o->jobs = (int)n;
		return 1;
	case BUILD_OPT_DRAFTS: o->drafts = true; return 1;
	case BUILD_OPT_FUTURE: o->future = true; return 1;
	case BUILD_OPT_KEEP_GOING: o->keep_going = true; return 1;
	case BUILD_OPT_QUIET: o->quiet = true; return 1;
	case BUILD_OPT_VERBOSE: o->verbose = true; return 1;
	default: return 0;
	}
}

/* The load stage runs inside the walk: each post is read and parsed on the
 * thread that found it (scan_visit_fn), its messages kept with it and
 * reported in file order once the walk is done. */
struct build_load {
	const struct config *cfg;
	bool keep_going;
};

struct build_loaded {
	struct post *post;
	bool not_post; /* an .html file without front matter */
	struct strbuf messages;
};

static void *build_load_one(void *ctx, int dirfd, const char *name, const char *path)
{
	struct build_load *L = ctx;
	struct build_loaded *r = xcalloc(1, sizeof *r);
	diag_capture_begin(&r->messages, L->keep_going);
	r->post = post_load_at(dirfd, name, path, L->cfg, &r->not_post);
	diag_capture_end();
	return r;
}

/* Convert to HTML the bodies that something shows; failures are kept by index. */
struct build_html {
	const struct config *cfg;
	struct post **posts;
	bool *failed;
};

static void build_html_one(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct build_html *R = ctx;
	R->failed[i] = post_to_html(R->posts[i], R->cfg) != 0;
}

static void build_post_page(void *ctx, size_t i, const char **file, const char **url)
{
	struct post **posts = ctx;
	*file = posts[i]->file;
	*url = posts[i]->url;
}

/* Convert to HTML the body of every post a feed or a card shows. Returns 0 or -1. */
static int build_html_needed(const struct config *cfg, struct post **posts, size_t n, int jobs)
{
	struct post **todo = xcalloc(n + 1, sizeof *todo);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (posts[i]->in_feed || posts[i]->needs_body)
			todo[m++] = posts[i];
	struct build_html R = { cfg, todo, xcalloc(m + 1, sizeof(bool)) };
	gentext_site_begin(n, build_post_page, posts); /* links between posts */
	jobs_run_ordered(m, jobs, false, NULL, build_html_one, &R);
	gentext_site_end();
	int rc = 0;
	for (size_t i = 0; i < m; i++)
		if (R.failed[i])
			rc = -1;
	/* What the bodies' generator syntax lost: one warning per kind. */
	gentext_report();
	free(R.failed);
	free(todo);
	return rc;
}

static time_t build_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s && *s) {
		char *end;
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (!errno && !*end)
			return (time_t)v;
		diag_warning(NULL, 0, 0, "SOURCE_DATE_EPOCH '%s' is not a number: using the clock", s);
	}
	return time(NULL);
}

static int build_parse(const struct cli_command *cmd, int argc, char **argv, struct build_opts *o)
{
	build_opts_init(o);
	o->check = strcmp(cmd->name, "check") == 0;
	int i = 1, id;
	const char *v;
	while ((id = cli_next(cmd, argc, argv, &i, &v)) > 0) {
		if (id == CLI_OPT_HELP) {
			cli_print_command_help(cmd, stdout);
			return 1;
		}
		if (id == OPT_RECHECK)
			o->recheck = true;
		else if (build_apply_option(cmd, id, v, o) < 0)
			return -1;
	}
	return id < 0 ? -1 : 0;
}

static double build_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

int build_load_config(const struct build_opts *o, struct config *cfg)
{
	if (config_load(o->config, cfg) != 0) {
		config_release(cfg);
		return -1;
	}
	if (o->output) {
		free(cfg->output_dir);
		cfg->output_dir = xstrdup(o->output);
	}
	return 0;
}

int build_run(const struct cli_command *cmd, int argc, char **argv)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct build_opts o;
	int prc = build_parse(cmd, argc, argv, &o);
	if (prc != 0)
		return prc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	diag_set_quiet(o.quiet);
	diag_set_verbose(o.verbose);
	o.last = true;

	struct config cfg;
	if (build_load_config(&o, &cfg) != 0)
		return CLI_EXIT_USAGE;
	int rc = build_with_config(&o, &cfg, &t0);
	config_release(&cfg);
	return rc;
}

/* feed_build's sink in a build: stage each feed file in the batch as soon as
 * it is made, so that the feeds never all sit in memory at once. */
struct build_sink {
	const char *out_dir;
	struct fsout_batch *batch;
	atomic_size_t written, unchanged;
};

static int build_sink_write(void *ctx, const char *rel, const char *data, size_t len, size_t items)
{
	(void)items;
	struct build_sink *S = ctx;
	char *path = path_join(S->out_dir, rel);
	bool same = false;
	int rc = fsout_batch_write(S->batch, path, data, len, &same);
	free(path);
	if (rc == 0)
		atomic_fetch_add(same ? &S->unchanged : &S->written, 1);
	return rc;
}

/* Feeds are streamed to their staged files as they are written. */
static void *build_sink_open(void *ctx, const char *rel)
{
	struct build_sink *S = ctx;
	char *path = path_join(S->out_dir, rel);
	struct fsout_stream *st = fsout_batch_stream(S->batch, path);
	free(path);
	return st;
}

static int build_sink_stream_write(void *stream, const char *data, size_t len)
{
	return fsout_stream_write(stream, data, len);
}

static int build_sink_close(void *ctx, void *stream, bool keep)
{
	struct build_sink *S = ctx;
	bool same = false;
	int rc = fsout_stream_finish(S->batch, stream, keep, &same);
	if (rc == 0 && keep)
		atomic_fetch_add(same ? &S->unchanged : &S->written, 1);
	return rc;
}

/* What, besides the files it reads, decides a build's output: the program,
 * the config file's path, the output folder, the options that select posts,
 * and where bundled templates and the renderer come from. */
static unsigned long long build_state_key(const struct build_opts *o, const struct config *cfg)
{
	struct strbuf sb = STRBUF_INIT;
	const char *data = getenv("FEEDCARD_DATA_DIR");
	const char *module = getenv("FEEDCARD_RENDER_MODULE");
	/* A rebuilt or upgraded program may write other bytes. */
	struct stat exe;
	if (stat("/proc/self/exe", &exe) != 0)
		memset(&exe, 0, sizeof exe);
	strbuf_printf(&sb, "feedcard %s %llu %lld.%09ld\n%s\n%s\n%d%d%d\n%s\n%s\n", FEEDCARD_VERSION,
		      (unsigned long long)exe.st_size, (long long)exe.st_mtim.tv_sec,
		      (long)exe.st_mtim.tv_nsec, cfg->file, cfg->output_dir, o->drafts, o->future,
		      o->keep_going, data ? data : "", module ? module : "");
	unsigned long long key = cache_hash(0, sb.data, sb.len);
	strbuf_release(&sb);
	return key;
}

/* When the output would next change by itself: the earliest date, after
 * now, of a post that --future would show (never, with --future), or of
 * a post's expiryDate. */
static time_t build_valid_until(const struct build_opts *o, struct post **posts, size_t n, time_t now)
{
	time_t until = (time_t)LLONG_MAX;
	for (size_t i = 0; !o->future && i < n; i++)
		if (posts[i]->date > now && posts[i]->date < until && (!posts[i]->draft || o->drafts))
			until = posts[i]->date;
	for (size_t i = 0; i < n; i++)
		if (posts[i]->expires > now && posts[i]->expires < until && (!posts[i]->draft || o->drafts))
			until = posts[i]->expires;
	return until;
}

/* Posts past their expiryDate are left out of the feeds with no error
 * (as Hugo does): one line counts them; --verbose names each. */
static struct diag_kind build_expired =
	DIAG_KIND(DIAG_NOTE, "%d posts are past their expiryDate: left out of the feeds");

static void build_note_expired(const struct build_opts *o, struct post **posts, size_t n, time_t now)
{
	for (size_t i = 0; i < n; i++)
		if (posts[i]->expires && posts[i]->expires <= now && (!posts[i]->draft || o->drafts)) {
			char when[32];
			date_format_rfc3339(posts[i]->expires, when, sizeof when);
			diag_kind(&build_expired, posts[i]->file, 0, 0,
				  "past its expiryDate (%s): left out of the feeds", when);
		}
}

/* What a last build leaves to the operating system, reachable from here
 * (used: the stores are kept though nothing reads them). */
static struct {
	struct feed_set set;
	struct post **posts;
	struct scan_result scan;
} build_left __attribute__((used));

/* One build, from its load to its report: what each phase leaves for the
 * next, and what the cleanup frees. */
struct build {
	struct build_opts o;
	const struct config *cfg;
	struct timespec t0;
	unsigned long long state_key;
	struct scan_result scan;
	struct post **posts; /* the posts read, good of them */
	size_t good, bad, not_posts, scan_errors;
	time_t now;
	struct post **selected; /* what the feeds show, nsel of them */
	size_t nsel;
	struct feed_set set; /* a check's feeds, made in memory */
	struct card_stage_stats cards;
	long nfiles;
	size_t written, unchanged, stale;
};

/* Nothing read last time has changed: the output stands as it is. Returns
 * true when it does, and the build is done. */
static bool build_fast_path(struct build *b)
{
	b->state_key = build_state_key(&b->o, b->cfg);
	size_t checked = 0;
	if (b->o.check || b->o.recheck || !fastpath_fresh(b->cfg->output_dir, b->state_key, build_now(), &checked))
		return false;
	if (!b->o.quiet)
		printf("feedcard: nothing changed since the last build (%zu files checked); output in %s "
		       "(%.0f ms)\n", checked, b->cfg->output_dir, build_ms(&b->t0));
	return true;
}

/* Walk the content folder, reading each post as it is found; then report
 * the posts' messages in file order, whatever the thread count. A missing
 * content folder is a configuration error; a post that cannot be read (a
 * broken link, an unreadable folder) is a content error. */
static int build_load_posts(struct build *b)
{
	struct build_load L = { b->cfg, b->o.keep_going };
	static const enum scan_layout layouts[] = {
		[CONFIG_LAYOUT_AUTO] = SCAN_AUTO,
		[CONFIG_LAYOUT_JEKYLL] = SCAN_JEKYLL,
		[CONFIG_LAYOUT_PLAIN] = SCAN_PLAIN,
	};
	struct scan_opts so = { b->o.jobs, b->o.keep_going, b->o.drafts, layouts[b->cfg->layout] };
	int src = scan_posts(b->cfg->content_dir, &so, build_load_one, &L, &b->scan);
	b->scan_errors = b->scan.errors;
	if (src != 0)
		return CLI_EXIT_USAGE;
	b->posts = xcalloc(b->scan.count + 1, sizeof *b->posts);
	for (size_t i = 0; i < b->scan.count; i++) {
		struct build_loaded *r = b->scan.items[i];
		diag_flush(&r->messages);
		strbuf_release(&r->messages);
		if (r->post)
			b->posts[b->good++] = r->post;
		else if (r->not_post)
			b->not_posts++;
		else
			b->bad++;
		free(r);
		b->scan.items[i] = NULL;
	}
	if ((b->bad || b->scan_errors) && !b->o.keep_going) {
		diag_kinds_end();
		diag_status(NULL, "%d error%s in %zu of %zu posts; %s "
				"(--keep-going builds without them)",
			diag_error_count(), diag_error_count() == 1 ? "" : "s", b->bad + b->scan_errors,
			b->scan.count - b->not_posts + b->scan_errors,
			b->o.check ? "checked" : "nothing was written");
		return CLI_EXIT_CONTENT;
	}
	return CLI_EXIT_OK;
}

/* Select what the feeds show, mark what they and the cards need, and
 * convert that Markdown only to HTML. */
static int build_select(struct build *b)
{
	b->now = build_now();
	b->selected = xcalloc(b->good + 1, sizeof *b->selected);
	b->nsel = feed_select(b->posts, b->good, b->now, b->o.drafts, b->o.future, b->selected);
	build_note_expired(&b->o, b->posts, b->good, b->now);
	feed_mark(b->cfg, b->selected, b->nsel);
	card_stage_mark(b->cfg, b->selected, b->nsel);
	if (build_html_needed(b->cfg, b->selected, b->nsel, b->o.jobs) != 0)
		return CLI_EXIT_CONTENT;
	return CLI_EXIT_OK;
}

/* check: make the cards and the feeds in memory, writing nothing. */
static int build_check(struct build *b)
{
	struct card_stage_stats unused;
	if (card_stage_run(b->cfg, &b->scan, b->selected, b->nsel, b->o.jobs, true, NULL, &unused) != 0)
		return CLI_EXIT_CONTENT;
	feed_build_set(b->cfg, b->posts, b->good, b->now, b->o.drafts, b->o.future, &b->set);
	return CLI_EXIT_OK;
}

/* What the last build made and this one did not goes, after the new output
 * is in place. Returns how many files went. */
static size_t build_prune(const struct config *cfg)
{
	char **outputs;
	size_t noutputs = state_outputs(&outputs);
	size_t stale = prune_stale(cfg->output_dir, outputs, noutputs);
	for (size_t i = 0; i < noutputs; i++)
		free(outputs[i]);
	free(outputs);
	return stale;
}

/* build: cards first (the feeds point at them), every file staged in one
 * batch: if anything cannot be made or written, nothing is replaced. Then
 * stale files go, and the fast path's state is saved. */
static int build_write(struct build *b)
{
	const struct config *cfg = b->cfg;
	struct fsout_batch *batch = fsout_batch_new(cfg->output_dir);
	if (!batch) {
		diag_status(NULL, "the output could not be written; the previous output is unchanged");
		return CLI_EXIT_CONTENT;
	}
	if (card_stage_run(cfg, &b->scan, b->selected, b->nsel, b->o.jobs, b->o.quiet, batch, &b->cards) != 0) {
		fsout_batch_abort(batch);
		diag_status(NULL, "cards could not be made or written; the previous output is unchanged");
		return CLI_EXIT_CONTENT;
	}
	struct build_sink sink = { cfg->output_dir, batch, 0, 0 };
	struct feed_sink fsink = { build_sink_write, build_sink_open, build_sink_stream_write, build_sink_close, &sink };
	b->nfiles = feed_build(cfg, b->posts, b->good, b->now, b->o.drafts, b->o.future, b->o.jobs, &fsink);
	b->written = atomic_load(&sink.written);
	b->unchanged = atomic_load(&sink.unchanged);
	int rc = CLI_EXIT_OK;
	if (b->nfiles < 0) {
		fsout_batch_abort(batch);
		rc = CLI_EXIT_CONTENT;
	} else if (fsout_batch_commit(batch) != 0) {
		rc = CLI_EXIT_CONTENT;
	}
	if (rc != CLI_EXIT_OK) {
		diag_status(NULL, "the output could not be written; the previous output is unchanged");
		return rc;
	}
	b->stale = build_prune(cfg);
	/* Bad posts left out with --keep-going are reported again next time. */
	if (!b->bad && !b->scan_errors)
		fastpath_save(cfg->output_dir, b->state_key, build_valid_until(&b->o, b->posts, b->good, b->now));
	return CLI_EXIT_OK;
}

/* The kinds' summaries, then one line: what was checked, or made. */
static void build_report(const struct build *b)
{
	diag_kinds_end();
	if (b->o.quiet)
		return;
	if (b->o.check) {
		printf("feedcard: %zu posts checked: %zu good, %zu bad, %d warning%s\n",
		       b->scan.count - b->not_posts, b->good,
		       b->bad, diag_warning_count(), diag_warning_count() == 1 ? "" : "s");
		return;
	}
	char removed[64] = "";
	if (b->stale)
		snprintf(removed, sizeof removed, "; %zu stale file%s removed", b->stale, b->stale == 1 ? "" : "s");
	printf("feedcard: %zu posts, %zu feed files (%zu written, %zu unchanged); cards: %zu rendered, "
	       "%zu reused, %zu copied%s; output in %s (%.0f ms)\n",
	       b->good, (size_t)b->nfiles, b->written, b->unchanged, b->cards.rendered, b->cards.reused,
	       b->cards.copied, removed, b->cfg->output_dir, build_ms(&b->t0));
}

/* Free what a build read, or, when the process ends after it, leave it to
 * the operating system: freeing ebpf.io's posts one by one takes longer
 * than the process takes to end. */
static void build_release(struct build *b)
{
	free(b->selected);
	if (b->o.last) {
		build_left.set = b->set;
		build_left.posts = b->posts;
		build_left.scan = b->scan;
		return;
	}
	feed_set_release(&b->set);
	for (size_t i = 0; b->posts && i < b->scan.count; i++)
		post_free(b->posts[i]);
	free(b->posts);
	scan_release(&b->scan);
}

int build_with_config(const struct build_opts *opts, const struct config *cfg,
		      const struct timespec *started)
{
	struct build b = { .o = *opts, .cfg = cfg };
	if (started)
		b.t0 = *started;
	else
		clock_gettime(CLOCK_MONOTONIC, &b.t0);
	if (build_fast_path(&b))
		return CLI_EXIT_OK;
	/* A full build: its workers start now, while the top folder is read
	 * (a build with nothing to do needs none). */
	jobs_warm(b.o.jobs);
	state_record_begin();
	struct stat cfg_st;
	if (stat(cfg->file, &cfg_st) == 0)
		state_note_input(cfg->file, &cfg_st);

	int rc = build_load_posts(&b);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = build_select(&b);
	if (rc != CLI_EXIT_OK)
		goto out;
	rc = b.o.check ? build_check(&b) : build_write(&b);
	if (rc != CLI_EXIT_OK)
		goto out;
	build_report(&b);
out:
	diag_kinds_end(); /* when a build stopped before its summary */
	state_record_end();
	build_release(&b);
	return rc;
}
