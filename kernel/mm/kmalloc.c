/*
 * kmalloc: the kernel's small-object allocator.
 *
 * Requests up to KMALLOC_MAX_SMALL_SIZE go to one of nine size classes (16, 32 .. 4096
 * bytes).  Each class carves whole pages ("slabs") into objects of its size; a slab's free
 * objects form a list threaded through the objects themselves (the first 8 bytes of a free
 * object hold the offset of the next), whose head is in the page's struct page.  A class
 * keeps the slabs that have free objects on its partial list; a full slab is on no list, and
 * a slab that becomes empty goes back to the page allocator, except one per class, kept for
 * the next allocation.  kfree() finds an object's class from its page's struct page.  The
 * 4096-byte class, one object a slab, is there for that kept slab: a system call that takes a
 * path (a PATH_MAX buffer) or bounces a page of I/O reuses it instead of asking the page
 * allocator each time.
 * Larger requests take 2^order whole pages from the page allocator, the order being kept in
 * struct page by the page allocator itself.
 *
 * Every object is 16-byte aligned: class sizes are multiples of 16 and slabs start on a page.
 *
 * Debug checks (CONFIG_DEBUG): a freed object is filled with POISON_FREE, checked when it is
 * handed out again (a write after free panics, naming the object); freeing twice, or freeing
 * a pointer that is not the start of an object, panics.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/compiler.h>
#include <lib/list.h>
#include <lib/string.h>

#define NR_CLASSES     9
#define SLAB_NO_OBJECT 0xffff /* slab_free and a free object's link: no next object */
#define LINK_SIZE      8      /* the free-list link at the start of a free object */

struct kmalloc_class {
	size_t size;		  /* object size; constant */
	struct list_head partial; /* slabs with free objects (linked by page->list) */
	struct page *empty;	  /* one slab with no object in use, kept for reuse, or NULL */
	unsigned long objects;	  /* objects in use, for /proc/slabinfo */
	unsigned long slabs;	  /* slabs the class holds, the empty one included */
};

/*
 * kmalloc_lock protects every class's partial list, empty slab and counts, and the use and slab_*
 * fields of every page kmalloc owns, including the free lists inside slabs.  It is taken
 * before the page allocator's lock (kmalloc calls alloc_pages and free_pages holding it).
 */
static struct spinlock kmalloc_lock = SPINLOCK_INIT("kmalloc");
static struct kmalloc_class classes[NR_CLASSES];

/* ---- slabs (callers hold kmalloc_lock) ---- */

static uint8_t *slab_base(const struct page *page)
{
	return phys_to_virt(page_to_phys(page));
}

static uint64_t *object_link(uint8_t *object)
{
	return (uint64_t *)object;
}

/* Whether link is a possible free-list link in a slab of objects of this size. */
static bool link_valid(uint64_t link, size_t size)
{
	return link == SLAB_NO_OBJECT || (link < PAGE_SIZE && link % size == 0);
}

/* Panic unless the free object still holds a valid link and, after it, only poison. */
static void check_free_object(uint8_t *object, size_t size)
{
	if (!link_valid(*object_link(object), size))
		panic("kmalloc: object %#lx was written after it was freed (its free-list link "
		      "is %#lx)",
		      (unsigned long)object, (unsigned long)*object_link(object));
	for (size_t i = LINK_SIZE; i < size; i++)
		if (object[i] != POISON_FREE)
			panic("kmalloc: object %#lx was written after it was freed (byte %lu is "
			      "%#x)",
			      (unsigned long)object, (unsigned long)i, object[i]);
}

/* Put object at the head of its slab's free list (poisoned first in debug builds). */
static void slab_push(struct page *page, uint8_t *object, size_t size)
{
	if (CONFIG_DEBUG)
		memset(object + LINK_SIZE, POISON_FREE, size - LINK_SIZE);
	*object_link(object) = page->slab_free;
	page->slab_free = (uint16_t)(object - slab_base(page));
}

static void *slab_pop(struct page *page, size_t size)
{
	uint8_t *object = slab_base(page) + page->slab_free;

	if (CONFIG_DEBUG)
		check_free_object(object, size);
	page->slab_free = (uint16_t)*object_link(object);
	page->slab_inuse++;
	return object;
}

/* A new slab for class cls from the page allocator, every object free; NULL if no memory. */
static struct page *slab_new(unsigned int cls)
{
	size_t size = classes[cls].size;
	uint64_t phys = alloc_pages(0);
	struct page *page;

	if (!phys)
		return NULL;
	page = phys_to_page(phys);
	page->use = PAGE_USE_SLAB;
	page->slab_class = (uint8_t)cls;
	page->slab_inuse = 0;
	page->slab_free = SLAB_NO_OBJECT;
	INIT_LIST_HEAD(&page->list);
	classes[cls].slabs++;
	for (size_t i = PAGE_SIZE / size; i > 0; i--)
		slab_push(page, slab_base(page) + (i - 1) * size, size);
	return page;
}

/* A slab whose last object was just freed: keep it as the class's spare, or give it back. */
static void slab_release(struct kmalloc_class *class, struct page *page)
{
	list_del_init(&page->list);
	if (!class->empty) {
		class->empty = page;
		return;
	}
	class->slabs--;
	page->use = PAGE_USE_NONE;
	free_pages(page_to_phys(page), 0);
}

/* Whether object is on its slab's free list. */
static bool slab_object_free(struct page *page, const uint8_t *object, size_t size)
{
	uint64_t link = page->slab_free;

	for (unsigned int n = 0; link != SLAB_NO_OBJECT && n < PAGE_SIZE / size; n++) {
		uint8_t *free_object = slab_base(page) + link;

		if (free_object == object)
			return true;
		link = *object_link(free_object);
	}
	return false;
}

