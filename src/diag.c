/* diag: diagnostics with file:line:col; see diag.h. */
#include "diag.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

static atomic_int diag_errors;
static atomic_int diag_warnings;
static bool diag_quiet;
static bool diag_verbose;
static _Thread_local struct strbuf *diag_sink;
static _Thread_local bool diag_demote;
static _Thread_local bool diag_muted;

static const char *const diag_level_names[] = { "note", "warning", "error" };

/* ---- paths ---- */

/* The current folder as the kernel has it (what ".." climbs from) and as
 * the shell showed it ($PWD, when it names the same folder through a
 * symbolic link); read once. */
static pthread_once_t diag_cwd_once = PTHREAD_ONCE_INIT;
static char *diag_cwd;
static size_t diag_cwd_len;
static char *diag_pwd;
static size_t diag_pwd_len;

static void diag_cwd_init(void)
{
	char buf[PATH_MAX];
	if (getcwd(buf, sizeof buf)) {
		diag_cwd = xstrdup(buf);
		diag_cwd_len = strlen(buf);
	}
	const char *pwd = getenv("PWD");
	struct stat a, b;
	if (diag_cwd && pwd && pwd[0] == '/' && strcmp(pwd, diag_cwd) != 0 && stat(pwd, &a) == 0 &&
	    stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		diag_pwd = xstrdup(pwd);
		diag_pwd_len = strlen(pwd);
	}
}

/* What follows the folder dir (len bytes) in the absolute path, or NULL
 * when path is not dir or under it. */
static const char *diag_under(const char *path, const char *dir, size_t len)
{
	if (!dir || !len)
		return NULL;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len == 1) /* the root: every absolute path */
		return path + 1;
	if (strncmp(path, dir, len) != 0 || (path[len] != '/' && path[len] != '\0'))
		return NULL;
	const char *rest = path + len;
	while (*rest == '/')
		rest++;
	return rest;
}

/* The relative path ("../"-free part) of a path that starts with k "../"
 * when it comes back down the same k folders the current one sits in, else
 * NULL: from /a/site, "../site/x.md" is "x.md". */
static const char *diag_climb(const char *p)
{
	size_t k = 0;
	while (p[0] == '.' && p[1] == '.' && p[2] == '/') {
		p += 3;
		while (*p == '/')
			p++;
		k++;
	}
	/* The last k names of the current folder, in order. */
	const char *end = diag_cwd + diag_cwd_len, *start = end;
	for (size_t i = 0; i < k; i++) {
		if (start == diag_cwd)
			return NULL; /* above the root */
		start--;
		while (start > diag_cwd && start[-1] != '/')
			start--;
		if (start > diag_cwd)
			start--; /* onto the '/' before the name */
	}
	if (*start == '/')
		start++;
	/* start..end is "n1/n2/.../nk": p must begin with it and a '/' or end. */
	size_t len = (size_t)(end - start);
	if (strncmp(p, start, len) != 0 || (p[len] != '/' && p[len] != '\0'))
		return NULL;
	p += len;
	while (*p == '/')
		p++;
	return p;
}

const char *diag_path(const char *path)
{
	if (!path || !path[0])
		return path;
	/* Most paths in messages are already relative and plain. */
	if (path[0] != '/' && path[0] != '.')
		return path;
	pthread_once(&diag_cwd_once, diag_cwd_init);
	const char *rel;
	if (path[0] == '/') {
		rel = diag_under(path, diag_cwd, diag_cwd_len);
		if (!rel)
			rel = diag_under(path, diag_pwd, diag_pwd_len);
		if (!rel)
			return path;
		return *rel ? rel : ".";
	}
	const char *p = path;
	while (p[0] == '.' && p[1] == '/') {
		p += 2;
		while (*p == '/')
			p++;
	}
	if (p[0] == '.' && p[1] == '.' && p[2] == '/') {
		if (!diag_cwd || !(rel = diag_climb(p)))
			return path;
		p = rel;
	}
	return *p ? p : ".";
}

