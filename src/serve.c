/* serve: the serve command; see serve.h. */
#include "serve.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "config.h"
#include "diag.h"
#include "jobs.h"
#include "serve_http.h"
#include "serve_snap.h"
#include "serve_watch.h"
#include "xalloc.h"

/* A burst of changes (an editor saving, a git checkout) is built once: the
 * build starts when no change came for SETTLE ms, or at the latest MAX_WAIT
 * ms after the first one. */
#define SERVE_SETTLE_MS 150
#define SERVE_MAX_WAIT_MS 1000

enum {
	OPT_LISTEN = BUILD_OPT_END,
	OPT_WATCH,
	OPT_TIMEOUT,
	OPT_MAX_CONN,
};

const struct cli_option serve_options[] = {
	BUILD_OPTIONS_SITE,
	{ OPT_LISTEN, 'l', "listen", "ADDR:PORT", "where to listen (default: 127.0.0.1:8080; port 0 = any free port)" },
	{ OPT_WATCH, 'w', "watch", NULL, "rebuild when a post, template, font or the config changes" },
	{ BUILD_OPT_JOBS, 'j', "jobs", "N", "build and HTTP threads (default: all cores)" },
	BUILD_OPTIONS_POSTS,
	{ BUILD_OPT_QUIET, 'q', "quiet", NULL, "no access log; print only errors" },
	{ OPT_TIMEOUT, 0, "timeout", "SECONDS", "close connections idle this long (default: 10)" },
	{ OPT_MAX_CONN, 0, "max-connections", "N", "connections at once (default: 512; a quarter of it per client)" },
	{ 0, 0, NULL, NULL, NULL },
};

struct serve_opts {
	struct build_opts build;
	char *host; /* from --listen, caller frees */
	unsigned port;
	bool watch;
	unsigned timeout, max_connections;
};

/* "HOST:PORT" or "[IPV6]:PORT" into o->host and o->port. */
static int serve_parse_listen(const struct cli_command *cmd, const char *v, struct serve_opts *o)
{
	const char *colon = strrchr(v, ':');
	const char *host = v;
	size_t hlen = colon ? (size_t)(colon - v) : 0;
	if (v[0] == '[') {
		const char *close = strchr(v, ']');
		if (!close || close + 1 != colon)
			colon = NULL;
		host = v + 1;
		hlen = close ? (size_t)(close - host) : 0;
	}
	unsigned long port;
	if (!colon || hlen == 0 || cli_parse_uint(cmd, "--listen's port", colon + 1, &port) != 0 || port > 65535) {
		diag_usage(cmd->name, "--listen wants ADDR:PORT, such as 127.0.0.1:8080 or [::1]:0, "
				"not '%s'", v);
		return -1;
	}
	free(o->host);
	o->host = xstrndup(host, hlen);
	o->port = (unsigned)port;
	return 0;
}

/* Returns 0, 1 after --help, or -1 after a usage error. */
static int serve_parse(const struct cli_command *cmd, int argc, char **argv, struct serve_opts *o)
{
	memset(o, 0, sizeof *o);
	build_opts_init(&o->build);
	o->host = xstrdup("127.0.0.1");
	o->port = 8080;
	o->timeout = 10;
	o->max_connections = 512;
	int i = 1, id;
	const char *v;
	while ((id = cli_next(cmd, argc, argv, &i, &v)) > 0) {
		unsigned long n;
		switch (id) {
		case CLI_OPT_HELP:
			cli_print_command_help(cmd, stdout);
			return 1;
		case OPT_LISTEN:
			if (serve_parse_listen(cmd, v, o) != 0)
				return -1;
			break;
		case OPT_WATCH: o->watch = true; break;
		case OPT_TIMEOUT:
			if (cli_parse_uint(cmd, "--timeout", v, &n) != 0 || n < 1 || n > 3600) {
				diag_usage(cmd->name, "--timeout wants seconds from 1 to 3600");
				return -1;
			}
			o->timeout = (unsigned)n;
			break;
		case OPT_MAX_CONN:
			if (cli_parse_uint(cmd, "--max-connections", v, &n) != 0 || n < 4 || n > 100000) {
				diag_usage(cmd->name, "--max-connections wants a number from 4 to 100000");
				return -1;
			}
			o->max_connections = (unsigned)n;
			break;
		default:
			if (build_apply_option(cmd, id, v, &o->build) < 0)
				return -1;
		}
	}
	return id < 0 ? -1 : 0;
}

static long long serve_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The state of a running server. */
struct serve_state {
	const struct serve_opts *o;
	struct config cfg; /* the last config that could be read */
	struct serve_http *http;
	struct serve_watch *watch; /* NULL without --watch */
};

/* Rebuild after a change. On any failure the last good output stays
 * published. Returns true when changes arrived during the build. */
