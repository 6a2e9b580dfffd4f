/*
 * User page tables (interface in <arch/uvm.h>).
 *
 * Four levels, as for the kernel (arch/x86_64/paging.c), but only 4 KiB leaves and only in
 * the lower half.  The upper levels of a user walk carry PTE_USER and PTE_WRITE, so the leaf
 * alone decides what user code may do.  After a change to a leaf, the stale translation is
 * flushed with invlpg here if this CPU runs the address space, and by a TLB shootdown on every
 * other CPU that has it loaded (arch/x86_64/smp.c; while processes are single-threaded and
 * kernel threads run on the kernel's tables, that is normally none, and no IPI is sent).
 *
 * Unmapping and fork's copy walk a range with one walker, walk_table(): from the top, it
 * skips an absent entry whole at its own level (512 GiB for a top-level entry, then 1 GiB,
 * 2 MiB, 4 KiB), so a walk costs what is mapped, not the size of the range: all of user space,
 * empty, is 256 top-level entries.  It works in batches of at most UVM_BATCH_ENTRIES entries,
 * each under the caller's lock.  Unmapping frees a table it leaves empty, and keeps the pages
 * and tables it takes out on a list until one flush at the end (uvm_unmap_finish()), since a
 * TLB may reach them until then.  That flush, and fork's, names the pages that changed
 * (struct uvm_flush): a few are flushed one by one, many with a reload of the whole TLB.
 *
 * Each table counts its present entries (table_used in its struct page, kept by set_entry(),
 * through which every change to a user entry goes).  So whether a table is empty is one load,
 * not a look at 512 entries, and a walk from a table's first entry stops at its last present
 * one: tearing down a small process visits the entries it maps, not every entry of the tables
 * they lie in.  Under emulation those looks had cost about 12 us of the 165 a fork, exec,
 * exit and wait took.
 *
 * Tables come back empty (a walk frees only a table it emptied), and a top-level table with
 * the kernel half it was given, which never changes after boot.  So a few of each are kept
 * for the next fork or exec instead of being freed (table_cache): a new one must otherwise be
 * zeroed, and a top level also given the kernel half, which under emulation costs a few
 * microseconds a page, a dozen times a fork.  They count as free memory
 * (uvm_spare_pages()), as kmalloc's spare slabs do.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/compiler.h>
#include <arch/smp.h>
#include <arch/uvm.h>
#include <arch/x86.h>

#define PTE_ADDR_MASK 0x000ffffffffff000UL
#define PT_ENTRIES    512
#define UPPER_FLAGS   (PTE_PRESENT | PTE_WRITE | PTE_USER)

typedef uint64_t pte_t;

/* The size one entry of a table at level maps: 4 KiB at level 1, then times 512. */
static uint64_t level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * (level - 1));
}

