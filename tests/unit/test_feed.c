/* Unit tests for feed and its writers: selection, order, ids, limits, and
 * each format's output parsed back with libxml2 / jansson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "config.h"
#include "feed.h"
#include "jobs.h"
#include "post.h"
#include "testutil.h"

static char *dir;

static struct config load_config(const char *extra)
{
	char yaml[1024];
	snprintf(yaml, sizeof yaml, "site:\n  title: T\n  url: https://ex.org\n  author: Site Team\n"
				    "  language: en_US\nfeeds:\n  dir: blog\n%s", extra);
	char *path = tu_write(dir, "feedcard.yaml", yaml, strlen(yaml));
	struct config c;
	tu_capture();
	int rc = config_load(path, &c);
	if (rc)
		fail_msg("config: %s", tu_release());
	tu_release();
	free(path);
	return c;
}

static struct post *mk(const struct config *c, const char *name, const char *fm, const char *body)
{
	struct strbuf text = STRBUF_INIT;
	strbuf_printf(&text, "---\n%s---\n%s", fm, body);
	char *path = tu_write(dir, name, text.data, text.len);
	strbuf_release(&text);
	tu_capture();
	struct post *p = post_load(path, c);
	if (!p || post_to_html(p, c))
		fail_msg("post %s: %s", name, tu_release());
	tu_release();
	free(path);
	return p;
}

static const struct feed_file *find(const struct feed_set *s, const char *path)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->files[i].path, path) == 0)
			return &s->files[i];
	fail_msg("no feed file %s", path);
	return NULL;
}

/* Evaluate an XPath expression as a string over an XML feed. */
static char *xp(const struct feed_file *f, const char *expr)
{
	xmlDocPtr doc = xmlReadMemory(f->data, (int)f->len, "feed.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"a", (const xmlChar *)"http://www.w3.org/2005/Atom");
	xmlXPathRegisterNs(ctx, (const xmlChar *)"dc", (const xmlChar *)"http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(ctx, (const xmlChar *)"content", (const xmlChar *)"http://purl.org/rss/1.0/modules/content/");
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	assert_non_null(o);
	xmlChar *s = xmlXPathCastToString(o);
	char *r = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return r;
}

#define XP_EQ(f, expr, want)                          \
	do {                                          \
		char *got_ = xp(f, expr);             \
		if (strcmp(got_, want))               \
			fail_msg("%s = '%s', want '%s'", expr, got_, want); \
		free(got_);                           \
	} while (0)

struct fixture {
	struct config cfg;
	struct post *p[6];
	struct feed_set set;
};

static void build_fixture(struct fixture *fx, const char *extra)
{
	fx->cfg = load_config(extra);
	fx->p[0] = mk(&fx->cfg, "a.md", "title: Old <one> ]]> & more\ndate: 2024-01-01T00:00:00Z\ncategories: [News]\nauthor: Ann\n", "Body [rel](x/).\n");
	fx->p[1] = mk(&fx->cfg, "b.md", "title: Link only\ndate: 2024-02-01T00:00:00Z\nexternalUrl: https://else.org/a\ndescription: Elsewhere & beyond\ncategories: [news]\n", "");
	fx->p[2] = mk(&fx->cfg, "c.md", "title: Same link, newer\ndate: 2024-03-01T00:00:00Z\nexternalUrl: https://else.org/a\n", "");
	fx->p[3] = mk(&fx->cfg, "d.md", "title: Draft\ndate: 2024-03-02T00:00:00Z\ndraft: true\n", "x\n");
	fx->p[4] = mk(&fx->cfg, "e.md", "title: Future\ndate: 2030-01-01T00:00:00Z\n", "x\n");
	fx->p[5] = mk(&fx->cfg, "f.md", "title: Tagged\ndate: 2024-02-15T00:00:00Z\ntags: [Deep Dive]\nupdated: 2024-04-01T00:00:00Z\n", "Text.\n");
	tu_capture();
	feed_build_set(&fx->cfg, fx->p, 6, 1800000000 /* 2027 */, false, false, &fx->set);
	tu_release();
}

static void free_fixture(struct fixture *fx)
{
	feed_set_release(&fx->set);
	for (int i = 0; i < 6; i++)
		post_free(fx->p[i]);
	config_release(&fx->cfg);
}

static void test_rss(void **state)
{
	(void)state;
	struct fixture fx;
	build_fixture(&fx, "");
	const struct feed_file *f = find(&fx.set, "blog/rss.xml");
	XP_EQ(f, "count(//item)", "4"); /* no draft, no future post */
	XP_EQ(f, "//item[1]/title", "Same link, newer");
	XP_EQ(f, "//item[2]/title", "Tagged");
	XP_EQ(f, "//item[4]/title", "Old <one> ]]> & more");
	/* Shared link: the older keeps it as id, the newer gets a tag: id. */
	XP_EQ(f, "//item[3]/guid", "https://else.org/a");
	XP_EQ(f, "//item[3]/guid/@isPermaLink", "true");
	XP_EQ(f, "//item[1]/guid", "tag:ex.org,2024-03-01:c");
	XP_EQ(f, "//item[1]/guid/@isPermaLink", "false");
	/* Link-only posts: no empty content. */
	XP_EQ(f, "count(//item[3]/content:encoded)", "0");
	XP_EQ(f, "//item[3]/description", "Elsewhere &amp; beyond");
	XP_EQ(f, "//item[4]/content:encoded", "<p>Body <a href=\"https://ex.org/blog/2024/01/01/a/x/\">rel</a>.</p>");
	/* Names go to dc:creator; RSS <author> is for e-mail addresses. */
	XP_EQ(f, "count(//author)", "0");
	XP_EQ(f, "//item[4]/dc:creator", "Ann");
	XP_EQ(f, "//item[3]/dc:creator", "Site Team");
	XP_EQ(f, "/rss/channel/language", "en-US");
	/* The newest date among items, never the clock. */
	XP_EQ(f, "/rss/channel/lastBuildDate", "Mon, 01 Apr 2024 00:00:00 +0000");
	XP_EQ(f, "/rss/channel/a:link[@rel='self']/@href", "https://ex.org/blog/rss.xml");
	XP_EQ(f, "//item[2]/pubDate", "Thu, 15 Feb 2024 00:00:00 +0000");
	assert_null(strstr(f->data, "CDATA"));
	free_fixture(&fx);
}

static void test_atom(void **state)
{
	(void)state;
	struct fixture fx;
	build_fixture(&fx, "");
	const struct feed_file *f = find(&fx.set, "blog/atom.xml");
	XP_EQ(f, "count(//a:entry)", "4");
	XP_EQ(f, "/a:feed/@xml:lang", "en-US");
	XP_EQ(f, "/a:feed/a:updated", "2024-04-01T00:00:00Z");
	XP_EQ(f, "/a:feed/a:link[@rel='self']/@href", "https://ex.org/blog/atom.xml");
	XP_EQ(f, "/a:feed/a:author/a:name", "Site Team");
	XP_EQ(f, "//a:entry[2]/a:published", "2024-02-15T00:00:00Z");
	XP_EQ(f, "//a:entry[2]/a:updated", "2024-04-01T00:00:00Z");
	XP_EQ(f, "//a:entry[2]/a:category/@term", "Deep Dive");
	XP_EQ(f, "//a:entry[4]/a:content/@type", "html");
	XP_EQ(f, "count(//a:entry[3]/a:content)", "0");
	XP_EQ(f, "//a:entry[1]/a:id", "tag:ex.org,2024-03-01:c");
	free_fixture(&fx);
}

/* A summary whose text looks like markup goes as HTML showing the same
 * characters (the W3C validator's ContainsUndeclaredHTML otherwise). */
static void test_atom_summary_like_markup(void **state)
{
	(void)state;
	struct config cfg = load_config("");
	struct post *p[2];
	/* The summary from the body's text, as an old blog's escaped tag. */
	p[0] = mk(&cfg, "a.md", "title: A\ndate: 2024-01-01T00:00:00Z\n", "left &lt;/span&gt; as text &amp; more\n");
	p[1] = mk(&cfg, "b.md", "title: B\ndate: 2024-01-02T00:00:00Z\ndescription: plain & simple\n", "");
	struct feed_set set;
	tu_capture();
	feed_build_set(&cfg, p, 2, 1800000000, false, false, &set);
	tu_release();
	const struct feed_file *f = find(&set, "blog/atom.xml");
	XP_EQ(f, "//a:entry[2]/a:summary/@type", "html");
	XP_EQ(f, "//a:entry[2]/a:summary", "left &lt;/span&gt; as text &amp; more");
	XP_EQ(f, "count(//a:entry[1]/a:summary/@type)", "0");
	XP_EQ(f, "//a:entry[1]/a:summary", "plain & simple");
	feed_set_release(&set);
	post_free(p[0]);
	post_free(p[1]);
	config_release(&cfg);
}

static void test_json(void **state)
{
	(void)state;
	struct fixture fx;
	build_fixture(&fx, "");
	const struct feed_file *f = find(&fx.set, "blog/feed.json");
	json_error_t err;
	json_t *root = json_loadb(f->data, f->len, 0, &err);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "version")), "https://jsonfeed.org/version/1.1");
	assert_string_equal(json_string_value(json_object_get(root, "feed_url")), "https://ex.org/blog/feed.json");
	json_t *items = json_object_get(root, "items");
	assert_int_equal(json_array_size(items), 4);
	json_t *link_only = json_array_get(items, 2);
	assert_null(json_object_get(link_only, "content_html"));
	assert_string_equal(json_string_value(json_object_get(link_only, "content_text")), "Elsewhere & beyond");
	assert_string_equal(json_string_value(json_object_get(link_only, "external_url")), "https://else.org/a");
	json_t *old = json_array_get(items, 3);
	assert_string_equal(json_string_value(json_object_get(old, "title")), "Old <one> ]]> & more");
	assert_string_equal(json_string_value(json_object_get(old, "date_published")), "2024-01-01T00:00:00Z");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(old, "authors"), 0), "name")), "Ann");
	json_decref(root);
	free_fixture(&fx);
}


