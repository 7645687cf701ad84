/* diag_fatal: the last message of a run that cannot go on, for the errors
 * no input causes (out of memory, a library that fails only when memory
 * does). Part of diag (see diag.h, which includes this header), kept apart
 * because it must work where diag cannot: it depends on no other module
 * and allocates nothing, so xalloc can report through it without a cycle
 * and without recursing into xmalloc when memory has run out. */
#ifndef FEEDCARD_DIAG_FATAL_H
#define FEEDCARD_DIAG_FATAL_H

/* The exit status of a run stopped by an internal error: sysexits.h's
 * EX_SOFTWARE, beside cli.h's 0, 1 and 2 for what the user can fix. */
#define DIAG_EXIT_INTERNAL 70

/* Print "feedcard: fatal: TEXT\n" on stderr and exit with
 * DIAG_EXIT_INTERNAL. Safe from any thread and when malloc fails: the line
 * is formatted on the stack (cut at 511 bytes) and written at once. It is
 * never captured, muted or hidden by quiet, unlike diag's other messages:
 * the process ends before any capture would be flushed. */
_Noreturn void diag_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
