/* scan and the file helpers it leans on: what the walk finds, in what order,
 * what it remembers of the other files, and fsout's folder making and
 * whole-file reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsin.h"
#include "fsout.h"
#include "jobs.h"
#include "path.h"
#include "scan.h"
#include "testutil.h"
#include "xalloc.h"


static void mk(const char *rel)
{
	char *p = path_join(tu_dir, rel);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
}

static void put(const char *rel, const char *text)
{
	free(tu_write(tu_dir, rel, text, strlen(text)));
}

static char *at(const char *rel)
{
	return path_join(tu_dir, rel);
}

/* Write rel (its folders made as needed). */
static void putp(const char *rel, const char *text)
{
	char *p = at(rel);
	char *d = path_dirname(p);
	assert_int_equal(fsout_mkdirs(d), 0);
	free(d);
	free(p);
	put(rel, text);
}

static int walk(const char *dir, int threads, bool demote, scan_visit_fn visit, void *ctx,
		struct scan_result *r)
{
	struct scan_opts o = { threads, demote, false, SCAN_AUTO };
	return scan_posts(dir, &o, visit, ctx, r);
}

/* Walk rel with the options given and check the posts found, in order. */
static void expect_posts(const char *rel, bool drafts, enum scan_layout layout, bool jekyll,
			 const char *const *want, size_t n)
{
	char *top = at(rel);
	for (int threads = 1; threads <= 3; threads += 2) {
		struct scan_opts o = { threads, false, drafts, layout };
		struct scan_result r;
		tu_capture();
		assert_int_equal(scan_posts(top, &o, NULL, NULL, &r), 0);
		tu_release();
		for (size_t i = 0; i < r.count || i < n; i++) {
			char *w = i < n ? path_join(top, want[i]) : NULL;
			if (i >= r.count || !w || strcmp(r.paths[i], w) != 0)
				fail_msg("%s post %zu: got %s, want %s", rel, i, i < r.count ? r.paths[i] : "none",
					 w ? w : "none");
			free(w);
		}
		assert_int_equal(r.jekyll, jekyll);
		scan_release(&r);
	}
	free(top);
}

static void test_walk_order_and_presence(void **state)
{
	(void)state;
	/* Page bundles, a flat post, a nested folder, hidden and README files,
	 * a link to a folder (not followed) and a link to an image. */
	mk("a");
	mk("a-b");
	mk("a/img");
	mk("z");
	mk("z/deep");
	mk("z/deep/er");
	mk(".hidden");
	put("a/index.md", "x");
	put("a/ogimage.png", "png");
	put("a/img/card.jpg", "jpg");
	put("a-b/index.md", "x");
	put("a-b.md", "x");
	put("z/deep/er/post.md", "x");
	put("z/README.md", "x");
	put(".hidden/secret.md", "x");
	put("top.txt", "x");
	char *target = at("a/ogimage.png"), *link = at("z/og.png"), *dlink = at("z/linked");
	char *adir = at("a");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(symlink(adir, dlink), 0);

	for (int threads = 1; threads <= 3; threads++) {
		struct scan_result r;
		tu_capture();
		assert_int_equal(walk(tu_dir, threads, false, NULL, NULL, &r), 0);
		const char *msgs = tu_release();
		assert_non_null(strstr(msgs, "symbolic link to a folder not followed"));
		assert_int_equal(r.count, 4);
		/* Bytewise order of the whole path, whatever the thread count. */
		const char *want[] = { "a-b.md", "a-b/index.md", "a/index.md", "z/deep/er/post.md" };
		for (size_t i = 0; i < 4; i++) {
			char *w = at(want[i]);
			assert_string_equal(r.paths[i], w);
			free(w);
		}
		struct {
			const char *rel;
			enum scan_presence want;
		} cases[] = {
			{ "a/ogimage.png", SCAN_MAYBE },   /* there */
			{ "a/img/card.jpg", SCAN_MAYBE },  /* in a subfolder */
			{ "z/og.png", SCAN_MAYBE },        /* a link: stat to be sure */
			{ "a/ogimage.webp", SCAN_ABSENT }, /* its folder was walked */
			{ "z/deep/none.jpg", SCAN_ABSENT },
			{ "top.txt", SCAN_MAYBE },
			{ "a/.og.png", SCAN_UNKNOWN },      /* hidden: never listed */
			{ "z/linked/ogimage.png", SCAN_UNKNOWN }, /* not walked */
			{ ".hidden/x.png", SCAN_UNKNOWN },
			{ "nope/x.png", SCAN_UNKNOWN },
		};
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			char *p = at(cases[i].rel);
			if (scan_presence(&r, p) != cases[i].want)
				fail_msg("%s: presence %d, want %d", cases[i].rel, scan_presence(&r, p), cases[i].want);
			free(p);
		}
		assert_int_equal(scan_presence(NULL, target), SCAN_UNKNOWN);
		scan_release(&r);
	}
	free(target);
	free(link);
	free(dlink);
	free(adir);
}

