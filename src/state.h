/* state: the recorder of what a build read and wrote.
 *
 * While a build runs, every input file it reads (the config, posts,
 * templates, their images and fonts, hand-made images) and every folder it
 * lists is noted with its size, modification time and inode, and so is
 * every output file it writes or leaves unchanged. The notes feed the
 * removal of stale outputs (prune) and the no-change fast path (fastpath),
 * which do what they will with them; the recorder only keeps them.
 *
 * The recorder is process-wide (notes come from deep inside modules that
 * read files); it is off unless a build turned it on. It depends on nothing
 * of feedcard's but xalloc. */
#ifndef FEEDCARD_STATE_H
#define FEEDCARD_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* Start recording (forgetting earlier notes). */
void state_record_begin(void);
/* Stop recording and forget the notes. */
void state_record_end(void);
/* Note an input file or folder that was read, with its stat. Thread-safe;
 * does nothing when not recording. */
void state_note_input(const char *path, const struct stat *st);
/* Note an output file (written or left unchanged). Thread-safe; does
 * nothing when not recording. */
void state_note_output(const char *path);

/* The output files noted so far (written or left unchanged), each once,
 * sorted; *out is set to a NULL-terminated array the caller frees with
 * each string. Returns how many. */
size_t state_outputs(char ***out);

/* One note: an input ('i', with its stat when read) or an output ('o',
 * with its stat zeroed: outputs are stat'ed by whoever needs it). */
struct state_note {
	char kind;        /* 'i' or 'o' */
	const char *path; /* borrowed: see state_notes */
	struct stat st;
};

/* Every note so far, sorted by kind ('i' first) and then bytewise by path,
 * a file noted twice (a post read again to render it) listed twice, side
 * by side. *notes is set to a new array of *n notes that the caller frees
 * (NULL when there are none); its paths are borrowed until the next
 * state_record_begin or state_record_end. Returns false, with *notes NULL
 * and *n 0, when not recording. */
bool state_notes(struct state_note **notes, size_t *n);

#endif
