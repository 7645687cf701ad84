/* serve_http: the HTTP side of feedcard serve, the only module that
 * includes libmicrohttpd. Requests are answered from the current snapshot
 * (serve_snap) with prepared responses: 200 or 304, identity or gzip.
 * A new snapshot is published atomically; each request holds a reference
 * to the snapshot it started with until its response is sent, so a reader
 * gets the old or the new output, complete. */
#ifndef FEEDCARD_SERVE_HTTP_H
#define FEEDCARD_SERVE_HTTP_H

#include <stdbool.h>

#include "serve_snap.h"

struct serve_http_opts {
	const char *host;         /* numeric IPv4 or IPv6 address */
	unsigned port;            /* 0 = any free port */
	unsigned threads;         /* worker threads (epoll each) */
	unsigned max_connections; /* in all */
	unsigned max_per_ip;      /* from one client address */
	unsigned timeout;         /* seconds a connection may stay idle */
	bool quiet;               /* no access log */
};

struct serve_http;

/* Start serving snap (takes ownership) as o (borrowed) says. Returns 0 with
 * *out (stop with serve_http_stop), or -1 after a diag (snap is freed). */
int serve_http_start(const struct serve_http_opts *o, struct serve_snap *snap, struct serve_http **out);

/* The port actually bound (the chosen one when o->port was 0). */
unsigned serve_http_port(const struct serve_http *h);

/* Serve snap (takes ownership) from now on; requests already running finish
 * with the snapshot they started with, which is freed after the last one. */
void serve_http_publish(struct serve_http *h, struct serve_snap *snap);

/* Stop the server, wait for its threads, free everything; NULL does nothing. */
void serve_http_stop(struct serve_http *h);

#endif