/* ---- repeated kinds ---- */

#define DIAG_KINDS_MAX 64

/* Kinds by id - 1, registered as they are first reported. */
static pthread_mutex_t diag_kind_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	struct diag_kind *kind;
	int reported; /* since the last diag_kinds_end */
	int shown;    /* of those, reached the output (printed or summed) */
	char *first;  /* the first shown: "file:line:col: text" */
} diag_kinds[DIAG_KINDS_MAX];
static int diag_nkinds;

/* k's id, registering it first; 0 when the table is full (the message is
 * then printed as a plain one). Called with diag_kind_lock held. */
static int diag_kind_id(struct diag_kind *k)
{
	if (!k->id && diag_nkinds < DIAG_KINDS_MAX) {
		diag_kinds[diag_nkinds].kind = k;
		k->id = ++diag_nkinds;
	}
	return k->id;
}

/* One message of kind id reaches the output: line is "file: level: text\n"
 * (len bytes). Printed with --verbose, else counted, the first kept. */
static void diag_kind_show(int id, const char *line, size_t len)
{
	if (diag_verbose || id < 1 || id > DIAG_KINDS_MAX) {
		fwrite(line, 1, len, stderr);
		return;
	}
	pthread_mutex_lock(&diag_kind_lock);
	if (!diag_kinds[id - 1].shown++)
		diag_kinds[id - 1].first = xstrndup(line, len);
	pthread_mutex_unlock(&diag_kind_lock);
}

int diag_kind_count(const struct diag_kind *k)
{
	pthread_mutex_lock(&diag_kind_lock);
	int n = k->id ? diag_kinds[k->id - 1].reported : 0;
	pthread_mutex_unlock(&diag_kind_lock);
	return n;
}

static void diag_kinds_clear(void)
{
	for (int i = 0; i < diag_nkinds; i++) {
		diag_kinds[i].reported = diag_kinds[i].shown = 0;
		free(diag_kinds[i].first);
		diag_kinds[i].first = NULL;
	}
}

void diag_kinds_end(void)
{
	pthread_mutex_lock(&diag_kind_lock);
	for (int i = 0; i < diag_nkinds && !diag_quiet; i++) {
		const char *first = diag_kinds[i].first;
		int n = diag_kinds[i].shown;
		if (n == 1) {
			fputs(first, stderr);
		} else if (n > 1) {
			/* "file:1:2: note: text\n" becomes "file:1:2: text". */
			const char *lvl = diag_level_names[diag_kinds[i].kind->level];
			size_t flen = strlen(first);
			if (flen && first[flen - 1] == '\n')
				flen--;
			struct strbuf sb = STRBUF_INIT;
			strbuf_printf(&sb, "feedcard: %s: ", lvl);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			strbuf_printf(&sb, diag_kinds[i].kind->summary, n);
#pragma GCC diagnostic pop
			strbuf_puts(&sb, " (the first: ");
			char tag[32];
			snprintf(tag, sizeof tag, ": %s: ", lvl);
			const char *cut = strstr(first, tag);
			if (cut && (size_t)(cut - first) < flen) {
				strbuf_add(&sb, first, (size_t)(cut - first));
				strbuf_puts(&sb, ": ");
				const char *text = cut + strlen(tag);
				strbuf_add(&sb, text, (size_t)(first + flen - text));
			} else {
				strbuf_add(&sb, first, flen);
			}
			strbuf_puts(&sb, "; --verbose lists them all)\n");
			fputs(strbuf_str(&sb), stderr);
			strbuf_release(&sb);
		}
	}
	diag_kinds_clear();
	pthread_mutex_unlock(&diag_kind_lock);
}

void diag_set_verbose(bool verbose)
{
	diag_verbose = verbose;
}

/* ---- reporting ---- */

/* Where a message comes from, onto out: "file:line:col: " (line and column
 * when known), else "feedcard CMD: ", else "feedcard: ". */
