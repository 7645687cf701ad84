/* jobs: the pool runs every index once, names its workers within range,
 * survives runs back to back and after its threads have gone to sleep,
 * nested and concurrent callers, and stops. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "jobs.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_index_once),
		cmocka_unit_test(test_after_sleep_and_warm),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_concurrent_callers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
