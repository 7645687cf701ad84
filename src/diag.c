/* diag: diagnostics with file:line:col; see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_int diag_errors;
static atomic_int diag_warnings;
static bool diag_quiet;
static _Thread_local struct strbuf *diag_sink;
static _Thread_local bool diag_demote;
static _Thread_local bool diag_muted;

static const char *const diag_level_names[] = { "note", "warning", "error" };

static void diag_vreport(enum diag_level level, const char *file, int line, int col,
			 const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void diag_vreport(enum diag_level level, const char *file, int line, int col,
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

	struct strbuf line_buf = STRBUF_INIT;
	struct strbuf *out = diag_sink ? diag_sink : &line_buf;
	if (file && line > 0 && col > 0)
		strbuf_printf(out, "%s:%d:%d: ", file, line, col);
	else if (file && line > 0)
		strbuf_printf(out, "%s:%d: ", file, line);
	else if (file)
		strbuf_printf(out, "%s: ", file);
	else
		strbuf_puts(out, "feedcard: ");
	strbuf_printf(out, "%s: ", diag_level_names[level]);
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
	if (!diag_sink) {
		fputs(strbuf_str(&line_buf), stderr);
		strbuf_release(&line_buf);
	}
}

#define DIAG_DEFINE(name, level)                                                  \
	void name(const char *file, int line, int col, const char *fmt, ...)      \
	{                                                                         \
		va_list ap;                                                       \
		va_start(ap, fmt);                                                \
		diag_vreport(level, file, line, col, fmt, ap);                    \
		va_end(ap);                                                       \
	}

DIAG_DEFINE(diag_error, DIAG_ERROR)
DIAG_DEFINE(diag_warning, DIAG_WARNING)
DIAG_DEFINE(diag_note, DIAG_NOTE)

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
}

void diag_set_quiet(bool quiet)
{
	diag_quiet = quiet;
}

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
	if (diag_sink)
		strbuf_add(diag_sink, buf->data, buf->len);
	else
		fwrite(buf->data, 1, buf->len, stderr);
}