/* An author's URL reaches Atom and JSON Feed; a post past its expiryDate
 * is in no feed; a picture of unknown type and size (a site's own, by URL)
 * is shown without an RSS enclosure, which needs both. */
static void test_author_uri_expiry_and_unsized_image(void **state)
{
	(void)state;
	struct config c = load_config("  per_category: false\n  per_tag: false\n");
	struct post *p[3];
	p[0] = mk(&c, "au.md", "title: A\ndate: 2024-01-02T00:00:00Z\nauthor: '[Ada](https://ada.example/)'\n", "x\n");
	p[1] = mk(&c, "gone.md", "title: Gone\ndate: 2024-01-03T00:00:00Z\nexpiryDate: 2024-06-01\n", "x\n");
	p[2] = mk(&c, "img.md", "title: I\ndate: 2024-01-01T00:00:00Z\nimage: https://cdn.ex.org/pic?w=800\n", "x\n");
	assert_string_equal(p[2]->own_image, "https://cdn.ex.org/pic?w=800");
	p[2]->image_url = strdup(p[2]->own_image); /* as card_stage_run sets it */
	p[2]->image_type = NULL;
	p[2]->image_length = 0;
	struct feed_set set;
	feed_build_set(&c, p, 3, 1800000000, false, false, &set);
	const struct feed_file *atom = find(&set, "blog/atom.xml"), *rss = find(&set, "blog/rss.xml");
	XP_EQ(atom, "count(//a:entry)", "2");
	XP_EQ(atom, "//a:entry[a:title='A']/a:author/a:uri", "https://ada.example/");
	XP_EQ(atom, "//a:entry[a:title='A']/a:author/a:name", "Ada");
	XP_EQ(atom, "//a:entry[a:title='I']/a:link[@rel='enclosure']/@href", "https://cdn.ex.org/pic?w=800");
	XP_EQ(atom, "count(//a:entry[a:title='I']/a:link[@rel='enclosure']/@length)", "0");
	XP_EQ(rss, "count(//item[title='Gone'])", "0");
	XP_EQ(rss, "count(//item[title='I']/enclosure)", "0");
	const struct feed_file *json = find(&set, "blog/feed.json");
	assert_non_null(strstr(json->data, "\"url\": \"https://ada.example/\""));
	/* Before its expiryDate, it is there. */
	feed_set_release(&set);
	feed_build_set(&c, p, 3, 1704326400 /* 2024-01-04 */, false, false, &set);
	XP_EQ(find(&set, "blog/rss.xml"), "count(//item[title='Gone'])", "1");
	feed_set_release(&set);
	for (size_t i = 0; i < 3; i++)
		post_free(p[i]);
	config_release(&c);
}

