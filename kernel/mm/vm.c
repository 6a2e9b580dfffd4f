/*
 * Address spaces (the design is in include/kernel/vm.h): areas, page faults, copy-on-write,
 * brk and anonymous mmap, and the reference counts of user pages.
 *
 * The machine's page tables are arch/x86_64/uvm.c's business; this file decides what should
 * be mapped, and uvm.c maps it.  Areas live in a list sorted by address: a process has a
 * handful (text, data, heap, stack and whatever it mmaps), so a walk is cheap.
 *
 * Memory is not reserved for areas: brk() and mmap() refuse a request larger than the free
 * memory left above a reserve (so a program that allocates without end gets ENOMEM), but
 * pages are only taken when touched.  A PROT_NONE mapping, which no page can ever back, is
 * not counted, as on Linux: a program may reserve terabytes of address space with one.  A
 * fault that finds no page left kills the process with SIGKILL ("out of memory") rather than
 * the kernel.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mman.h>
#include <kernel/page.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <lib/string.h>

/* Whatever brk() or mmap() promises must leave this many pages free for everyone else. */
#define MEMORY_RESERVE_PAGES 1024

/* The mmap() flags Corral takes: private anonymous memory, maybe fixed; the hints are ignored. */
#define MAP_IGNORED   (MAP_NORESERVE | MAP_STACK)
#define MAP_SUPPORTED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_IGNORED)

uint64_t free_memory_pages(void)
{
	return free_page_count() + kmalloc_spare_pages() + kstack_spare_pages() + uvm_spare_pages();
}

/* ---- user pages ---- */

uint64_t alloc_user_page_unzeroed(void)
{
	void *page = alloc_page();
	struct page *desc;

	if (!page)
		return 0;
	desc = virt_to_page(page);
	desc->use = PAGE_USE_USER;
	desc->refcount = 1;
	return virt_to_phys(page);
}

uint64_t alloc_user_page(void)
{
	uint64_t phys = alloc_user_page_unzeroed();

	if (phys)
		clear_page(phys_to_virt(phys));
	return phys;
}

void get_page(uint64_t phys)
{
	struct page *page = phys_to_page(phys);

	BUG_ON(page->use != PAGE_USE_USER || page->refcount == 0);
	__atomic_add_fetch(&page->refcount, 1, __ATOMIC_RELAXED);
}

void put_page(uint64_t phys)
{
	struct page *page = phys_to_page(phys);

	BUG_ON(page->use != PAGE_USE_USER || page->refcount == 0);
	if (__atomic_sub_fetch(&page->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		page->use = PAGE_USE_NONE;
		free_pages(phys, 0);
	}
}

void put_page_deferred(uint64_t phys, struct list_head *freed)
{
	struct page *page = phys_to_page(phys);

	BUG_ON(page->use != PAGE_USE_USER || page->refcount == 0);
	if (__atomic_sub_fetch(&page->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		page->use = PAGE_USE_NONE;
		list_add(&page->list, freed);
	}
}

void free_page_list(struct list_head *pages)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, pages, list)
		free_pages(page_to_phys(page), 0);
	INIT_LIST_HEAD(pages);
}

uint32_t page_refcount(uint64_t phys)
{
	return __atomic_load_n(&phys_to_page(phys)->refcount, __ATOMIC_RELAXED);
}

/* ---- areas (caller holds mm->lock, or owns an mm no one else sees) ---- */

static struct vm_area *find_area(struct mm *mm, uint64_t addr)
{
	struct vm_area *area;

	list_for_each_entry(area, &mm->areas, link)
		if (addr >= area->start && addr < area->end)
			return area;
	return NULL;
}

/*
 * Whether [start, end) is free: below user space's top, above USER_MIN_ADDR, clear of every
 * area and of the stack's guard page.
 */
static bool range_free(struct mm *mm, uint64_t start, uint64_t end)
{
	struct vm_area *area;

	if (start < USER_MIN_ADDR || end > USER_TOP || start >= end)
		return false;
	list_for_each_entry(area, &mm->areas, link) {
		uint64_t low = area->start - (area->kind == VMA_STACK ? PAGE_SIZE : 0);

		if (start < area->end && end > low)
			return false;
	}
	return true;
}

