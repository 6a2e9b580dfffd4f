/*
 * debug, the subsystem that shows the machinery (after the 2007 series' own): nothing is
 * limited or counted, but each container's files show how the structures of
 * include/kernel/container.h point at each other at this moment.
 *
 *   debug.container_refcount        the css_groups that use this container (its count)
 *   debug.taskcount                 its processes
 *   debug.current_css_group         the address of the reader's css_group: two processes
 *                                   with the same containers show the same one
 *   debug.current_css_group_refcount  that css_group's reference count
 *   debug.css_groups                the css_groups in the whole system
 */
#include <kernel/container.h>
#include <kernel/mm.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/stddef.h>

static struct container_subsys_state *debug_create(struct container *cont,
						   struct container_subsys_state *parent)
{
	return kzalloc(sizeof(struct container_subsys_state));
}

static void debug_destroy(struct container_subsys_state *css)
{
	kfree(css);
}

static size_t refcount_show(struct container *cont, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%d\n", READ_ONCE(cont->count));
}

static size_t taskcount_show(struct container *cont, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%d\n", container_task_count(cont));
}

static size_t current_show(struct container *cont, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%p\n", (void *)container_current_css_group());
}

static size_t current_refcount_show(struct container *cont, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%d\n",
				READ_ONCE(container_current_css_group()->refcount));
}

static size_t css_groups_show(struct container *cont, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%d\n", container_css_group_count());
}

static const struct cftype debug_files[] = {
	{ .name = "container_refcount", .mode = 0444, .show = refcount_show },
	{ .name = "taskcount", .mode = 0444, .show = taskcount_show },
	{ .name = "current_css_group", .mode = 0444, .show = current_show },
	{ .name = "current_css_group_refcount", .mode = 0444, .show = current_refcount_show },
	{ .name = "css_groups", .mode = 0444, .show = css_groups_show },
	{ .name = NULL },
};

struct container_subsys debug_subsys = {
	.name = "debug",
	.subsys_id = debug_subsys_id,
	.create = debug_create,
	.destroy = debug_destroy,
	.files = debug_files,
};
