/* serve_snap: what a snapshot of the output folder holds (which files, in
 * what order, under which keys, with which bytes), the headers it prepares
 * for each (Content-Type, Cache-Control, ETags, mtime, the gzip copy), what
 * it leaves out (hidden and temporary files, links out of the folder), and
 * lookups. Only the public API of serve_snap.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "serve_snap.h"
#include "testutil.h"
#include "xalloc.h"

static void test_types(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "rss.xml", "application/rss+xml; charset=utf-8" },
		{ "blog/tags/bpf/rss.xml", "application/rss+xml; charset=utf-8" },
		{ "blog/atom.xml", "application/atom+xml; charset=utf-8" },
		{ "feed.json", "application/feed+json; charset=utf-8" },
		{ "sitemap.xml", "application/xml; charset=utf-8" },
		{ "my-rss.xml", "application/xml; charset=utf-8" },
		{ "data.json", "application/json; charset=utf-8" },
		{ "index.html", "text/html; charset=utf-8" },
		{ "OLD.HTM", "text/html; charset=utf-8" },
		{ "robots.txt", "text/plain; charset=utf-8" },
		{ "a.css", "text/css; charset=utf-8" },
		{ "a.js", "text/javascript; charset=utf-8" },
		{ "favicon.ico", "image/vnd.microsoft.icon" },
		{ "blog/x/ogimage.jpg", "image/jpeg" },
		{ "PHOTO.JPEG", "image/jpeg" },
		{ "card.png", "image/png" },
		{ "card.webp", "image/webp" },
		{ "logo.svg", "image/svg+xml" },
		{ "rss.xml.bak", "application/octet-stream" },
		{ "Makefile", "application/octet-stream" },
		{ "dir.jpg/file", "application/octet-stream" },
		{ "", "application/octet-stream" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (strcmp(serve_snap_type(cases[i][0]), cases[i][1]) != 0)
			fail_msg("type of '%s': '%s', want '%s'", cases[i][0], serve_snap_type(cases[i][0]),
				 cases[i][1]);
}

static char *site; /* the folder snapshot, tu_dir/site */

static void put(const char *rel, const void *data, size_t len)
{
	char *p = xasprintf("%s/%s", site, rel);
	for (char *s = strchr(p + strlen(site) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
		*s = '/';
	}
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	free(p);
}

static void puts_file(const char *rel, const char *text)
{
	put(rel, text, strlen(text));
}

static char big_xml[20000]; /* compresses well */
static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 0xff, 0xd9 };

/* The folder every snapshot test reads. */
static int setup(void **state)
{
	if (tu_setup_tmpdir(state) != 0)
		return -1;
	site = xasprintf("%s/site", tu_dir);
	if (mkdir(site, 0755) != 0)
		return -1;
	for (size_t i = 0; i + 1 < sizeof big_xml; i++)
		big_xml[i] = "<item>feedcard</item>\n"[i % 22];
	puts_file("blog/rss.xml", big_xml);
	puts_file("blog/atom.xml", "<feed/>");
	puts_file("blog/copy.xml", "<feed/>"); /* same bytes as atom.xml */
	puts_file("index.html", "<!doctype html><title>home</title>\n");
	put("blog/2024/a/ogimage.jpg", jpeg, sizeof jpeg);
	puts_file("Zeta.txt", "z");
	puts_file("empty.json", "");
	puts_file(".hidden", "secret");
	puts_file(".git/config", "secret");
	puts_file("blog/.feedcard-state", "secret");
	puts_file("blog/rss.xml.tmp.AbC123", "partial");
	char *outside = xasprintf("%s/outside.txt", tu_dir);
	FILE *f = fopen(outside, "w");
	fputs("outside", f);
	fclose(f);
	char *l1 = xasprintf("%s/inside.xml", site);
	char *l2 = xasprintf("%s/leak.txt", site);
	char *l3 = xasprintf("%s/broken.txt", site);
	int rc = symlink("blog/atom.xml", l1) | symlink(outside, l2) | symlink("nowhere", l3);
	/* A known mtime, to see it carried over. */
	char *idx = xasprintf("%s/index.html", site);
	struct timeval tv[2] = { { 1700000000, 0 }, { 1700000000, 0 } };
	rc |= utimes(idx, tv);
	free(idx);
	free(outside);
	free(l1);
	free(l2);
	free(l3);
	return rc;
}