/* Whether mm may have extra more areas. */
static bool room_for_areas(const struct mm *mm, unsigned int extra)
{
	return mm->nr_areas + extra <= MM_MAX_AREAS;
}

/* Take area out of mm's list (to be freed by the caller). */
static void remove_area(struct mm *mm, struct vm_area *area)
{
	list_del(&area->link);
	mm->nr_areas--;
}

/* Put area into mm's sorted list; the caller has checked room_for_areas(). */
static void insert_area(struct mm *mm, struct vm_area *new)
{
	struct list_head *pos = &mm->areas;
	struct vm_area *area;

	list_for_each_entry(area, &mm->areas, link) {
		if (area->start > new->start) {
			pos = &area->link;
			break;
		}
	}
	list_add_tail(&new->link, pos);
	mm->nr_areas++;
}

static struct vm_area *new_area(uint64_t start, uint64_t end, unsigned int prot, enum vm_kind kind)
{
	struct vm_area *area = kmalloc(sizeof(*area));

	if (area)
		*area = (struct vm_area){ .start = start, .end = end, .prot = prot, .kind = kind };
	return area;
}

/* Whether pages more pages may be promised without eating the reserve. */
static bool memory_available(uint64_t pages)
{
	uint64_t free = free_page_count();

	return free > MEMORY_RESERVE_PAGES && pages <= free - MEMORY_RESERVE_PAGES;
}

/*
 * What taking a range out of the areas needs and leaves, outside mm->lock: a spare area,
 * allocated before, for splitting one area in two (NULL once used), and the areas taken out,
 * to free after (so that a range holding thousands of areas is not freed with interrupts off).
 */
struct area_scratch {
	struct vm_area *spare;
	struct list_head removed;
};

/* Allocate the spare; false when out of memory. */
static bool area_scratch_init(struct area_scratch *scratch)
{
	scratch->spare = kmalloc(sizeof(*scratch->spare));
	INIT_LIST_HEAD(&scratch->removed);
	return scratch->spare != NULL;
}

static void area_scratch_free(struct area_scratch *scratch)
{
	while (!list_empty(&scratch->removed)) {
		struct vm_area *area = list_first_entry(&scratch->removed, struct vm_area, link);

		list_del(&area->link);
		kfree(area);
	}
	kfree(scratch->spare);
}

/* Whether taking [start, end) out splits an area in two: one covers both sides. */
static bool splits_an_area(struct mm *mm, uint64_t start, uint64_t end)
{
	struct vm_area *area;

	list_for_each_entry(area, &mm->areas, link) {
		if (area->start < start && area->end > end)
			return true;
	}
	return false;
}

/*
 * Take [start, end) out of every area, splitting one that covers both sides (with the spare):
 * 0, or -ENOMEM, with nothing changed, when that split would pass MM_MAX_AREAS.  The pages
 * stay mapped: the caller unmaps them with unmap_pages() once it has dropped mm->lock.
 * Caller holds mm->lock.
 */
static int take_out_areas(struct mm *mm, uint64_t start, uint64_t end, struct area_scratch *scratch)
{
	struct vm_area *area, *next;

	if (!room_for_areas(mm, 1) && splits_an_area(mm, start, end))
		return -ENOMEM;
	list_for_each_entry_safe(area, next, &mm->areas, link) {
		if (area->end <= start || area->start >= end)
			continue;
		if (area->start >= start && area->end <= end) {
			remove_area(mm, area);
			list_add(&area->link, &scratch->removed);
		} else if (area->start < start && area->end > end) {
			*scratch->spare = *area;
			scratch->spare->start = end;
			list_add(&scratch->spare->link, &area->link);
			mm->nr_areas++;
			scratch->spare = NULL;
			area->end = start;
		} else if (area->start < start) {
			area->end = start;
		} else {
			area->start = end;
		}
	}
	return 0;
}

/*
 * Unmap the pages of [start, end), which no area holds any more, one batch at a time under
 * mm->lock: interrupts stay off for one batch (UVM_BATCH_ENTRIES entries), never for a whole
 * range.  Then one TLB flush, and the freeing.  Caller does not hold mm->lock.
 */
