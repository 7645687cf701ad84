/* prune: remove what an earlier build wrote and this one no longer makes.
 *
 * A category or tag that no post carries any more, a post that was deleted
 * or moved, a card whose file name changed: their old files would otherwise
 * stay in the output folder and be served as if current. Every successful
 * build lists the files it made (written or left unchanged) in
 * <out>/.feedcard-outputs; the next one removes the files of the old list
 * that are not on its own, then the folders that leaves empty. Nothing
 * feedcard did not list itself is ever touched. */
#ifndef FEEDCARD_PRUNE_H
#define FEEDCARD_PRUNE_H

#include <stddef.h>

/* outputs: the paths this build made (each out_dir + '/' + a relative path;
 * others are ignored). Removes the stale files, saves the new list, and
 * returns how many files were removed. Problems are warnings: the build's
 * output is complete either way. */
size_t prune_stale(const char *out_dir, char **outputs, size_t n);

#endif