static void diag_prefix(struct strbuf *out, const char *cmd, const char *file, int line, int col)
{
	file = diag_path(file);
	if (file && line > 0 && col > 0)
		strbuf_printf(out, "%s:%d:%d: ", file, line, col);
	else if (file && line > 0)
		strbuf_printf(out, "%s:%d: ", file, line);
	else if (file)
		strbuf_printf(out, "%s: ", file);
	else if (cmd)
		strbuf_printf(out, "feedcard %s: ", cmd);
	else
		strbuf_puts(out, "feedcard: ");
}

/* The text of a message and its newline, onto out. */
static void diag_text(struct strbuf *out, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void diag_text(struct strbuf *out, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	char small[512];
	int n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n >= 0 && (size_t)n < sizeof small) {
		strbuf_add(out, small, (size_t)n);
	} else if (n >= 0) {
		strbuf_grow(out, (size_t)n);
		vsnprintf(out->data + out->len, (size_t)n + 1, fmt, ap);
		out->len += (size_t)n;
	}
	strbuf_putc(out, '\n');
}

/* Format "file:line:col: level: text\n" (see diag_prefix) onto out; with
 * no "level: " when level is NULL. */
static void diag_format(struct strbuf *out, const char *level, const char *cmd, const char *file, int line,
			int col, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

static void diag_format(struct strbuf *out, const char *level, const char *cmd, const char *file, int line,
			int col, const char *fmt, va_list ap)
{
	diag_prefix(out, cmd, file, line, col);
	if (level)
		strbuf_printf(out, "%s: ", level);
	diag_text(out, fmt, ap);
}

/* Format one message (as diag_format) into this thread's capture, else
 * print it on stderr in one piece. */
static void diag_put(const char *level, const char *cmd, const char *file, int line, int col,
		     const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

static void diag_put(const char *level, const char *cmd, const char *file, int line, int col,
		     const char *fmt, va_list ap)
{
	if (diag_sink) {
		diag_format(diag_sink, level, cmd, file, line, col, fmt, ap);
		return;
	}
	struct strbuf line_buf = STRBUF_INIT;
	diag_format(&line_buf, level, cmd, file, line, col, fmt, ap);
	fputs(strbuf_str(&line_buf), stderr);
	strbuf_release(&line_buf);
}

static void diag_vreport(enum diag_level level, const char *cmd, const char *file, int line, int col,
			 const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

static void diag_vreport(enum diag_level level, const char *cmd, const char *file, int line, int col,
			 const char *fmt, va_list ap)
{
	if (diag_muted)
		return;
	if (level == DIAG_ERROR && diag_demote)
		level = DIAG_WARNING;
	if (level == DIAG_ERROR)
		atomic_fetch_add(&diag_errors, 1);
	else if (level == DIAG_WARNING)
		atomic_fetch_add(&diag_warnings, 1);
	if (level != DIAG_ERROR && diag_quiet)
		return;
	diag_put(diag_level_names[level], cmd, file, line, col, fmt, ap);
}

#define DIAG_DEFINE(name, level)                                                  \
	void name(const char *file, int line, int col, const char *fmt, ...)      \
	{                                                                         \
		va_list ap;                                                       \
		va_start(ap, fmt);                                                \
		diag_vreport(level, NULL, file, line, col, fmt, ap);              \
		va_end(ap);                                                       \
	}

DIAG_DEFINE(diag_error, DIAG_ERROR)
DIAG_DEFINE(diag_warning, DIAG_WARNING)
DIAG_DEFINE(diag_note, DIAG_NOTE)

void diag_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(DIAG_ERROR, cmd, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

/* "feedcard CMD: text\n", no level, not counted; unless muted, or quiet
 * and not always. */
static void diag_vplain(bool always, const char *cmd, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void diag_vplain(bool always, const char *cmd, const char *fmt, va_list ap)
{
	if (diag_muted || (diag_quiet && !always))
		return;
	diag_put(NULL, cmd, NULL, 0, 0, fmt, ap);
}

void diag_status(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vplain(true, cmd, fmt, ap);
	va_end(ap);
}

void diag_info(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vplain(false, cmd, fmt, ap);
	va_end(ap);
}

void diag_kind(struct diag_kind *k, const char *file, int line, int col, const char *fmt, ...)
{
	if (diag_muted)
		return;
	enum diag_level level = k->level == DIAG_ERROR ? DIAG_WARNING : k->level;
	if (level == DIAG_WARNING)
		atomic_fetch_add(&diag_warnings, 1);
	pthread_mutex_lock(&diag_kind_lock);
	int id = diag_kind_id(k);
	if (id)
		diag_kinds[id - 1].reported++;
	pthread_mutex_unlock(&diag_kind_lock);
	if (diag_quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (diag_sink) {
		/* Kept in order with the rest; diag_flush counts it. */
		strbuf_printf(diag_sink, "%c%d%c", DIAG_KIND_MARK, id, DIAG_KIND_MARK);
		diag_format(diag_sink, diag_level_names[level], NULL, file, line, col, fmt, ap);
	} else {
		struct strbuf sb = STRBUF_INIT;
		diag_format(&sb, diag_level_names[level], NULL, file, line, col, fmt, ap);
		diag_kind_show(id, sb.data, sb.len);
		strbuf_release(&sb);
	}
	va_end(ap);
}

int diag_error_count(void)
{
	return atomic_load(&diag_errors);
}

int diag_warning_count(void)
{
	return atomic_load(&diag_warnings);
}

void diag_reset(void)
{
	atomic_store(&diag_errors, 0);
	atomic_store(&diag_warnings, 0);
	pthread_mutex_lock(&diag_kind_lock);
	diag_kinds_clear();
	pthread_mutex_unlock(&diag_kind_lock);
}

void diag_set_quiet(bool quiet)
{
	diag_quiet = quiet;
}

/* ---- capturing ---- */

/* Captures nest (a stage that captures may run inside one that does): each
 * begin remembers what it replaced, for its end to put back. */
#define DIAG_NEST 8
static _Thread_local struct {
	struct strbuf *sink;
	bool demote;
} diag_saved[DIAG_NEST];
static _Thread_local int diag_depth;

void diag_capture_begin(struct strbuf *buf, bool demote)
{
	if (diag_depth == DIAG_NEST)
		abort(); /* a programming error: captures never nest this deep */
	diag_saved[diag_depth].sink = diag_sink;
	diag_saved[diag_depth].demote = diag_demote;
	diag_depth++;
	diag_sink = buf;
	diag_demote = demote;
}

void diag_capture_end(void)
{
	if (diag_depth == 0) {
		diag_sink = NULL;
		diag_demote = false;
		return;
	}
	diag_depth--;
	diag_sink = diag_saved[diag_depth].sink;
	diag_demote = diag_saved[diag_depth].demote;
}

void diag_mute(bool on)
{
	diag_muted = on;
}

void diag_flush(const struct strbuf *buf)
{
	if (!buf->len)
		return;
	if (diag_sink) {
		strbuf_add(diag_sink, buf->data, buf->len);
		return;
	}
	const char *p = buf->data, *end = buf->data + buf->len;
	while (p < end) {
		const char *mark = memchr(p, DIAG_KIND_MARK, (size_t)(end - p));
		if (!mark) {
			fwrite(p, 1, (size_t)(end - p), stderr);
			return;
		}
		/* Plain messages before it, then the kind's one line. */
		fwrite(p, 1, (size_t)(mark - p), stderr);
		char *after;
		long id = strtol(mark + 1, &after, 10);
		if (after >= end || *after != DIAG_KIND_MARK) {
			fwrite(mark, 1, (size_t)(end - mark), stderr); /* not ours: as it is */
			return;
		}
		const char *line = after + 1;
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *stop = nl ? nl + 1 : end;
		diag_kind_show((int)id, line, (size_t)(stop - line));
		p = stop;
	}
}