static void unmap_pages(struct mm *mm, uint64_t start, uint64_t end)
{
	struct uvm_unmap unmap;
	unsigned long flags;
	int more;

	if (start >= end)
		return;
	uvm_unmap_start(&unmap, start, end);
	do {
		flags = spin_lock_irqsave(&mm->lock);
		more = uvm_unmap_batch(mm->pml4, &unmap);
		spin_unlock_irqrestore(&mm->lock, flags);
	} while (more);
	uvm_unmap_finish(mm->pml4, &unmap);
}

/* ---- whole address spaces ---- */

struct mm *mm_create(void)
{
	struct mm *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pml4 = uvm_create();
	if (!mm->pml4) {
		kfree(mm);
		return NULL;
	}
	spin_lock_init(&mm->lock, "mm");
	INIT_LIST_HEAD(&mm->areas);
	return mm;
}

void mm_destroy(struct mm *mm)
{
	struct vm_area *area, *next;

	uvm_destroy(mm->pml4);
	list_for_each_entry_safe(area, next, &mm->areas, link)
		kfree(area);
	kfree(mm);
}

/*
 * Unmap the pages of the areas on the list gone, which mm no longer holds: every page mm maps
 * lies in one of its areas, so walking the areas alone finds them all, and the walk visits
 * only the table entries they span.  Caller does not hold mm->lock.
 */
static void unmap_areas(struct mm *mm, struct list_head *gone)
{
	struct vm_area *area;
	struct uvm_unmap unmap;
	unsigned long flags;
	int more;

	uvm_unmap_start(&unmap, 0, 0);
	list_for_each_entry(area, gone, link) {
		uvm_unmap_range(&unmap, area->start, area->end);
		do {
			flags = spin_lock_irqsave(&mm->lock);
			more = uvm_unmap_batch(mm->pml4, &unmap);
			spin_unlock_irqrestore(&mm->lock, flags);
		} while (more);
	}
	uvm_unmap_finish(mm->pml4, &unmap);
}

void mm_empty(struct mm *mm)
{
	struct vm_area *area, *next;
	LIST_HEAD(gone);
	unsigned long flags;

	flags = spin_lock_irqsave(&mm->lock);
	list_for_each_entry_safe(area, next, &mm->areas, link) {
		remove_area(mm, area);
		list_add_tail(&area->link, &gone);
	}
	mm->brk_start = mm->brk = 0;
	spin_unlock_irqrestore(&mm->lock, flags);
	unmap_areas(mm, &gone);
	list_for_each_entry_safe(area, next, &gone, link)
		kfree(area);
}

/* Copy src's areas and break into dst; caller holds src->lock. */
static int copy_areas(struct mm *dst, struct mm *src)
{
	struct vm_area *area, *copy;

	list_for_each_entry(area, &src->areas, link) {
		copy = new_area(area->start, area->end, area->prot, area->kind);
		if (!copy)
			return -ENOMEM;
		list_add_tail(&copy->link, &dst->areas);
		dst->nr_areas++;
	}
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	return 0;
}

/*
 * Share src's pages with dst, copy-on-write, one batch at a time under src->lock, as
 * unmap_pages() does: the copy of a large process keeps interrupts off only a batch at a time.
 * Only the areas are walked (dst's copies of them, which only this fork can see): every page
 * lies in one, and the rest of the user half would cost a look at each entry of each table.
 */
static int clone_pages(struct mm *dst, struct mm *src, uint64_t private_va)
{
	struct vm_area *area;
	struct uvm_clone clone;
	unsigned long flags;
	int result = 0;

	uvm_clone_start(&clone, dst->pml4, private_va);
	list_for_each_entry(area, &dst->areas, link) {
		uvm_clone_range(&clone, area->start, area->end);
		do {
			flags = spin_lock_irqsave(&src->lock);
			result = uvm_clone_batch(src->pml4, &clone);
			spin_unlock_irqrestore(&src->lock, flags);
		} while (result == UVM_BATCH_MORE);
		if (result)
			break;
	}
	uvm_clone_finish(src->pml4, &clone);
	return result;
}