static void test_groups_and_limits(void **state)
{
	(void)state;
	struct fixture fx;
	build_fixture(&fx, "  limit: 2\n  ids: tag\n");
	/* "News" and "news" are one category. */
	const struct feed_file *f = find(&fx.set, "blog/categories/news/rss.xml");
	XP_EQ(f, "count(//item)", "2");
	/* Named as the newest post spells it. */
	XP_EQ(f, "/rss/channel/title", "T: news");
	f = find(&fx.set, "blog/tags/deep-dive/atom.xml");
	XP_EQ(f, "count(//a:entry)", "1");
	f = find(&fx.set, "blog/rss.xml");
	XP_EQ(f, "count(//item)", "2");
	XP_EQ(f, "//item[2]/guid", "tag:ex.org,2024-02-15:f");
	free_fixture(&fx);
}

static void test_max_bytes(void **state)
{
	(void)state;
	struct fixture fx;
	build_fixture(&fx, "  max_bytes: 1500\n  per_category: false\n  per_tag: false\n");
	for (size_t i = 0; i < fx.set.count; i++) {
		assert_true(fx.set.files[i].len <= 1500);
		if (fx.set.files[i].items >= 4)
			fail_msg("%s: %zu bytes, %zu items", fx.set.files[i].path, fx.set.files[i].len, fx.set.files[i].items);
		assert_true(fx.set.files[i].items > 0);
	}
	free_fixture(&fx);
}

