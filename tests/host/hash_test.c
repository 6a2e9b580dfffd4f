/*
 * Host tests of <lib/hash.h>: hash_64()'s buckets are Knuth's multiplicative hash, stay in
 * range, and spread keys that differ a little; hash_mix() keeps every word and their order.
 */
#include <stdint.h>
#include <lib/hash.h>

#include "tap.h"

#define BITS	8
#define BUCKETS (1u << BITS)

static void check_values(void)
{
	tap_check_long(hash_64(1, 32), 0x61C88646,
		       "hash_64(1, 32) is the top half of the constant");
	tap_check_long(hash_64(1, 1), 0, "hash_64(1, 1) is the constant's top bit (0)");
	tap_check_long(hash_64(2, 1), 1, "hash_64(2, 1) is twice the constant's top bit (1)");
	tap_check_long(hash_64(0, 16), 0, "hash_64(0, 16) is 0");
	tap_check_long(hash_ptr((void *)0x1000, 12), hash_64(0x1000, 12),
		       "hash_ptr is hash_64 of the address");
}

/* The largest bucket when keys first, first + step, ... (count of them) go in BUCKETS. */
static unsigned int largest_bucket(uint64_t first, uint64_t step, unsigned int count,
				   uint32_t *biggest_index)
{
	unsigned int size[BUCKETS] = { 0 }, largest = 0;

	*biggest_index = 0;
	for (unsigned int i = 0; i < count; i++) {
		uint32_t b = hash_64(first + i * step, BITS);

		if (b >= BUCKETS)
			*biggest_index = b;
		else if (++size[b] > largest)
			largest = size[b];
	}
	return largest;
}

static void check_spread(void)
{
	uint32_t out_of_range;

	/* 4096 keys in 256 buckets: 16 each on average; allow 3 times that. */
	tap_ok(largest_bucket(0, 1, 4096, &out_of_range) <= 48 && out_of_range == 0,
	       "hash_64: 4096 consecutive keys fill 256 buckets evenly (none over 48), in range");
	tap_ok(largest_bucket(0xffff888000000000ull, 64, 4096, &out_of_range) <= 48 &&
		   out_of_range == 0,
	       "hash_64: 4096 addresses 64 bytes apart fill 256 buckets evenly (none over 48)");
}

static void check_mix(void)
{
	uint64_t ab = hash_mix(hash_mix(0, 1), 2), ba = hash_mix(hash_mix(0, 2), 1);
	unsigned int size[BUCKETS] = { 0 }, largest = 0;

	tap_ok(ab != ba, "hash_mix: (1, 2) and (2, 1) give different keys");
	tap_ok(hash_mix(hash_mix(0, 7), 0) != hash_mix(0, 7),
	       "hash_mix: a zero word still changes the key");
	for (uint64_t id = 0; id < 64; id++)
		for (uint64_t parent = 0; parent < 64; parent++) {
			uint32_t b = hash_64(hash_mix(hash_mix(0, id), parent), BITS);

			if (++size[b] > largest)
				largest = size[b];
		}
	tap_ok(largest <= 48, "hash_mix: 64 x 64 pairs of small words fill 256 buckets evenly");
}

int main(void)
{
	check_values();
	check_spread();
	check_mix();
	return tap_done();
}
