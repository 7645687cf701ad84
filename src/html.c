/* html: URL resolution, sanitising and summaries with libxml2; see html.h. */
#define _GNU_SOURCE /* memmem */
#include "html.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "strbuf.h"
#include "url.h"
#include "xalloc.h"

static bool html_in(const char *name, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(name, *set) == 0)
			return true;
	return false;
}

/* Elements whose content goes with them. */
static const char *const html_drop[] = { "script", "style", "template", "head", "title", "meta",
					  "link", "base", "param", "frameset", "noembed", NULL };
/* Embeds that feed readers do not run: replaced by a link to their source. */
static const char *const html_embeds[] = { "iframe", "embed", "object", "frame", NULL };
/* Elements kept in sanitised output. */
static const char *const html_allowed[] = {
	"a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote",
	"br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div",
	"dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
	"header", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "picture",
	"pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span",
	"strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
	"thead", "time", "tr", "track", "u", "ul", "var", "video", "wbr", NULL
};
/* Attributes kept in sanitised output. */
static const char *const html_attrs[] = {
	"href", "src", "srcset", "sizes", "alt", "title", "width", "height", "colspan",
	"rowspan", "align", "start", "reversed", "type", "checked", "disabled", "poster",
	"controls", "loop", "muted", "lang", "dir", "cite", "datetime", "class", "id", "open",
	"scope", "headers", "abbr", "value", "kind", "srclang", "label", "media", NULL
};
/* Attributes holding one URL. */
static const char *const html_url_attrs[] = { "href", "src", "poster", "cite", "data", NULL };
/* Inline elements: no word break at their edges. */
static const char *const html_inline[] = { "a", "abbr", "b", "bdi", "bdo", "cite", "code",
					    "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
					    "s", "samp", "small", "span", "strike", "strong",
					    "sub", "sup", "time", "u", "var", NULL };

struct html_walk {
	const char *base;
	bool sanitize;
	struct strbuf text;
	size_t split; /* text's length at the summary mark; SIZE_MAX: none */
	bool marks;   /* the HTML names the mark: look for it in attributes too */
};

/* A summary mark that landed in an attribute (a separator in an image's
 * alt text, or percent-encoded in a link's URL) is taken out: it is no
 * comment there, and readers would see it. */
static void html_unmark_attr(xmlNodePtr el, xmlAttrPtr a)
{
	static const char *const marks[] = { "<!--" HTML_SUMMARY_MARK "-->",
					     "%3C!--" HTML_SUMMARY_MARK "--%3E", NULL };
	xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
	bool changed = false;
	for (size_t i = 0; v && marks[i]; i++) {
		size_t n = strlen(marks[i]);
		for (char *m = strstr((char *)v, marks[i]); m; m = strstr(m, marks[i])) {
			memmove(m, m + n, strlen(m + n) + 1);
			changed = true;
		}
	}
	if (changed)
		xmlSetProp(el, a->name, v);
	xmlFree(v);
}

/* True when a URL value would run script: javascript:, vbscript:, or data:
 * (except data:image/ in an img src). Leading blanks and controls are ignored
 * as browsers do. */
static bool html_unsafe_url(const char *v, bool image)
{
	while (*v && (unsigned char)*v <= ' ')
		v++;
	char scheme[16];
	size_t n = 0;
	for (const char *p = v; *p && *p != ':' && n < sizeof scheme - 1; p++)
		if ((unsigned char)*p > ' ')
			scheme[n++] = (char)tolower((unsigned char)*p);
	scheme[n] = '\0';
	if (!strchr(v, ':'))
		return false;
	if (strcmp(scheme, "javascript") == 0 || strcmp(scheme, "vbscript") == 0)
		return true;
	if (strcmp(scheme, "data") == 0)
		return !(image && strncasecmp(strchr(v, ':') + 1, "image/", 6) == 0);
	return false;
}