static void test_ids_do_not_depend_on_categories(void **state)
{
	(void)state;
	struct config c = load_config("  ids: tag\n");
	struct post *a = mk(&c, "2024-05-05-same.md", "title: X\ndate: 2024-05-05\ncategories: [A]\n", "x\n");
	struct post *b = mk(&c, "2024-05-05-same.md", "title: Y (renamed)\ndate: 2024-05-05\ncategories: [B, C]\n", "y\n");
	char *ia = feed_post_id(&c, a, true), *ib = feed_post_id(&c, b, true);
	assert_string_equal(ia, ib);
	assert_string_equal(ia, "tag:ex.org,2024-05-05:same");
	free(ia);
	free(ib);
	post_free(a);
	post_free(b);
	config_release(&c);
}

/* Posts updated at the same second are named once a pair, in the first
 * feed that shows both (the W3C validator's DuplicateUpdated), even when
 * they are not neighbours by publication date. */
static void test_same_times_named(void **state)
{
	(void)state;
	struct config c = load_config("  limit: 2\n  per_category: true\n  per_tag: false\n");
	struct post *p[4];
	p[0] = mk(&c, "t-a.md", "title: A\ndate: 2024-01-03\ncategories: [X]\n", "a\n");
	p[1] = mk(&c, "t-b.md", "title: B\ndate: 2024-01-03\ncategories: [X]\n", "b\n");
	p[2] = mk(&c, "t-c.md", "title: C\ndate: 2024-01-01\nupdated: 2024-01-05\ncategories: [Y]\n", "c\n");
	p[3] = mk(&c, "t-d.md", "title: D\ndate: 2024-01-02\nupdated: 2024-01-05\ncategories: [Y]\n", "d\n");
	struct feed_set set;
	tu_capture();
	feed_build_set(&c, p, 4, 1900000000, false, false, &set);
	const char *m = tu_release();
	/* A and B: in the main feed (the 2 newest) and in X's: once, for the main feed. */
	const char *ab = strstr(m, "t-b.md: note: has the same date as ");
	assert_non_null(ab);
	assert_non_null(strstr(ab, "t-a.md (in the feed of blog/)"));
	assert_null(strstr(ab + 1, "t-b.md: note: has the same date as "));
	/* C and D share only their update time, in Y's feed. */
	const char *cd = strstr(m, "t-d.md: note: has the same date as ");
	assert_non_null(cd);
	assert_non_null(strstr(cd, "t-c.md (in the feed of blog/categories/y/)"));
	feed_set_release(&set);
	for (int i = 0; i < 4; i++)
		post_free(p[i]);
	config_release(&c);
}

/* A streaming sink that keeps every file's pieces, for comparison with the
 * whole files of feed_build_set. */
