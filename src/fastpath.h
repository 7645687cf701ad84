/* fastpath: the no-change fast path of `feedcard build`.
 *
 * After a successful build, what the recorder (state.h) noted is saved as
 * <out>/.feedcard-state: each input and output with its inode, size and
 * modification time. The next build first checks that list: when the
 * options are the same, no input or output changed and no post has come out
 * of the future since, nothing can have changed, and the build stops there.
 * Any doubt (a missing or unreadable state file, one changed stat) means a
 * full build. */
#ifndef FEEDCARD_FASTPATH_H
#define FEEDCARD_FASTPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Save the recorder's notes as <out_dir>/.feedcard-state for a build whose
 * options hash to key, valid until the time valid_until (a post leaves the
 * future then). Outputs are stat'ed now. Nothing is saved, and an older
 * state file is removed, when the recorder is off, an input was read twice
 * with different stats, an input changed within the last 2 seconds (an edit
 * in the same clock tick could keep its stat), a path holds a newline or an
 * output is gone. Failure only costs the fast path next time, so it is not
 * reported. */
void fastpath_save(const char *out_dir, unsigned long long key, time_t valid_until);

/* True when <out_dir>/.feedcard-state was saved with key, now is before its
 * valid_until, it lists at least one file and every file it lists still has
 * its noted stat; *checked is set to the number of files checked. */
bool fastpath_fresh(const char *out_dir, unsigned long long key, time_t now, size_t *checked);

#endif