/* ---- classes ---- */

static unsigned int size_class(size_t size)
{
	unsigned int cls = 0;

	while (classes[cls].size < size)
		cls++;
	return cls;
}

static void *class_alloc(unsigned int cls)
{
	struct kmalloc_class *class = &classes[cls];
	struct page *page;
	void *object;

	assert_spin_locked(&kmalloc_lock);
	if (list_empty(&class->partial)) {
		page = class->empty ? class->empty : slab_new(cls);
		if (!page)
			return NULL;
		class->empty = NULL;
		list_add(&page->list, &class->partial);
	}
	page = list_first_entry(&class->partial, struct page, list);
	object = slab_pop(page, class->size);
	class->objects++;
	if (page->slab_free == SLAB_NO_OBJECT)
		list_del_init(&page->list); /* full: on no list until an object is freed */
	return object;
}

static void class_free(struct page *page, uint8_t *object)
{
	struct kmalloc_class *class = &classes[page->slab_class];
	bool was_full = page->slab_free == SLAB_NO_OBJECT;

	assert_spin_locked(&kmalloc_lock);
	slab_push(page, object, class->size);
	page->slab_inuse--;
	class->objects--;
	if (was_full)
		list_add(&page->list, &class->partial);
	if (page->slab_inuse == 0)
		slab_release(class, page);
}

/* ---- large objects ---- */

static void *kmalloc_large(size_t size)
{
	unsigned int order = 0;
	uint64_t phys;
	unsigned long flags;

	while (((size_t)PAGE_SIZE << order) < size)
		if (++order > MAX_ORDER)
			return NULL;
	phys = alloc_pages(order);
	if (!phys)
		return NULL;
	flags = spin_lock_irqsave(&kmalloc_lock);
	phys_to_page(phys)->use = PAGE_USE_KMALLOC_LARGE;
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return phys_to_virt(phys);
}

/* ---- checking a pointer ---- */

/*
 * 0 if ptr is a live object, -EINVAL if it was freed, -EFAULT if it is no object's start.
 * With thorough false a freed slab object is not looked for (that walks the slab's free
 * list).  Caller holds kmalloc_lock.
 */
static int check_object(const void *ptr, bool thorough)
{
	struct page *page = virt_to_page(ptr);
	uint64_t offset = (uint64_t)ptr & (PAGE_SIZE - 1);
	size_t size;

	if (!page)
		return -EFAULT;
	switch (page->use) {
	case PAGE_USE_SLAB:
		size = classes[page->slab_class].size;
		if (offset % size != 0 || offset + size > PAGE_SIZE)
			return -EFAULT;
		if (thorough && slab_object_free(page, ptr, size))
			return -EINVAL;
		return 0;
	case PAGE_USE_KMALLOC_LARGE:
		return offset == 0 ? 0 : -EFAULT;
	default:
		return page_is_free(virt_to_phys(ptr)) ? -EINVAL : -EFAULT;
	}
}

/* ---- the interface ---- */

void kmalloc_init(void)
{
	for (unsigned int cls = 0; cls < NR_CLASSES; cls++) {
		classes[cls].size = (size_t)KMALLOC_MIN_SIZE << cls;
		INIT_LIST_HEAD(&classes[cls].partial);
		classes[cls].empty = NULL;
	}
	BUILD_BUG_ON((KMALLOC_MIN_SIZE << (NR_CLASSES - 1)) != KMALLOC_MAX_SMALL_SIZE);
	pr_info("kmalloc: %d size classes, %d to %d bytes\n", NR_CLASSES, KMALLOC_MIN_SIZE,
		KMALLOC_MAX_SMALL_SIZE);
}

uint64_t kmalloc_spare_pages(void)
{
	unsigned long flags = spin_lock_irqsave(&kmalloc_lock);
	uint64_t spare = 0;

	for (unsigned int cls = 0; cls < NR_CLASSES; cls++)
		spare += classes[cls].empty != NULL;
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return spare;
}

bool kmalloc_class_info(unsigned int cls, struct kmalloc_class_info *info)
{
	unsigned long flags;

	if (cls >= NR_CLASSES)
		return false;
	flags = spin_lock_irqsave(&kmalloc_lock);
	info->size = classes[cls].size;
	info->objects = classes[cls].objects;
	info->slabs = classes[cls].slabs;
	info->empty_slabs = classes[cls].empty != NULL;
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return true;
}

void *kmalloc(size_t size)
{
	unsigned long flags;
	void *object;

	if (size > KMALLOC_MAX_SMALL_SIZE)
		return kmalloc_large(size);
	flags = spin_lock_irqsave(&kmalloc_lock);
	object = class_alloc(size_class(size));
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return object;
}

void *kzalloc(size_t size)
{
	void *object = kmalloc(size);

	if (object)
		memset(object, 0, size);
	return object;
}

int kfree_check(const void *ptr)
{
	unsigned long flags = spin_lock_irqsave(&kmalloc_lock);
	int err = check_object(ptr, true);

	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return err;
}

void kfree(void *ptr)
{
	struct page *page;
	unsigned long flags;
	int err;

	if (!ptr)
		return;
	flags = spin_lock_irqsave(&kmalloc_lock);
	err = check_object(ptr, CONFIG_DEBUG);
	if (err == -EINVAL)
		panic("kfree: double free of %#lx", (unsigned long)ptr);
	if (err)
		panic("kfree: %#lx is not an object", (unsigned long)ptr);
	page = virt_to_page(ptr);
	if (page->use == PAGE_USE_SLAB) {
		class_free(page, ptr);
		spin_unlock_irqrestore(&kmalloc_lock, flags);
		return;
	}
	page->use = PAGE_USE_NONE;
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	free_pages(virt_to_phys(ptr), page->order);
}