static unsigned int pt_index(uint64_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static pte_t *table_at(pte_t entry)
{
	return phys_to_virt(entry & PTE_ADDR_MASK);
}

/* How many entries of table (of its user half, for a top level) are present. */
static unsigned int table_count(const pte_t *table)
{
	return virt_to_page(table)->table_used;
}

/*
 * Set a user table's entry to value, keeping the count of present entries in the struct page
 * of the table it lies in.  Caller holds the address space's lock, or is its only user.
 */
static void set_entry(pte_t *entry, pte_t value)
{
	struct page *table = virt_to_page(entry);

	table->table_used += (value & PTE_PRESENT ? 1 : 0) - (*entry & PTE_PRESENT ? 1 : 0);
	*entry = value;
}

/* Make page, empty, a user table with no present entry. */
static void *table_init(void *page)
{
	if (page) {
		virt_to_page(page)->use = PAGE_USE_TABLE;
		virt_to_page(page)->table_used = 0;
	}
	return page;
}

static pte_t leaf_entry(uint64_t phys, unsigned int perms)
{
	pte_t pte = phys | PTE_PRESENT | PTE_USER;

	if (perms & UVM_WRITE)
		pte |= PTE_WRITE;
	if (!(perms & UVM_EXEC) && paging_nx_supported())
		pte |= PTE_NX;
	return pte;
}

/* ---- the cache of empty tables ---- */

#define TABLES_CACHED 64 /* lower-level tables: a dozen processes' worth */
#define TOPS_CACHED   8	 /* top-level tables, kernel half included */

struct table_cache {
	void *pages[TABLES_CACHED];
	int count, max;
};

/* Guarded by table_lock, a leaf lock taken under an mm's lock. */
static struct spinlock table_lock = SPINLOCK_INIT("uvm_tables");
static struct table_cache tables = { .max = TABLES_CACHED };
static struct table_cache tops = { .max = TOPS_CACHED };

static void *cache_take(struct table_cache *cache)
{
	unsigned long flags = spin_lock_irqsave(&table_lock);
	void *page = cache->count > 0 ? cache->pages[--cache->count] : NULL;

	spin_unlock_irqrestore(&table_lock, flags);
	return page;
}

/* Keep an empty table for reuse, or free it if the cache is full. */
static void cache_put(struct table_cache *cache, void *page)
{
	unsigned long flags;
	bool kept;

	if (CONFIG_DEBUG)
		for (int i = 0; i < (cache == &tops ? PT_ENTRIES / 2 : PT_ENTRIES); i++)
			BUG_ON(((pte_t *)page)[i] != 0);
	BUG_ON(table_count(page) != 0);
	flags = spin_lock_irqsave(&table_lock);
	kept = cache->count < cache->max;
	if (kept)
		cache->pages[cache->count++] = page;
	spin_unlock_irqrestore(&table_lock, flags);
	if (!kept) {
		virt_to_page(page)->use = PAGE_USE_NONE;
		free_page(page);
	}
}

static void *table_alloc(void)
{
	void *page = cache_take(&tables);

	return page ? page : table_init(alloc_page_zeroed());
}

/* Free the tables on the list (struct page, linked by list). */
static void tables_free(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, list)
		cache_put(&tables, phys_to_virt(page_to_phys(page)));
	INIT_LIST_HEAD(list);
}

uint64_t uvm_spare_pages(void)
{
	return __atomic_load_n(&tables.count, __ATOMIC_RELAXED) +
	       __atomic_load_n(&tops.count, __ATOMIC_RELAXED);
}

/* The leaf entry for va, making tables on the way if create; NULL if absent or no memory. */
static pte_t *walk(uint64_t *pml4, uint64_t va, bool create)
{
	pte_t *table = pml4;

	for (int level = 4; level > 1; level--) {
		pte_t *entry = &table[pt_index(va, level)];

		if (!(*entry & PTE_PRESENT)) {
			void *page = create ? table_alloc() : NULL;

			if (!page)
				return NULL;
			set_entry(entry, virt_to_phys(page) | UPPER_FLAGS);
		}
		table = table_at(*entry);
	}
	return &table[pt_index(va, 1)];
}

/* Flush va from this CPU's TLB if pml4 is loaded here, and from every other CPU's. */
static void flush_page(uint64_t *pml4, uint64_t va)
{
	if (uvm_is_active(pml4))
		invlpg(va);
	tlb_shootdown(virt_to_phys(pml4), va);
}

uint64_t *uvm_create(void)
{
	uint64_t *pml4 = cache_take(&tops);

	if (pml4)
		return pml4;
	pml4 = table_init(alloc_page_zeroed());
	if (pml4)
		paging_copy_kernel_half(pml4); /* not counted: table_used is of the user half */
	return pml4;
}

int uvm_map(uint64_t *pml4, uint64_t va, uint64_t phys, unsigned int perms)
{
	pte_t *pte;

	BUG_ON(va >= USER_TOP || (va & (PAGE_SIZE - 1)));
	pte = walk(pml4, va, true);
	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_PRESENT)
		return -EEXIST;
	set_entry(pte, leaf_entry(phys, perms));
	return 0;
}

