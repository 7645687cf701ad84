/* serve_http: libmicrohttpd glue, conditional GET and the access log; see
 * serve_http.h. */
#include "serve_http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "diag.h"
#include "serve_hdr.h"
#include "strbuf.h"
#include "xalloc.h"

/* Request line and headers must fit here; MHD answers 414 or 431 beyond. */
#define SERVE_HTTP_MEMORY_LIMIT ((size_t)32 << 10)
/* How much of a refused or odd path the log shows. */
#define SERVE_HTTP_LOG_PATH_MAX 200

/* The prepared responses of one file: [gzip][not modified]. */
enum { SERVE_HTTP_R200, SERVE_HTTP_R304, SERVE_HTTP_R200_GZ, SERVE_HTTP_R304_GZ, SERVE_HTTP_RN };

/* One published snapshot with its responses, freed with its last reference. */
struct serve_http_gen {
	atomic_size_t refs;
	struct serve_snap *snap;
	struct MHD_Response **resp; /* SERVE_HTTP_RN per file */
};

struct serve_http {
	struct MHD_Daemon *daemon;
	bool quiet;
	pthread_mutex_t lock; /* guards current */
	struct serve_http_gen *current;
	struct MHD_Response *r400, *r404, *r405;
};

/* One request, from its request line to the end of its response. */
struct serve_http_req {
	struct serve_http_gen *gen; /* held until the response is sent; NULL when none */
	struct timespec t0;
	uintptr_t raw_uri;  /* where the request target started in MHD's buffer */
	size_t raw_len;     /* its length up to the first NUL, query included */
	bool answered;      /* the access handler has seen the headers */
	unsigned status;    /* 0 until we queue a response */
	size_t bytes;
	const char *why;    /* static reason for a refusal, or NULL */
	struct strbuf line; /* "METHOD path", escaped; empty when quiet */
};

/* ===== Snapshots and their responses ===== */

static void serve_http_header(struct MHD_Response *r, const char *name, const char *value)
{
	if (MHD_add_response_header(r, name, value) != MHD_YES)
		diag_error(NULL, 0, 0, "serve: cannot add the %s header to a response", name);
}

static struct MHD_Response *serve_http_file_response(const struct serve_snap_file *f, bool gz, bool nm)
{
	/* libmicrohttpd 0.9.75 gives every 304 a Content-Length: that of its
	 * response. RFC 9110 would rather have none or the 200's, but clients
	 * that do not special-case 304 (wrk among them) then wait for a body
	 * that never comes; 0 is what MHD sends by default, and RFC 9111 3.2
	 * keeps caches from taking Content-Length from a 304. PERSISTENT: MHD
	 * sends straight from the snapshot, which outlives the response. */
	size_t len = nm ? 0 : gz ? f->gz_len : f->len;
	void *body = nm ? NULL : gz ? f->gz : f->data;
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return NULL;
	char date[40];
	serve_hdr_format_date(f->mtime, date, sizeof date);
	if (!nm) {
		serve_http_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, f->type);
		serve_http_header(r, "X-Content-Type-Options", "nosniff");
	}
	if (gz && !nm)
		serve_http_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	serve_http_header(r, MHD_HTTP_HEADER_ETAG, gz ? f->etag_gz : f->etag);
	/* A 304 has the ETag, so it leaves out other metadata (RFC 9110 15.4.5). */
	if (!nm)
		serve_http_header(r, MHD_HTTP_HEADER_LAST_MODIFIED, date);
	serve_http_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, f->cache_control);
	if (f->gz)
		serve_http_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	return r;
}

static void serve_http_gen_free(struct serve_http_gen *g)
{
	for (size_t i = 0; g->resp && i < g->snap->count * SERVE_HTTP_RN; i++)
		if (g->resp[i])
			MHD_destroy_response(g->resp[i]);
	free(g->resp);
	serve_snap_free(g->snap);
	free(g);
}

