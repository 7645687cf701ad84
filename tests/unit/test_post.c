/* Unit tests for frontmatter, ydoc, config and post: real files in a temp folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "config.h"
#include "date.h"
#include "fields.h"
#include "frontmatter.h"
#include "fsout.h"
#include "path.h"
#include "post.h"
#include "testutil.h"

static char *dir;
static struct config cfg;

static int setup(void **state)
{
	(void)state;
	dir = tu_tmpdir();
	return tu_load_site_config(dir, &cfg);
}

static int teardown(void **state)
{
	(void)state;
	config_release(&cfg);
	int rc = tu_rmtree(dir);
	free(dir);
	return rc;
}

/* Load a post from text; on failure the diagnostics are in tu_msgs. */
static struct post *load(const char *name, const char *text, size_t len)
{
	char *path = tu_write(dir, name, text, len);
	tu_capture();
	struct post *p = post_load(path, &cfg);
	if (p)
		post_to_html(p, &cfg);
	tu_release();
	free(path);
	return p;
}

static void expect_error(const char *name, const char *text, const char *where, const char *what)
{
	struct post *p = load(name, text, strlen(text));
	assert_null(p);
	const char *m = strbuf_str(&tu_msgs);
	char want[256];
	snprintf(want, sizeof want, "%s/%s:%s: error: ", dir, name, where);
	if (!strstr(m, want) || !strstr(m, what))
		fail_msg("wanted '%s' ... '%s' in:\n%s", want, what, m);
}

static void test_config_values(void **state)
{
	(void)state;
	assert_string_equal(cfg.site_url, "https://ebpf.io");
	assert_string_equal(cfg.site_host, "ebpf.io");
	assert_string_equal(cfg.site_language, "en-US");
	assert_string_equal(cfg.site_author, "T"); /* defaults to the title */
	assert_int_equal(cfg.feeds_limit, 20);
	assert_int_equal(cfg.zone.fixed_offset, 7200);
}

static void test_config_errors(void **state)
{
	(void)state;
	const char *bad = "site:\n  title: T\n  url: /relative\n  colour: blue\nfeeds:\n  formats: [rss, opml]\n";
	char *path = tu_write(dir, "bad.yaml", bad, strlen(bad));
	struct config c;
	tu_capture();
	assert_int_equal(config_load(path, &c), -1);
	const char *m = tu_release();
	config_release(&c);
	assert_non_null(strstr(m, "bad.yaml:4:3: error: unknown key 'colour' in site"));
	free(path);
	/* Unknown keys are reported before values are checked: a second file. */
	const char *bad2 = "site:\n  title: T\n  url: /relative\n  language: 'english please'\nfeeds:\n  formats: [rss, opml]\n";
	path = tu_write(dir, "bad2.yaml", bad2, strlen(bad2));
	tu_capture();
	assert_int_equal(config_load(path, &c), -1);
	m = tu_release();
	config_release(&c);
	assert_non_null(strstr(m, "bad2.yaml:3:8: error: site.url must be an absolute"));
	assert_non_null(strstr(m, "bad2.yaml:4:13: error: site.language"));
	assert_non_null(strstr(m, "bad2.yaml:6:12: error: feeds.formats: unknown format 'opml'"));
	free(path);
}

/* A config from yaml (written to dir/name); NULL after errors, in tu_msgs. */
static struct config *config_from(const char *name, const char *yaml)
{
	char *path = tu_write(dir, name, yaml, strlen(yaml));
	struct config *c = calloc(1, sizeof *c);
	tu_capture();
	int rc = config_load(path, c);
	tu_release();
	free(path);
	if (rc != 0) {
		config_release(c);
		free(c);
		return NULL;
	}
	return c;
}

static void config_free(struct config *c)
{
	config_release(c);
	free(c);
}

static void test_config_layout_and_permalink(void **state)
{
	(void)state;
	struct config *c = config_from("l1.yaml", "site: {title: T, url: https://x.org}\npermalink: pretty\nlayout: jekyll\n");
	assert_non_null(c);
	assert_string_equal(c->permalink, "/:categories/:year/:month/:day/:title/");
	assert_int_equal(c->layout, CONFIG_LAYOUT_JEKYLL);
	config_free(c);
	c = config_from("l2.yaml", "site: {title: T, url: https://x.org}\n");
	assert_int_equal(c->layout, CONFIG_LAYOUT_AUTO);
	config_free(c);
	assert_null(config_from("l3.yaml", "site: {title: T, url: https://x.org}\nlayout: hugo\n"));
	assert_non_null(strstr(strbuf_str(&tu_msgs), "l3.yaml:2:9: error: layout must be auto, jekyll or plain, not 'hugo'"));
	assert_null(config_from("l4.yaml", "site: {title: T, url: https://x.org}\npermalink: /:year/:month/\n"));
	assert_non_null(strstr(strbuf_str(&tu_msgs), "l4.yaml:2:12: error: permalink must start with '/' and name the post"));
	assert_null(config_from("l5.yaml", "site: {title: T, url: https://x.org}\npermalink: /:year/:tittle/\n"));
	assert_non_null(strstr(strbuf_str(&tu_msgs), "l5.yaml:2:12: error: permalink: unknown placeholder at ':tittle/'"));
}

/* Parse text as the post at rel (below dir) with c; NULL after errors. */
static struct post *parse_as(const struct config *c, const char *rel, const char *text)
{
	char *file = path_join(dir, rel);
	char *mem = strdup(text);
	tu_capture();
	struct post *p = post_parse(file, mem, strlen(mem), c);
	tu_release();
	free(mem);
	free(file);
	return p;
}

