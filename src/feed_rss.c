/* feed_rss: RSS 2.0 with the atom, content, dc and media extensions.
 * Names go to dc:creator: RSS's own <author> wants an e-mail address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "feed_xml.h"

void feed_write_rss(const struct feed *f, const char *self_url, struct feed_out *out)
{
	const struct config *cfg = f->cfg;
	bool media = false;
	for (size_t i = 0; i < f->count; i++)
		if (f->items[i]->image_url)
			media = true;
	struct feed_xml x;
	char date[64];
	feed_xml_begin(&x, out);
	feed_xml_open(&x, "rss");
	feed_xml_attr(&x, "version", "2.0");
	feed_xml_attr(&x, "xmlns:atom", "http://www.w3.org/2005/Atom");
	feed_xml_attr(&x, "xmlns:content", "http://purl.org/rss/1.0/modules/content/");
	feed_xml_attr(&x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	if (media)
		feed_xml_attr(&x, "xmlns:media", "http://search.yahoo.com/mrss/");
	feed_xml_open(&x, "channel");
	feed_xml_element(&x, "title", f->title);
	feed_xml_element(&x, "link", f->home_url);
	feed_xml_element(&x, "description", cfg->site_description[0] ? cfg->site_description : f->title);
	if (cfg->site_language[0])
		feed_xml_element(&x, "language", cfg->site_language);
	time_t updated = feed_updated(f);
	if (updated) {
		date_format_rfc822(updated, date, sizeof date);
		feed_xml_element(&x, "lastBuildDate", date);
	}
	feed_xml_element(&x, "generator", "feedcard " FEEDCARD_VERSION);
	feed_xml_open(&x, "atom:link");
	feed_xml_attr(&x, "href", self_url);
	feed_xml_attr(&x, "rel", "self");
	feed_xml_attr(&x, "type", "application/rss+xml");
	feed_xml_close(&x);

	for (size_t i = 0; i < f->count; i++) {
		const struct post *p = f->items[i];
		feed_xml_open(&x, "item");
		feed_xml_element(&x, "title", p->title);
		feed_xml_element(&x, "link", p->link);
		feed_xml_open(&x, "guid");
		feed_xml_attr(&x, "isPermaLink", strcmp(f->ids[i], p->link) == 0 ? "true" : "false");
		feed_xml_text(&x, f->ids[i]);
		feed_xml_close(&x);
		date_format_rfc822(p->date, date, sizeof date);
		feed_xml_element(&x, "pubDate", date);
		char *text_owned;
		const char *text = feed_item_summary(cfg, p, &text_owned);
		if (text) {
			/* RSS descriptions are HTML: the plain-text summary is encoded
			 * as HTML text first (then as XML by the writer). */
			char *html = feed_xml_escape(text);
			feed_xml_element(&x, "description", html);
			free(html);
		}
		free(text_owned);
		if (feed_item_has_content(cfg, p)) {
			char *owned;
			const char *html = feed_xml_item_html(f, f->items[i], &owned);
			feed_xml_open(&x, "content:encoded");
			feed_xml_raw(&x, html);
			feed_xml_close(&x);
			free(owned);
		}
		for (size_t k = 0; p->categories[k]; k++)
			feed_xml_element(&x, "category", p->categories[k]);
		for (size_t k = 0; p->tags[k]; k++)
			feed_xml_element(&x, "category", p->tags[k]);
		if (p->authors[0])
			for (size_t k = 0; p->authors[k]; k++)
				feed_xml_element(&x, "dc:creator", p->authors[k]);
		else
			feed_xml_element(&x, "dc:creator", cfg->site_author);
		if (p->image_url) {
			/* A picture the site has may have no known type (no
			 * enclosure then: it needs one) or size (0, as RSS
			 * advises for an unknown length). */
			char len[32];
			snprintf(len, sizeof len, "%zu", p->image_length);
			if (p->image_type) {
				feed_xml_open(&x, "enclosure");
				feed_xml_attr(&x, "url", p->image_url);
				feed_xml_attr(&x, "length", len);
				feed_xml_attr(&x, "type", p->image_type);
				feed_xml_close(&x);
			}
			feed_xml_open(&x, "media:content");
			feed_xml_attr(&x, "url", p->image_url);
			feed_xml_attr(&x, "medium", "image");
			if (p->image_type)
				feed_xml_attr(&x, "type", p->image_type);
			if (p->image_length)
				feed_xml_attr(&x, "fileSize", len);
			feed_xml_close(&x);
		}
		feed_xml_close(&x);
	}
	feed_xml_close(&x);
	feed_xml_close(&x);
	feed_xml_end(&x);
}