/* Takes ownership of snap; NULL after a diag. */
static struct serve_http_gen *serve_http_gen_new(struct serve_snap *snap)
{
	struct serve_http_gen *g = xcalloc(1, sizeof *g);
	atomic_init(&g->refs, 1);
	g->snap = snap;
	g->resp = xcalloc(snap->count * SERVE_HTTP_RN + 1, sizeof *g->resp);
	for (size_t i = 0; i < snap->count; i++) {
		const struct serve_snap_file *f = &snap->files[i];
		struct MHD_Response **r = &g->resp[i * SERVE_HTTP_RN];
		r[SERVE_HTTP_R200] = serve_http_file_response(f, false, false);
		r[SERVE_HTTP_R304] = serve_http_file_response(f, false, true);
		if (f->gz) {
			r[SERVE_HTTP_R200_GZ] = serve_http_file_response(f, true, false);
			r[SERVE_HTTP_R304_GZ] = serve_http_file_response(f, true, true);
		}
		if (!r[SERVE_HTTP_R200] || !r[SERVE_HTTP_R304] ||
		    (f->gz && (!r[SERVE_HTTP_R200_GZ] || !r[SERVE_HTTP_R304_GZ]))) {
			diag_error(f->key, 0, 0, "serve: cannot prepare the responses for this file");
			serve_http_gen_free(g);
			return NULL;
		}
	}
	return g;
}

static struct serve_http_gen *serve_http_acquire(struct serve_http *h)
{
	pthread_mutex_lock(&h->lock);
	struct serve_http_gen *g = h->current;
	atomic_fetch_add(&g->refs, 1);
	pthread_mutex_unlock(&h->lock);
	return g;
}

static void serve_http_release(struct serve_http_gen *g)
{
	if (g && atomic_fetch_sub(&g->refs, 1) == 1)
		serve_http_gen_free(g);
}

void serve_http_publish(struct serve_http *h, struct serve_snap *snap)
{
	struct serve_http_gen *g = serve_http_gen_new(snap);
	if (!g) {
		diag_status("serve", "still serving the previous output");
		return;
	}
	pthread_mutex_lock(&h->lock);
	struct serve_http_gen *old = h->current;
	h->current = g;
	pthread_mutex_unlock(&h->lock);
	serve_http_release(old);
}

/* ===== Requests ===== */

static enum MHD_Result serve_http_queue(struct MHD_Connection *c, struct serve_http_req *r,
					unsigned status, struct MHD_Response *resp, size_t bytes)
{
	r->status = status;
	r->bytes = bytes;
	return MHD_queue_response(c, status, resp);
}

/* The file a key names: the file itself, or index.html for "" and "dir/".
 * *redirect is set when key is a folder with an index.html but no '/'. */
static const struct serve_snap_file *serve_http_lookup(const struct serve_snap *s, const char *key,
						       bool *redirect)
{
	*redirect = false;
	size_t n = strlen(key);
	if (n == 0 || key[n - 1] == '/') {
		char *index = xasprintf("%sindex.html", key);
		const struct serve_snap_file *f = serve_snap_find(s, index);
		free(index);
		return f;
	}
	const struct serve_snap_file *f = serve_snap_find(s, key);
	if (f)
		return f;
	char *index = xasprintf("%s/index.html", key);
	*redirect = serve_snap_find(s, index) != NULL;
	free(index);
	return NULL;
}

/* MHD 0.9.75 hands the target on as a C string, so a raw NUL in the request
 * line silently cuts it short. The target ran in MHD's buffer from its start
 * up to the byte before the version (the space MHD turned into the string's
 * end); when that span is longer than the string seen before MHD split off
 * the query, the target held a NUL. Checked only when both pointers are
 * plainly in that one buffer. */
static bool serve_http_raw_nul(const struct serve_http_req *r, const char *url, const char *version)
{
	uintptr_t u = (uintptr_t)url, v = (uintptr_t)version;
	if (!r->raw_uri || u != r->raw_uri || !version[0] || v <= u + 1 ||
	    v - u > SERVE_HTTP_MEMORY_LIMIT)
		return false;
	return v - 1 - u != r->raw_len;
}