static void test_post_page_from_layout(void **state)
{
	(void)state;
	/* Hugo: sections counted from the folder named content. */
	struct config *c = config_from("h.yaml", "site: {title: T, url: https://x.org}\ncontent: content/news\n"
						"permalink: /:section/:sections/:slug/\n");
	struct post *p = parse_as(c, "content/news/2019/03/2019-03-26-a.md", "---\ntitle: A Year, in Life\ndate: 2019-03-26\n---\n");
	assert_string_equal(p->path, "/news/news/2019/03/a-year-in-life/");
	assert_string_equal(p->slug, "a");
	post_free(p);
	/* A bundle's folder is the post, not a section. */
	p = parse_as(c, "content/news/2019/2019-03-27-b/index.md", "---\ntitle: B\ndate: 2019-03-27\nslug: Bee\n---\n");
	assert_string_equal(p->path, "/news/news/2019/bee/");
	assert_string_equal(p->slug, "bee");
	post_free(p);
	config_free(c);
	/* Without a folder named content, the content folder's own name is
	 * the first section. */
	c = config_from("h2.yaml", "site: {title: T, url: https://x.org}\ncontent: blog\npermalink: /:sections/:contentbasename/\n");
	p = parse_as(c, "blog/go/2020-01-01-Intro.md", "---\ntitle: I\ndate: 2020-01-01\n---\n");
	assert_string_equal(p->path, "/blog/go/2020-01-01-intro/");
	post_free(p);
	config_free(c);
	/* One pattern per section, as Hugo's [permalinks]; the other sections
	 * keep their path in the content folder. */
	c = config_from("h3.yaml", "site: {title: T, url: https://x.org}\ncontent: content\n"
				   "permalink:\n  blog: /:year/:month/:contentbasename/\n  code: /:title/\n");
	assert_non_null(c);
	p = parse_as(c, "content/blog/Why-Infer.md", "---\ntitle: Why\ndate: 2020-01-01\n---\n");
	assert_string_equal(p->path, "/2020/01/why-infer/");
	post_free(p);
	p = parse_as(c, "content/code/gocog/index.md", "---\ntitle: Go Cog\ndate: 2020-01-01\n---\n");
	assert_string_equal(p->path, "/go-cog/");
	post_free(p);
	p = parse_as(c, "content/notes/deep/one.md", "---\ntitle: One\ndate: 2020-01-01\nslug: First\n---\n");
	assert_string_equal(p->path, "/notes/deep/first/");
	post_free(p);
	p = parse_as(c, "content/blogroll.md", "---\ntitle: Roll\ndate: 2020-01-01\n---\n");
	assert_string_equal(p->path, "/blogroll/");
	post_free(p);
	config_free(c);
	assert_null(config_from("h4.yaml", "site: {title: T, url: https://x.org}\n"
					   "permalink:\n  blog: /:year/\n  a/b: /:slug/\n  c: pretty\n  d:\n"));
	const char *m = strbuf_str(&tu_msgs);
	assert_non_null(strstr(m, "h4.yaml:3:9: error: permalink must start with '/' and name the post"));
	assert_non_null(strstr(m, "h4.yaml:4:3: error: permalink: a section's name"));
	assert_non_null(strstr(m, "h4.yaml:6:5: error: permalink: the pattern of section 'd' is missing"));
	assert_null(strstr(m, "h4.yaml:5"));

	/* Jekyll: the "date" style; the folders above _posts are categories,
	 * before the post's own; :title keeps the file name's case. */
	c = config_from("j.yaml", "site: {title: T, url: https://x.org}\ncontent: site\npermalink: date\n");
	p = parse_as(c, "site/news/_posts/2021-03-04-Hello-World.md",
		     "---\ntitle: Hello\ndate: 2021-03-04\ncategories: [Tech, news]\n---\n");
	assert_string_equal(p->categories[0], "news");
	assert_string_equal(p->categories[1], "Tech");
	assert_null(p->categories[2]);
	assert_string_equal(p->category_slugs[1], "tech");
	assert_string_equal(p->path, "/news/tech/2021/03/04/Hello-World.html");
	assert_string_equal(p->url, "https://x.org/news/tech/2021/03/04/Hello-World.html");
	assert_false(p->draft);
	post_free(p);
	/* The same file outside _posts: Hugo's :title, the title. */
	p = parse_as(c, "site/news/2021-03-04-Hello-World.md", "---\ntitle: Hello There\ndate: 2021-03-04\n---\n");
	assert_string_equal(p->path, "/2021/03/04/hello-there.html");
	post_free(p);
	/* A _drafts post is a draft; without a date and a file, an error. */
	p = parse_as(c, "site/_drafts/wip.md", "---\ntitle: W\ndate: 2022-01-01\n---\n");
	assert_true(p->draft);
	assert_string_equal(p->path, "/2022/01/01/wip.html");
	post_free(p);
	assert_null(parse_as(c, "site/_drafts/wip.md", "---\ntitle: W\n---\n"));
	/* The post's own path wins over the pattern; its placeholders are
	 * expanded, as Jekyll does; a ':' that starts none is kept. */
	p = parse_as(c, "site/_posts/2021-03-04-x.md", "---\ntitle: X\ndate: 2021-03-04\npath: /mine/\n---\n");
	assert_string_equal(p->path, "/mine/");
	post_free(p);
	p = parse_as(c, "site/_posts/2021-03-04-x.md", "---\ntitle: X\ndate: 2021-03-04\npath: /blog/:year/:title/\n---\n");
	assert_string_equal(p->path, "/blog/2021/x/");
	post_free(p);
	p = parse_as(c, "site/_posts/2021-03-04-x.md", "---\ntitle: X\ndate: 2021-03-04\npath: /a:b/:1/\n---\n");
	assert_string_equal(p->path, "/a:b/:1/");
	post_free(p);
	/* A post's own pattern may show its section, though the site's does not. */
	p = parse_as(c, "site/news/2021-03-04-y.md", "---\ntitle: Y\ndate: 2021-03-04\npath: /:sections/:title/\n---\n");
	assert_string_equal(p->path, "/site/news/y/");
	post_free(p);
	config_free(c);
}

/* A _drafts file without a date is dated by its last change; an .html file
 * without front matter is no post, and says nothing. */