struct piece_file {
	char *path;
	struct strbuf data;
	size_t pieces;
	bool closed, kept;
};
struct piece_sink {
	pthread_mutex_t lock;
	struct piece_file files[64];
	size_t n;
};

static int piece_file_whole(void *ctx, const char *path, const char *data, size_t len, size_t items)
{
	(void)ctx, (void)path, (void)data, (void)len, (void)items;
	fail_msg("a whole file was sent to a streaming sink");
	return -1;
}

static void *piece_open(void *ctx, const char *path)
{
	struct piece_sink *S = ctx;
	pthread_mutex_lock(&S->lock);
	assert_true(S->n < 64);
	struct piece_file *f = &S->files[S->n++];
	pthread_mutex_unlock(&S->lock);
	f->path = strdup(path);
	f->data = (struct strbuf)STRBUF_INIT;
	return f;
}

static int piece_write(void *stream, const char *data, size_t len)
{
	struct piece_file *f = stream;
	strbuf_add(&f->data, data, len);
	f->pieces++;
	return 0;
}

static int piece_close(void *ctx, void *stream, bool keep)
{
	(void)ctx;
	struct piece_file *f = stream;
	f->closed = true;
	f->kept = keep;
	return 0;
}

/* n converted posts titled "<title> i", dated in month of 2024, in the
 * categories Odd and Even by turns, each body "i " + body. */
static void make_posts(const struct config *c, struct post **posts, int n, const char *title, int month,
		       const char *body)
{
	for (int i = 0; i < n; i++) {
		char name[48], fm[128];
		snprintf(name, sizeof name, "%s-%02d.md", title, i);
		snprintf(fm, sizeof fm, "title: %s %d\ndate: 2024-%02d-%02d\ncategories: [%s]\n", title, i, month,
			 1 + i % 28, i % 2 ? "Odd" : "Even");
		struct strbuf text = STRBUF_INIT;
		strbuf_printf(&text, "%d %s", i, body);
		posts[i] = mk(c, name, fm, text.data);
		strbuf_release(&text);
	}
}

/* Feeds far bigger than one chunk come out streamed byte for byte as they
 * come out whole, on two threads, in every format. */
static void test_streamed_equals_whole(void **state)
{
	(void)state;
	struct config c = load_config("  limit: 0\n  per_category: true\n  per_tag: false\n");
	struct post *posts[40];
	struct strbuf body = STRBUF_INIT;
	for (int k = 0; k < 300; k++)
		strbuf_printf(&body, "Line %d with \"quotes\", <angle> & ampersands, é and ✓, "
				     "[a link](rel/%d/) and `code`.\n\n", k, k);
	make_posts(&c, posts, 40, "Post", 3, strbuf_str(&body));
	strbuf_release(&body);
	time_t now = 1900000000;
	struct feed_set whole;
	tu_capture();
	feed_build_set(&c, posts, 40, now, false, false, &whole);
	tu_release();
	struct piece_sink S = { .n = 0 };
	pthread_mutex_init(&S.lock, NULL);
	struct feed_sink sink = { piece_file_whole, piece_open, piece_write, piece_close, &S };
	tu_capture();
	assert_int_equal(feed_build(&c, posts, 40, now, false, false, 2, &sink), (long)whole.count);
	tu_release();
	assert_int_equal(S.n, whole.count);
	size_t chunked = 0;
	for (size_t i = 0; i < S.n; i++) {
		struct piece_file *f = &S.files[i];
		const struct feed_file *w = find(&whole, f->path);
		assert_true(f->closed && f->kept);
		if (f->data.len != w->len || memcmp(f->data.data, w->data, w->len) != 0)
			fail_msg("%s: streamed %zu bytes in %zu pieces differ from the whole %zu", f->path,
				 f->data.len, f->pieces, w->len);
		if (w->len > FEED_OUT_CHUNK) {
			assert_true(f->pieces > 1);
			chunked++;
		}
		free(f->path);
		strbuf_release(&f->data);
	}
	assert_true(chunked >= 3); /* at least the site feed in each format */
	json_t *j = json_loadb(find(&whole, "blog/feed.json")->data, find(&whole, "blog/feed.json")->len, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 40);
	json_decref(j);
	feed_set_release(&whole);
	for (int i = 0; i < 40; i++)
		post_free(posts[i]);
	pthread_mutex_destroy(&S.lock);
	config_release(&c);
}

