/* serve_watch: which changes call for a rebuild. inotify queues an event
 * as the change is made, so reading right after it is not a race. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "config.h"
#include "fsout.h"
#include "path.h"
#include "serve_watch.h"
#include "testutil.h"
#include "xalloc.h"

static void put(const char *rel, const char *text)
{
	free(tu_write(tu_dir, rel, text, strlen(text)));
}

static void mkdirs(const char *rel)
{
	char *p = path_join(tu_dir, rel);
	assert_int_equal(fsout_mkdirs(p), 0);
	free(p);
}

/* A Jekyll site's root as the content folder: its _posts and _drafts are
 * watched; _site (which every Jekyll build rewrites), _layouts and
 * node_modules hold no post and are not. */
static void test_watched_folders(void **state)
{
	(void)state;
	const char *dirs[] = { "site/_posts", "site/_drafts", "site/_site", "site/_layouts",
			       "site/node_modules/m", "site/news/_posts", "out" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		mkdirs(dirs[i]);
	struct config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.dir = xstrdup(tu_dir);
	cfg.content_dir = path_join(tu_dir, "site");
	cfg.output_dir = path_join(tu_dir, "out");
	tu_capture();
	struct serve_watch *w = serve_watch_new(&cfg);
	tu_release();
	assert_non_null(w);
	assert_false(serve_watch_changed(w));
	const struct {
		const char *rel;
		bool rebuild;
	} cases[] = {
		{ "site/_site/index.html", false },
		{ "site/_layouts/post.html", false },
		{ "site/node_modules/m/x.md", false },
		{ "site/_posts/2021-03-04-a.md", true },
		{ "site/_drafts/b.md", true },
		{ "site/news/_posts/2021-03-04-c.md", true },
		{ "site/about.md", true },
		{ "out/feed.json", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		put(cases[i].rel, "x");
		if (serve_watch_changed(w) != cases[i].rebuild)
			fail_msg("%s: rebuild %d, want %d", cases[i].rel, !cases[i].rebuild, cases[i].rebuild);
	}
	serve_watch_free(w);
	free(cfg.dir);
	free(cfg.content_dir);
	free(cfg.output_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_watched_folders),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