struct mm *mm_clone(struct mm *src, uint64_t hot)
{
	struct mm *dst = mm_create();
	unsigned long flags;
	int err;

	if (!dst)
		return NULL;
	flags = spin_lock_irqsave(&src->lock);
	err = copy_areas(dst, src);
	spin_unlock_irqrestore(&src->lock, flags);
	if (!err)
		err = clone_pages(dst, src, hot < USER_TOP ? ALIGN_DOWN(hot, PAGE_SIZE) : USER_TOP);
	if (err) {
		mm_destroy(dst);
		return NULL;
	}
	return dst;
}

__hotpath void mm_activate(struct mm *mm)
{
	uvm_activate(mm ? mm->pml4 : NULL);
}

int mm_add_area(struct mm *mm, uint64_t start, uint64_t end, unsigned int prot, enum vm_kind kind)
{
	struct vm_area *area;
	unsigned long flags;
	int err = 0;

	if ((start | end) & (PAGE_SIZE - 1))
		return -EINVAL;
	area = new_area(start, end, prot, kind);
	if (!area)
		return -ENOMEM;
	flags = spin_lock_irqsave(&mm->lock);
	if (!range_free(mm, start, end))
		err = -EINVAL;
	else if (!room_for_areas(mm, 1))
		err = -ENOMEM;
	else
		insert_area(mm, area);
	spin_unlock_irqrestore(&mm->lock, flags);
	if (err)
		kfree(area);
	return err;
}

/* ---- faults ---- */

static unsigned int area_perms(const struct vm_area *area)
{
	return ((area->prot & VM_WRITE) ? UVM_WRITE : 0) | ((area->prot & VM_EXEC) ? UVM_EXEC : 0);
}

/* LAB 2 BEGIN: a write to a shared page copies it */
/*
 * Make the present page at va writable for this address space alone: the page itself if no
 * one else holds it, else a copy.  Caller holds mm->lock.
 */
static int break_cow(struct mm *mm, uint64_t va, uint64_t phys)
{
	uint64_t copy;

	if (page_refcount(phys) == 1) {
		uvm_set_page(mm->pml4, va, phys, true);
		return 0;
	}
	copy = alloc_user_page_unzeroed();
	if (!copy)
		return -ENOMEM;
	copy_page(phys_to_virt(copy), phys_to_virt(phys));
	uvm_set_page(mm->pml4, va, copy, true);
	put_page(phys);
	return 0;
}
/* LAB 2 END */
/* LAB 2 STUB
static int break_cow(struct mm *mm, uint64_t va, uint64_t phys)
{
	pr_warn_once("lab 2: break_cow() is yours to write, see docs/labs/2-cow.md\n");
	return -EFAULT;
}
*/

/* Make the page at va present (and private and writable if write); caller holds mm->lock. */
static int fault_in(struct mm *mm, const struct vm_area *area, uint64_t va, bool write)
{
	uint64_t phys;
	bool writable;
	int err;

	if (!uvm_lookup(mm->pml4, va, &phys, &writable)) {
		phys = alloc_user_page();
		if (!phys)
			return -ENOMEM;
		err = uvm_map(mm->pml4, va, phys, area_perms(area));
		if (err)
			put_page(phys);
		return err;
	}
	if (write && !writable)
		return break_cow(mm, va, phys);
	uvm_set_page(mm->pml4, va, phys, writable); /* a stale TLB entry: flush it */
	return 0;
}

int mm_fault(struct mm *mm, uint64_t addr, bool write, bool exec)
{
	struct vm_area *area;
	unsigned long flags;
	int err = -EFAULT;

	flags = spin_lock_irqsave(&mm->lock);
	area = find_area(mm, addr);
	if (area && (area->prot & VM_READ) && (!write || (area->prot & VM_WRITE)) &&
	    (!exec || (area->prot & VM_EXEC)))
		err = fault_in(mm, area, ALIGN_DOWN(addr, PAGE_SIZE), write);
	spin_unlock_irqrestore(&mm->lock, flags);
	return err;
}

