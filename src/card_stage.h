/* card_stage: the build's card stage. For every post in the feeds it decides
 * what image the post gets: a hand-made image beside the post (copied
 * unchanged), a card reused from the previous build (its inputs did not
 * change), or a card rendered now, in parallel; every file is staged in the
 * build's batch. It sets each post's image_url, image_type and image_length
 * for the feeds' enclosures. */
#ifndef FEEDCARD_CARD_STAGE_H
#define FEEDCARD_CARD_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "fsout.h"
#include "post.h"
#include "scan.h"

struct card_stage_stats {
	size_t rendered, reused, copied;
};

/* Run the stage for posts (borrowed); scan (may be NULL) is the walk that
 * found them, which tells which hand-made images cannot exist. With batch
 * NULL, only plan: check the templates and image names and report problems,
 * render and write nothing (for feedcard check). The manifest of the previous build is
 * read from, and the new one staged to, <output>/.feedcard-cache. Returns 0,
 * or -1 after diags (a bad template, two posts with one image file, a card
 * that could not be rendered or written). */
int card_stage_run(const struct config *cfg, const struct scan_result *scan, struct post **posts, size_t n,
		   int jobs, bool quiet, struct fsout_batch *batch, struct card_stage_stats *stats);

/* Set needs_body on the posts whose card template shows the description
 * (a post without one shows its summary) or the reading time: those need
 * their body rendered even when no feed shows them. Template problems are
 * left for card_stage_run to report. */
void card_stage_mark(const struct config *cfg, struct post **posts, size_t n);

#endif
