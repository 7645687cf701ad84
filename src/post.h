/* post: one Markdown post: load and validate its front matter, derive its
 * slug, output path and link, and hold its body as HTML. */
#ifndef FEEDCARD_POST_H
#define FEEDCARD_POST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"

/* Limits (documented in the README). */
#define POST_MAX_FILE_BYTES ((size_t)16 << 20)
#define POST_MAX_FRONTMATTER_BYTES ((size_t)4 << 20)
#define POST_MAX_TITLE_BYTES 2048

struct post {
	char *file;     /* the file as scanned, for messages */
	char *title;
	char *description; /* "" when none */
	char **categories; /* NULL-terminated */
	char **tags;       /* NULL-terminated */
	char **category_slugs; /* url_slugify of each category ("" for none), same length */
	char **tag_slugs;      /* the same for tags */
	char **authors;    /* NULL-terminated; empty = the site's author */
	char **author_urls; /* NULL when no author has a URL; else the same length
			     * as authors: each one's absolute URL, "" when none */
	char *slug;
	char *path;         /* site-relative folder of the post's page, "/blog/.../" */
	char *external_url; /* NULL when none */
	char *og_image;     /* the image as a file name beside the post: the card's
			     * name, or a picture copied as it is; NULL when none */
	char *own_image;    /* the image as an absolute URL (given so, or as a path
			     * on the site): a picture the site has, shown by the
			     * feeds instead of the card; NULL when none */
	char *lang;         /* lang / language, BCP 47; NULL when none */
	char *card_template; /* cardTemplate; NULL when none */
	time_t date;
	time_t updated; /* == date when not given */
	time_t expires; /* expiryDate: out of the feeds from then on; 0 = never */
	time_t file_date; /* the date when the front matter gives none: a
			   * _drafts file's modification time; 0 = none */
	int date_offset; /* the site zone's offset at date, for {year}/{month}/{day} */
	bool draft;
	bool in_feed;    /* set by feed_mark: the post is shown in at least one feed */
	bool needs_body; /* set by card_stage_mark: its card shows the summary or reading time */

	char *url;  /* the post's own page: site url + path */
	char *link; /* external_url, else url */

	char *body; /* Markdown body (NUL-terminated); freed (NULL) by post_to_html;
		     * NULL from post_load: read again from the file when converted */
	size_t body_len;
	int body_line;
	size_t body_off;               /* where the body starts in the cleaned file */
	bool body_on_disk;             /* post_load: the body is read again to convert */
	unsigned long long text_hash;  /* of the cleaned file, to see it unchanged then */

	char *html;    /* the body as absolute-URL, maybe sanitised HTML; "" when no body;
			* NULL until post_to_html */
	_Atomic(char *) html_xml; /* html escaped as XML text, shared by the RSS and
				   * Atom files showing the post while feed_build
				   * runs (see feed_xml_item_html); NULL otherwise */
	char *summary; /* description, else the first words of the body's text */
	unsigned words; /* words in the body */

	/* The post's social image as written to the output, for enclosures;
	 * image_url is NULL when the post has none. */
	char *image_url;
	const char *image_type; /* static MIME type */
	size_t image_length;
};

/* Load and validate the post at file. Every problem is reported through diag
 * (file:line:col). Returns a post the caller frees with post_free, or NULL. */
struct post *post_load(const char *file, const struct config *cfg);

/* The same for the file name in the folder open as dirfd (see scan_visit_fn),
 * known as file. An .html file that does not start with front matter is not
 * a post (the generators copy it as it is): NULL, no message, and *not_post
 * set (when not NULL). */
struct post *post_load_at(int dirfd, const char *name, const char *file, const struct config *cfg,
			  bool *not_post);

/* Fill category_slugs and tag_slugs from categories and tags (post_parse
 * does; for posts made by other means). */
void post_fill_slugs(struct post *p);

/* The same from memory: text holds the file's len bytes followed by a NUL
 * (len + 1 bytes); it is cleaned in place (see post_clean_text) and stays
 * the caller's. file names the post in messages and gives its default slug.
 * Returns a post the caller frees with post_free, or NULL after a diag. */
struct post *post_parse(const char *file, char *text, size_t len, const struct config *cfg);

/* Convert the body to HTML (generator syntax, Markdown, absolute URLs,
 * sanitising) and derive the summary and word count. Returns 0, or -1
 * after a diag. */
int post_to_html(struct post *p, const struct config *cfg);

/* Free a post; NULL does nothing. */
void post_free(struct post *p);

/* qsort comparator for struct post *: newest first, ties by link, then file. */
int post_cmp_newest(const void *a, const void *b);

/* Check text for invalid UTF-8 (error naming the byte offset and line:col)
 * and remove the control characters XML 1.0 forbids (one warning naming the
 * first one's line:col). Returns the new length, or -1 after an error. */
long post_clean_text(const char *file, char *text, size_t len);

#endif