static int teardown(void **state)
{
	free(site);
	return tu_teardown_tmpdir(state);
}

static struct serve_snap *load(void)
{
	struct serve_snap *s = NULL;
	tu_capture();
	assert_int_equal(serve_snap_load(site, &s), 0);
	tu_release();
	assert_non_null(s);
	return s;
}

/* The files served, sorted bytewise by key; nothing hidden, temporary or
 * outside; the links inside served with their target's bytes. */
static void test_contents(void **state)
{
	(void)state;
	struct serve_snap *s = load();
	static const char *const want[] = {
		"Zeta.txt",     "blog/2024/a/ogimage.jpg", "blog/atom.xml", "blog/copy.xml", "blog/rss.xml",
		"empty.json",   "index.html",              "inside.xml",
	};
	size_t n = sizeof want / sizeof *want;
	for (size_t i = 0; i < s->count && i < n; i++)
		if (strcmp(s->files[i].key, want[i]) != 0)
			fail_msg("file %zu is '%s', want '%s'", i, s->files[i].key, want[i]);
	assert_int_equal(s->count, n);
	size_t bytes = 0;
	for (size_t i = 0; i < s->count; i++)
		bytes += s->files[i].len + s->files[i].gz_len;
	assert_int_equal(s->bytes, bytes);
	/* The links out of the folder and to nothing are each named once. */
	const char *m = strbuf_str(&tu_msgs);
	if (!strstr(m, "leak.txt: warning: symbolic link to ") || !strstr(m, "outside the output folder: not served") ||
	    !strstr(m, "broken.txt: warning: broken symbolic link: not served"))
		fail_msg("messages: %s", m);
	const struct serve_snap_file *f = serve_snap_find(s, "inside.xml");
	assert_non_null(f);
	assert_int_equal(f->len, 7);
	assert_memory_equal(f->data, "<feed/>", 7);
	serve_snap_free(s);
}

static bool is_etag(const char *e, const char *suffix)
{
	if (e[0] != '"')
		return false;
	for (int i = 1; i <= 16; i++)
		if (!isxdigit((unsigned char)e[i]) || isupper((unsigned char)e[i]))
			return false;
	return strncmp(e + 17, suffix, strlen(suffix)) == 0 && strcmp(e + 17 + strlen(suffix), "\"") == 0;
}

static void test_headers(void **state)
{
	(void)state;
	struct serve_snap *s = load();
	const struct serve_snap_file *rss = serve_snap_find(s, "blog/rss.xml");
	const struct serve_snap_file *atom = serve_snap_find(s, "blog/atom.xml");
	const struct serve_snap_file *copy = serve_snap_find(s, "blog/copy.xml");
	const struct serve_snap_file *jpg = serve_snap_find(s, "blog/2024/a/ogimage.jpg");
	const struct serve_snap_file *html = serve_snap_find(s, "index.html");
	const struct serve_snap_file *txt = serve_snap_find(s, "Zeta.txt");
	const struct serve_snap_file *empty = serve_snap_find(s, "empty.json");
	assert_true(rss && atom && copy && jpg && html && txt && empty);

	assert_int_equal(rss->len, strlen(big_xml));
	assert_memory_equal(rss->data, big_xml, rss->len);
	assert_memory_equal(jpg->data, jpeg, sizeof jpeg);
	assert_int_equal(empty->len, 0);

	assert_string_equal(rss->type, "application/rss+xml; charset=utf-8");
	assert_string_equal(rss->cache_control, "public, max-age=300");
	assert_string_equal(atom->cache_control, "public, max-age=300");
	assert_string_equal(copy->type, "application/xml; charset=utf-8");
	assert_string_equal(copy->cache_control, "public, max-age=3600");
	assert_string_equal(jpg->type, "image/jpeg");
	assert_string_equal(jpg->cache_control, "public, max-age=604800");
	assert_string_equal(html->cache_control, "public, max-age=60");
	assert_string_equal(txt->cache_control, "public, max-age=3600");
	assert_int_equal(html->mtime, 1700000000);

	/* Strong ETags from the bytes: equal bytes, equal tags; the gzip
	 * copy's tag is the same hash marked -gz. */
	for (size_t i = 0; i < s->count; i++) {
		const struct serve_snap_file *f = &s->files[i];
		if (!is_etag(f->etag, "") || !is_etag(f->etag_gz, "-gz") || strncmp(f->etag, f->etag_gz, 17) != 0)
			fail_msg("%s: ETags %s and %s", f->key, f->etag, f->etag_gz);
	}
	assert_string_equal(atom->etag, copy->etag);
	assert_string_not_equal(atom->etag, rss->etag);
	assert_string_not_equal(atom->etag, html->etag);

	/* A gzip copy only of text, and only when it is smaller. */
	assert_non_null(rss->gz);
	assert_true(rss->gz_len > 18 && rss->gz_len < rss->len / 10);
	assert_int_equal(rss->gz[0], 0x1f);
	assert_int_equal(rss->gz[1], 0x8b);
	assert_null(jpg->gz);
	assert_int_equal(jpg->gz_len, 0);
	assert_null(txt->gz); /* one byte: gzip is larger */
	assert_null(empty->gz);
	serve_snap_free(s);
}

