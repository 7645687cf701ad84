/* scan: walk the content folder and collect its posts, sorted bytewise so
 * that every later stage is deterministic. Which files are posts follows the
 * site generators (the README's "Which files are posts"):
 *   - files named *.md, *.markdown, *.mdx and *.html (an .html file without
 *     front matter is left out by the loader, which reads it anyway), other
 *     than README.*;
 *   - names starting with '.' or '_' are skipped (Hugo's _index.md, Jekyll's
 *     _site, _layouts...), and node_modules, but for Jekyll's _posts and,
 *     with drafts, _drafts;
 *   - a folder holding index.md (a page bundle) is one post: the other files
 *     in it and in its subfolders are its resources; an index file directly
 *     in the content folder is the site's own page, not a post;
 *   - in a Jekyll site (a _posts folder directly in the content folder, or
 *     the jekyll layout), only the files in _posts folders (at any depth)
 *     whose names start with a date, and those in _drafts, are posts.
 * Symbolic links to folders are not followed, so a link loop cannot hang the
 * walk. The top level's folders are
 * walked in parallel; the walk also remembers every other file it saw, so
 * that later stages can tell that a file beside a post is absent without
 * asking the file system again. */
#ifndef FEEDCARD_SCAN_H
#define FEEDCARD_SCAN_H

#include <stdbool.h>
#include <stddef.h>

struct scan_result {
	char **paths; /* "dir/sub/file.md", each with dir as given */
	void **items; /* what the visit returned for each path, or NULLs */
	size_t count;
	size_t errors; /* errors the walk reported (a folder or link it could not
			* read; not counting the visits'), 0 when demoted */
	void *seen;   /* the folders walked and the other files in them */
	bool jekyll;  /* the walk took the Jekyll layout */
};

/* Called for each post on the thread that found it, while the folder it is
 * in is open as dirfd (read it as name there: one name to look up rather
 * than the whole path); what it returns is kept beside the path. Reading a
 * post as soon as it is found overlaps the walk's system calls with the
 * parsing. The visit's messages are its own to capture and report. */
typedef void *(*scan_visit_fn)(void *ctx, int dirfd, const char *name, const char *path);

enum scan_layout {
	SCAN_AUTO,   /* jekyll when dir holds a _posts folder, else plain */
	SCAN_JEKYLL, /* only _posts (and _drafts) folders hold posts */
	SCAN_PLAIN,  /* every post file under dir */
};

struct scan_opts {
	int threads;  /* walk on up to this many threads */
	bool demote;  /* report errors as warnings */
	bool drafts;  /* walk _drafts folders too */
	enum scan_layout layout;
};

/* Collect the posts under dir, visiting each with visit (may be NULL).
 * Messages are reported in a fixed order. Returns 0, or -1 after a diag (the
 * folder is missing or unreadable). An unreadable subfolder is reported and
 * skipped. */
int scan_posts(const char *dir, const struct scan_opts *opts, scan_visit_fn visit, void *ctx,
	       struct scan_result *out);

enum scan_presence { SCAN_ABSENT, SCAN_MAYBE, SCAN_UNKNOWN };
/* Whether path (written as the walk wrote it: a walked folder, '/', a name)
 * names a file the walk saw: SCAN_ABSENT when its folder was walked and it
 * was not in it, SCAN_MAYBE when it was (a file or a link: stat it to be
 * sure), SCAN_UNKNOWN when its folder was not walked. */
enum scan_presence scan_presence(const struct scan_result *r, const char *path);

/* Free the result (not its items: they are the visit's, for the caller to
 * free). */
void scan_release(struct scan_result *r);

#endif