bool uvm_lookup(uint64_t *pml4, uint64_t va, uint64_t *phys, bool *writable)
{
	pte_t *pte = walk(pml4, va, false);

	if (!pte || !(*pte & PTE_PRESENT))
		return false;
	if (phys)
		*phys = *pte & PTE_ADDR_MASK;
	if (writable)
		*writable = *pte & PTE_WRITE;
	return true;
}

void uvm_set_page(uint64_t *pml4, uint64_t va, uint64_t phys, bool writable)
{
	pte_t *pte = walk(pml4, va, false);

	BUG_ON(!pte || !(*pte & PTE_PRESENT));
	*pte = (*pte & ~(PTE_ADDR_MASK | PTE_WRITE)) | phys | (writable ? PTE_WRITE : 0);
	flush_page(pml4, va);
}

/* ---- walking a range in batches ---- */

/*
 * What a walk does at each present entry: leaf() at a page, which may fail (a negative
 * errno ends the walk); table_done(), if set, once the walk below a table's entry is over.
 */
struct walk_ops {
	int (*leaf)(struct uvm_walk *w, pte_t *entry, uint64_t va);
	void (*table_done)(struct uvm_walk *w, pte_t *entry, uint64_t base, uint64_t span);
};

/* The first present entry of table at or after i and before stop; stop if there is none. */
static unsigned int next_present(const pte_t *table, unsigned int i, unsigned int stop)
{
	while (i < stop && !(table[i] & PTE_PRESENT))
		i++;
	return i;
}

/*
 * Walk [w->next, w->end) in table, of level, which maps from base: call ops at each present
 * entry, go down into each present table, skip each absent entry whole.  Every entry visited,
 * absent or not, costs one of the batch's budget; a run of absent entries is skipped in one
 * step, which is what makes an empty range cheap.  Returns 0 when done, UVM_BATCH_MORE when
 * the budget ran out first (w->next says where to go on), or a leaf's error.
 */
static int walk_table(pte_t *table, int level, uint64_t base, struct uvm_walk *w,
		      const struct walk_ops *ops)
{
	uint64_t size = level_size(level);
	uint64_t reach = (w->end - base + size - 1) / size; /* entries up to the range's end */
	unsigned int stop = reach < PT_ENTRIES ? (unsigned int)reach : PT_ENTRIES;
	unsigned int i = pt_index(w->next, level);
	/* Present entries not yet visited, if the walk started at the first entry. */
	unsigned int left = i == 0 ? table_count(table) : PT_ENTRIES;

	while (i < stop && left > 0) {
		unsigned int present = next_present(table, i, stop);
		uint64_t entry_base;
		int err = 0;

		if (present - i >= w->budget) { /* the budget ends among absent entries */
			w->next = MIN(base + (i + w->budget) * size, w->end);
			w->budget = 0;
			return UVM_BATCH_MORE;
		}
		w->budget -= present - i;
		if (present == stop)
			break;
		if (w->budget == 0) {
			w->next = MAX(w->next, base + present * size);
			return UVM_BATCH_MORE;
		}
		w->budget--;
		left--;
		entry_base = base + present * size;
		w->next = MAX(w->next, entry_base); /* where a table below starts its walk */
		if (level == 1)
			err = ops->leaf(w, &table[present], entry_base);
		else
			err = walk_table(table_at(table[present]), level - 1, entry_base, w, ops);
		if (err)
			return err;
		if (level > 1 && ops->table_done)
			ops->table_done(w, &table[present], entry_base, size);
		w->next = MIN(entry_base + size, w->end);
		i = present + 1;
	}
	return 0;
}

static void walk_start(struct uvm_walk *w, uint64_t start, uint64_t end)
{
	BUG_ON(start > end || end > USER_TOP || ((start | end) & (PAGE_SIZE - 1)));
	*w = (struct uvm_walk){ .start = start, .end = end, .next = start };
}

