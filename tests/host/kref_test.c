/*
 * Host tests of <lib/kref.h>: counting up and down, release called once by the last put, no
 * reference taken from zero, and counts that stay right when threads race.
 */
#include <pthread.h>
#include <lib/kref.h>

#include "tap.h"

static int releases;		   /* release calls so far */
static struct kref *last_released; /* the kref the last of them was given */

static void count_release(struct kref *k)
{
	releases++;
	last_released = k;
}

static void check_counting(void)
{
	struct kref k;
	struct kref three = KREF_INIT(3);

	kref_init(&k);
	tap_check_long(kref_read(&k), 1, "kref_init: the count is 1");
	tap_check_long(kref_read(&three), 3, "KREF_INIT(3): the count is 3");
	kref_get(&k);
	tap_check_long(kref_read(&k), 2, "kref_get: 1 becomes 2");
	releases = 0;
	tap_ok(!kref_put(&k, count_release) && releases == 0 && kref_read(&k) == 1,
	       "kref_put: 2 becomes 1, returns false, no release");
	tap_ok(kref_put(&k, count_release) && releases == 1 && last_released == &k,
	       "kref_put: the last put returns true and releases that kref once");
	tap_ok(!kref_get_unless_zero(&k) && kref_read(&k) == 0,
	       "kref_get_unless_zero: false at zero, and the count stays 0");
	tap_ok(kref_get_unless_zero(&three) && kref_read(&three) == 4,
	       "kref_get_unless_zero: true at 3, which becomes 4");
}

#define THREADS 4
#define ROUNDS	200000

static struct kref shared;

/* Take and drop references to shared, ROUNDS times, each drop racing the other threads. */
static void *get_put_rounds(void *unused)
{
	(void)unused;
	for (int i = 0; i < ROUNDS; i++) {
		if (i % 2)
			kref_get(&shared);
		else if (!kref_get_unless_zero(&shared))
			return (void *)1;
		kref_put(&shared, count_release);
	}
	return NULL;
}

static void check_threads(void)
{
	pthread_t threads[THREADS];
	int failed = 0;

	kref_init(&shared);
	releases = 0;
	for (int i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, get_put_rounds, NULL);
	for (int i = 0; i < THREADS; i++) {
		void *result;

		pthread_join(threads[i], &result);
		failed += result != NULL;
	}
	tap_ok(failed == 0 && kref_read(&shared) == 1 && releases == 0,
	       "%d threads taking and dropping %d references each leave the count at 1", THREADS,
	       ROUNDS);
	tap_ok(kref_put(&shared, count_release) && releases == 1,
	       "then the owner's put releases it, once");
}

int main(void)
{
	check_counting();
	check_threads();
	return tap_done();
}
