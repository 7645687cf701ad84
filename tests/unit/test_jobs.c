/* jobs: the pool runs every index once, names its workers within range,
 * survives runs back to back and after its threads have gone to sleep,
 * nested and concurrent callers, and stops; jobs_run_ordered prints each
 * item's messages in index order however the items finish. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "diag.h"
#include "jobs.h"
#include "strbuf.h"
#include "testutil.h"

struct count {
	atomic_int *hits;
	int threads;
	atomic_int bad_worker;
};

static void count_one(void *ctx, size_t i, int worker)
{
	struct count *c = ctx;
	atomic_fetch_add(&c->hits[i], 1);
	if (worker < 0 || worker >= c->threads)
		atomic_fetch_add(&c->bad_worker, 1);
}

static void run_and_check(size_t n, int threads)
{
	struct count c = { calloc(n + 1, sizeof(atomic_int)), threads < 1 ? 1 : threads, 0 };
	jobs_run(n, threads, count_one, &c);
	for (size_t i = 0; i < n; i++)
		if (atomic_load(&c.hits[i]) != 1)
			fail_msg("n=%zu threads=%d: index %zu ran %d times", n, threads, i, atomic_load(&c.hits[i]));
	assert_int_equal(atomic_load(&c.bad_worker), 0);
	free(c.hits);
}

static void test_every_index_once(void **state)
{
	(void)state;
	/* Many runs back to back: a worker that missed one would hang the
	 * next or leave an index undone. */
	size_t sizes[] = { 0, 1, 2, 3, 17, 1000 };
	for (int round = 0; round < 200; round++)
		for (int threads = 0; threads <= 4; threads++)
			run_and_check(sizes[round % 6], threads);
	jobs_stop();
}

static void test_after_sleep_and_warm(void **state)
{
	(void)state;
	jobs_warm(3);
	run_and_check(50, 3);
	/* Longer than the workers spin: they sleep and must be woken. */
	struct timespec pause = { 0, 30 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	run_and_check(50, 3);
	nanosleep(&pause, NULL);
	run_and_check(50, 2); /* fewer than the pool has */
	run_and_check(50, 4); /* more: it grows */
	jobs_stop();
	run_and_check(50, 2); /* started again after a stop */
	jobs_stop();
}

/* A job that runs jobs of its own: those run on its thread. */
static void nested_one(void *ctx, size_t i, int worker)
{
	(void)worker;
	atomic_int *sums = ctx;
	atomic_int inner[8] = { 0 };
	struct count c = { inner, 4, 0 };
	jobs_run(8, 4, count_one, &c);
	int total = 0;
	for (int k = 0; k < 8; k++)
		total += atomic_load(&inner[k]);
	atomic_store(&sums[i], total);
}

static void test_nested(void **state)
{
	(void)state;
	atomic_int sums[16] = { 0 };
	jobs_run(16, 2, nested_one, sums);
	for (int i = 0; i < 16; i++)
		assert_int_equal(atomic_load(&sums[i]), 8);
	jobs_stop();
}

/* Two threads calling at once: each run completes whole (checked here,
 * not with cmocka's asserts, which belong to the main thread). */
static void *caller(void *arg)
{
	atomic_int *wrong = arg;
	for (int k = 0; k < 100; k++) {
		atomic_int hits[64] = { 0 };
		struct count c = { hits, 2, 0 };
		jobs_run(64, 2, count_one, &c);
		for (int i = 0; i < 64; i++)
			if (atomic_load(&hits[i]) != 1)
				atomic_fetch_add(wrong, 1);
		atomic_fetch_add(wrong, atomic_load(&c.bad_worker));
	}
	return NULL;
}

static void test_concurrent_callers(void **state)
{
	(void)state;
	atomic_int wrong = 0;
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, caller, &wrong), 0);
	caller(&wrong);
	pthread_join(t, NULL);
	assert_int_equal(atomic_load(&wrong), 0);
	jobs_stop();
}

/* ---- jobs_run_ordered ---- */

#define ORDERED_N 6

/* Each item waits for the next one to finish (the last waits for none), so
 * that with a thread an item they finish last first: 5, 4, ..., 0. done
 * records the order they finished in. */
struct ordered {
	atomic_bool finished[ORDERED_N];
	atomic_size_t ndone;
	size_t done[ORDERED_N];
	size_t result[ORDERED_N];
	bool chain; /* wait for the next item */
	bool error; /* report errors rather than warnings */
};