/* Each XML file's items, by title: their content must be the post's HTML. */
static size_t check_contents(const struct feed_file *f, const char *items, const char *content,
			     struct post **posts, size_t n)
{
	xmlDocPtr doc = xmlReadMemory(f->data, (int)f->len, f->path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	assert_non_null(doc);
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"a", (const xmlChar *)"http://www.w3.org/2005/Atom");
	xmlXPathRegisterNs(ctx, (const xmlChar *)"content", (const xmlChar *)"http://purl.org/rss/1.0/modules/content/");
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)items, ctx);
	assert_non_null(o);
	size_t seen = 0;
	for (int k = 0; o->nodesetval && k < o->nodesetval->nodeNr; k++) {
		ctx->node = o->nodesetval->nodeTab[k];
		xmlXPathObjectPtr t = xmlXPathEvalExpression((const xmlChar *)"string(title|a:title)", ctx);
		xmlXPathObjectPtr c = xmlXPathEvalExpression((const xmlChar *)content, ctx);
		struct post *p = NULL;
		for (size_t i = 0; i < n; i++)
			if (strcmp(posts[i]->title, (const char *)t->stringval) == 0)
				p = posts[i];
		if (!p || strcmp((const char *)c->stringval, p->html) != 0)
			fail_msg("%s: the content of '%s' is not its post's HTML", f->path, t->stringval);
		seen++;
		xmlXPathFreeObject(t);
		xmlXPathFreeObject(c);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return seen;
}

/* Posts shown by several feeds are escaped once and shared while a budget
 * lasts, then escaped per file: 6 MB of HTML crosses the 2 MB budget, and
 * every item of every RSS and Atom file, from either side of it, carries
 * its post's HTML exactly. Nothing is kept after the build. */
static void test_shared_escaped_content(void **state)
{
	(void)state;
	struct config c = load_config("  limit: 0\n  per_category: true\n  per_tag: false\n");
	enum { N = 48 };
	struct post *posts[N];
	struct strbuf body = STRBUF_INIT;
	for (int k = 0; k < 1200; k++)
		strbuf_printf(&body, "Row %d: a < b && c > d, \"quoted\" 'text' é ✓ [x](y/%d).\n\n", k, k);
	make_posts(&c, posts, N, "Shared", 4, strbuf_str(&body));
	strbuf_release(&body);
	size_t total = 0;
	for (int i = 0; i < N; i++)
		total += strlen(posts[i]->html);
	assert_true(total > (size_t)6 << 20);
	struct feed_set set;
	tu_capture();
	feed_build_set(&c, posts, N, 1900000000, false, false, &set);
	tu_release();
	const char *rss[] = { "blog/rss.xml", "blog/categories/odd/rss.xml", "blog/categories/even/rss.xml" };
	const char *atom[] = { "blog/atom.xml", "blog/categories/odd/atom.xml", "blog/categories/even/atom.xml" };
	size_t items = 0;
	for (int k = 0; k < 3; k++) {
		items += check_contents(find(&set, rss[k]), "//item", "string(content:encoded)", posts, N);
		items += check_contents(find(&set, atom[k]), "//a:entry", "string(a:content)", posts, N);
	}
	assert_int_equal(items, 4 * N); /* each post: the site's feed and its category's, twice */
	for (int i = 0; i < N; i++) {
		assert_null(atomic_load(&posts[i]->html_xml));
		post_free(posts[i]);
	}
	feed_set_release(&set);
	config_release(&c);
}

static int setup(void **state)
{
	(void)state;
	dir = tu_tmpdir();
	return dir ? 0 : -1;
}

/* No pool threads left at exit for the leak checker to stop. */
static int teardown(void **state)
{
	(void)state;
	jobs_stop();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_atom_summary_like_markup),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_author_uri_expiry_and_unsized_image),
		cmocka_unit_test(test_groups_and_limits),
		cmocka_unit_test(test_max_bytes),
		cmocka_unit_test(test_ids_do_not_depend_on_categories),
		cmocka_unit_test(test_streamed_equals_whole),
		cmocka_unit_test(test_shared_escaped_content),
		cmocka_unit_test(test_same_times_named),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
