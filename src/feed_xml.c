/* feed_xml: xmlTextWriter glue; see feed_xml.h. */
#include "feed_xml.h"

#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"

/* libxml2 fails only on out-of-memory here: treat it like xmalloc does. */
static void feed_xml_check(int rc)
{
	if (rc < 0) {
		fprintf(stderr, "feedcard: fatal: the XML writer failed (out of memory)\n");
		exit(70);
	}
}

void feed_xml_begin(struct feed_xml *x)
{
	x->buf = xmlBufferCreate();
	x->w = xmlNewTextWriterMemory(x->buf, 0);
	if (!x->buf || !x->w)
		feed_xml_check(-1);
	feed_xml_check(xmlTextWriterSetIndent(x->w, 1));
	feed_xml_check(xmlTextWriterSetIndentString(x->w, (const xmlChar *)"  "));
	feed_xml_check(xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
}

void feed_xml_end(struct feed_xml *x, struct strbuf *out)
{
	feed_xml_check(xmlTextWriterEndDocument(x->w));
	xmlFreeTextWriter(x->w);
	strbuf_add(out, (const char *)xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf));
	xmlBufferFree(x->buf);
	x->w = NULL;
	x->buf = NULL;
}

void feed_xml_element(struct feed_xml *x, const char *name, const char *text)
{
	feed_xml_check(xmlTextWriterWriteElement(x->w, (const xmlChar *)name, (const xmlChar *)text));
}

void feed_xml_open(struct feed_xml *x, const char *name)
{
	feed_xml_check(xmlTextWriterStartElement(x->w, (const xmlChar *)name));
}

void feed_xml_close(struct feed_xml *x)
{
	feed_xml_check(xmlTextWriterEndElement(x->w));
}

void feed_xml_attr(struct feed_xml *x, const char *name, const char *value)
{
	feed_xml_check(xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name, (const xmlChar *)value));
}
