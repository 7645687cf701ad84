/* scan: walk the content folder and collect its posts (*.md files other
 * than README.md), sorted bytewise so that every later stage is deterministic.
 * Hidden entries (".name") are skipped; symbolic links to folders are not
 * followed, so a link loop cannot hang the walk. */
#ifndef FEEDCARD_SCAN_H
#define FEEDCARD_SCAN_H

#include <stddef.h>

struct scan_result {
	char **paths; /* "dir/sub/file.md", each with dir as given */
	size_t count;
};

/* Collect the posts under dir. Returns 0, or -1 after a diag (the folder is
 * missing or unreadable). An unreadable subfolder is reported and skipped. */
int scan_posts(const char *dir, struct scan_result *out);
/* Free the result. */
void scan_release(struct scan_result *r);

#endif
