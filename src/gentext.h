/* gentext: generator syntax in a post's body, turned into what a reader
 * needs before the Markdown is converted to HTML.
 *
 * Posts written for Hugo, Jekyll, Eleventy or an MDX site hold template
 * syntax that their generator runs: Hugo shortcodes ({{< youtube ID >}},
 * {{% note %}}...{{% /note %}}), Liquid tags and outputs ({% raw %},
 * {% highlight %}, {{ site.baseurl }}), kramdown attribute lists ({: .x}),
 * MDX import/export lines and JSX components. feedcard does not run the
 * site's templates: the common ones become the Markdown or HTML they stand
 * for (a link to the video, a figure, a fenced code block, a site URL), the
 * rest are removed with one warning per kind per build, and code (code
 * blocks and spans, as md4c sees them) is left as written but for the
 * escapes (Hugo's commented-out shortcode, {% raw %}) the generators remove there too.
 * The README's "Generator syntax in bodies" gives the rules.
 *
 * The summary separator (<!--more--> by default) is marked here too: its
 * first occurrence outside code gets HTML_SUMMARY_MARK before it, which
 * html_process takes as the end of the summary. */
#ifndef FEEDCARD_GENTEXT_H
#define FEEDCARD_GENTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "strbuf.h"

struct gentext_opts {
	const char *file;      /* the post, for messages */
	int line;              /* line of the body's first byte in the file */
	const char *site_url;  /* absolute, no trailing '/' */
	const char *permalink; /* the site's pattern, for links to dated posts */
	const struct date_zone *zone;
	const char *separator; /* the summary separator; NULL or "" = none */
	bool mdx;              /* the post is an .mdx file */
};

/* Rewrite body (len bytes) for Markdown. Returns false, leaving out alone,
 * when the body holds nothing to rewrite (a quick scan: most bodies); else
 * appends the rewritten body to out and returns true. Removals are tallied
 * for gentext_report. Thread-safe. */
bool gentext_apply(const char *body, size_t len, const struct gentext_opts *o,
		   struct strbuf *out);

/* The site's posts, for {{< ref >}}, {% link %} and {% post_url %} to
 * link a post by its real URL (else its name goes through the permalink
 * pattern): n posts, whose source file and absolute URL get(ctx, i, ...)
 * gives. ctx and the strings are borrowed until gentext_site_end; they are
 * read (and indexed, at the first link to look up) by gentext_apply on any
 * thread. */
void gentext_site_begin(size_t n, void (*get)(void *ctx, size_t i, const char **file, const char **url),
			void *ctx);
/* Forget the posts of gentext_site_begin. */
void gentext_site_end(void);

/* Report what gentext_apply removed since the last report: one warning per
 * kind, at its first place (in file order), with the number of posts; then
 * forget it. Called once per build, after the bodies are converted to HTML. */
void gentext_report(void);

#endif
