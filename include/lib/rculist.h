/*
 * Lists that readers walk under RCU while a writer changes them (<lib/list.h>'s lists and hash
 * lists).
 *
 * Readers take no lock: they walk inside rcu_read_lock() ... rcu_read_unlock() with
 * list_for_each_entry_rcu() or hlist_for_each_entry_rcu(), and must not sleep there.  Writers
 * still exclude one another with a lock of their own (whoever owns the list names it, next to
 * the head), and change the list only with the _rcu functions below, which never leave a
 * reader a half-made link:
 *
 *   - an entry is filled in before it is published: its own links are set first, then the
 *     link that makes it reachable is stored with release order, which readers load with
 *     consume order (what rcu_assign_pointer() and rcu_dereference() of <kernel/rcu.h> do);
 *   - a removed entry keeps its forward link, so a reader standing on it walks on to the end;
 *     only its backward link is poisoned, which no reader follows.
 *
 * So a removed entry may still be in a reader's hands: it is freed only after a grace period,
 * with call_rcu() (or synchronize_rcu() then kfree()), never at once, and it must not be
 * added to a list again before then.
 *
 * No kernel header here: lib/ is freestanding, and the host tests use this file too
 * (tests/host/rculist_test.c).
 */
#ifndef LIB_RCULIST_H
#define LIB_RCULIST_H

#include <lib/list.h>

/* Store a link that publishes an entry: every write to the entry before it is visible first. */
#define rculist_publish(link, entry) __atomic_store_n(&(link), (entry), __ATOMIC_RELEASE)

/* Load a link a writer may be changing, for a reader inside rcu_read_lock(). */
#define rculist_load(link) __atomic_load_n(&(link), __ATOMIC_CONSUME)

/* Links entry in between prev and next, publishing it last.  Caller holds the writers' lock. */
static inline void list_insert_between_rcu(struct list_head *entry, struct list_head *prev,
					   struct list_head *next)
{
	entry->next = next;
	entry->prev = prev;
	rculist_publish(prev->next, entry);
	next->prev = entry;
}

/* Adds entry at the front of the list, for readers to see.  Caller holds the writers' lock. */
static inline void list_add_rcu(struct list_head *entry, struct list_head *head)
{
	list_insert_between_rcu(entry, head, head->next);
}

/* Adds entry at the back of the list, for readers to see.  Caller holds the writers' lock. */
static inline void list_add_tail_rcu(struct list_head *entry, struct list_head *head)
{
	list_insert_between_rcu(entry, head->prev, head);
}

/*
 * Removes entry from its list.  Its next link is left as it was, for a reader standing on it;
 * its prev link is poisoned.  Free it after a grace period (call_rcu()).  Writers' lock held.
 */
static inline void list_del_rcu(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	__atomic_store_n(&entry->prev->next, entry->next, __ATOMIC_RELAXED);
	entry->prev = LIST_POISON_PREV;
}

/* Visits every object on the list, front to back, inside rcu_read_lock(). */
#define list_for_each_entry_rcu(pos, head, member)                                                 \
	for (pos = list_entry(rculist_load((head)->next), __typeof__(*(pos)), member);             \
	     &(pos)->member != (head);                                                             \
	     pos = list_entry(rculist_load((pos)->member.next), __typeof__(*(pos)), member))

/* Adds node at the front of the bucket head, for readers to see.  Writers' lock held. */
static inline void hlist_add_head_rcu(struct hlist_node *node, struct hlist_head *head)
{
	struct hlist_node *first = head->first;

	node->next = first;
	node->pprev = &head->first;
	rculist_publish(head->first, node);
	if (first)
		first->pprev = &node->next;
}

/*
 * Removes node from its bucket, leaving its next link for readers and poisoning pprev.  Free
 * it after a grace period (call_rcu()).  Writers' lock held.
 */
static inline void hlist_del_rcu(struct hlist_node *node)
{
	struct hlist_node *next = node->next;

	__atomic_store_n(node->pprev, next, __ATOMIC_RELAXED);
	if (next)
		next->pprev = node->pprev;
	node->pprev = HLIST_POISON_PPREV;
}

/* Visits every object in the bucket, front to back, inside rcu_read_lock(). */
#define hlist_for_each_entry_rcu(pos, head, member)                                                \
	for (pos = hlist_entry_safe(rculist_load((head)->first), __typeof__(*(pos)), member); pos; \
	     pos = hlist_entry_safe(rculist_load((pos)->member.next), __typeof__(*(pos)), member))

#endif /* LIB_RCULIST_H */