/* One batch of at most budget entries, from the top of pml4 (walk_table()'s result). */
static int walk_batch(uint64_t *pml4, struct uvm_walk *w, const struct walk_ops *ops,
		      unsigned int budget)
{
	w->budget = budget;
	return walk_table(pml4, 4, 0, w, ops);
}

/* ---- flushing what a walk changed ---- */

static void note_flush(struct uvm_flush *f, uint64_t va)
{
	if (f->pages < UVM_FLUSH_SINGLY)
		f->va[f->pages] = va;
	f->pages++;
}

/*
 * Flush the pages f noted from this CPU's TLB, if it runs pml4, and from every other's.  An
 * invlpg also empties the CPU's caches of upper-level entries, whatever the address, so one
 * page of a freed table's range is enough to forget the table.
 */
static void flush_noted(uint64_t *pml4, const struct uvm_flush *f)
{
	if (f->pages == 0)
		return;
	if (uvm_is_active(pml4) && f->pages <= UVM_FLUSH_SINGLY) {
		for (unsigned int i = 0; i < f->pages; i++)
			invlpg(f->va[i]);
	} else if (uvm_is_active(pml4)) {
		write_cr3(read_cr3());
	}
	tlb_shootdown(virt_to_phys(pml4), f->pages == 1 ? f->va[0] : TLB_FLUSH_ALL);
}

/* ---- unmapping ---- */

static int unmap_leaf(struct uvm_walk *w, pte_t *entry, uint64_t va)
{
	struct uvm_unmap *u = container_of(w, struct uvm_unmap, walk);

	put_page_deferred(*entry & PTE_ADDR_MASK, &u->freed);
	set_entry(entry, 0);
	note_flush(&u->flush, va);
	return 0;
}

static bool table_empty(const pte_t *table)
{
	if (CONFIG_DEBUG) {
		unsigned int present = 0;

		for (int i = 0; i < PT_ENTRIES; i++)
			present += table[i] & PTE_PRESENT ? 1 : 0;
		if (present != table_count(table))
			panic("uvm: a table has %u present entries but counts %u: an entry was"
			      " written without set_entry()",
			      present, table_count(table));
	}
	return table_count(table) == 0;
}

/*
 * The walk of the table *entry points to, which maps span bytes from base, is over: free it if
 * it is empty (one wholly inside the range always is, since the walk took out all it held).
 */
static void drop_table_if_empty(struct uvm_walk *w, pte_t *entry, uint64_t base, uint64_t span)
{
	struct uvm_unmap *u = container_of(w, struct uvm_unmap, walk);
	pte_t *table = table_at(*entry);

	if (!table_empty(table))
		return;
	set_entry(entry, 0);
	list_add(&virt_to_page(table)->list, &u->tables);
	note_flush(&u->flush, MAX(base, w->start));
}

static const struct walk_ops unmap_ops = { .leaf = unmap_leaf, .table_done = drop_table_if_empty };

void uvm_unmap_start(struct uvm_unmap *u, uint64_t start, uint64_t end)
{
	walk_start(&u->walk, start, end);
	u->flush.pages = 0;
	INIT_LIST_HEAD(&u->freed);
	INIT_LIST_HEAD(&u->tables);
}

void uvm_unmap_range(struct uvm_unmap *u, uint64_t start, uint64_t end)
{
	walk_start(&u->walk, start, end);
}

int uvm_unmap_batch(uint64_t *pml4, struct uvm_unmap *u)
{
	return walk_batch(pml4, &u->walk, &unmap_ops, UVM_BATCH_ENTRIES);
}

void uvm_unmap_finish(uint64_t *pml4, struct uvm_unmap *u)
{
	flush_noted(pml4, &u->flush);
	free_page_list(&u->freed);
	tables_free(&u->tables);
}

/* Everything goes in one walk, with no flush: no CPU runs pml4 any more (BUG_ON below). */
void uvm_destroy(uint64_t *pml4)
{
	struct uvm_unmap u;

	BUG_ON(uvm_is_active(pml4));
	uvm_unmap_start(&u, 0, USER_TOP);
	walk_batch(pml4, &u.walk, &unmap_ops, UINT32_MAX);
	free_page_list(&u.freed);
	tables_free(&u.tables);
	cache_put(&tops, pml4);
}