static enum MHD_Result serve_http_answer(void *cls, struct MHD_Connection *c, const char *url,
					 const char *method, const char *version, const char *upload_data,
					 size_t *upload_data_size, void **req_cls)
{
	(void)version;
	(void)upload_data;
	struct serve_http *h = cls;
	struct serve_http_req *r = *req_cls; /* made by serve_http_uri_log */
	bool head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	if (!r->answered) {
		/* First call, headers only. Other methods are refused at once (MHD
		 * then closes instead of reading their body); GET and HEAD are
		 * answered on the second call, which keeps the connection alive. */
		r->answered = true;
		if (!h->quiet) {
			strbuf_reset(&r->line);
			serve_hdr_log_escape(&r->line, method, 16);
			strbuf_putc(&r->line, ' ');
			serve_hdr_log_escape(&r->line, url, SERVE_HTTP_LOG_PATH_MAX);
		}
		if (!head && strcmp(method, MHD_HTTP_METHOD_GET) != 0) {
			r->why = "method not allowed";
			return serve_http_queue(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, h->r405, 0);
		}
		if (serve_http_raw_nul(r, url, version)) {
			r->why = "NUL byte in the request line";
			return serve_http_queue(c, r, MHD_HTTP_BAD_REQUEST, h->r400, 0);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* A GET with a body: read and drop it. */
		*upload_data_size = 0;
		return MHD_YES;
	}
	char *key;
	if (serve_hdr_path(url, &key, &r->why) != 0)
		return serve_http_queue(c, r, MHD_HTTP_BAD_REQUEST, h->r400, 0);

	r->gen = serve_http_acquire(h);
	const struct serve_snap *s = r->gen->snap;
	bool redirect;
	const struct serve_snap_file *f = serve_http_lookup(s, key, &redirect);
	free(key);
	if (redirect) {
		/* A folder without its '/': relative links in its index need it. */
		struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		if (!resp)
			return MHD_NO;
		char *location = xasprintf("%s/", url);
		serve_http_header(resp, MHD_HTTP_HEADER_LOCATION, location);
		free(location);
		enum MHD_Result rc = serve_http_queue(c, r, MHD_HTTP_MOVED_PERMANENTLY, resp, 0);
		MHD_destroy_response(resp);
		return rc;
	}
	if (!f)
		return serve_http_queue(c, r, MHD_HTTP_NOT_FOUND, h->r404, 0);

	const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	bool gz = f->gz && serve_hdr_accepts(ae, "gzip");
	/* If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3). */
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	bool nm;
	time_t since;
	if (inm)
		nm = serve_hdr_etag_match(inm, gz ? f->etag_gz : f->etag);
	else
		nm = ims && serve_hdr_parse_date(ims, &since) == 0 && f->mtime <= since;
	size_t i = (size_t)(f - s->files) * SERVE_HTTP_RN + (gz ? SERVE_HTTP_R200_GZ : SERVE_HTTP_R200) + nm;
	size_t bytes = nm || head ? 0 : gz ? f->gz_len : f->len;
	return serve_http_queue(c, r, nm ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, r->gen->resp[i], bytes);
}

static void serve_http_completed(void *cls, struct MHD_Connection *c, void **req_cls,
				 enum MHD_RequestTerminationCode toe)
{
	struct serve_http *h = cls;
	struct serve_http_req *r = *req_cls;
	if (!r)
		return;
	*req_cls = NULL;
	if (!h->quiet) {
		struct timespec t1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (double)(t1.tv_sec - r->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e6;
		char addr[INET6_ADDRSTRLEN] = "-";
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, addr,
					  sizeof addr);
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
					  addr, sizeof addr);
		}
		struct strbuf out = STRBUF_INIT;
		strbuf_printf(&out, "%s \"%s\" ", addr, strbuf_str(&r->line));
		if (r->status)
			strbuf_printf(&out, "%u", r->status);
		else
			strbuf_putc(&out, '-');
		strbuf_printf(&out, " %zu %.3fms", r->bytes, ms);
		if (!r->status)
			strbuf_puts(&out, " refused by the HTTP layer (see its message)");
		else if (r->why)
			strbuf_printf(&out, " refused: %s", r->why);
		if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
			strbuf_puts(&out, " (connection ended early)");
		diag_info("serve", "%s", strbuf_str(&out));
		strbuf_release(&out);
	}
	strbuf_release(&r->line);
	serve_http_release(r->gen);
	free(r);
}

/* Called once per request, when its request line has been read: the
 * request's own record starts here, so that requests MHD refuses later
 * (headers too large) are logged too. */