static void test_find(void **state)
{
	(void)state;
	struct serve_snap *s = load();
	for (size_t i = 0; i < s->count; i++)
		assert_ptr_equal(serve_snap_find(s, s->files[i].key), &s->files[i]);
	static const char *const absent[] = {
		"", "/index.html", "blog", "blog/", "index.htm", "INDEX.HTML", "blog//rss.xml", "./index.html",
		".hidden", ".git/config", "blog/.feedcard-state", "blog/rss.xml.tmp.AbC123", "leak.txt", "broken.txt",
	};
	for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
		if (serve_snap_find(s, absent[i]))
			fail_msg("'%s' found", absent[i]);
	serve_snap_free(s);
	serve_snap_free(NULL);
}

/* A new snapshot sees the folder as it is now; the old one is unchanged. */
static void test_snapshot_is_a_copy(void **state)
{
	(void)state;
	struct serve_snap *old = load();
	puts_file("blog/atom.xml", "<feed>new</feed>");
	puts_file("new.txt", "new");
	struct serve_snap *now = load();
	const struct serve_snap_file *a = serve_snap_find(old, "blog/atom.xml");
	const struct serve_snap_file *b = serve_snap_find(now, "blog/atom.xml");
	assert_memory_equal(a->data, "<feed/>", 7);
	assert_memory_equal(b->data, "<feed>new</feed>", 16);
	assert_string_not_equal(a->etag, b->etag);
	assert_null(serve_snap_find(old, "new.txt"));
	assert_non_null(serve_snap_find(now, "new.txt"));
	assert_int_equal(now->count, old->count + 1);
	serve_snap_free(old);
	serve_snap_free(now);
	puts_file("blog/atom.xml", "<feed/>");
	char *p = xasprintf("%s/new.txt", site);
	unlink(p);
	free(p);
}

static void test_missing_and_not_a_folder(void **state)
{
	(void)state;
	char *missing = xasprintf("%s/none", tu_dir);
	struct serve_snap *s = NULL;
	tu_capture();
	assert_int_equal(serve_snap_load(missing, &s), 0);
	const char *m = tu_release();
	assert_non_null(s);
	assert_int_equal(s->count, 0);
	assert_null(serve_snap_find(s, "rss.xml"));
	if (!strstr(m, "none: warning: the output folder does not exist yet: serving nothing"))
		fail_msg("%s", m);
	serve_snap_free(s);
	free(missing);

	char *file = xasprintf("%s/index.html", site);
	s = NULL;
	tu_capture();
	assert_int_equal(serve_snap_load(file, &s), -1);
	m = tu_release();
	assert_null(s);
	if (!strstr(m, "index.html: error: the output folder is not a folder"))
		fail_msg("%s", m);
	free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_contents),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_snapshot_is_a_copy),
		cmocka_unit_test(test_missing_and_not_a_folder),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