/* The visit reads each post through the folder the walk has open; what it
 * returns stays beside its path after the sort, whatever the thread count. */
struct visit_ctx {
	atomic_int calls;
};

static void *visit_read(void *ctx, int dirfd, const char *name, const char *path)
{
	struct visit_ctx *v = ctx;
	atomic_fetch_add(&v->calls, 1);
	char *data = NULL;
	size_t len = 0;
	if (fsin_read_file_at(dirfd, name, path, 1 << 20, &data, &len) != 0)
		return xstrdup("unreadable");
	/* The name is relative to dirfd: the last part of the path. */
	assert_string_equal(strrchr(path, '/') + 1, name);
	return data;
}

static void test_visit(void **state)
{
	(void)state;
	mk("v");
	mk("v/p1");
	mk("v/p2");
	mk("v/s");
	mk("v/s/sub");
	put("v/p1/index.md", "one");
	put("v/p2/index.md", "two");
	put("v/s/sub/deeper.md", "three");
	put("v/flat.md", "four");
	char *gone = at("v/p1/gone.md"), *nothing = at("v/nothing-here");
	assert_int_equal(symlink(nothing, gone), 0); /* a link to nothing: an error */
	const char *want[][2] = {
		{ "v/flat.md", "four" }, { "v/p1/index.md", "one" }, { "v/p2/index.md", "two" }, { "v/s/sub/deeper.md", "three" },
	};
	char *top = at("v");
	for (int threads = 1; threads <= 3; threads++) {
		struct visit_ctx v;
		atomic_init(&v.calls, 0);
		struct scan_result r;
		tu_capture();
		assert_int_equal(walk(top, threads, false, visit_read, &v, &r), 0);
		assert_non_null(strstr(tu_release(), "p1/gone.md: error: cannot read: a symbolic link to nothing"));
		assert_int_equal(r.errors, 1);
		assert_int_equal(atomic_load(&v.calls), 4);
		assert_int_equal(r.count, 4);
		for (size_t i = 0; i < 4; i++) {
			char *w = at(want[i][0]);
			assert_string_equal(r.paths[i], w);
			assert_string_equal((char *)r.items[i], want[i][1]);
			free(w);
			free(r.items[i]);
		}
		scan_release(&r);
		/* Demoted (--keep-going), the walk's errors are warnings. */
		tu_capture();
		assert_int_equal(walk(top, threads, true, NULL, NULL, &r), 0);
		assert_non_null(strstr(tu_release(), "p1/gone.md: warning: cannot read"));
		assert_int_equal(r.errors, 0);
		assert_null(r.items[0]);
		scan_release(&r);
	}
	free(gone);
	free(nothing);
	free(top);
}

/* Which files are posts: the kinds of post file, the names skipped, page
 * bundles (the index file is the post; the rest, in subfolders too, are
 * its resources) and the content folder's own index page. */