/* "url 2x, url2 640w" -> each URL resolved. */
static char *html_resolve_srcset(const char *v, const char *base)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ',')
			p++;
		if (!*p)
			break;
		const char *u = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		/* A URL may itself end in ',' when no descriptor follows. */
		size_t ulen = (size_t)(p - u);
		while (ulen > 0 && u[ulen - 1] == ',')
			ulen--;
		char *ref = xstrndup(u, ulen);
		char *abs = url_resolve(ref, base);
		if (sb.len)
			strbuf_puts(&sb, ", ");
		strbuf_puts(&sb, abs ? abs : ref);
		free(abs);
		free(ref);
		const char *d = p;
		while (*p && *p != ',')
			p++;
		char *desc = g_strstrip(xstrndup(d, (size_t)(p - d)));
		if (desc[0]) {
			strbuf_putc(&sb, ' ');
			strbuf_puts(&sb, desc);
		}
		free(desc);
	}
	return strbuf_detach(&sb, NULL);
}

static void html_fix_attrs(struct html_walk *w, xmlNodePtr el)
{
	bool image = strcmp((const char *)el->name, "img") == 0 ||
		     strcmp((const char *)el->name, "source") == 0;
	for (xmlAttrPtr a = el->properties, next; a; a = next) {
		next = a->next;
		const char *name = (const char *)a->name;
		if (w->sanitize && !html_in(name, html_attrs)) {
			xmlRemoveProp(a);
			continue;
		}
		if (w->marks)
			html_unmark_attr(el, a);
		bool is_url = html_in(name, html_url_attrs);
		bool is_srcset = strcmp(name, "srcset") == 0;
		if (!is_url && !is_srcset)
			continue;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		if (!v)
			continue;
		if (w->sanitize && html_unsafe_url((const char *)v, image)) {
			xmlFree(v);
			xmlRemoveProp(a);
			continue;
		}
		char *abs = is_srcset ? html_resolve_srcset((const char *)v, w->base)
				      : url_resolve((const char *)v, w->base);
		if (abs)
			xmlSetProp(el, a->name, (const xmlChar *)abs);
		free(abs);
		xmlFree(v);
	}
}

/* The page an embed shows: YouTube's player URL becomes the video's page. */
static char *html_embed_target(const char *src)
{
	static const char *const players[] = { "https://www.youtube.com/embed/",
					       "https://www.youtube-nocookie.com/embed/",
					       "https://youtube.com/embed/", NULL };
	for (size_t i = 0; players[i]; i++) {
		size_t n = strlen(players[i]);
		if (strncmp(src, players[i], n) == 0 && src[n]) {
			size_t id = strcspn(src + n, "?#/&");
			return xasprintf("https://www.youtube.com/watch?v=%.*s", (int)id, src + n);
		}
	}
	return xstrdup(src);
}

static xmlNodePtr html_replace_embed(struct html_walk *w, xmlNodePtr el)
{
	xmlChar *src = xmlGetProp(el, (const xmlChar *)(strcmp((const char *)el->name, "object") == 0 ? "data" : "src"));
	xmlChar *title = xmlGetProp(el, (const xmlChar *)"title");
	xmlNodePtr next = el->next;
	if (src && src[0] && !html_unsafe_url((const char *)src, false)) {
		char *abs = url_resolve((const char *)src, w->base);
		if (abs && url_is_absolute_http(abs)) {
			char *target = html_embed_target(abs);
			/* A block of its own, unless the embed sat inside a paragraph or
			 * inline element, where a <p> may not go. */
			const char *parent = el->parent ? (const char *)el->parent->name : "body";
			bool inline_ctx = strcmp(parent, "p") == 0 || html_in(parent, html_inline);
			xmlNodePtr a = xmlNewDocNode(el->doc, NULL, (const xmlChar *)"a", NULL);
			xmlSetProp(a, (const xmlChar *)"href", (const xmlChar *)target);
			xmlNodeAddContent(a, (const xmlChar *)(title && title[0] ? (const char *)title : target));
			if (inline_ctx) {
				xmlAddPrevSibling(el, a);
			} else {
				xmlNodePtr p = xmlNewDocNode(el->doc, NULL, (const xmlChar *)"p", NULL);
				xmlAddChild(p, a);
				xmlAddPrevSibling(el, p);
			}
			strbuf_putc(&w->text, ' ');
			free(target);
		}
		free(abs);
	}
	xmlFree(src);
	xmlFree(title);
	xmlUnlinkNode(el);
	xmlFreeNode(el);
	return next;
}

