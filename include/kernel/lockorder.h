/*
 * The lock-order checker (debug builds): finds lock inversions before they deadlock.
 *
 * Every spinlock and mutex belongs to a class, named by the name it was initialised with:
 * all inodes' i_mutex are one class "inode", each wait queue's lock the class of its name.
 * While a CPU holds spinlock A and takes spinlock B (or a task holding mutex A takes mutex
 * B), the checker records the edge "A before B", with the two places that took them.  If the
 * new edge closes a cycle (B was held, directly or through other classes, before A was taken
 * somewhere else), it prints a report naming both orders and their call sites, even though
 * no deadlock happened this run: the two code paths only have to meet once on two CPUs.
 *
 * The kernel's lock order is declared in a table (kernel/lockorder.c, and docs/locking.md
 * section 7 with the reasons): taking a lock against it is reported the first time it
 * happens, as if the other order had been seen already.
 *
 * What it does not check: two locks of the same class nested (two inodes; order those by
 * address, and say so where you do), and interrupt-context subtleties beyond the plain order.
 * docs/locking.md has the lock order of the whole kernel.
 */
#ifndef KERNEL_LOCKORDER_H
#define KERNEL_LOCKORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Locks deeper than this on one CPU (spinlocks) or in one task (mutexes) are not tracked. */
#define LOCKORDER_MAX_HELD 8

enum lock_kind { LOCK_KIND_SPIN, LOCK_KIND_MUTEX };

struct held_lock {
	const void *lock; /* the spinlock or mutex */
	const void *pc;	  /* where it was taken */
	uint16_t class_id;
};

/* A CPU's held spinlocks, or a task's held mutexes, in the order they were taken. */
struct held_locks {
	unsigned int depth; /* entries in use; may exceed LOCKORDER_MAX_HELD (the rest untracked) */
	struct held_lock entry[LOCKORDER_MAX_HELD];
};

/*
 * Before taking lock (of the given kind and name) at pc: check the order against what is
 * held, recording new edges.  *class_cache is the lock's own slot for its class id (0 until
 * first looked up).  Then lockorder_push() once it is held, lockorder_pop() when released.
 */
void lockorder_check(struct held_locks *held, uint16_t *class_cache, enum lock_kind kind,
		     const char *name, const void *pc);
void lockorder_push(struct held_locks *held, const void *lock, uint16_t *class_cache,
		    enum lock_kind kind, const char *name, const void *pc);
void lockorder_pop(struct held_locks *held, const void *lock);

/*
 * The edges seen so far, one line each ("proc -> runqueue  <where>  <where>"), into buf as
 * snprintf does: returns the whole length, which may be >= size (/proc/lockorder).
 */
long lockorder_show(char *buf, size_t size);

/* A class's place in the declared lock order (1 is outermost); 0 if it has none. */
unsigned int lockorder_declared_rank(const char *name, enum lock_kind kind);

/* Inversions reported since boot, and the class names of the last one (for tests). */
unsigned int lockorder_reports(void);
void lockorder_last_report(const char **held_name, const char **taken_name);

/* Stop checking (panic does, so its own locking is not second-guessed). */
void lockorder_disable(void);

#endif