static void test_post_files(void **state)
{
	(void)state;
	const char *files[] = {
		"k/a.md", "k/b.markdown", "k/c.mdx", "k/d.html", "k/e.txt", "k/_f.md", "k/.g.md",
		"k/README.md", "k/readme.markdown", "k/index.md", "k/notes.md~", "k/#h.md#",
		"k/sec/_index.md", "k/sec/x.md", "k/sec/deeper/y.md", "k/_layouts/l.md",
		"k/node_modules/pkg/p.md", "k/bund/index.md", "k/bund/extra.md", "k/bund/img/pic.md",
		"k/bund/img/p.png", "k/hb/index.html", "k/hb/other.md", "k/2021-03-04-b/index.md",
		"k/.git/x.md", "k/_drafts/d.md",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		putp(files[i], "x");
	const char *want[] = {
		"2021-03-04-b/index.md", "a.md", "b.markdown", "bund/index.md", "c.mdx", "d.html",
		"hb/index.html", "sec/deeper/y.md", "sec/x.md",
	};
	expect_posts("k", false, SCAN_AUTO, false, want, sizeof want / sizeof want[0]);
	/* _drafts with drafts: a folder of posts like any other here. */
	const char *want_drafts[] = {
		"2021-03-04-b/index.md", "_drafts/d.md", "a.md", "b.markdown", "bund/index.md",
		"c.mdx", "d.html", "hb/index.html", "sec/deeper/y.md", "sec/x.md",
	};
	expect_posts("k", true, SCAN_PLAIN, false, want_drafts, sizeof want_drafts / sizeof want_drafts[0]);

	/* A bundle's other files are remembered, its subfolders walked for that. */
	char *top = at("k");
	struct scan_opts o = { 2, false, false, SCAN_AUTO };
	struct scan_result r;
	tu_capture();
	assert_int_equal(scan_posts(top, &o, NULL, NULL, &r), 0);
	tu_release();
	const char *maybe[] = { "k/bund/img/p.png", "k/bund/extra.md", "k/bund/img/pic.md", "k/index.md",
				"k/e.txt", "k/_f.md" };
	for (size_t i = 0; i < sizeof maybe / sizeof maybe[0]; i++) {
		char *p = at(maybe[i]);
		if (scan_presence(&r, p) != SCAN_MAYBE)
			fail_msg("%s: presence %d", maybe[i], scan_presence(&r, p));
		free(p);
	}
	char *absent = at("k/bund/og.png");
	assert_int_equal(scan_presence(&r, absent), SCAN_ABSENT);
	free(absent);
	scan_release(&r);
	free(top);
}

/* A Jekyll site: posts are the dated files of every _posts folder (and of
 * _drafts with drafts), never its pages. */
static void test_jekyll_layout(void **state)
{
	(void)state;
	const char *files[] = {
		"j/_config.yml", "j/index.html", "j/about.md", "j/_posts/2021-03-04-hello.md",
		"j/_posts/2021-3-5-unpadded.markdown", "j/_posts/notdated.md", "j/_posts/2021-03-04-.md",
		"j/_posts/2020/2020-01-01-sub.md", "j/_posts/_hidden.md", "j/_posts/2019-01-01-x.txt",
		"j/cat/_posts/2019-02-02-cat.md", "j/cat/page.md", "j/_drafts/wip.md",
		"j/vendor/bundle/gems/x/_posts/2000-01-01-gem.md", "j/_site/_posts/2000-01-01-built.md",
		"j/node_modules/m/_posts/2000-01-01-nm.md", "j/cat/_drafts/wip2.md",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		putp(files[i], "x");
	const char *want[] = {
		"_posts/2020/2020-01-01-sub.md", "_posts/2021-03-04-hello.md",
		"_posts/2021-3-5-unpadded.markdown", "cat/_posts/2019-02-02-cat.md",
	};
	expect_posts("j", false, SCAN_AUTO, true, want, sizeof want / sizeof want[0]);
	expect_posts("j", false, SCAN_JEKYLL, true, want, sizeof want / sizeof want[0]);
	const char *want_drafts[] = {
		"_drafts/wip.md", "_posts/2020/2020-01-01-sub.md", "_posts/2021-03-04-hello.md",
		"_posts/2021-3-5-unpadded.markdown", "cat/_drafts/wip2.md", "cat/_posts/2019-02-02-cat.md",
	};
	expect_posts("j", true, SCAN_AUTO, true, want_drafts, sizeof want_drafts / sizeof want_drafts[0]);
	/* The plain layout takes the pages too, and every post file of _posts. */
	const char *want_plain[] = {
		"_posts/2020/2020-01-01-sub.md", "_posts/2021-03-04-.md", "_posts/2021-03-04-hello.md",
		"_posts/2021-3-5-unpadded.markdown", "_posts/notdated.md", "about.md",
		"cat/_posts/2019-02-02-cat.md", "cat/page.md", "vendor/bundle/gems/x/_posts/2000-01-01-gem.md",
	};
	expect_posts("j", false, SCAN_PLAIN, false, want_plain, sizeof want_plain / sizeof want_plain[0]);
	/* A category folder, with the layout said: its _posts only. */
	const char *want_cat[] = { "_posts/2019-02-02-cat.md" };
	expect_posts("j/cat", false, SCAN_JEKYLL, true, want_cat, 1);
	/* The content folder a _posts folder itself: each post file in it. */
	const char *want_posts[] = {
		"2020/2020-01-01-sub.md", "2021-03-04-.md", "2021-03-04-hello.md", "2021-3-5-unpadded.markdown",
		"notdated.md",
	};
	expect_posts("j/_posts", false, SCAN_AUTO, false, want_posts, sizeof want_posts / sizeof want_posts[0]);
	const char *want_jposts[] = { "2020/2020-01-01-sub.md", "2021-03-04-hello.md", "2021-3-5-unpadded.markdown" };
	expect_posts("j/_posts", false, SCAN_JEKYLL, true, want_jposts, 3);
}

static void test_missing_folder(void **state)
{
	(void)state;
	struct scan_result r;
	char *p = at("no-such-folder");
	tu_capture();
	assert_int_equal(walk(p, 2, false, NULL, NULL, &r), -1);
	assert_non_null(strstr(tu_release(), "does not exist or is not a folder"));
	assert_int_equal(r.count, 0);
	free(p);
}

static void test_mkdirs_and_read(void **state)
{
	(void)state;
	char *deep = at("m/n/o/p");
	tu_capture();
	assert_int_equal(fsout_mkdirs(deep), 0);
	assert_int_equal(fsout_mkdirs(deep), 0); /* exists: fine */
	struct stat st;
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	put("m/file", "data");
	char *blocked = at("m/file/sub");
	assert_int_equal(fsout_mkdirs(blocked), -1);
	const char *msgs = tu_release();
	/* Named at the file that is in the way, not at the folder wanted. */
	assert_non_null(strstr(msgs, "m/file: error: cannot create folder: a file of that name is in the way"));

	/* Whole files of every size around the buffer's edges read back. */
	for (size_t len = 0; len < 70000; len = len * 3 + 1) {
		char *text = xmalloc(len + 1);
		for (size_t i = 0; i < len; i++)
			text[i] = (char)('a' + i % 26);
		text[len] = '\0';
		char *p = tu_write(tu_dir, "m/read", text, len);
		char *data = NULL;
		size_t got = 0;
		assert_int_equal(fsin_read_file(p, 1 << 20, &data, &got), 0);
		assert_int_equal(got, len);
		assert_memory_equal(data, text, len);
		assert_int_equal(data[len], '\0');
		free(data);
		free(p);
		free(text);
	}
	free(deep);
	free(blocked);
}

/* The walk's thread pool goes too: no threads left at exit for the leak
 * checker to stop. */
static int teardown(void **state)
{
	jobs_stop();
	return tu_teardown_tmpdir(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_order_and_presence),
		cmocka_unit_test(test_visit),
		cmocka_unit_test(test_post_files),
		cmocka_unit_test(test_jekyll_layout),
		cmocka_unit_test(test_missing_folder),
		cmocka_unit_test(test_mkdirs_and_read),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, teardown);
}
