/* feed_xml: xmlTextWriter glue; see feed_xml.h. */
#include "feed_xml.h"

#include "diag.h"
#include "xalloc.h"

/* libxml2 fails only on out-of-memory here: treat it like xmalloc does. */
static void feed_xml_check(int rc)
{
	if (rc < 0) {
		diag_fatal("the XML writer failed (out of memory)");
	}
}

/* libxml2's output callback: on to the feed's output (a strbuf that
 * doubles as it grows, or a stream). A failed stream is reported there;
 * libxml2 carries on into nothing. */
static int feed_xml_write(void *ctx, const char *buf, int len)
{
	feed_out_add(ctx, buf, (size_t)len);
	return len;
}

void feed_xml_begin(struct feed_xml *x, struct feed_out *out)
{
	x->out = out;
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(feed_xml_write, NULL, out, NULL);
	x->w = ob ? xmlNewTextWriter(ob) : NULL;
	if (!x->w)
		feed_xml_check(-1);
	feed_xml_check(xmlTextWriterSetIndent(x->w, 1));
	feed_xml_check(xmlTextWriterSetIndentString(x->w, (const xmlChar *)"  "));
	feed_xml_check(xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
}

void feed_xml_end(struct feed_xml *x)
{
	feed_xml_check(xmlTextWriterEndDocument(x->w));
	xmlFreeTextWriter(x->w); /* flushes and closes the output buffer */
	x->w = NULL;
	x->out = NULL;
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

void feed_xml_raw(struct feed_xml *x, const char *escaped)
{
	feed_xml_check(xmlTextWriterWriteRaw(x->w, (const xmlChar *)escaped));
}