/* mm_kernel_address() into *out, or -EFAULT (no area there) or -ENOMEM (no page for it). */
static int kernel_address(struct mm *mm, uint64_t va, void **out)
{
	uint64_t page = ALIGN_DOWN(va, PAGE_SIZE), phys = 0;
	struct vm_area *area;
	unsigned long flags;
	int err = -EFAULT;

	flags = spin_lock_irqsave(&mm->lock);
	area = find_area(mm, va);
	if (area)
		err = fault_in(mm, area, page, false);
	if (!err && !uvm_lookup(mm->pml4, page, &phys, NULL))
		err = -EFAULT;
	spin_unlock_irqrestore(&mm->lock, flags);
	*out = err ? NULL : (uint8_t *)phys_to_virt(phys) + (va - page);
	return err;
}

void *mm_kernel_address(struct mm *mm, uint64_t va)
{
	void *address;

	kernel_address(mm, va, &address);
	return address;
}

unsigned int mm_map_pages(struct mm *mm, uint64_t va, const uint64_t *phys, unsigned int n)
{
	unsigned long flags = spin_lock_irqsave(&mm->lock);
	struct vm_area *area = find_area(mm, va);
	unsigned int done = 0;

	while (area && done < n && va + done * PAGE_SIZE < area->end &&
	       uvm_map(mm->pml4, va + done * PAGE_SIZE, phys[done],
		       area_perms(area) & ~UVM_WRITE) == 0)
		done++;
	spin_unlock_irqrestore(&mm->lock, flags);
	return done;
}

int mm_write(struct mm *mm, uint64_t va, const void *src, size_t len)
{
	const uint8_t *from = src;

	while (len > 0) {
		size_t chunk = MIN(len, (size_t)(ALIGN_DOWN(va, PAGE_SIZE) + PAGE_SIZE - va));
		void *to;
		int err = kernel_address(mm, va, &to);

		if (err)
			return err; /* -ENOMEM when memory ran out: exec reports that, not EFAULT */
		copy_bytes(to, from, chunk);
		va += chunk;
		from += chunk;
		len -= chunk;
	}
	return 0;
}

/* ---- brk, mmap, munmap ---- */

static struct vm_area *heap_area(struct mm *mm)
{
	struct vm_area *area;

	list_for_each_entry(area, &mm->areas, link)
		if (area->kind == VMA_HEAP)
			return area;
	return NULL;
}

/*
 * Move the heap's end from old_end to new_end (page-aligned); caller holds mm->lock.  A heap
 * that shrinks leaves its pages in [new_end, old_end) mapped, for the caller to unmap.
 */
static int resize_heap(struct mm *mm, uint64_t old_end, uint64_t new_end, struct vm_area **spare)
{
	struct vm_area *heap = heap_area(mm);

	if (new_end < old_end) {
		if (heap && new_end <= heap->start) {
			remove_area(mm, heap);
			kfree(heap);
		} else if (heap) {
			heap->end = new_end;
		}
		return 0;
	}
	if (!range_free(mm, old_end, new_end) || !memory_available((new_end - old_end) / PAGE_SIZE))
		return -ENOMEM;
	if (heap) {
		heap->end = new_end;
	} else if (!room_for_areas(mm, 1)) {
		return -ENOMEM;
	} else {
		**spare = (struct vm_area){ .start = mm->brk_start,
					    .end = new_end,
					    .prot = VM_READ | VM_WRITE,
					    .kind = VMA_HEAP };
		insert_area(mm, *spare);
		*spare = NULL;
	}
	return 0;
}

uint64_t mm_brk(struct mm *mm, uint64_t new_brk)
{
	struct vm_area *spare = kmalloc(sizeof(*spare));
	uint64_t old_end, new_end, result;
	unsigned long flags;
	bool moved = false;

	flags = spin_lock_irqsave(&mm->lock);
	old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	new_end = ALIGN_UP(new_brk, PAGE_SIZE);
	if (spare && new_brk >= mm->brk_start && new_brk < USER_TOP &&
	    (new_end == old_end || resize_heap(mm, old_end, new_end, &spare) == 0)) {
		mm->brk = new_brk;
		moved = true;
	}
	result = mm->brk;
	spin_unlock_irqrestore(&mm->lock, flags);
	if (moved)
		unmap_pages(mm, new_end, old_end);
	kfree(spare);
	return result;
}

