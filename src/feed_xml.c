/* feed_xml: xmlTextWriter glue; see feed_xml.h. */
#include "feed_xml.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

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
	xmlTextWriterPtr w = ob ? xmlNewTextWriter(ob) : NULL;
	if (!w)
		feed_xml_check(-1);
	x->w = w;
	feed_xml_check(xmlTextWriterSetIndent(w, 1));
	feed_xml_check(xmlTextWriterSetIndentString(w, (const xmlChar *)"  "));
	feed_xml_check(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
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

void feed_xml_text(struct feed_xml *x, const char *text)
{
	feed_xml_check(xmlTextWriterWriteString(x->w, (const xmlChar *)text));
}

char *feed_xml_escape(const char *text)
{
	char *e = (char *)xmlEncodeSpecialChars(NULL, (const xmlChar *)text);
	if (!e)
		feed_xml_check(-1);
	return e;
}

const char *feed_xml_item_html(const struct feed *f, struct post *p, char **owned)
{
	*owned = NULL;
	char *kept = atomic_load(&p->html_xml);
	if (kept)
		return kept;
	char *e = feed_xml_escape(p->html);
	size_t n = strlen(e) + 1;
	size_t left = f->xml_budget ? atomic_load(f->xml_budget) : 0;
	while (left >= n && !atomic_compare_exchange_weak(f->xml_budget, &left, left - n))
		;
	if (left < n) {
		*owned = e;
		return e;
	}
	char *none = NULL;
	if (atomic_compare_exchange_strong(&p->html_xml, &none, e))
		return e;
	/* Another file's writer kept its copy first. */
	atomic_fetch_add(f->xml_budget, n);
	free(e);
	return none;
}

/* libxml2 reports itself as "20914": 2.9.14. */
void feed_xml_version(char *buf, size_t size)
{
	long v = strtol(xmlParserVersion, NULL, 10);
	snprintf(buf, size, "%ld.%ld.%ld", v / 10000, v / 100 % 100, v % 100);
}
