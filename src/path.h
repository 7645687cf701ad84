/* path: naming paths, without touching the files they name.
 *
 * Joining, the folder part, lexical clean-up, and one question that needs
 * the file system: whether a folder lies inside another once symbolic links
 * are resolved (path_dir_inside calls realpath; nothing here opens, reads
 * or writes a file). Every function returns a new string the caller frees;
 * none can fail (memory runs out through xalloc). */
#ifndef FEEDCARD_PATH_H
#define FEEDCARD_PATH_H

#include <stdbool.h>

/* Join two path pieces with exactly one '/' between them. Caller frees.
 * An absolute b, or an empty a, gives b as is. */
char *path_join(const char *a, const char *b);

/* The folder part of path ("." when there is none, "/" for a name right
 * below the root). Caller frees. */
char *path_dirname(const char *path);

/* dir joined with rel (rel alone when dir is "."), then cleaned lexically:
 * "./" and empty pieces dropped, "a/../" folded away (a leading ".." that
 * has nothing to fold stays), so that messages name "out", not
 * "examples/../out". Symbolic links are not followed: "link/.." becomes
 * "." whatever the link leads to. "." when nothing is left. Caller frees. */
char *path_join_clean(const char *dir, const char *rel);

/* True when dir, resolved the slow way (realpath of its deepest existing
 * ancestor, so dir itself need not exist yet), lies inside root_real, which
 * must already be a realpath. False when no ancestor resolves. */
bool path_dir_inside(const char *root_real, const char *dir);

#endif
