/* Replay a fuzz target's corpus without a fuzzing engine: every file named
 * on the command line, and every file under every folder named there
 * (recursively, in sorted order), is passed once to LLVMFuzzerTestOneInput.
 * A crash or an oracle failure aborts, so ctest sees the test fail; the
 * file being run is printed first when FEEDCARD_REPLAY_VERBOSE is set. */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzzutil.h"

static bool replay_verbose;
static size_t replay_count;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&sb, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		perror(path);
		strbuf_release(&sb);
		return -1;
	}
	if (replay_verbose)
		fprintf(stderr, "replay: %s (%zu bytes)\n", path, sb.len);
	/* An exact-size heap copy, so ASan catches reads past the end. */
	size_t len = sb.len;
	uint8_t *data = xmalloc(len ? len : 1);
	if (len)
		memcpy(data, sb.data, len);
	strbuf_release(&sb);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	replay_count++;
	return 0;
}

static int replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	char **names = NULL;
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xreallocarray(names, count + 1, sizeof *names);
		names[count++] = xasprintf("%s/%s", path, e->d_name);
	}
	closedir(d);
	if (count)
		qsort(names, count, sizeof *names, replay_cmp);
	int rc = 0;
	for (size_t i = 0; i < count; i++) {
		if (replay_path(names[i]) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	replay_verbose = getenv("FEEDCARD_REPLAY_VERBOSE") != NULL;
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (replay_path(argv[i]) != 0)
			rc = 1;
	printf("replayed %zu inputs\n", replay_count);
	if (!replay_count) {
		fprintf(stderr, "%s: no input found: is the corpus missing?\n", argv[0]);
		rc = 1;
	}
	return rc;
}