static bool serve_rebuild(struct serve_state *st)
{
	if (!st->o->build.quiet) {
		printf("feedcard serve: a change was seen; rebuilding\n");
		fflush(stdout);
	}
	diag_reset();
	struct config cfg;
	if (build_load_config(&st->o->build, &cfg) != 0) {
		diag_status("serve", "the config has errors; still serving the last good output");
		return false;
	}
	int rc = build_with_config(&st->o->build, &cfg, NULL);
	fflush(stdout);
	struct serve_snap *snap = NULL;
	if (rc != CLI_EXIT_OK)
		diag_status("serve", "the build failed; still serving the last good output");
	else if (serve_snap_load(cfg.output_dir, &snap) == 0)
		serve_http_publish(st->http, snap);
	config_release(&st->cfg);
	st->cfg = cfg;
	/* Watch what the new config reads; changes made while building are
	 * still queued on the old watcher. */
	struct serve_watch *w = serve_watch_new(&st->cfg);
	if (!w)
		return false;
	bool again = serve_watch_changed(st->watch);
	serve_watch_free(st->watch);
	st->watch = w;
	return again;
}

/* When to rebuild for changes first seen at first, last seen at last. */
static long long serve_due(long long first, long long last)
{
	long long due = last + SERVE_SETTLE_MS;
	return due < first + SERVE_MAX_WAIT_MS ? due : first + SERVE_MAX_WAIT_MS;
}

/* Wait for a signal, rebuilding on changes; returns when asked to stop. */
static void serve_loop(struct serve_state *st, int sigfd)
{
	long long first = 0, last = 0; /* times of the pending changes; 0 = none */
	for (;;) {
		struct pollfd p[2] = { { sigfd, POLLIN, 0 }, { st->watch ? serve_watch_fd(st->watch) : -1, POLLIN, 0 } };
		int timeout = -1;
		if (first) {
			long long wait = serve_due(first, last) - serve_now_ms();
			timeout = wait > 0 ? (int)wait : 0;
		}
		int n = poll(p, 2, timeout);
		if (n < 0 && errno != EINTR) {
			diag_error(NULL, 0, 0, "serve: poll: %s", strerror(errno));
			return;
		}
		if (p[0].revents & POLLIN) {
			/* Consume it, or it is delivered when the mask is restored. */
			struct signalfd_siginfo si;
			if (read(sigfd, &si, sizeof si) < 0)
				diag_warning(NULL, 0, 0, "serve: reading the signal: %s", strerror(errno));
			return;
		}
		if (p[1].revents & POLLIN && serve_watch_changed(st->watch)) {
			last = serve_now_ms();
			if (!first)
				first = last;
		}
		if (first && serve_now_ms() >= serve_due(first, last)) {
			bool again = serve_rebuild(st);
			first = last = again ? serve_now_ms() : 0;
		}
	}
}

int serve_run(const struct cli_command *cmd, int argc, char **argv)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct serve_opts o;
	int prc = serve_parse(cmd, argc, argv, &o);
	if (prc != 0) {
		free(o.host);
		return prc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	}
	diag_set_quiet(o.build.quiet);
	diag_set_verbose(o.build.verbose);

	/* SIGINT and SIGTERM are read from a descriptor by the main loop, so
	 * every thread started from here on (build, HTTP) has them blocked. */
	sigset_t sigs, old;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	signal(SIGPIPE, SIG_IGN);
	int sigfd = -1;
	struct serve_state st = { &o, { 0 }, NULL, NULL };
	bool have_cfg = false;
	int rc = CLI_EXIT_OK;

	sigfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0) {
		diag_error(NULL, 0, 0, "serve: signalfd: %s", strerror(errno));
		rc = CLI_EXIT_CONTENT;
		goto out;
	}
	if (build_load_config(&o.build, &st.cfg) != 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	have_cfg = true;
	int brc = build_with_config(&o.build, &st.cfg, &t0);
	fflush(stdout);
	if (brc != CLI_EXIT_OK && !o.watch) {
		diag_status("serve", "the build failed; not serving (with --watch, the previous output "
				"is served until a build succeeds)");
		rc = brc;
		goto out;
	}
	if (brc != CLI_EXIT_OK)
		diag_status("serve", "the build failed; serving the previous output until a build "
				"succeeds");
	if (o.watch) {
		st.watch = serve_watch_new(&st.cfg);
		if (!st.watch) {
			rc = CLI_EXIT_CONTENT;
			goto out;
		}
	}
	struct serve_snap *snap;
	if (serve_snap_load(st.cfg.output_dir, &snap) != 0) {
		rc = CLI_EXIT_CONTENT;
		goto out;
	}
	unsigned threads = (unsigned)o.build.jobs;
	struct serve_http_opts ho = { o.host, o.port, threads, o.max_connections,
				      o.max_connections / 4 ? o.max_connections / 4 : 1, o.timeout, o.build.quiet };
	if (serve_http_start(&ho, snap, &st.http) != 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	bool v6 = strchr(o.host, ':') != NULL;
	printf("feedcard serve: serving %s at http://%s%s%s:%u/%s\n", st.cfg.output_dir, v6 ? "[" : "", o.host,
	       v6 ? "]" : "", serve_http_port(st.http), o.watch ? " (watching for changes)" : "");
	fflush(stdout);
	serve_loop(&st, sigfd);
	if (!o.build.quiet)
		printf("feedcard serve: stopped\n");
out:
	serve_http_stop(st.http);
	serve_watch_free(st.watch);
	if (have_cfg)
		config_release(&st.cfg);
	if (sigfd >= 0)
		close(sigfd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(o.host);
	return rc;
}
