/* diag: the one place user-facing errors, warnings and notes are printed.
 *
 * Messages have the form "file:line:col: error: text" (line and column are
 * left out when unknown), or "feedcard CMD: error: text" for the command
 * line. Counts feed the exit status. A thread may capture its messages
 * into a buffer so that parallel work reports in input order. An internal
 * error (out of memory) ends the run through diag_fatal (diag_fatal.h),
 * with the exit status DIAG_EXIT_INTERNAL.
 *
 * Paths: the file of a message is printed relative to the current folder
 * when it lies under it (see diag_path), whatever form it was scanned in.
 *
 * Repeated kinds: a message that real data can repeat many times in one
 * build goes through diag_kind (below), which prints one summary line per
 * kind at the end of the build unless --verbose asks for every line. */
#ifndef FEEDCARD_DIAG_H
#define FEEDCARD_DIAG_H

#include <stdbool.h>

#include "diag_fatal.h" /* diag_fatal, DIAG_EXIT_INTERNAL: internal errors */
#include "strbuf.h"

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

/* Report an error at file:line:col (file may be NULL, line/col 0 = unknown). */
void diag_error(const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Report a warning; printed unless quiet. */
void diag_warning(const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Report a note (informational); printed unless quiet. */
void diag_note(const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ---- Messages of a command rather than of a file ----
 *
 * For what has no file to name: the command line, and what a command says
 * of its own run. cmd is the command's name ("build", "serve"), which the
 * line names after "feedcard"; NULL for the program as a whole. Like the
 * functions above they are thread-safe, print each line in one piece and
 * honour this thread's capture and mute. */

/* A usage error (an unknown option, a bad value):
 * "feedcard CMD: error: text" ("feedcard: error: text" when cmd is NULL).
 * Counts as an error; printed even when quiet. */
void diag_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A line of a command's own that quiet must not hide: what became of the
 * run after the errors that caused it ("the previous output is
 * unchanged"), or trouble met below it (serve's HTTP layer refusing a
 * request). "feedcard CMD: text", no level, not counted. */
void diag_status(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A line of a command's running log (serve's requests): "feedcard CMD:
 * text", no level, not counted, not printed when quiet. */
void diag_info(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Number of errors / warnings reported so far (all threads). */
int diag_error_count(void);
int diag_warning_count(void);
/* Reset both counts, and every kind's count (see diag_kind), to zero. */
void diag_reset(void);
/* Suppress warnings and notes (errors are always printed). */
void diag_set_quiet(bool quiet);

/* ---- Paths in messages ----
 *
 * path as a message should show it: relative to the current folder when it
 * lies under it ("/abs/site/content/x.md" run from /abs/site gives
 * "content/x.md"; "./x.md" gives "x.md"; "../site/x.md" run from .../site
 * gives "x.md"), else path unchanged. The result points into path (or is
 * the static "."), so it lives as long as path and can be passed straight
 * to a message's format: diag_error(p->file, 0, 0, "… as %s", diag_path(q->file)).
 * The file argument of every diag_* call goes through it already. The
 * current folder is read once per process. NULL gives NULL. */
const char *diag_path(const char *path);

/* ---- Repeated kinds of messages: one summary line each ----
 *
 * Declare one static struct diag_kind per kind of message, with the level
 * (DIAG_NOTE or DIAG_WARNING: every error is printed) and a summary format
 * holding one %d, the count:
 *
 *     static struct diag_kind same_date = DIAG_KIND(DIAG_NOTE,
 *             "%d pairs of posts have the same update time in one feed");
 *     ...
 *     diag_kind(&same_date, p->file, 0, 0, "has the same date as %s", diag_path(q->file));
 *
 * By default nothing is printed when a kind's message is reported: at the
 * end of the build, diag_kinds_end prints each kind that occurred as one
 * line, the message itself when it occurred once, else the summary with
 * its count and the first message (first in input order, whatever the
 * thread count: captured messages count when they are flushed):
 *
 *     feedcard: note: 8 pairs of posts have the same update time in one feed
 *     (the first: a.md: has the same date as b.md; --verbose lists them all)
 *
 * (on one line). With diag_set_verbose(true) (--verbose), each message is
 * printed as it is reported, like diag_note or diag_warning, and
 * diag_kinds_end prints nothing. Either way each message counts as a
 * warning (or not, for notes) exactly as one reported directly; quiet
 * prints neither the messages nor the summaries. Thread-safe; captures
 * (diag_capture_begin) keep a kind's messages in order with the rest. */
struct diag_kind {
	enum diag_level level; /* DIAG_NOTE or DIAG_WARNING */
	const char *summary;   /* printf format with one %d */
	int id;                /* diag's own: 0 until first reported */
};
#define DIAG_KIND(level, summary) { (level), (summary), 0 }

/* Report one message of kind k at file:line:col (as diag_note). */
void diag_kind(struct diag_kind *k, const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* How many messages of kind k were reported since the last diag_kinds_end
 * or diag_reset (all threads, flushed or not). */
int diag_kind_count(const struct diag_kind *k);
/* Print the summary line of every kind reported since the last call (see
 * above) and start every kind's count again. Call once when a build ends. */
void diag_kinds_end(void);
/* List every message of every kind as it comes (--verbose). */
void diag_set_verbose(bool verbose);

/* ---- Capturing ---- */

/* From now on, this thread's messages are appended to buf (borrowed until
 * diag_capture_end) instead of being printed. If demote is true, errors are
 * reported as warnings (--keep-going). Counts are still updated. Captures
 * nest: the inner one's end restores the outer one. A kind's message is
 * kept in buf behind a marker byte (DIAG_KIND_MARK) that diag_flush reads:
 * pass captured text to diag_flush, not to stderr. */
void diag_capture_begin(struct strbuf *buf, bool demote);
#define DIAG_KIND_MARK '\x1f'
/* Stop this thread's innermost capture. */
void diag_capture_end(void);
/* While on (this thread only), messages are dropped and not counted: for a
 * look-ahead whose errors the real pass reports later. */
void diag_mute(bool on);
/* Print previously captured text to stderr (a kind's messages are counted
 * toward its summary, or printed with --verbose), or add it to this
 * thread's capture when one is on. */
void diag_flush(const struct strbuf *buf);

#endif