static void ordered_one(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct ordered *o = ctx;
	/* At most 2 s: with fewer threads than items it would never come. */
	for (int k = 0; o->chain && i + 1 < ORDERED_N && !atomic_load(&o->finished[i + 1]) && k < 2000; k++) {
		struct timespec ms = { 0, 1000 * 1000 };
		nanosleep(&ms, NULL);
	}
	diag_note("item", (int)i + 1, 1, "the note of item %zu", i);
	if (o->error)
		diag_error("item", (int)i + 1, 2, "the error of item %zu", i);
	else
		diag_warning("item", (int)i + 1, 2, "the warning of item %zu", i);
	o->result[i] = i * 10;
	o->done[atomic_fetch_add(&o->ndone, 1)] = i;
	atomic_store(&o->finished[i], true);
}

/* What the items print, in index order (as a run on one thread prints it),
 * each error as a warning when demoted. Caller frees. */
static char *ordered_expected(bool error, bool demote)
{
	struct strbuf want = STRBUF_INIT;
	diag_capture_begin(&want, demote);
	for (size_t i = 0; i < ORDERED_N; i++) {
		diag_note("item", (int)i + 1, 1, "the note of item %zu", i);
		if (error)
			diag_error("item", (int)i + 1, 2, "the error of item %zu", i);
		else
			diag_warning("item", (int)i + 1, 2, "the warning of item %zu", i);
	}
	diag_capture_end();
	return strbuf_detach(&want, NULL);
}

static void ordered_check(int threads, bool chain, bool error, bool demote)
{
	struct ordered o = { .chain = chain, .error = error };
	char *want = ordered_expected(error, demote);
	tu_capture();
	jobs_run_ordered(ORDERED_N, threads, demote, NULL, ordered_one, &o);
	const char *got = tu_release();
	if (strcmp(got, want) != 0)
		fail_msg("threads=%d: messages out of index order:\n%s\nwanted:\n%s", threads, got, want);
	for (size_t i = 0; i < ORDERED_N; i++)
		assert_int_equal(o.result[i], i * 10);
	assert_int_equal(diag_error_count(), error && !demote ? ORDERED_N : 0);
	assert_int_equal(diag_warning_count(), error && !demote ? 0 : ORDERED_N);
	/* The premise: on a thread an item, they finished last item first. */
	for (size_t k = 0; chain && threads >= ORDERED_N && k < ORDERED_N; k++)
		if (o.done[k] != ORDERED_N - 1 - k)
			fail_msg("threads=%d: the items did not finish in reverse (item %zu finished %zu-th)",
				 threads, o.done[k], k + 1);
	free(want);
}

static void test_ordered_one_thread(void **state)
{
	(void)state;
	ordered_check(1, false, false, false);
	ordered_check(1, false, true, false);
	ordered_check(1, false, true, true); /* errors demoted to warnings */
}

static void test_ordered_finished_in_reverse(void **state)
{
	(void)state;
	ordered_check(ORDERED_N, true, false, false);
	ordered_check(ORDERED_N, true, true, false);
	ordered_check(ORDERED_N, true, true, true);
	/* Fewer threads than items: some wait on items not yet begun. */
	ordered_check(2, false, false, false);
	jobs_stop();
}

/* Captured by the caller: the messages join its capture, in order, behind
 * what it had already. */
static void test_ordered_into_callers_capture(void **state)
{
	(void)state;
	struct ordered o = { .chain = true };
	char *items = ordered_expected(false, false);
	tu_capture();
	diag_note("caller", 0, 0, "before the run");
	jobs_run_ordered(ORDERED_N, ORDERED_N, false, NULL, ordered_one, &o);
	diag_note("caller", 0, 0, "after the run");
	const char *got = tu_release();
	struct strbuf want = STRBUF_INIT, note = STRBUF_INIT;
	diag_capture_begin(&note, false);
	diag_note("caller", 0, 0, "before the run");
	diag_capture_end();
	strbuf_puts(&want, strbuf_str(&note));
	strbuf_puts(&want, items);
	strbuf_reset(&note);
	diag_capture_begin(&note, false);
	diag_note("caller", 0, 0, "after the run");
	diag_capture_end();
	strbuf_puts(&want, strbuf_str(&note));
	assert_string_equal(got, strbuf_str(&want));
	strbuf_release(&want);
	strbuf_release(&note);
	free(items);
	jobs_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_index_once),
		cmocka_unit_test(test_after_sleep_and_warm),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_concurrent_callers),
		cmocka_unit_test(test_ordered_one_thread),
		cmocka_unit_test(test_ordered_finished_in_reverse),
		cmocka_unit_test(test_ordered_into_callers_capture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
