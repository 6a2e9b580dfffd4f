/*
 * The file tree at boot: vfs_init_root() registers the built-in file systems and devices
 * (mounting pipefs, which stays outside the tree), mounts ramfs at "/", unpacks the initramfs
 * into it, and makes /dev with the device nodes every program expects, unless the archive
 * brought them.  devfs (the shell issue) will take /dev over.
 *
 * The initramfs is the first boot module (QEMU's -initrd, GRUB's module2), read through the
 * direct map.  Its memory stays reserved after unpacking: the page allocator can take back
 * only blocks it handed out, and boot modules never were.
 */
#include <kernel/bootinfo.h>
#include <kernel/chrdev.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/vfs.h>

#include "internal.h"

struct dev_node {
	const char *path;
	mode_t mode;
	unsigned int major, minor;
};

static const struct dev_node dev_nodes[] = {
	{"/dev/console", S_IFCHR | 0600, TTYAUX_MAJOR, CONSOLE_MINOR},
	{"/dev/null", S_IFCHR | 0666, MEM_MAJOR, NULL_MINOR},
	{"/dev/zero", S_IFCHR | 0666, MEM_MAJOR, ZERO_MINOR},
};

static void make_dev_nodes(const struct path *root)
{
	int err = vfs_mkdir(root, "/dev", 0755);

	if (err && err != -EEXIST)
		pr_warn("vfs: cannot make /dev: error %d\n", err);
	for (size_t i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
		const struct dev_node *node = &dev_nodes[i];

		err = vfs_mknod(root, node->path, node->mode, MKDEV(node->major, node->minor));
		if (err && err != -EEXIST)
			pr_warn("vfs: cannot make %s: error %d\n", node->path, err);
	}
}

static void unpack_boot_module(const struct path *root, const struct boot_module *module)
{
	size_t len = module->end - module->start;
	int count = initramfs_unpack(root, phys_to_virt(module->start), len);

	if (count >= 0)
		pr_info("initramfs: unpacked %d entries (%zu bytes) from module '%s'\n", count, len,
			module->name);
}

void vfs_init_root(const struct boot_info *info)
{
	struct path root;

	ramfs_init();
	memdev_init();
	console_init();
	pipefs_init();
	if (vfs_mount_root("ramfs") < 0)
		panic("vfs: cannot mount the root file system");
	vfs_get_root(&root);
	if (info->nmodules > 0)
		unpack_boot_module(&root, &info->modules[0]);
	make_dev_nodes(&root);
	path_put(&root);
}
