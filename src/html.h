/* html: post-process a post's HTML with libxml2's HTML parser: make every
 * URL absolute against the post's own URL, optionally sanitise it for feed
 * readers, and derive a plain-text summary and word count. */
#ifndef FEEDCARD_HTML_H
#define FEEDCARD_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* The text of a comment that ends the summary: <!--feedcard-summary-->
 * (gentext puts one before the post's summary separator). */
#define HTML_SUMMARY_MARK "feedcard-summary"

struct html_result {
	char *html;     /* caller frees; "" for an empty body */
	char *summary;  /* the first summary_words words of the text, "…" when cut; caller frees */
	unsigned words; /* words in the whole text */
	bool split;     /* the summary is the text before a summary mark */
};

/* Process html (len bytes of UTF-8) whose relative URLs are relative to base
 * (an absolute URL). With sanitize, script and style go, event handlers and
 * javascript: URLs go, iframe/embed/object become a paragraph with a link to
 * their source, and unknown elements are replaced by their content. The
 * <!--feedcard-summary--> comments (HTML_SUMMARY_MARK) are removed (also
 * from attribute values, where a separator in alt text puts one); the first
 * comment ends the summary: it is then the whole text before it (600 characters at
 * most), not the first summary_words words. */
void html_process(const char *html, size_t len, const char *base, bool sanitize,
		  unsigned long summary_words, struct html_result *out);

/* True when s may hold HTML tags or entities ('<' or '&'): a cheap test
 * before html_to_text. */
bool html_has_markup(const char *s);

/* The plain text of s read as an HTML fragment: entities decoded
 * ("&#8217;" -> U+2019, "&amp;" -> "&"), tags removed ("<i>x</i>" -> "x")
 * with the content of script and style, runs of white space made one
 * space, none at either end. When s holds an element HTML does not have
 * ("Vec<T>"), its '<' are text and only the entities are decoded. Caller
 * frees. */
char *html_to_text(const char *s);

/* Initialise libxml2 (xmlInitParser) on the main thread, before any other
 * thread uses it: libxml2 asks this of threaded programs, whose first calls
 * otherwise race to set up its tables (the feed writers' workers crashed in
 * xmlFindCharEncodingHandler, now and then, under ASan). Call once, early. */
void html_init(void);

#endif
