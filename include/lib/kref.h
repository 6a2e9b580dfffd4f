/*
 * kref: a reference count for an object shared by several owners, as in Linux.
 *
 * The object embeds a struct kref.  Whoever makes it starts the count at one (kref_init());
 * each new owner takes a reference (kref_get()) and gives it back when done (kref_put()).  The
 * put that brings the count to zero calls the object's release function, which frees it:
 * nobody else can reach it any more.  Every change is atomic, so no lock is needed to count;
 * but a lookup that finds the object in a shared table, where the last reference may be going
 * at that moment, must use kref_get_unless_zero() (or hold the table's lock, which release
 * also takes to remove the object from the table).
 *
 * Header only, with no kernel header: the host tests use it too (tests/host/kref_test.c).
 */
#ifndef LIB_KREF_H
#define LIB_KREF_H

#include <stdbool.h>

struct kref {
	int refcount; /* references held; atomic */
};

/* A count of n, for a static definition: static struct kref k = KREF_INIT(1); */
#define KREF_INIT(n)                                                                               \
	{                                                                                          \
		.refcount = (n)                                                                    \
	}

/* Start the count of a new object: its maker holds the one reference. */
static inline void kref_init(struct kref *k)
{
	__atomic_store_n(&k->refcount, 1, __ATOMIC_RELAXED);
}

/* The count now; it may change at once, so it serves for checks and messages only. */
static inline int kref_read(const struct kref *k)
{
	return __atomic_load_n(&k->refcount, __ATOMIC_RELAXED);
}

/* Take one more reference; the caller already holds one, so the count is not zero. */
static inline void kref_get(struct kref *k)
{
	__atomic_add_fetch(&k->refcount, 1, __ATOMIC_RELAXED);
}

/*
 * Take a reference unless the count is already zero (the object is being released): true if
 * it was taken.  For lookups that find an object without holding a reference to it.
 */
static inline bool kref_get_unless_zero(struct kref *k)
{
	int count = __atomic_load_n(&k->refcount, __ATOMIC_RELAXED);

	do {
		if (count == 0)
			return false;
	} while (!__atomic_compare_exchange_n(&k->refcount, &count, count + 1, true,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return true;
}

/*
 * Drop a reference.  The last one calls release(k), which frees the object, and returns true;
 * otherwise false.  acq_rel: what every owner wrote to the object is visible to release.
 */
static inline bool kref_put(struct kref *k, void (*release)(struct kref *k))
{
	if (__atomic_sub_fetch(&k->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return false;
	release(k);
	return true;
}

#endif /* LIB_KREF_H */
