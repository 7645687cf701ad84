/* cards_bench: render many card titles in one process with N threads, one
 * card_renderer per thread, and print throughput. Not a test; see
 * bench/cards.
 *
 * Usage: cards_bench TITLES_FILE TEMPLATE THREADS [FORMAT [REPEAT [OUTDIR]]] */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "card.h"
#include "fsin.h"
#include "fsout.h"
#include "imgfmt.h"
#include "path.h"
#include "xalloc.h"

struct bench {
	char **titles;
	size_t n;
	const char *template, *format, *outdir;
	enum imgfmt fmt;
	int repeat;
	atomic_size_t next;
	atomic_size_t bytes;
	atomic_int failed;
};

static double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *bench_worker(void *arg)
{
	struct bench *b = arg;
	struct card_renderer *r = card_renderer_new(b->template, 0, 0);
	if (!r) {
		atomic_store(&b->failed, 1);
		return NULL;
	}
	size_t total = b->n * (size_t)b->repeat;
	for (size_t i; (i = atomic_fetch_add(&b->next, 1)) < total;) {
		struct card_fields f = { .title = b->titles[i % b->n], .site_title = "eBPF.io blog",
					 .site_host = "ebpf.io", .author = "The eBPF community",
					 .description = "A post from the eBPF blog.",
					 .categories = "Community", .date = 1728432000,
					 .reading_time = 7 };
		char *out = NULL;
		size_t len = 0;
		if (card_render(r, &f, b->fmt, 85, b->titles[i % b->n], &out, &len) != 0) {
			atomic_store(&b->failed, 1);
			continue;
		}
		atomic_fetch_add(&b->bytes, len);
		if (b->outdir && i < b->n) {
			char name[64];
			snprintf(name, sizeof name, "card-%04zu.%s", i, b->format);
			char *p = path_join(b->outdir, name);
			fsout_write(p, out, len, NULL);
			free(p);
		}
		free(out);
	}
	card_renderer_free(r);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: cards_bench TITLES TEMPLATE THREADS [FORMAT [REPEAT [OUTDIR]]]\n");
		return 2;
	}
	struct bench b = { .template = argv[2], .format = argc > 4 ? argv[4] : "jpg",
			   .repeat = argc > 5 ? atoi(argv[5]) : 1, .outdir = argc > 6 ? argv[6] : NULL };
	int threads = atoi(argv[3]);
	char *data = NULL;
	size_t len = 0;
	if (threads < 1 || b.repeat < 1 || imgfmt_from_ext(b.format, &b.fmt) != 0 ||
	    !imgfmt_encodable(b.fmt) || fsin_read_file(argv[1], 64u << 20, &data, &len) != 0)
		return 2;
	for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
		b.titles = xreallocarray(b.titles, b.n + 1, sizeof *b.titles);
		b.titles[b.n++] = line;
	}
	if (b.n == 0)
		return 2;

	/* Set-up cost (template, fonts, static layers) measured on its own. */
	double t0 = bench_now();
	struct card_renderer *probe = card_renderer_new(b.template, 0, 0);
	if (!probe)
		return 1;
	double setup_ms = (bench_now() - t0) * 1e3;
	card_renderer_free(probe);

	struct rusage ru0, ru1;
	getrusage(RUSAGE_SELF, &ru0);
	t0 = bench_now();
	pthread_t *tid = xcalloc((size_t)threads, sizeof *tid);
	for (int i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, bench_worker, &b);
	for (int i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	double wall = bench_now() - t0;
	getrusage(RUSAGE_SELF, &ru1);
	double cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) +
		     (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6 +
		     (double)(ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
		     (double)(ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
	size_t cards = b.n * (size_t)b.repeat;
	printf("%s %s threads=%d cards=%zu wall=%.3fs  %.0f cards/s  %.3f ms/card wall  "
	       "%.3f ms CPU/card  avg %.1f KB  renderer setup %.1f ms (incl. per-thread setup in wall)\n",
	       b.template, b.format, threads, cards, wall, cards / wall, wall * 1e3 / cards,
	       cpu * 1e3 / cards, atomic_load(&b.bytes) / 1024.0 / cards, setup_ms);
	free(tid);
	free(b.titles);
	free(data);
	return atomic_load(&b.failed) ? 1 : 0;
}
