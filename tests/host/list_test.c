/*
 * Host tests of <lib/list.h>'s hash lists and <lib/rculist.h>: adding, removing and walking;
 * what a removed entry's links hold; and readers walking an RCU list while a writer adds and
 * removes entries (removed ones are never freed here, which stands in for the grace period).
 */
#include <pthread.h>
#include <stdlib.h>
#include <lib/rculist.h>

#include "tap.h"

struct item {
	int value;
	struct hlist_node hnode;
	struct list_head node;
};

/* The values in bucket head, front to back, as "3 2 1". */
static const char *bucket_text(struct hlist_head *head, bool rcu)
{
	static char text[64];
	struct item *pos;
	size_t len = 0;

	text[0] = '\0';
	if (rcu)
		hlist_for_each_entry_rcu(pos, head, hnode) len +=
		    snprintf(text + len, sizeof(text) - len, "%s%d", len ? " " : "", pos->value);
	else
		hlist_for_each_entry(pos, head, hnode) len +=
		    snprintf(text + len, sizeof(text) - len, "%s%d", len ? " " : "", pos->value);
	return text;
}

/* The values on list head, front to back, walked as readers do. */
static const char *list_text(struct list_head *head)
{
	static char text[64];
	struct item *pos;
	size_t len = 0;

	text[0] = '\0';
	list_for_each_entry_rcu(pos, head, node) len +=
	    snprintf(text + len, sizeof(text) - len, "%s%d", len ? " " : "", pos->value);
	return text;
}

static void check_hlist(void)
{
	struct hlist_head head = HLIST_HEAD_INIT;
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };
	struct item *pos;
	struct hlist_node *next;
	int visited = 0;

	INIT_HLIST_NODE(&a.hnode);
	tap_ok(hlist_empty(&head) && hlist_unhashed(&a.hnode),
	       "hlist: a new head is empty, a new node unhashed");
	hlist_add_head(&a.hnode, &head);
	hlist_add_head(&b.hnode, &head);
	hlist_add_head(&c.hnode, &head);
	tap_check_str(bucket_text(&head, false), "3 2 1", "hlist_add_head: adds at the front");
	hlist_del(&b.hnode);
	tap_check_str(bucket_text(&head, false), "3 1", "hlist_del: removes from the middle");
	tap_ok(b.hnode.next == HLIST_POISON_NEXT && b.hnode.pprev == HLIST_POISON_PPREV,
	       "hlist_del: poisons the removed node's links");
	hlist_del_init(&c.hnode);
	tap_ok(hlist_unhashed(&c.hnode) && head.first == &a.hnode && a.hnode.pprev == &head.first,
	       "hlist_del_init: removes the first, which is then unhashed; the next is first");
	hlist_del_init(&c.hnode);
	tap_check_str(bucket_text(&head, false), "1", "hlist_del_init: twice is harmless");
	hlist_add_head(&b.hnode, &head);
	hlist_add_head(&c.hnode, &head);
	hlist_for_each_entry_safe(pos, next, &head, hnode)
	{
		hlist_del(&pos->hnode);
		visited++;
	}
	tap_ok(visited == 3 && hlist_empty(&head),
	       "hlist_for_each_entry_safe: visits all 3 while removing each");
	INIT_HLIST_HEAD(&head);
	hlist_for_each_entry(pos, &head, hnode) visited++;
	tap_ok(visited == 3 && pos == NULL, "hlist_for_each_entry: an empty bucket visits nothing");
}

static void check_rcu_lists(void)
{
	struct hlist_head bucket = HLIST_HEAD_INIT;
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };
	LIST_HEAD(list);

	hlist_add_head_rcu(&a.hnode, &bucket);
	hlist_add_head_rcu(&b.hnode, &bucket);
	hlist_add_head_rcu(&c.hnode, &bucket);
	tap_check_str(bucket_text(&bucket, true), "3 2 1", "hlist_add_head_rcu: adds at the front");
	hlist_del_rcu(&b.hnode);
	tap_check_str(bucket_text(&bucket, true), "3 1", "hlist_del_rcu: removes from the middle");
	tap_ok(b.hnode.next == &a.hnode && b.hnode.pprev == HLIST_POISON_PPREV,
	       "hlist_del_rcu: the removed node still leads on (next), pprev is poisoned");
	list_add_rcu(&b.node, &list);
	list_add_rcu(&a.node, &list);
	list_add_tail_rcu(&c.node, &list);
	tap_check_str(list_text(&list), "1 2 3",
		      "list_add_rcu at the front, list_add_tail_rcu at the back");
	list_del_rcu(&b.node);
	tap_check_str(list_text(&list), "1 3", "list_del_rcu: removes from the middle");
	tap_ok(b.node.next == &c.node && b.node.prev == LIST_POISON_PREV,
	       "list_del_rcu: the removed entry still leads on (next), prev is poisoned");
	tap_ok(c.node.prev == &a.node && a.node.next == &c.node,
	       "list_del_rcu: its neighbours are linked to each other");
}

#define POOL	   20000
#define ITEM_MAGIC 0x5eed

static LIST_HEAD(shared_list);
static int writer_done; /* atomic */

/* Add every item of the pool to shared_list, and remove each soon after (the writer). */
static void *writer(void *arg)
{
	struct item *pool = arg;

	for (int i = 0; i < POOL; i++) {
		pool[i].value = ITEM_MAGIC;
		if (i % 2)
			list_add_rcu(&pool[i].node, &shared_list);
		else
			list_add_tail_rcu(&pool[i].node, &shared_list);
		if (i >= 8)
			list_del_rcu(&pool[i - 8].node);
	}
	__atomic_store_n(&writer_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Walk shared_list until the writer is done; the walks that met an unfilled entry. */
static void *reader(void *unused)
{
	long bad = 0;

	(void)unused;

	while (!__atomic_load_n(&writer_done, __ATOMIC_ACQUIRE)) {
		struct item *pos;
		long steps = 0;

		list_for_each_entry_rcu(pos, &shared_list, node)
		{
			if (pos->value != ITEM_MAGIC || ++steps > POOL) {
				bad++;
				break;
			}
		}
	}
	return (void *)bad;
}

/* How many entries list has. */
static long list_length(struct list_head *list)
{
	struct item *pos;
	long count = 0;

	list_for_each_entry_rcu(pos, list, node) count++;
	return count;
}

static void check_concurrent_readers(void)
{
	struct item *pool = calloc(POOL, sizeof(*pool));
	pthread_t write_thread, read_thread;
	void *bad;

	pthread_create(&read_thread, NULL, reader, NULL);
	pthread_create(&write_thread, NULL, writer, pool);
	pthread_join(write_thread, NULL);
	pthread_join(read_thread, &bad);
	tap_ok(bad == NULL,
	       "list_for_each_entry_rcu: a reader racing %d adds and removes sees only filled "
	       "entries and reaches the end",
	       POOL);
	tap_check_long(list_length(&shared_list), 8,
		       "the writer's list ends with its last 8 entries");
	free(pool);
}

int main(void)
{
	check_hlist();
	check_rcu_lists();
	check_concurrent_readers();
	return tap_done();
}
