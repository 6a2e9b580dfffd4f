/*
 * Intrusive circular doubly linked lists, as in Linux.
 *
 * An object that lives on a list embeds a struct list_head; the list itself is one more
 * struct list_head, the head, which belongs to no object.  The links form a circle through
 * the head: an empty list is a head pointing at itself, so adding and removing never meet a
 * NULL.  list_first_entry() and the iterators get from the links back to the object with
 * container_of().
 *
 * The second half is the hash list, hlist: a head of a single pointer, so a hash table of
 * many buckets costs one word each, and entries that link forward and hold the address of the
 * pointer that points at them (pprev), so that one is removed without knowing its bucket.
 *
 * Nothing here locks: whoever owns the list says which lock protects it, next to the head.
 * <lib/rculist.h> has the variants for lists that readers walk under RCU.
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <lib/stddef.h>

struct list_head {
	struct list_head *next;
	struct list_head *prev;
};

/*
 * list_del() leaves these in a removed entry's links.  They are non-canonical addresses, so
 * following a removed entry's link faults at once instead of corrupting a list.
 */
#define LIST_POISON_NEXT ((struct list_head *)0xdead000000000100UL)
#define LIST_POISON_PREV ((struct list_head *)0xdead000000000122UL)

/* An empty list head, for a static definition: static LIST_HEAD(ready_tasks); */
#define LIST_HEAD_INIT(name)                                                                       \
	{                                                                                          \
		&(name), &(name)                                                                   \
	}
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

/* Makes list an empty list (a head), or marks an entry as being on no list. */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Links entry in between two neighbours, prev and next. */
static inline void list_insert_between(struct list_head *entry, struct list_head *prev,
				       struct list_head *next)
{
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	prev->next = entry;
}

/* Adds entry right after head: at the front of the list (a stack). */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
	list_insert_between(entry, head, head->next);
}

/* Adds entry right before head: at the back of the list (a queue). */
static inline void list_add_tail(struct list_head *entry, struct list_head *head)
{
	list_insert_between(entry, head->prev, head);
}

/* Unlinks entry from its neighbours; entry's own links are left as they were. */
static inline void list_unlink(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
}

/* Removes entry from its list and poisons its links: entry must not be used as a list again. */
static inline void list_del(struct list_head *entry)
{
	list_unlink(entry);
	entry->next = LIST_POISON_NEXT;
	entry->prev = LIST_POISON_PREV;
}

/* Removes entry from its list and makes it an empty list, ready to be added again. */
static inline void list_del_init(struct list_head *entry)
{
	list_unlink(entry);
	INIT_LIST_HEAD(entry);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* The object of the given type whose member called member is the list_head at ptr. */
#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* The first object on a list, which must not be empty. */
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

/* The object after pos on its list (the caller must check it is not the head). */
#define list_next_entry(pos, member) list_entry((pos)->member.next, __typeof__(*(pos)), member)

/* Visits every object on the list, front to back; the loop must not remove pos. */
#define list_for_each_entry(pos, head, member)                                                     \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member); &(pos)->member != (head);   \
	     pos = list_next_entry(pos, member))

/* The same, safe against removing pos: next already holds the object after it. */
#define list_for_each_entry_safe(pos, next, head, member)                                          \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member),                             \
	    next = list_next_entry(pos, member);                                                   \
	     &(pos)->member != (head); pos = next, next = list_next_entry(next, member))

/* ---- hash lists ---- */

/* A bucket: NULL-terminated, so an empty bucket is one NULL pointer. */
struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next;   /* the entry after this one, or NULL */
	struct hlist_node **pprev; /* the pointer to this entry: the head's first, or prev's next */
};

/* hlist_del() leaves these in a removed entry, as list_del() does. */
#define HLIST_POISON_NEXT  ((struct hlist_node *)0xdead000000000100UL)
#define HLIST_POISON_PPREV ((struct hlist_node **)0xdead000000000122UL)

/* An empty bucket, for a static definition: static struct hlist_head b = HLIST_HEAD_INIT; */
#define HLIST_HEAD_INIT                                                                            \
	{                                                                                          \
		.first = NULL                                                                      \
	}

static inline void INIT_HLIST_HEAD(struct hlist_head *head)
{
	head->first = NULL;
}

/* Marks node as being on no list (hlist_unhashed() is then true). */
static inline void INIT_HLIST_NODE(struct hlist_node *node)
{
	node->next = NULL;
	node->pprev = NULL;
}

/* Whether node is on no list: never added, or removed with hlist_del_init(). */
static inline bool hlist_unhashed(const struct hlist_node *node)
{
	return node->pprev == NULL;
}

static inline bool hlist_empty(const struct hlist_head *head)
{
	return head->first == NULL;
}

/* Adds node at the front of the bucket head. */
static inline void hlist_add_head(struct hlist_node *node, struct hlist_head *head)
{
	struct hlist_node *first = head->first;

	node->next = first;
	if (first)
		first->pprev = &node->next;
	head->first = node;
	node->pprev = &head->first;
}

/* Unlinks node from its bucket; node's own links are left as they were. */
static inline void hlist_unlink(struct hlist_node *node)
{
	struct hlist_node *next = node->next;

	*node->pprev = next;
	if (next)
		next->pprev = node->pprev;
}

/* Removes node from its bucket and poisons its links: node must not be used again. */
static inline void hlist_del(struct hlist_node *node)
{
	hlist_unlink(node);
	node->next = HLIST_POISON_NEXT;
	node->pprev = HLIST_POISON_PPREV;
}

/* Removes node from its bucket, if it is on one, and marks it unhashed, ready to be added. */
static inline void hlist_del_init(struct hlist_node *node)
{
	if (hlist_unhashed(node))
		return;
	hlist_unlink(node);
	INIT_HLIST_NODE(node);
}

#define hlist_entry(ptr, type, member) container_of(ptr, type, member)

/* The object whose member is the hlist_node at ptr, or NULL when ptr is NULL (the end). */
#define hlist_entry_safe(ptr, type, member)                                                        \
	({                                                                                         \
		struct hlist_node *_hlist_ptr = (ptr);                                             \
		_hlist_ptr ? hlist_entry(_hlist_ptr, type, member) : NULL;                         \
	})

/* Visits every object in the bucket, front to back; pos is NULL after the loop. */
#define hlist_for_each_entry(pos, head, member)                                                    \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); pos;               \
	     pos = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))

/* The same, safe against removing pos: next (a struct hlist_node *) holds the link after it. */
#define hlist_for_each_entry_safe(pos, next, head, member)                                         \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member);                    \
	     pos && ((next) = (pos)->member.next, 1);                                              \
	     pos = hlist_entry_safe(next, __typeof__(*(pos)), member))

#endif /* LIB_LIST_H */