static void html_walk(struct html_walk *w, xmlNodePtr parent, bool in_dropped_text);

static void html_walk(struct html_walk *w, xmlNodePtr parent, bool skip_text)
{
	xmlNodePtr n = parent->children;
	while (n) {
		xmlNodePtr next = n->next;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!skip_text && n->content)
				strbuf_puts(&w->text, (const char *)n->content);
		} else if (n->type == XML_COMMENT_NODE && n->content &&
			   strcmp((const char *)n->content, HTML_SUMMARY_MARK) == 0) {
			if (w->split == SIZE_MAX)
				w->split = w->text.len;
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			if (w->sanitize) {
				xmlUnlinkNode(n);
				xmlFreeNode(n);
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			if (w->sanitize && html_in(name, html_drop)) {
				xmlUnlinkNode(n);
				xmlFreeNode(n);
			} else if (w->sanitize && html_in(name, html_embeds)) {
				next = html_replace_embed(w, n);
			} else if (w->sanitize && !html_in(name, html_allowed)) {
				/* Unknown: keep the content, lose the tags; walk the moved
				 * children next. */
				xmlNodePtr first = n->children;
				while (n->children) {
					xmlNodePtr c = n->children;
					xmlUnlinkNode(c);
					xmlAddPrevSibling(n, c);
				}
				xmlUnlinkNode(n);
				xmlFreeNode(n);
				if (first)
					next = first;
			} else {
				html_fix_attrs(w, n);
				bool block = !html_in(name, html_inline);
				if (block)
					strbuf_putc(&w->text, ' ');
				html_walk(w, n, skip_text || strcmp(name, "script") == 0 ||
							strcmp(name, "style") == 0);
				if (block)
					strbuf_putc(&w->text, ' ');
			}
		}
		n = next;
	}
}

/* White space: ASCII by a table, the rest by glib. */
static bool html_space(const char *p)
{
	unsigned char c = (unsigned char)*p;
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
	return g_unichar_isspace(g_utf8_get_char(p));
}

/* Collapse white space, count words, and keep the first max_words of them. */
static void html_summary(const char *text, unsigned long max_words, char **summary,
			 unsigned *words)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned count = 0;
	bool cut = false;
	const size_t max_chars = 600;
	size_t chars = 0;
	for (const char *p = text; *p;) {
		while (*p && html_space(p))
			p = g_utf8_next_char(p);
		if (!*p)
			break;
		const char *start = p;
		while (*p && !html_space(p))
			p = g_utf8_next_char(p);
		count++;
		if (cut)
			continue;
		size_t wchars = (size_t)g_utf8_strlen(start, (gssize)(p - start));
		if ((max_words && count > max_words) || chars + wchars > max_chars) {
			cut = true;
			if (sb.len == 0) {
				/* One huge word (CJK text has no spaces): cut it by characters. */
				const char *end = g_utf8_offset_to_pointer(start, (glong)max_chars);
				strbuf_add(&sb, start, (size_t)(end - start));
			}
			continue;
		}
		if (sb.len)
			strbuf_putc(&sb, ' ');
		strbuf_add(&sb, start, (size_t)(p - start));
		chars += wchars + 1;
	}
	if (cut)
		strbuf_puts(&sb, "…");
	*summary = strbuf_detach(&sb, NULL);
	*words = count;
}

