/* serve_watch: inotify watches for serve --watch; see serve_watch.h. */
#define _DEFAULT_SOURCE /* realpath */
#include "serve_watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "path.h"
#include "xalloc.h"

#define SERVE_WATCH_MASK                                                                         \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |      \
	 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct serve_watch {
	int fd;
	char *output;  /* realpath of the output folder, or NULL when it does not exist */
	char **dirs;   /* realpath of each watched folder, indexed by watch descriptor */
	size_t ndirs;  /* size of dirs */
	size_t count;  /* watches added */
};

static bool serve_watch_inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void serve_watch_add(struct serve_watch *w, const char *dir, bool recursive, int depth)
{
	char *real = realpath(dir, NULL);
	if (!real) {
		diag_warning(dir, 0, 0, "cannot watch: %s", strerror(errno));
		return;
	}
	if (w->output && serve_watch_inside(real, w->output)) {
		free(real);
		return;
	}
	if (w->count >= SERVE_WATCH_MAX_DIRS) {
		diag_warning(dir, 0, 0, "more than %d folders to watch: not watched", SERVE_WATCH_MAX_DIRS);
		free(real);
		return;
	}
	int wd = inotify_add_watch(w->fd, real, SERVE_WATCH_MASK);
	if (wd < 0) {
		diag_warning(dir, 0, 0, "cannot watch: %s", strerror(errno));
		free(real);
		return;
	}
	if ((size_t)wd >= w->ndirs) {
		size_t n = w->ndirs ? w->ndirs : 64;
		while (n <= (size_t)wd)
			n *= 2;
		w->dirs = xreallocarray(w->dirs, n, sizeof *w->dirs);
		memset(w->dirs + w->ndirs, 0, (n - w->ndirs) * sizeof *w->dirs);
		w->ndirs = n;
	}
	if (w->dirs[wd]) {
		/* The same folder reached twice (e.g. the config sits in the content). */
		free(real);
		return;
	}
	w->dirs[wd] = real;
	w->count++;
	if (!recursive || depth >= SERVE_WATCH_MAX_DEPTH)
		return;
	DIR *d = opendir(real);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		/* The folders the walk skips hold no post (see scan.h): a
		 * Jekyll site's _site, written by every Jekyll build, and
		 * node_modules, thousands of folders, are not watched. */
		if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0 ||
		    (e->d_name[0] == '_' && strcmp(e->d_name, "_posts") != 0 &&
		     strcmp(e->d_name, "_drafts") != 0))
			continue;
		char *sub = xasprintf("%s/%s", real, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			serve_watch_add(w, sub, true, depth + 1);
		free(sub);
	}
	closedir(d);
}

struct serve_watch *serve_watch_new(const struct config *cfg)
{
	struct serve_watch *w = xcalloc(1, sizeof *w);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		diag_error(NULL, 0, 0, "serve: cannot watch for changes (inotify): %s", strerror(errno));
		free(w);
		return NULL;
	}
	w->output = realpath(cfg->output_dir, NULL);
	serve_watch_add(w, cfg->dir, false, 0);
	serve_watch_add(w, cfg->content_dir, true, 0);
	if (cfg->cards_template && strchr(cfg->cards_template, '/')) {
		char *tdir = path_dirname(cfg->cards_template);
		serve_watch_add(w, tdir, false, 0);
		free(tdir);
	}
	char *data = datadir_find();
	if (data) {
		char *templates = path_join(data, "templates"), *fonts = path_join(data, "fonts");
		serve_watch_add(w, templates, true, 0);
		serve_watch_add(w, fonts, true, 0);
		free(templates);
		free(fonts);
		free(data);
	}
	return w;
}

int serve_watch_fd(const struct serve_watch *w)
{
	return w->fd;
}

/* Names no build reads: hidden files, editor backups and vim's probe file. */
static bool serve_watch_ignored(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n && name[n - 1] == '~') || strcmp(name, "4913") == 0;
}

bool serve_watch_changed(struct serve_watch *w)
{
	bool changed = false;
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				changed = true;
				continue;
			}
			if (ev->mask & IN_IGNORED)
				continue;
			if (ev->len && serve_watch_ignored(ev->name))
				continue;
			const char *dir = ev->wd >= 0 && (size_t)ev->wd < w->ndirs ? w->dirs[ev->wd] : NULL;
			if (dir && ev->len && w->output) {
				char *path = xasprintf("%s/%s", dir, ev->name);
				bool out = serve_watch_inside(path, w->output);
				free(path);
				if (out)
					continue;
			}
			changed = true;
		}
	}
	return changed;
}

void serve_watch_free(struct serve_watch *w)
{
	if (!w)
		return;
	close(w->fd);
	for (size_t i = 0; i < w->ndirs; i++)
		free(w->dirs[i]);
	free(w->dirs);
	free(w->output);
	free(w);
}
