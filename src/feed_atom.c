/* feed_atom: Atom 1.0 (RFC 4287). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "feed_xml.h"

static void feed_atom_link(struct feed_xml *x, const char *rel, const char *type, const char *href)
{
	feed_xml_open(x, "link");
	feed_xml_attr(x, "rel", rel);
	if (type)
		feed_xml_attr(x, "type", type);
	feed_xml_attr(x, "href", href);
	feed_xml_close(x);
}

static void feed_atom_author(struct feed_xml *x, const char *name, const char *uri)
{
	feed_xml_open(x, "author");
	feed_xml_element(x, "name", name);
	if (uri && uri[0])
		feed_xml_element(x, "uri", uri);
	feed_xml_close(x);
}

void feed_write_atom(const struct feed *f, const char *self_url, struct feed_out *out)
{
	const struct config *cfg = f->cfg;
	struct feed_xml x;
	char date[64];
	feed_xml_begin(&x, out);
	feed_xml_open(&x, "feed");
	feed_xml_attr(&x, "xmlns", "http://www.w3.org/2005/Atom");
	if (cfg->site_language[0])
		feed_xml_attr(&x, "xml:lang", cfg->site_language);
	feed_xml_element(&x, "title", f->title);
	if (cfg->site_description[0])
		feed_xml_element(&x, "subtitle", cfg->site_description);
	feed_atom_link(&x, "self", "application/atom+xml", self_url);
	feed_atom_link(&x, "alternate", "text/html", f->home_url);
	feed_xml_element(&x, "id", self_url);
	time_t updated = feed_updated(f);
	date_format_rfc3339(updated, date, sizeof date);
	feed_xml_element(&x, "updated", date);
	feed_atom_author(&x, cfg->site_author, NULL);
	feed_xml_open(&x, "generator");
	feed_xml_attr(&x, "version", FEEDCARD_VERSION);
	feed_xml_text(&x, "feedcard");
	feed_xml_close(&x);

	for (size_t i = 0; i < f->count; i++) {
		const struct post *p = f->items[i];
		feed_xml_open(&x, "entry");
		feed_xml_element(&x, "title", p->title);
		feed_atom_link(&x, "alternate", "text/html", p->link);
		feed_xml_element(&x, "id", f->ids[i]);
		date_format_rfc3339(p->date, date, sizeof date);
		feed_xml_element(&x, "published", date);
		date_format_rfc3339(feed_item_updated(p), date, sizeof date);
		feed_xml_element(&x, "updated", date);
		for (size_t k = 0; p->authors[k]; k++)
			feed_atom_author(&x, p->authors[k], p->author_urls ? p->author_urls[k] : NULL);
		for (size_t k = 0; p->categories[k]; k++) {
			feed_xml_open(&x, "category");
			feed_xml_attr(&x, "term", p->categories[k]);
			feed_xml_close(&x);
		}
		for (size_t k = 0; p->tags[k]; k++) {
			feed_xml_open(&x, "category");
			feed_xml_attr(&x, "term", p->tags[k]);
			feed_xml_close(&x);
		}
		char *text_owned;
		const char *text = feed_item_summary(cfg, p, &text_owned);
		if (text && strchr(text, '<')) {
			/* Plain text that looks like markup ("</span>" left as
			 * text by an old blog's HTML) is what readers and the W3C
			 * validator take for undeclared HTML: it goes as HTML that
			 * shows the same characters, escaped once as HTML and once
			 * as XML, both by libxml2. */
			char *html = feed_xml_escape(text);
			char *xml = feed_xml_escape(html);
			feed_xml_open(&x, "summary");
			feed_xml_attr(&x, "type", "html");
			feed_xml_raw(&x, xml);
			feed_xml_close(&x);
			free(xml);
			free(html);
		} else if (text) {
			feed_xml_element(&x, "summary", text);
		}
		free(text_owned);
		if (feed_item_has_content(cfg, p)) {
			feed_xml_open(&x, "content");
			feed_xml_attr(&x, "type", "html");
			char *owned;
			feed_xml_raw(&x, feed_xml_item_html(f, f->items[i], &owned));
			free(owned);
			feed_xml_close(&x);
		}
		if (p->image_url) {
			char len[32];
			snprintf(len, sizeof len, "%zu", p->image_length);
			feed_xml_open(&x, "link");
			feed_xml_attr(&x, "rel", "enclosure");
			if (p->image_type)
				feed_xml_attr(&x, "type", p->image_type);
			if (p->image_length)
				feed_xml_attr(&x, "length", len);
			feed_xml_attr(&x, "href", p->image_url);
			feed_xml_close(&x);
		}
		feed_xml_close(&x);
	}
	feed_xml_close(&x);
	feed_xml_end(&x);
}