static void test_load_drafts_and_html(void **state)
{
	(void)state;
	struct config *c = config_from("d.yaml", "site: {title: T, url: https://x.org}\ncontent: dsite\n"
						"permalink: /:year/:month/:day/:title/\n");
	char *d1 = path_join(dir, "dsite"), *d2 = path_join(dir, "dsite/_drafts");
	assert_int_equal(fsout_mkdirs(d2), 0);
	const char *draft = "---\ntitle: Later\n---\nBody.\n";
	char *path = tu_write(d2, "later.md", draft, strlen(draft));
	struct timespec times[2] = { { 1623067200, 0 }, { 1623067200, 0 } }; /* 2021-06-07 12:00 UTC */
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	tu_capture();
	bool not_post = true;
	struct post *p = post_load_at(AT_FDCWD, path, path, c, &not_post);
	tu_release();
	assert_non_null(p);
	assert_false(not_post);
	assert_int_equal(p->date, 1623067200);
	assert_true(p->draft);
	assert_string_equal(p->path, "/2021/06/07/later/");
	post_free(p);
	free(path);

	const char *raw = "<!DOCTYPE html>\n<p>As it is.</p>\n";
	path = tu_write(d1, "raw.html", raw, strlen(raw));
	tu_capture();
	p = post_load_at(AT_FDCWD, path, path, c, &not_post);
	const char *m = tu_release();
	assert_null(p);
	assert_true(not_post);
	assert_string_equal(m, "");
	free(path);
	/* Front matter after a byte-order mark makes it a post. */
	const char *fm = "\xEF\xBB\xBF---\ntitle: Page\ndate: 2021-01-02\n---\n<p>x</p>\n";
	path = tu_write(d1, "page.html", fm, strlen(fm));
	tu_capture();
	p = post_load_at(AT_FDCWD, path, path, c, &not_post);
	tu_release();
	assert_non_null(p);
	assert_false(not_post);
	assert_string_equal(p->slug, "page");
	post_free(p);
	free(path);
	/* A Markdown file without front matter is still an error. */
	const char *plain = "Just text.\n";
	path = tu_write(d1, "plain.md", plain, strlen(plain));
	tu_capture();
	p = post_load_at(AT_FDCWD, path, path, c, &not_post);
	m = tu_release();
	assert_null(p);
	assert_false(not_post);
	assert_non_null(strstr(m, "plain.md:1:1: error: no front matter"));
	free(path);
	free(d1);
	free(d2);
	config_free(c);
}

static void test_language_tags(void **state)
{
	(void)state;
	char *s;
	assert_string_equal(s = config_language("en_us"), "en-US"); free(s);
	assert_string_equal(s = config_language("zh-hant-tw"), "zh-Hant-TW"); free(s);
	assert_string_equal(s = config_language("de"), "de"); free(s);
	assert_null(config_language("english"));
	assert_null(config_language("e"));
	assert_null(config_language("en--us"));
}

static void test_split(void **state)
{
	(void)state;
	struct frontmatter fm;
	const char *t = "\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nbody\n";
	assert_int_equal(frontmatter_split("f", t, strlen(t), &fm), 0);
	assert_false(fm.unterminated);
	assert_int_equal(fm.text_line, 2);
	assert_int_equal(fm.body_line, 4);
	assert_string_equal(t + fm.body_off, "body\n");
	const char *open = "---\ntitle: x\n\ncategories:\n\n- A\n";
	assert_int_equal(frontmatter_split("f", open, strlen(open), &fm), 0);
	assert_true(fm.unterminated);
	assert_int_equal(fm.text_len, strlen(open) - 4);
	assert_int_equal(fm.body_off, strlen(open));
}

static void test_full_post(void **state)
{
	(void)state;
	const char *t = "---\npath: '/blog/ebpf-summit-wrapup'\ndate: '2024-10-09T10:00:00.000Z'\n"
			"title: 'Reflecting on the eBPF Summit 2024: A Recap'\n"
			"description: \"A recap\n  over two lines\"\nogImage: ogimage.jpg\n"
			"categories:\n  - Comnmunity\nAuthors: [Ada, {name: Bo}]\n---\n\n"
			"See [the talks](talks/) and ![x](x.png).\n";
	struct post *p = load("seed.md", t, strlen(t));
	assert_non_null(p);
	assert_string_equal(p->title, "Reflecting on the eBPF Summit 2024: A Recap");
	assert_string_equal(p->description, "A recap over two lines");
	assert_string_equal(p->categories[0], "Comnmunity");
	assert_null(p->categories[1]);
	assert_string_equal(p->authors[0], "Ada");
	assert_string_equal(p->authors[1], "Bo");
	assert_string_equal(p->link, "https://ebpf.io/blog/ebpf-summit-wrapup");
	assert_int_equal(p->date, 1728468000);
	assert_string_equal(p->og_image, "ogimage.jpg");
	assert_non_null(strstr(p->html, "href=\"https://ebpf.io/blog/talks/\""));
	assert_non_null(strstr(p->html, "src=\"https://ebpf.io/blog/x.png\""));
	post_free(p);
}

/* post_load keeps no body: post_to_html reads the file again, cleans it the
 * same way (a BOM, CRLF and a control character here) and must give what
 * converting from memory gives; a file changed in between is an error. */
static void test_body_read_again(void **state)
{
	(void)state;
	const char t[] = "\xEF\xBB\xBF---\r\ntitle: Again\r\ndate: 2024-01-02\r\n---\r\n"
			 "# Head\x01ing\r\n\r\nA [link](rel/) and more.\r\n";
	char *path = tu_write(dir, "again.md", t, sizeof t - 1);
	tu_capture();
	struct post *p = post_load(path, &cfg);
	assert_non_null(p);
	assert_null(p->body);
	assert_true(p->body_on_disk);
	char *mem = malloc(sizeof t);
	memcpy(mem, t, sizeof t);
	struct post *q = post_parse(path, mem, sizeof t - 1, &cfg);
	free(mem);
	assert_non_null(q);
	assert_non_null(q->body);
	assert_int_equal(post_to_html(p, &cfg), 0);
	assert_int_equal(post_to_html(q, &cfg), 0);
	tu_release();
	assert_string_equal(p->html, q->html);
	assert_non_null(strstr(p->html, "<h1>Heading</h1>"));
	assert_non_null(strstr(p->html, "href=\"https://ebpf.io/blog/2024/01/02/again/rel/\""));
	post_free(q);
	post_free(p);

	/* Loaded, then changed on disk before its body is converted. */
	tu_capture();
	p = post_load(path, &cfg);
	assert_non_null(p);
	const char u[] = "---\ntitle: Again\ndate: 2024-01-02\n---\nAnother body.\n";
	free(tu_write(dir, "again.md", u, sizeof u - 1));
	assert_int_equal(post_to_html(p, &cfg), -1);
	const char *m = tu_release();
	if (!strstr(m, "again.md: error: the file changed while the build was reading it"))
		fail_msg("no change reported:\n%s", m);
	post_free(p);
	free(path);
}

