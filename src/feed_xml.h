/* feed_xml: the libxml2 glue of the RSS and Atom writers (feed_rss.c and
 * feed_atom.c): an xmlTextWriter layer, and libxml2's escaping of text.
 * libxml2 does all escaping; no other feed module calls libxml2. It also
 * names libxml2's version for --version.
 *
 * Errors: the writer's output never fails (a failed stream is reported by
 * feed_out, see feed.h), so libxml2 can fail here only when memory runs
 * out, which is fatal as it is for xmalloc. No function returns an error. */
#ifndef FEEDCARD_FEED_XML_H
#define FEEDCARD_FEED_XML_H

#include <stddef.h>

#include "feed.h"

struct feed_xml {
	void *w;              /* the xmlTextWriter; only feed_xml.c looks inside */
	struct feed_out *out; /* the writer appends here directly */
};

/* Start a UTF-8 document with two-space indentation, written as it goes
 * to out (borrowed until feed_xml_end). */
void feed_xml_begin(struct feed_xml *x, struct feed_out *out);
/* End the document. */
void feed_xml_end(struct feed_xml *x);
/* <name>text</name> */
void feed_xml_element(struct feed_xml *x, const char *name, const char *text);
/* <name> (attributes and children follow); end with feed_xml_close. */
void feed_xml_open(struct feed_xml *x, const char *name);
void feed_xml_close(struct feed_xml *x);
/* Text already escaped (by feed_xml_escape), written as is. */
void feed_xml_raw(struct feed_xml *x, const char *escaped);
/* Text, escaped as the writer escapes element text, in the open element. */
void feed_xml_text(struct feed_xml *x, const char *text);
/* name="value" on the open element. */
void feed_xml_attr(struct feed_xml *x, const char *name, const char *value);

/* text with &, <, >, " and CR escaped by libxml2, exactly as the writer
 * escapes element text (it calls the same xmlEncodeSpecialChars): for
 * text to be written raw, or escaped twice (HTML inside XML). Caller frees
 * with free(): libxml2 allocates with malloc, since feedcard never gives
 * it allocators of its own (xmlMemSetup). */
char *feed_xml_escape(const char *text);

/* p->html escaped as by feed_xml_escape, for the writer to write raw. A
 * post shown by several feeds is escaped once: the first writer keeps the
 * result in p->html_xml while f's budget lasts (feed_build frees them all,
 * with free(), when its files are written); past the budget, each call
 * escapes anew and *owned is the copy to free. */
const char *feed_xml_item_html(const struct feed *f, struct post *p, char **owned);

/* libxml2's version as "2.9.14", into buf (size bytes), for --version. */
void feed_xml_version(char *buf, size_t size);

#endif
