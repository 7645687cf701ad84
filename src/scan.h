/* scan: walk the content folder and collect its posts (*.md files other
 * than README.md), sorted bytewise so that every later stage is deterministic.
 * Hidden entries (".name") are skipped; symbolic links to folders are not
 * followed, so a link loop cannot hang the walk. The top level's folders are
 * walked in parallel; the walk also remembers every other file it saw, so
 * that later stages can tell that a file beside a post is absent without
 * asking the file system again. */
#ifndef FEEDCARD_SCAN_H
#define FEEDCARD_SCAN_H

#include <stdbool.h>
#include <stddef.h>

struct scan_result {
	char **paths; /* "dir/sub/file.md", each with dir as given */
	size_t count;
	void *seen;   /* the folders walked and the other files in them */
};

/* Collect the posts under dir on up to threads threads. Messages are
 * reported in a fixed order (errors as warnings with demote). Returns 0, or
 * -1 after a diag (the folder is missing or unreadable). An unreadable
 * subfolder is reported and skipped. */
int scan_posts(const char *dir, int threads, bool demote, struct scan_result *out);

enum scan_presence { SCAN_ABSENT, SCAN_MAYBE, SCAN_UNKNOWN };
/* Whether path (written as the walk wrote it: a walked folder, '/', a name)
 * names a file the walk saw: SCAN_ABSENT when its folder was walked and it
 * was not in it, SCAN_MAYBE when it was (a file or a link: stat it to be
 * sure), SCAN_UNKNOWN when its folder was not walked. */
enum scan_presence scan_presence(const struct scan_result *r, const char *path);

/* Free the result. */
void scan_release(struct scan_result *r);

#endif