static void test_link_only_post(void **state)
{
	(void)state;
	/* As seven ebpf.io posts: no closing fence, blank lines, <url>. */
	const char *t = "---\ndate: '2023-09-12T11:36:00.000Z'\ntitle: 'What is next'\n"
			"externalUrl: '<https://www.infoworld.com/article/3706048/x.html>'\ncategories:\n\n- Technology\n";
	struct post *p = load("2023-09-12-next.md", t, strlen(t));
	assert_non_null(p);
	const char *m = strbuf_str(&tu_msgs);
	assert_non_null(strstr(m, "2023-09-12-next.md:8:1: warning: front matter has no closing '---'"));
	assert_non_null(strstr(m, "2023-09-12-next.md:4:14: warning: angle brackets"));
	assert_string_equal(p->link, "https://www.infoworld.com/article/3706048/x.html");
	assert_string_equal(p->categories[0], "Technology");
	assert_string_equal(p->html, "");
	assert_string_equal(p->slug, "next");
	/* Date-only permalink parts are local to the site zone (+02:00). */
	assert_string_equal(p->path, "/blog/2023/09/12/next/");
	post_free(p);
}

static void test_errors_name_file_line_col(void **state)
{
	(void)state;
	expect_error("nofm.md", "# Just a heading\n", "1:1", "no front matter");
	expect_error("notitle.md", "---\ndate: 2024-01-01\n---\nx\n", "1:1", "missing required field 'title'");
	expect_error("nodate.md", "---\ntitle: x\n---\n", "1:1", "missing required field 'date'");
	expect_error("baddate.md", "---\ntitle: x\ndate: '2024-13-45'\n---\n", "3:13", "invalid date '2024-13-45'");
	expect_error("yaml.md", "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n", "3:5", "invalid YAML");
	expect_error("listtitle.md", "---\ntitle: [a, b]\ndate: 2024-01-01\n---\n", "2:8", "'title' must be a string");
	expect_error("toml.md", "+++\ntitle = 'x'\ndate = \n+++\n", "3:8", "invalid TOML: ");
	expect_error("escape.md", "---\ntitle: x\ndate: 2024-01-01\npath: /blog/../../etc/\n---\n", "4:7", "must stay inside the site");
	expect_error("utf8.md", "---\ntitle: caf\xC3\n---\n", "2:11", "invalid UTF-8 at byte offset 14");
}

static void test_huge_title(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *t = malloc(n + 100);
	int k = snprintf(t, n + 100, "---\ndate: 2024-01-01\ntitle: ");
	memset(t + k, 'a', n);
	strcpy(t + k + n, "\n---\n");
	struct post *p = load("huge.md", t, strlen(t));
	assert_null(p);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "huge.md:3:8: error: the title is 1048576 bytes long"));
	free(t);
}

static void test_control_characters_removed(void **state)
{
	(void)state;
	const char *t = "---\ntitle: \"bell\\a\"\ndate: 2024-01-01\n---\nva\x01lue\x0b here\n";
	struct post *p = load("ctl.md", t, strlen(t));
	assert_non_null(p);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "ctl.md:5:3: warning: removed 2 control characters"));
	assert_non_null(strstr(p->html, "value here"));
	post_free(p);
}

/* post_clean_text skips the leading run of plain ASCII: what follows it,
 * or starts it, is checked and cleaned as before. */
