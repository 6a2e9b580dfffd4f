/*
 * Hashing integers and pointers into a table of 2^bits buckets, as Linux's hash_64().
 *
 * Multiplying by 2^64 divided by the golden ratio spreads keys that differ only a little (the
 * addresses of objects in one array, consecutive ids) over the whole 64 bits, most of all the
 * top ones: so the top bits are the bucket (Knuth's multiplicative hashing).  A key made of
 * several words is first folded into one with hash_mix():
 *
 *	bucket = hash_64(hash_mix(hash_mix(0, id), (uintptr_t)parent), TABLE_BITS);
 *
 * Header only, with no kernel header: the host tests use it too (tests/host/hash_test.c).
 */
#ifndef LIB_HASH_H
#define LIB_HASH_H

#include <stdint.h>

#define GOLDEN_RATIO_64 0x61C8864680B583EBull

/* The bucket of val in a table of 2^bits buckets; bits is from 1 to 32. */
static inline uint32_t hash_64(uint64_t val, unsigned int bits)
{
	return (uint32_t)((val * GOLDEN_RATIO_64) >> (64 - bits));
}

/* The bucket of a pointer (the object's address is the key). */
static inline uint32_t hash_ptr(const void *p, unsigned int bits)
{
	return hash_64((uint64_t)(uintptr_t)p, bits);
}

/*
 * Fold one more word v into the key h (start with h = 0).  The order matters, so (a, b) and
 * (b, a) give different keys; the result is meant for hash_64(), which spreads it further.
 */
static inline uint64_t hash_mix(uint64_t h, uint64_t v)
{
	h ^= v + GOLDEN_RATIO_64 + (h << 6) + (h >> 2);
	return h * GOLDEN_RATIO_64;
}

#endif /* LIB_HASH_H */
