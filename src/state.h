/* state: the no-change fast path of `feedcard build`.
 *
 * While a build runs, every input file it reads (the config, posts,
 * templates, their images and fonts, hand-made images) and every folder it
 * lists is noted with its size, modification time and inode, and so is
 * every output file it writes or leaves unchanged. After a successful build
 * the list is saved as <out>/.feedcard-state. The next build first checks
 * that list: when the options are the same, no input or output changed and
 * no post has come out of the future since, nothing can have changed, and
 * the build stops there. Any doubt (a missing or unreadable state file, one
 * changed stat) means a full build.
 *
 * The recorder is process-wide (notes come from deep inside modules that
 * read files); it is off unless a build turned it on. */
#ifndef FEEDCARD_STATE_H
#define FEEDCARD_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

/* Start recording (forgetting earlier notes). */
void state_record_begin(void);
/* Stop recording and forget the notes. */
void state_record_end(void);
/* Note an input file or folder that was read, with its stat. Thread-safe;
 * does nothing when not recording. */
void state_note_input(const char *path, const struct stat *st);
/* Note an output file (written or left unchanged). Thread-safe. */
void state_note_output(const char *path);

/* The output files noted so far (written or left unchanged), each once,
 * sorted; *out is set to a NULL-terminated array the caller frees with
 * each string. Returns how many. */
size_t state_outputs(char ***out);

/* Save the notes as <out_dir>/.feedcard-state for a build whose options
 * hash to key, valid until the time valid_until (a post leaves the future
 * then). Outputs are stat'ed now. Failure only costs the fast path next
 * time, so it is not reported. */
void state_save(const char *out_dir, unsigned long long key, time_t valid_until);

/* True when <out_dir>/.feedcard-state was saved with key, now is before its
 * valid_until, and every file it lists still has its noted stat; *checked
 * is set to the number of files checked. */
bool state_fresh(const char *out_dir, unsigned long long key, time_t now, size_t *checked);

#endif