static void test_clean_text_edges(void **state)
{
	(void)state;
	struct {
		const char *in, *out, *msg;
	} cases[] = {
		{ "plain\tascii\r\nonly\n", "plain\tascii\r\nonly\n", NULL },
		{ "", "", NULL },
		{ "\x01" "at the start", "at the start", "t.md:1:1: warning: removed 1 control character" },
		{ "ascii then caf\xC3\xA9\x02 then\n\x7f ok", "ascii then caf\xC3\xA9 then\n\x7f ok",
		  "t.md:1:16: warning: removed 1 control character" },
		{ "ab\xEF\xBF\xBE" "c\xEF\xBF\xBF", "abc", "t.md:1:3: warning: removed 2 control characters" },
		{ "ascii\nthen \xC3(", NULL, "t.md:2:6: error: invalid UTF-8 at byte offset 11 (byte 0xC3)" },
		{ "\xC3\xA9 then \x01 and \xFF", NULL, "t.md:1:14: error: invalid UTF-8 at byte offset 14 (byte 0xFF)" },
		{ "nul \xC3\xA9\0after", NULL, "t.md:1:6: error: NUL byte at byte offset 6" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* The last case carries a NUL inside: its length is given. */
		size_t len = i == sizeof cases / sizeof cases[0] - 1 ? 12 : strlen(cases[i].in);
		char *t = malloc(len + 1);
		memcpy(t, cases[i].in, len);
		t[len] = 'X'; /* the terminator is post_clean_text's to write */
		strbuf_reset(&tu_msgs);
		tu_capture();
		long n = post_clean_text("t.md", t, len);
		const char *msgs = tu_release();
		if (cases[i].out) {
			assert_int_equal(n, (long)strlen(cases[i].out));
			assert_string_equal(t, cases[i].out);
		} else {
			assert_int_equal(n, -1);
		}
		if (cases[i].msg) {
			if (!strstr(msgs, cases[i].msg))
				fail_msg("case %zu: got \"%s\"", i, msgs);
		} else {
			assert_string_equal(msgs, "");
		}
		free(t);
	}
}

/* Found by fuzzing: YAML escapes make characters that XML forbids after
 * the file's text was checked; they broke every feed carrying the title. */
static void test_yaml_escapes_cleaned(void **state)
{
	(void)state;
	const char *t = "---\ntitle: \"a\\x01b\\uFFFEc\"\ndate: 2024-01-01\ntags: [\"t\\0\"]\n---\n";
	struct post *p = load("esc.md", t, strlen(t));
	assert_non_null(p);
	assert_string_equal(p->title, "abc");
	assert_string_equal(p->tags[0], "t");
	assert_non_null(strstr(strbuf_str(&tu_msgs),
			       "esc.md:2:8: warning: removed 2 characters that XML does not allow"));
	post_free(p);
}


/* Load text as the post file name (folders made as needed) with config c. */
static struct post *load_with(const struct config *c, const char *name, const char *text)
{
	char *sub = strdup(name), *slash = strrchr(sub, '/');
	if (slash) {
		*slash = '\0';
		char cmd[512];
		snprintf(cmd, sizeof cmd, "mkdir -p '%s/%s'", dir, sub);
		assert_int_equal(system(cmd), 0);
	}
	free(sub);
	char *path = tu_write(dir, name, text, strlen(text));
	tu_capture();
	struct post *p = post_load(path, c);
	tu_release();
	free(path);
	return p;
}

static struct post *load_ok(const char *name, const char *text)
{
	struct post *p = load_with(&cfg, name, text);
	if (!p)
		fail_msg("%s did not load:\n%s", name, strbuf_str(&tu_msgs));
	return p;
}

static time_t day(const char *ymd)
{
	time_t t;
	size_t col;
	const char *why;
	assert_int_equal(date_parse(ymd, &cfg.zone, &t, &col, &why), 0);
	return t;
}

/* One post per alias of date, and the precedence between them. */
static void test_date_aliases(void **state)
{
	(void)state;
	const char *names[] = { "date", "pubDate", "publishDate", "published", "pubDatetime", "PubDate" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char t[128];
		snprintf(t, sizeof t, "---\ntitle: x\n%s: 2021-03-04T10:00:00Z\n---\n", names[i]);
		struct post *p = load_ok("alias.md", t);
		assert_int_equal(p->date, 1614852000);
		post_free(p);
	}
	/* The first name present wins, wherever it stands. */
	struct post *p = load_ok("prec.md", "---\ntitle: x\npubDatetime: 2020-01-01\npubDate: 2021-03-04T10:00:00Z\n"
					    "publishDate: 2019-01-01\n---\n");
	assert_int_equal(p->date, 1614852000);
	post_free(p);
	/* published as a boolean is Jekyll's draft flag, not a date. */
	p = load_ok("pubfalse.md", "---\ntitle: x\npublished: false\npubDate: 2021-03-04T10:00:00Z\n---\n");
	assert_int_equal(p->date, 1614852000);
	assert_true(p->draft);
	post_free(p);
	p = load_ok("pubtrue.md", "---\ntitle: x\npublished: true\ndate: 2021-03-04T10:00:00Z\n---\n");
	assert_false(p->draft);
	post_free(p);
	p = load_ok("draft.md", "---\ntitle: x\ndraft: true\ndate: 2021-03-04\n---\n");
	assert_true(p->draft);
	post_free(p);
}

/* No date field: the file's or the folder's name gives it; a field that
 * disagrees with the name wins, silently; a day-first date is an error
 * unless the name has the date. */
static void test_date_from_file_name(void **state)
{
	(void)state;
	struct post *p = load_ok("_posts/2021-03-04-hello-world.md", "---\ntitle: Hello\n---\nHi\n");
	assert_int_equal(p->date, day("2021-03-04"));
	assert_string_equal(p->slug, "hello-world");
	post_free(p);
	p = load_ok("b/2021-03-04-bundle/index.md", "---\ntitle: Bundle\n---\n");
	assert_int_equal(p->date, day("2021-03-04"));
	post_free(p);
	p = load_ok("2015-7-1-x.md", "---\ntitle: Unpadded\n---\n");
	assert_int_equal(p->date, day("2015-07-01"));
	post_free(p);
	p = load_ok("2014-08-31-welcome.md", "---\ntitle: x\ndate: 2014-09-02 15:31:19\n---\n");
	assert_int_equal(p->date, day("2014-09-02T15:31:19"));
	assert_string_equal(strbuf_str(&tu_msgs), "");
	post_free(p);

	p = load_ok("2017-11-09-dayfirst.md", "---\ntitle: x\ndate: 11-9-2017\n---\n");
	assert_int_equal(p->date, day("2017-11-09"));
	if (!strstr(strbuf_str(&tu_msgs), "2017-11-09-dayfirst.md:3:7: warning: invalid date '11-9-2017': the year must come first") ||
	    !strstr(strbuf_str(&tu_msgs), "the date in the file name, 2017-11-09, is used"))
		fail_msg("%s", strbuf_str(&tu_msgs));
	post_free(p);
	expect_error("dayfirst.md", "---\ntitle: x\ndate: 11-9-2017\n---\n", "3:7",
		     "invalid date '11-9-2017': the year must come first (2021-03-04, 2021-03-04 10:00");
	expect_error("undated.md", "---\ntitle: x\n---\n", "1:1",
		     "missing required field 'date' (nor a date in the file name, such as 2021-03-04-slug.md; "
		     "looked for 'date', 'pubDate', 'publishDate', 'published', 'pubDatetime')");
	expect_error("2021-03-04-notitle.md", "---\ndate: 2021-03-04\n---\n", "1:1", "missing required field 'title'");
}

static void test_updated_and_summary_aliases(void **state)
{
	(void)state;
	const char *updated[] = { "updated", "lastmod", "updatedDate", "modified", "last_modified_at" };
	for (size_t i = 0; i < sizeof updated / sizeof *updated; i++) {
		char t[128];
		snprintf(t, sizeof t, "---\ntitle: x\ndate: 2021-03-04\n%s: 2021-03-05T10:00:00Z\n---\n", updated[i]);
		struct post *p = load_ok("u.md", t);
		assert_int_equal(p->updated, 1614938400);
		post_free(p);
	}
	struct post *p = load_ok("u2.md", "---\ntitle: x\ndate: 2021-03-04\nmodified: 2021-03-06\nlastmod: 2021-03-05T10:00:00Z\n---\n");
	assert_int_equal(p->updated, 1614938400);
	post_free(p);
	/* An updated date that cannot be read is left out, with a warning. */
	p = load_ok("u3.md", "---\ntitle: x\ndate: 2021-03-04\nlastmod: soon\n---\n");
	assert_int_equal(p->updated, p->date);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "u3.md:4:10: warning: invalid lastmod 'soon'"));
	post_free(p);

	const char *summary[] = { "description", "summary", "excerpt", "subtitle" };
	for (size_t i = 0; i < sizeof summary / sizeof *summary; i++) {
		char t[128];
		snprintf(t, sizeof t, "---\ntitle: x\ndate: 2021-03-04\n%s: The gist.\n---\n", summary[i]);
		p = load_ok("s.md", t);
		assert_string_equal(p->description, "The gist.");
		post_free(p);
	}
	p = load_ok("s2.md", "---\ntitle: x\ndate: 2021-03-04\nsubtitle: Sub\nsummary: Sum\n---\n");
	assert_string_equal(p->description, "Sum");
	post_free(p);
	/* Entities in a summary are decoded (Hugo sites write &#46;). */
	p = load_ok("s3.md", "---\ntitle: x\ndate: 2021-03-04\nsummary: 'good APIs&#46;'\n---\n");
	assert_string_equal(p->description, "good APIs.");
	post_free(p);
}