/* ---- fork ---- */

/*
 * Give dst its own copy of the page src maps at va, with the same permissions: true if done,
 * false if there is no memory for it.
 */
static bool clone_copy(pte_t *src_pte, pte_t *pte)
{
	uint64_t copy = alloc_user_page_unzeroed();

	if (!copy)
		return false;
	copy_page(phys_to_virt(copy), phys_to_virt(*src_pte & PTE_ADDR_MASK));
	set_entry(pte, (*src_pte & ~PTE_ADDR_MASK) | copy);
	return true;
}

/* LAB 2 BEGIN: fork shares each page, read-only */
/*
 * Share one present leaf of src with the clone's dst, read-only in both; or, for the page
 * both will write at once (c->private_va), copy it now (if there is no memory for the copy,
 * it is shared as any other).
 */
static int clone_leaf(struct uvm_walk *w, pte_t *src_pte, uint64_t va)
{
	struct uvm_clone *c = container_of(w, struct uvm_clone, walk);
	pte_t *pte = walk(c->dst, va, true);

	if (!pte)
		return -ENOMEM;
	if (va == c->private_va && (*src_pte & PTE_WRITE) && clone_copy(src_pte, pte))
		return 0;
	if (*src_pte & PTE_WRITE)
		note_flush(&c->flush, va);
	*src_pte &= ~PTE_WRITE;
	get_page(*src_pte & PTE_ADDR_MASK);
	set_entry(pte, *src_pte);
	return 0;
}
/* LAB 2 END */
/* LAB 2 STUB
static int clone_leaf(struct uvm_walk *w, pte_t *src_pte, uint64_t va)
{
	struct uvm_clone *c = container_of(w, struct uvm_clone, walk);
	pte_t *pte = walk(c->dst, va, true);

	pr_warn_once("lab 2: fork copies every page; clone_leaf() and break_cow() are yours to"
		     " write, see docs/labs/2-cow.md\n");
	if (!pte)
		return -ENOMEM;
	return clone_copy(src_pte, pte) ? 0 : -ENOMEM;
}
*/

static const struct walk_ops clone_ops = { .leaf = clone_leaf };

void uvm_clone_start(struct uvm_clone *c, uint64_t *dst, uint64_t private_va)
{
	walk_start(&c->walk, 0, USER_TOP);
	c->dst = dst;
	c->private_va = private_va;
	c->flush.pages = 0;
}

void uvm_clone_range(struct uvm_clone *c, uint64_t start, uint64_t end)
{
	walk_start(&c->walk, start, end);
}

int uvm_clone_batch(uint64_t *src, struct uvm_clone *c)
{
	return walk_batch(src, &c->walk, &clone_ops, UVM_BATCH_ENTRIES);
}

/* src's pages lost write permission: flush them, on every CPU that runs src. */
void uvm_clone_finish(uint64_t *src, struct uvm_clone *c)
{
	flush_noted(src, &c->flush);
}

void copy_page(void *dst, const void *src)
{
	size_t words = PAGE_SIZE / 8;

	__asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
}

void clear_page(void *dst)
{
	size_t words = PAGE_SIZE / 8;

	__asm__ volatile("rep stosq" : "+D"(dst), "+c"(words) : "a"(0UL) : "memory");
}

void copy_bytes(void *dst, const void *src, size_t n)
{
	__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

__hotpath void uvm_activate(uint64_t *pml4)
{
	uint64_t root = pml4 ? virt_to_phys(pml4) : paging_kernel_root();

	if (read_cr3() != root) {
		smp_note_active_root(root);
		write_cr3(root);
	}
}

bool uvm_is_active(uint64_t *pml4)
{
	return (read_cr3() & PTE_ADDR_MASK) == virt_to_phys(pml4);
}