void html_process(const char *html, size_t len, const char *base, bool sanitize,
		  unsigned long summary_words, struct html_result *out)
{
	memset(out, 0, sizeof *out);
	size_t i = 0;
	while (i < len && isspace((unsigned char)html[i]))
		i++;
	if (i == len) {
		out->html = xstrdup("");
		out->summary = xstrdup("");
		return;
	}
	struct strbuf doc_text = STRBUF_INIT;
	strbuf_puts(&doc_text, "<!DOCTYPE html><html><head></head><body>");
	strbuf_add(&doc_text, html, len);
	strbuf_puts(&doc_text, "</body></html>");
	htmlDocPtr doc = htmlReadMemory(doc_text.data, (int)doc_text.len, base, "UTF-8",
					HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	strbuf_release(&doc_text);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr body = NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "body") == 0)
			body = c;
	if (!body) {
		xmlFreeDoc(doc);
		out->html = xstrdup("");
		out->summary = xstrdup("");
		return;
	}
	struct html_walk w = { base, sanitize, STRBUF_INIT, SIZE_MAX,
			       memmem(html, len, HTML_SUMMARY_MARK, sizeof HTML_SUMMARY_MARK - 1) != NULL };
	html_walk(&w, body, false);

	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	for (xmlNodePtr c = body->children; c; c = c->next)
		htmlNodeDumpFormatOutput(ob, doc, c, "UTF-8", 0);
	xmlOutputBufferFlush(ob);
	const char *content = (const char *)xmlOutputBufferGetContent(ob);
	size_t clen = xmlOutputBufferGetSize(ob);
	/* Trim the blank lines md4c leaves at the end. */
	while (clen > 0 && isspace((unsigned char)content[clen - 1]))
		clen--;
	out->html = xstrndup(content ? content : "", content ? clen : 0);
	xmlOutputBufferClose(ob);
	xmlFreeDoc(doc);

	html_summary(strbuf_str(&w.text), summary_words, &out->summary, &out->words);
	if (w.split != SIZE_MAX) {
		/* The text before the mark, whole: its author chose where it ends. */
		unsigned before;
		char *summary = NULL;
		if (w.text.data)
			w.text.data[w.split] = '\0';
		html_summary(strbuf_str(&w.text), 0, &summary, &before);
		if (before) {
			free(out->summary);
			out->summary = summary;
			out->split = true;
		} else {
			free(summary); /* nothing before it: the usual summary */
		}
	}
	strbuf_release(&w.text);
}

bool html_has_markup(const char *s)
{
	return strpbrk(s, "<&") != NULL;
}

/* Append the text under n to sb: element tags go, their text stays (but
 * for the elements whose content is not text, such as script). Sets
 * *unknown when an element is not one HTML has ("<T>" in "Vec<T>"). */
static void html_text_of(xmlNodePtr n, struct strbuf *sb, bool *unknown)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			strbuf_puts(sb, (const char *)c->content);
		else if (c->type != XML_ELEMENT_NODE)
			continue;
		else if (!htmlTagLookup(c->name))
			*unknown = true;
		else if (!html_in((const char *)c->name, html_drop))
			html_text_of(c, sb, unknown);
	}
}

/* The text of the fragment s, read by libxml2's HTML parser, into text.
 * Returns false when s holds an element HTML does not have. */
static bool html_fragment_text(const char *s, struct strbuf *text)
{
	struct strbuf doc_text = STRBUF_INIT;
	strbuf_puts(&doc_text, "<!DOCTYPE html><html><head></head><body>");
	strbuf_puts(&doc_text, s);
	strbuf_puts(&doc_text, "</body></html>");
	htmlDocPtr doc = htmlReadMemory(doc_text.data, (int)doc_text.len, NULL, "UTF-8",
					HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	strbuf_release(&doc_text);
	bool unknown = false;
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "body") == 0)
			html_text_of(c, text, &unknown);
	xmlFreeDoc(doc);
	return !unknown;
}

char *html_to_text(const char *s)
{
	struct strbuf text = STRBUF_INIT;
	if (!html_fragment_text(s, &text)) {
		/* "Vec<T>", "<one>": not markup but text. Every '<' is made an
		 * entity, so that only the entities are decoded. */
		struct strbuf lt = STRBUF_INIT;
		for (const char *p = s; *p; p++)
			if (*p == '<')
				strbuf_puts(&lt, "&lt;");
			else
				strbuf_putc(&lt, *p);
		strbuf_reset(&text);
		html_fragment_text(strbuf_str(&lt), &text);
		strbuf_release(&lt);
	}
	/* Runs of white space (line breaks a tag stood between) are one space. */
	struct strbuf out = STRBUF_INIT;
	bool space = false;
	for (const char *p = strbuf_str(&text); *p; p++) {
		if (isspace((unsigned char)*p)) {
			space = true;
			continue;
		}
		if (space && out.len)
			strbuf_putc(&out, ' ');
		space = false;
		strbuf_putc(&out, *p);
	}
	strbuf_release(&text);
	return strbuf_detach(&out, NULL);
}

void html_init(void)
{
	xmlInitParser();
}