static void test_image_aliases(void **state)
{
	(void)state;
	struct {
		const char *yaml, *og_image, *own_image;
	} cases[] = {
		{ "ogImage: card.png", "card.png", NULL },
		{ "image: ./cover.jpg", "cover.jpg", NULL },
		{ "image: https://cdn.example.org/a b.png", NULL, "https://cdn.example.org/a%20b.png" },
		{ "image: /img/x.png", NULL, "https://ebpf.io/img/x.png" },
		{ "image: //cdn.example.org/x.png", NULL, "https://cdn.example.org/x.png" },
		{ "images: [/img/first.png, /img/second.png]", NULL, "https://ebpf.io/img/first.png" },
		{ "cover: cover.webp", "cover.webp", NULL },
		{ "cover: {image: /img/c.png, alt: A}", NULL, "https://ebpf.io/img/c.png" },
		{ "heroImage: /hero.jpg", NULL, "https://ebpf.io/hero.jpg" },
		{ "featured_image: feature.jpg", "feature.jpg", NULL },
		{ "thumbnail: thumb.jpg", "thumb.jpg", NULL },
		/* A mapping that names no picture is passed over. */
		{ "featured_image: {uid: pic, alt: ''}\nthumbnail: t.jpg", "t.jpg", NULL },
		{ "featured_image: {uid: pic, alt: ''}", NULL, NULL },
		/* The first present wins. */
		{ "thumbnail: t.jpg\nogImage: og.jpg\nimage: /i.png", "og.jpg", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char t[256];
		snprintf(t, sizeof t, "---\ntitle: x\ndate: 2021-03-04\n%s\n---\n", cases[i].yaml);
		struct post *p = load_ok("img.md", t);
		const char *og = p->og_image ? p->og_image : "(none)", *own = p->own_image ? p->own_image : "(none)";
		if (strcmp(og, cases[i].og_image ? cases[i].og_image : "(none)") != 0 ||
		    strcmp(own, cases[i].own_image ? cases[i].own_image : "(none)") != 0)
			fail_msg("%s: ogImage %s, own image %s", cases[i].yaml, og, own);
		assert_string_equal(strbuf_str(&tu_msgs), "");
		post_free(p);
	}
	struct post *p = load_ok("img2.md", "---\ntitle: x\ndate: 2021-03-04\nimage: ../../up.jpg\n---\n");
	assert_null(p->og_image);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "img2.md:4:8: warning: image '../../up.jpg' is neither"));
	post_free(p);
}

static void assert_strings(char **v, const char *const *want)
{
	size_t i = 0;
	for (; want[i]; i++) {
		if (!v[i])
			fail_msg("missing '%s'", want[i]);
		assert_string_equal(v[i], want[i]);
	}
	assert_null(v[i]);
}

static void test_categories_and_tags(void **state)
{
	(void)state;
	struct post *p = load_ok("t1.md", "---\ntitle: x\ndate: 2021-03-04\ncategories: jekyll  update\ntags: \"x, y z,\"\n---\n");
	assert_strings(p->categories, (const char *[]){ "jekyll", "update", NULL });
	assert_strings(p->tags, (const char *[]){ "x", "y z", NULL });
	post_free(p);
	p = load_ok("t2.md", "---\ntitle: x\ndate: 2021-03-04\ncategory: Open Source\nkeywords: a, b\n---\n");
	assert_strings(p->categories, (const char *[]){ "Open Source", NULL });
	assert_strings(p->tags, (const char *[]){ "a", "b", NULL });
	post_free(p);
	p = load_ok("t3.md", "---\ntitle: x\ndate: 2021-03-04\ncategories: [Two words, 2024]\nkeywords: [k]\ntags: [t]\n"
			      "category: ignored\n---\n");
	assert_strings(p->categories, (const char *[]){ "Two words", "2024", NULL });
	assert_strings(p->tags, (const char *[]){ "t", NULL });
	post_free(p);
	/* An entry that is not a string is left out with a warning; empty is none. */
	p = load_ok("t4.md", "---\ntitle: x\ndate: 2021-03-04\ncategories: [a, {b: 1}]\ntags:\n---\n");
	assert_strings(p->categories, (const char *[]){ "a", NULL });
	assert_strings(p->tags, (const char *[]){ NULL });
	assert_non_null(strstr(strbuf_str(&tu_msgs), "t4.md:4:17: warning: each entry of 'categories' must be a string"));
	post_free(p);
}

