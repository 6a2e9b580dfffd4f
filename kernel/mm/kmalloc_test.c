/*
 * Tests of kmalloc (kernel/mm/kmalloc.c).
 */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <lib/compiler.h>

#define OBJECTS_PER_SIZE 3

static const size_t small_sizes[] = { 1,   8,	16,  17,   32,	 48,   64,   100,  128, 200,
				      256, 500, 512, 1000, 1024, 1500, 2048, 2049, 4096 };
static const size_t large_sizes[] = { 4097, 8192, 10000, 65536, 1 << 20 };

static bool aligned(const void *ptr, size_t alignment)
{
	return ((uintptr_t)ptr & (alignment - 1)) == 0;
}

static void fill(void *ptr, size_t size, uint8_t byte)
{
	uint8_t *p = ptr;

	for (size_t i = 0; i < size; i++)
		p[i] = byte;
}

static bool filled_with(const void *ptr, size_t size, uint8_t byte)
{
	const uint8_t *p = ptr;

	for (size_t i = 0; i < size; i++)
		if (p[i] != byte)
			return false;
	return true;
}

/*
 * Allocate OBJECTS_PER_SIZE objects of size, fill each with its own byte, and check none was
 * overwritten by another's: they are writable and distinct.  Then free them.
 */
static bool check_objects(size_t size, size_t alignment)
{
	void *objects[OBJECTS_PER_SIZE];
	bool ok = true;

	for (int i = 0; i < OBJECTS_PER_SIZE; i++) {
		objects[i] = kmalloc(size);
		ok = ok && objects[i] && aligned(objects[i], alignment);
		if (objects[i])
			fill(objects[i], size, (uint8_t)(0xa0 + i));
	}
	for (int i = 0; i < OBJECTS_PER_SIZE; i++) {
		ok = ok && filled_with(objects[i], size, (uint8_t)(0xa0 + i));
		kfree(objects[i]);
	}
	return ok;
}

KTEST(kmalloc_small_sizes, "kmalloc: every size class gives 16-byte aligned, distinct memory")
{
	for (size_t i = 0; i < ARRAY_SIZE(small_sizes); i++)
		KTEST_EXPECT(check_objects(small_sizes[i], KMALLOC_MIN_SIZE));
}

KTEST(kmalloc_large_sizes, "kmalloc: sizes above 4096 give page-aligned, distinct memory")
{
	for (size_t i = 0; i < ARRAY_SIZE(large_sizes); i++)
		KTEST_EXPECT(check_objects(large_sizes[i], PAGE_SIZE));
}

KTEST(kmalloc_largest_size, "kmalloc: 4 MiB (one largest page block) works, a byte more fails")
{
	size_t largest = (size_t)PAGE_SIZE << MAX_ORDER;
	uint8_t *object = kmalloc(largest);

	KTEST_EXPECT(object != NULL);
	if (object) {
		object[0] = 1;
		object[largest - 1] = 1;
		kfree(object);
	}
	KTEST_EXPECT(kmalloc(largest + 1) == NULL);
}

KTEST(kmalloc_reuses_freed_object, "kmalloc: kfree then kmalloc of that size reuses the object")
{
	void *keep = kmalloc(96);
	void *object = kmalloc(96);

	KTEST_ASSERT(keep != NULL && object != NULL);
	kfree(object);
	KTEST_EXPECT(kmalloc(96) == object);
	kfree(object);
	kfree(keep);
}

KTEST(kmalloc_zeroed, "kmalloc: kzalloc returns zeroed memory")
{
	uint8_t *dirty = kmalloc(200);
	uint8_t *object;

	KTEST_ASSERT(dirty != NULL);
	fill(dirty, 200, 0x5a);
	kfree(dirty);
	object = kzalloc(200);
	KTEST_ASSERT(object != NULL);
	KTEST_EXPECT(filled_with(object, 200, 0));
	kfree(object);
}

KTEST(kmalloc_freed_object_poisoned, "kmalloc: a freed object is filled with poison (debug)")
{
	void *keep;
	uint8_t *object;

	if (!CONFIG_DEBUG)
		KTEST_SKIP("no poisoning in this build (DEBUG=0)");
	keep = kmalloc(64);
	object = kmalloc(64);
	KTEST_ASSERT(keep != NULL && object != NULL);
	fill(object, 64, 0);
	kfree(object);
	KTEST_EXPECT(filled_with(object + 8, 64 - 8, POISON_FREE)); /* 8: free-list link */
	kfree(keep);
}

KTEST(kmalloc_double_free_detected, "kmalloc: kfree_check reports a double free as -EINVAL")
{
	void *keep = kmalloc(32);
	void *object = kmalloc(32);
	void *large = kmalloc(3 * PAGE_SIZE);

	KTEST_ASSERT(keep != NULL && object != NULL && large != NULL);
	KTEST_EXPECT(kfree_check(object) == 0);
	KTEST_EXPECT(kfree_check(large) == 0);
	kfree(object);
	kfree(large);
	KTEST_EXPECT(kfree_check(object) == -EINVAL);
	KTEST_EXPECT(kfree_check(large) == -EINVAL);
	kfree(keep);
}

static int not_from_kmalloc;

KTEST(kmalloc_non_object_detected, "kmalloc: kfree_check reports a non-object as -EFAULT")
{
	uint8_t *object = kmalloc(128);
	uint8_t *large = kmalloc(2 * PAGE_SIZE);

	KTEST_ASSERT(object != NULL && large != NULL);
	KTEST_EXPECT(kfree_check(object + 16) == -EFAULT);
	KTEST_EXPECT(kfree_check(large + 16) == -EFAULT);
	KTEST_EXPECT(kfree_check(large + PAGE_SIZE) == -EFAULT);
	KTEST_EXPECT(kfree_check(&not_from_kmalloc) == -EFAULT);
	kfree(object);
	kfree(large);
}

KTEST(kmalloc_empty_slabs_returned, "kmalloc: slabs emptied by kfree go back to the page allocator")
{
	enum { COUNT = 1000 };
	void **objects = kmalloc(COUNT * sizeof(void *));
	uint64_t before;

	KTEST_ASSERT(objects != NULL);
	before = free_page_count();
	for (int i = 0; i < COUNT; i++)
		objects[i] = kmalloc(64);
	KTEST_EXPECT(free_page_count() < before);
	for (int i = 0; i < COUNT; i++)
		kfree(objects[i]);
	KTEST_EXPECT(free_page_count() + 1 >= before); /* one empty slab may stay cached */
	kfree(objects);
}