/* A free range of len bytes: at hint if it is free there, else the first gap from MMAP_BASE. */
static uint64_t find_gap(struct mm *mm, uint64_t hint, uint64_t len)
{
	uint64_t start = MMAP_BASE;
	struct vm_area *area;

	if (hint && user_range_ok(hint, len) && range_free(mm, hint, hint + len))
		return hint;
	list_for_each_entry(area, &mm->areas, link) {
		uint64_t low = area->start - (area->kind == VMA_STACK ? PAGE_SIZE : 0);

		if (area->end <= start)
			continue;
		if (low >= start && low - start >= len)
			return start;
		start = MAX(start, area->end);
	}
	return user_range_ok(start, len) ? start : 0;
}

static int check_mmap_flags(uint64_t addr, uint64_t len, unsigned int prot, unsigned int flags)
{
	unsigned int type = flags & (MAP_SHARED | MAP_PRIVATE);

	if (len == 0 || (prot & ~(VM_READ | VM_WRITE | VM_EXEC)) || type == 0)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;
	if (type != MAP_PRIVATE || (flags & ~MAP_SUPPORTED))
		return -EINVAL;
	if ((flags & MAP_FIXED) && ((addr & (PAGE_SIZE - 1)) || !user_range_ok(addr, len)))
		return -EINVAL;
	return 0;
}

/* Place the area for mmap() and insert it; caller holds mm->lock. */
static long place_mapping(struct mm *mm, uint64_t addr, uint64_t len, unsigned int prot,
			  unsigned int flags, struct vm_area *area, struct area_scratch *scratch)
{
	uint64_t start;

	if (prot != 0 && !memory_available(len / PAGE_SIZE))
		return -ENOMEM;
	if (!room_for_areas(mm, 1))
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr < USER_MIN_ADDR)
			return -EPERM;
		/* The new area and a split's second half: room for both, then nothing can fail. */
		if (!room_for_areas(mm, 2) && splits_an_area(mm, addr, addr + len))
			return -ENOMEM;
		take_out_areas(mm, addr, addr + len, scratch);
		start = addr;
	} else {
		start = find_gap(mm, ALIGN_DOWN(addr, PAGE_SIZE), len);
		if (!start)
			return -ENOMEM;
	}
	*area =
	    (struct vm_area){ .start = start, .end = start + len, .prot = prot, .kind = VMA_ANON };
	insert_area(mm, area);
	return (long)start;
}

long mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, unsigned int prot, unsigned int flags)
{
	struct area_scratch scratch;
	struct vm_area *area;
	unsigned long irq;
	long result;
	int err = check_mmap_flags(addr, len, prot, flags);

	if (err)
		return err;
	if (len > USER_TOP)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	area = kmalloc(sizeof(*area));
	if (!area_scratch_init(&scratch) || !area) {
		kfree(area);
		area_scratch_free(&scratch);
		return -ENOMEM;
	}
	irq = spin_lock_irqsave(&mm->lock);
	result = place_mapping(mm, addr, len, prot, flags, area, &scratch);
	spin_unlock_irqrestore(&mm->lock, irq);
	if (result < 0)
		kfree(area);
	else if (flags & MAP_FIXED)
		unmap_pages(mm, addr, addr + len); /* what the new area replaced */
	area_scratch_free(&scratch);
	return result;
}

int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len)
{
	struct area_scratch scratch;
	unsigned long flags;
	int err;

	if ((addr & (PAGE_SIZE - 1)) || len == 0 || !user_range_ok(addr, len))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!area_scratch_init(&scratch)) {
		area_scratch_free(&scratch);
		return -ENOMEM;
	}
	flags = spin_lock_irqsave(&mm->lock);
	err = take_out_areas(mm, addr, addr + len, &scratch);
	spin_unlock_irqrestore(&mm->lock, flags);
	if (!err)
		unmap_pages(mm, addr, addr + len);
	area_scratch_free(&scratch);
	return err;
}