static void test_author_forms(void **state)
{
	(void)state;
	struct {
		const char *yaml;
		const char *names[3], *urls[3];
	} cases[] = {
		{ "author: parkr", { "parkr" }, { "" } },
		{ "authors: [ada, bo]", { "ada", "bo" }, { "", "" } },
		{ "author: {name: Ada, email: a@x.org, url: 'https://ada.example'}", { "Ada" }, { "https://ada.example" } },
		{ "authors:\n  - name: Ada\n    url: /people/ada/\n  - Bo", { "Ada", "Bo" }, { "https://ebpf.io/people/ada/", "" } },
		{ "author: '[Ada Lovelace](https://ada.example/)'", { "Ada Lovelace" }, { "https://ada.example/" } },
		{ "author: 'By [Ada](https://a.example) and [Bo](https://b.example)'", { "By Ada and Bo" }, { "" } },
		{ "author: {email: a@x.org}", { "a@x.org" }, { "" } },
		{ "author: 'Tom &amp; Jerry'", { "Tom & Jerry" }, { "" } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char t[256];
		snprintf(t, sizeof t, "---\ntitle: x\ndate: 2021-03-04\n%s\n---\n", cases[i].yaml);
		struct post *p = load_ok("a.md", t);
		assert_strings(p->authors, cases[i].names);
		bool any = false;
		for (size_t k = 0; cases[i].urls[k]; k++)
			any |= cases[i].urls[k][0] != '\0';
		if (any)
			assert_strings(p->author_urls, cases[i].urls);
		else
			assert_null(p->author_urls);
		assert_string_equal(strbuf_str(&tu_msgs), "");
		post_free(p);
	}
	struct post *p = load_ok("a2.md", "---\ntitle: x\ndate: 2021-03-04\nauthors: [[nested]]\n---\n");
	assert_strings(p->authors, (const char *[]){ NULL });
	assert_non_null(strstr(strbuf_str(&tu_msgs), "a2.md:4:11: warning: an author must be a name"));
	post_free(p);
}

static void test_slug_path_lang_expiry(void **state)
{
	(void)state;
	struct post *p = load_ok("x.md", "---\ntitle: x\ndate: 2021-03-04\nslug: 2019\naliases: [/old/]\nlang: en_us\n"
					 "expirydate: 2030-01-01\n---\n");
	assert_string_equal(p->slug, "2019");
	assert_string_equal(p->path, "/blog/2021/03/04/2019/");
	assert_string_equal(p->lang, "en-US");
	assert_int_equal(p->expires, day("2030-01-01"));
	assert_string_equal(strbuf_str(&tu_msgs), "");
	post_free(p);
	const char *paths[][2] = {
		{ "path: /a/", "/a/" },
		{ "permalink: /b/", "/b/" },
		{ "url: c/d/", "/c/d/" },
		{ "url: https://ebpf.io/e/", "/e/" },
		{ "url: /u/\npath: /p/", "/p/" },
	};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		char t[128];
		snprintf(t, sizeof t, "---\ntitle: x\ndate: 2021-03-04\n%s\n---\n", paths[i][0]);
		p = load_ok("p.md", t);
		assert_string_equal(p->path, paths[i][1]);
		post_free(p);
	}
	p = load_ok("p2.md", "---\ntitle: x\ndate: 2021-03-04\nurl: https://elsewhere.example/x/\nlanguage: english\n---\n");
	assert_string_equal(p->path, "/blog/2021/03/04/p2/");
	assert_null(p->lang);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "p2.md:4:6: warning: url 'https://elsewhere.example/x/' is not on the site"));
	assert_non_null(strstr(strbuf_str(&tu_msgs), "p2.md:5:11: warning: language 'english' is not a language tag"));
	post_free(p);
}

/* Values that leave a sensible post are warnings, not errors (issue 13's
 * messy data): a draft flag that is not a boolean, an externalUrl that is
 * a path on the site or not a URL, a cardTemplate that is not a string. */
static void test_soft_fields(void **state)
{
	(void)state;
	struct post *p = load_ok("d.md", "---\ntitle: x\ndate: 2021-03-04\ndraft: maybe\n---\n");
	assert_true(p->draft);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "d.md:4:8: warning: draft 'maybe' is neither true nor false: "
						     "the post is taken as a draft"));
	post_free(p);
	p = load_ok("e.md", "---\ntitle: x\ndate: 2021-03-04\nexternalUrl: /talks/x/\n---\n");
	assert_string_equal(p->external_url, "https://ebpf.io/talks/x/");
	assert_string_equal(p->link, "https://ebpf.io/talks/x/");
	assert_string_equal(strbuf_str(&tu_msgs), "");
	post_free(p);
	p = load_ok("f.md", "---\ntitle: x\ndate: 2021-03-04\nexternalUrl: example.com/x\n---\n");
	assert_null(p->external_url);
	assert_string_equal(p->link, "https://ebpf.io/blog/2021/03/04/f/");
	assert_non_null(strstr(strbuf_str(&tu_msgs), "f.md:4:14: warning: externalUrl 'example.com/x' is not an "
						     "absolute http(s) URL: left out (the post links to its own page)"));
	post_free(p);
	p = load_ok("g.md", "---\ntitle: x\ndate: 2021-03-04\ncardTemplate: [a, b]\n---\n");
	assert_null(p->card_template);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "g.md:4:15: warning: "));
	post_free(p);
}

/* Hugo's params, Zola's extra and taxonomies: read when the top level
 * lacks a field. */
static void test_params_and_extra(void **state)
{
	(void)state;
	struct post *p = load_ok("h.md", "---\ntitle: x\ndate: 2021-03-04\nparams:\n  description: From params\n"
					 "  image: /p.png\n---\n");
	assert_string_equal(p->description, "From params");
	assert_string_equal(p->own_image, "https://ebpf.io/p.png");
	post_free(p);
	p = load_ok("z.md", "---\ntitle: x\ndate: 2021-03-04\ndescription: Top\nextra:\n  description: From extra\n"
				"  Author: Zed\n---\n");
	assert_string_equal(p->description, "Top");
	assert_strings(p->authors, (const char *[]){ "Zed", NULL });
	post_free(p);
	/* Zola keeps tags and categories under taxonomies. */
	p = load_ok("zt.md", "---\ntitle: x\ndate: 2021-03-04\ntaxonomies:\n  tags: [rust, zola]\n  categories: [dev]\n---\n");
	assert_strings(p->tags, (const char *[]){ "rust", "zola", NULL });
	assert_strings(p->categories, (const char *[]){ "dev", NULL });
	post_free(p);
}

