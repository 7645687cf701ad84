/* feed_xml: the small xmlTextWriter layer shared by the RSS and Atom writers
 * (private to feed_rss.c and feed_atom.c). libxml2 does all escaping. */
#ifndef FEEDCARD_FEED_XML_H
#define FEEDCARD_FEED_XML_H

#include <libxml/xmlwriter.h>

#include "feed.h"

struct feed_xml {
	xmlTextWriterPtr w;
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
/* Text already escaped (by libxml2: see feed_item_xml_html), written as is. */
void feed_xml_raw(struct feed_xml *x, const char *escaped);
/* name="value" on the open element. */
void feed_xml_attr(struct feed_xml *x, const char *name, const char *value);

#endif
