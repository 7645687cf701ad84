/* diag: the one place user-facing errors, warnings and notes are printed.
 *
 * Messages have the form "file:line:col: error: text" (line and column are
 * left out when unknown). Counts feed the exit status. A thread may capture
 * its messages into a buffer so that parallel work reports in input order. */
#ifndef FEEDCARD_DIAG_H
#define FEEDCARD_DIAG_H

#include <stdbool.h>

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

/* Number of errors / warnings reported so far (all threads). */
int diag_error_count(void);
int diag_warning_count(void);
/* Reset both counts to zero. */
void diag_reset(void);
/* Suppress warnings and notes (errors are always printed). */
void diag_set_quiet(bool quiet);

/* From now on, this thread's messages are appended to buf (borrowed until
 * diag_capture_end) instead of being printed. If demote is true, errors are
 * reported as warnings (--keep-going). Counts are still updated. Captures
 * nest: the inner one's end restores the outer one. */
void diag_capture_begin(struct strbuf *buf, bool demote);
/* Stop this thread's innermost capture. */
void diag_capture_end(void);
/* While on (this thread only), messages are dropped and not counted: for a
 * look-ahead whose errors the real pass reports later. */
void diag_mute(bool on);
/* Print previously captured text to stderr, or add it to this thread's
 * capture when one is on. */
void diag_flush(const struct strbuf *buf);

#endif