/* Keys in any case, as Hugo lowercases them. */
static void test_keys_any_case(void **state)
{
	(void)state;
	struct post *p = load_ok("c.md", "---\nTITLE: Loud\nDate: 2021-03-04\nogimage: o.png\nLASTMOD: 2021-03-05\n---\n");
	assert_string_equal(p->title, "Loud");
	assert_string_equal(p->og_image, "o.png");
	assert_int_equal(p->updated, day("2021-03-05"));
	post_free(p);
}

/* Entities and tags in titles are plain text; what only looks like a tag
 * stays as written. */
static void test_titles_plain_text(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "'It&#8217;s Q&amp;A'", "It\u2019s Q&A" },
		{ "'<i>Italic</i> and <b>bold</b>'", "Italic and bold" },
		{ "'Vec<T> & Box<dyn Error>'", "Vec<T> & Box<dyn Error>" },
		{ "'a < b && c'", "a < b && c" },
		{ "'AT&T &copy; <em>x</em>'", "AT&T \u00a9 x" },
		{ "\"<span>line\\nbreak</span>\"", "line break" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char t[256];
		snprintf(t, sizeof t, "---\ntitle: %s\ndate: 2021-03-04\n---\n", cases[i][0]);
		struct post *p = load_ok("e.md", t);
		assert_string_equal(p->title, cases[i][1]);
		post_free(p);
	}
	expect_error("blank.md", "---\ntitle: '<i></i>'\ndate: 2021-03-04\n---\n", "2:8", "the title is blank");
}

/* Duplicate keys: the last wins, with a warning naming both lines. */
static void test_duplicate_keys(void **state)
{
	(void)state;
	struct post *p = load_ok("dup.md", "---\ntitle: a\ndate: 2024-01-01\nTitle: b\n---\n");
	assert_string_equal(p->title, "b");
	const char *m = strbuf_str(&tu_msgs);
	if (!strstr(m, "dup.md:4:1: warning: duplicate key 'Title' (first given on line 2): this one is used"))
		fail_msg("%s", m);
	post_free(p);
}

static int load_config_text(const char *name, const char *extra, struct config *c)
{
	char text[1024];
	snprintf(text, sizeof text, "site:\n  title: T\n  url: https://ebpf.io/\n%s", extra);
	char *path = tu_write(dir, name, text, strlen(text));
	tu_capture();
	int rc = config_load(path, c);
	tu_release();
	free(path);
	return rc;
}

/* fields: in feedcard.yaml replaces a field's names. */
static void test_fields_mapping(void **state)
{
	(void)state;
	struct config c;
	assert_int_equal(load_config_text("f.yaml", "fields:\n  summary: [ogSummary, description]\n"
						    "  image: params.cover\n  tags: topics\n  date: [published_at]\n", &c), 0);
	struct post *p = load_with(&c, "m.md", "---\ntitle: x\npublished_at: 2021-03-04\ndate: 1999-01-01\n"
					       "summary: not this\ndescription: D\nogSummary: S\n"
					       "params:\n  cover: /c.png\ntopics: [a, b]\ntags: [no]\n---\n");
	assert_non_null(p);
	assert_int_equal(p->date, day("2021-03-04") + 7200); /* this config is in UTC */
	assert_string_equal(p->description, "S");
	assert_string_equal(p->own_image, "https://ebpf.io/c.png");
	assert_strings(p->tags, (const char *[]){ "a", "b", NULL });
	post_free(p);
	/* The other fields keep their built-in names. */
	p = load_with(&c, "m2.md", "---\ntitle: x\npublished_at: 2021-03-04\ndescription: D\nimage: i.png\n---\n");
	assert_string_equal(p->description, "D");
	assert_null(p->og_image); /* image: names only params.cover now */
	assert_strings(p->tags, (const char *[]){ NULL });
	post_free(p);
	config_release(&c);

	assert_int_equal(load_config_text("bad.yaml", "fields:\n  summary: ogSummary\n  picture: [img]\n"
						       "  tags: [a..b]\n  image: {x: 1}\n  title: []\n", &c), -1);
	const char *m = strbuf_str(&tu_msgs);
	config_release(&c);
	if (!strstr(m, "bad.yaml:6:3: error: unknown field 'picture' in fields (feedcard's fields are title, date") ||
	    !strstr(m, "bad.yaml:7:9: error: fields.tags: 'a..b' is not a front matter name") ||
	    !strstr(m, "bad.yaml:8:10: error: 'fields.image' must be a string or a list of strings") ||
	    !strstr(m, "bad.yaml:9:10: error: fields.title must list 1 to 16 front matter names"))
		fail_msg("%s", m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_values),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_config_layout_and_permalink),
		cmocka_unit_test(test_post_page_from_layout),
		cmocka_unit_test(test_load_drafts_and_html),
		cmocka_unit_test(test_language_tags),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_full_post),
		cmocka_unit_test(test_body_read_again),
		cmocka_unit_test(test_link_only_post),
		cmocka_unit_test(test_errors_name_file_line_col),
		cmocka_unit_test(test_huge_title),
		cmocka_unit_test(test_control_characters_removed),
		cmocka_unit_test(test_clean_text_edges),
		cmocka_unit_test(test_yaml_escapes_cleaned),
		cmocka_unit_test(test_date_aliases),
		cmocka_unit_test(test_date_from_file_name),
		cmocka_unit_test(test_updated_and_summary_aliases),
		cmocka_unit_test(test_image_aliases),
		cmocka_unit_test(test_categories_and_tags),
		cmocka_unit_test(test_author_forms),
		cmocka_unit_test(test_slug_path_lang_expiry),
		cmocka_unit_test(test_soft_fields),
		cmocka_unit_test(test_params_and_extra),
		cmocka_unit_test(test_keys_any_case),
		cmocka_unit_test(test_titles_plain_text),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_fields_mapping),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