static void *serve_http_uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)c;
	struct serve_http *h = cls;
	struct serve_http_req *r = xcalloc(1, sizeof *r);
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	r->raw_uri = (uintptr_t)uri;
	r->raw_len = strlen(uri);
	if (!h->quiet) {
		strbuf_puts(&r->line, "? ");
		serve_hdr_log_escape(&r->line, uri, SERVE_HTTP_LOG_PATH_MAX);
	}
	return r;
}

/* Paths are decoded by serve_hdr_path, which must see the raw bytes to
 * refuse "%00" and "%2e%2e"; MHD's own decoding would hide them. */
static size_t serve_http_no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

/* MHD's own messages: requests it refused before we saw them (a URL or
 * headers too long, a malformed request line), socket trouble. */
__attribute__((format(printf, 2, 0))) static void serve_http_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	struct strbuf out = STRBUF_INIT;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	serve_hdr_log_escape(&out, msg, sizeof msg);
	diag_status("serve", "http: %s", strbuf_str(&out));
	strbuf_release(&out);
}

static struct MHD_Response *serve_http_error_response(const char *text)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(text), (void *)(uintptr_t)text, MHD_RESPMEM_PERSISTENT);
	if (r) {
		serve_http_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
		serve_http_header(r, "X-Content-Type-Options", "nosniff");
		serve_http_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	}
	return r;
}

/* ===== The server ===== */

int serve_http_start(const struct serve_http_opts *o, struct serve_snap *snap, struct serve_http **out)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	const struct sockaddr *sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	memset(&sin, 0, sizeof sin);
	memset(&sin6, 0, sizeof sin6);
	if (inet_pton(AF_INET, o->host, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, o->host, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else {
		diag_error(NULL, 0, 0, "serve: '%s' is not a numeric IPv4 or IPv6 address", o->host);
		serve_snap_free(snap);
		return -1;
	}
	struct serve_http *h = xcalloc(1, sizeof *h);
	h->quiet = o->quiet;
	pthread_mutex_init(&h->lock, NULL);
	h->r400 = serve_http_error_response("400 Bad Request\n");
	h->r404 = serve_http_error_response("404 Not Found\n");
	h->r405 = serve_http_error_response("405 Method Not Allowed: only GET and HEAD\n");
	if (h->r405)
		serve_http_header(h->r405, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	h->current = serve_http_gen_new(snap); /* owns snap from here on, even on failure */
	if (!h->r400 || !h->r404 || !h->r405 || !h->current) {
		diag_error(NULL, 0, 0, "serve: cannot prepare responses");
		goto fail;
	}
	h->daemon = MHD_start_daemon(
		flags, (uint16_t)o->port, NULL, NULL, serve_http_answer, h, MHD_OPTION_EXTERNAL_LOGGER,
		serve_http_mhd_log, h, MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_THREAD_POOL_SIZE, o->threads, MHD_OPTION_CONNECTION_LIMIT, o->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->max_per_ip, MHD_OPTION_CONNECTION_TIMEOUT, o->timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, SERVE_HTTP_MEMORY_LIMIT, MHD_OPTION_STRICT_FOR_CLIENT, 1,
		MHD_OPTION_NOTIFY_COMPLETED, serve_http_completed, h, MHD_OPTION_URI_LOG_CALLBACK, serve_http_uri_log, h, MHD_OPTION_UNESCAPE_CALLBACK,
		serve_http_no_unescape, h, MHD_OPTION_END);
	if (!h->daemon) {
		diag_error(NULL, 0, 0, "serve: cannot listen on %s port %u (in use, or not an address of this machine?)",
			   o->host, o->port);
		goto fail;
	}
	*out = h;
	return 0;
fail:
	serve_http_stop(h); /* frees snap with h->current, or gen_new did */
	return -1;
}

unsigned serve_http_port(const struct serve_http *h)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
	return info ? info->port : 0;
}

void serve_http_stop(struct serve_http *h)
{
	if (!h)
		return;
	if (h->daemon)
		MHD_stop_daemon(h->daemon);
	serve_http_release(h->current);
	if (h->r400)
		MHD_destroy_response(h->r400);
	if (h->r404)
		MHD_destroy_response(h->r404);
	if (h->r405)
		MHD_destroy_response(h->r405);
	pthread_mutex_destroy(&h->lock);
	free(h);
}
