/* diag_fatal: the message and exit status of an internal error; see
 * diag_fatal.h. */
#include "diag_fatal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void diag_fatal(const char *fmt, ...)
{
	static const char head[] = "feedcard: fatal: ";
	char line[512];
	size_t n = sizeof head - 1;
	memcpy(line, head, n);
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
	va_end(ap);
	if (len > 0)
		n += (size_t)len < sizeof line - n - 1 ? (size_t)len : sizeof line - n - 2;
	line[n++] = '\n';
	/* One write, so that a message from another thread cannot land in the
	 * middle; stderr is unbuffered, so stdio allocates nothing here. */
	fwrite(line, 1, n, stderr);
	exit(DIAG_EXIT_INTERNAL);
}
