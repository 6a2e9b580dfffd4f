/*
 * The file tree at boot: vfs_init_root() registers the built-in file systems and devices
 * (mounting pipefs, which stays outside the tree), mounts ramfs at "/", unpacks the initramfs
 * into it, then mounts devfs on /dev, procfs on /proc and a tmpfs on /tmp, before any program
 * runs: so whatever program is init finds /dev/console, /dev/null, /proc/self and a /tmp
 * anyone may write to (mode 1777) as on Linux.
 *
 * The initramfs is the first boot module (QEMU's -initrd, GRUB's module2), read through the
 * direct map.  Its memory stays reserved after unpacking: the page allocator can take back
 * only blocks it handed out, and boot modules never were.
 */
#include <kernel/bootinfo.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/vfs.h>

#include "internal.h"

/* The file systems every program expects, where Linux has them (source, directory, type). */
struct boot_mount {
	const char *source, *dir, *fstype;
};

static const struct boot_mount boot_mounts[] = {
	{ "devfs", "/dev", "devfs" },
	{ "proc", "/proc", "proc" },
	{ "tmpfs", "/tmp", "tmpfs" },
};

/* Mount the file systems of boot_mounts, making the directories if the archive has none. */
static void mount_boot_file_systems(const struct path *root)
{
	for (size_t i = 0; i < ARRAY_SIZE(boot_mounts); i++) {
		const struct boot_mount *m = &boot_mounts[i];
		int err = vfs_mkdir(root, m->dir, 0755);

		if (!err || err == -EEXIST)
			err = vfs_mount(root, m->source, m->dir, m->fstype, 0, NULL);
		if (err)
			pr_err("vfs: cannot mount %s on %s: error %d\n", m->fstype, m->dir, err);
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
	devfs_init();
	procfs_init();
	memdev_init();
	tracedev_init();
	console_init();
	pipefs_init();
	containerfs_init();
	if (vfs_mount_root("ramfs") < 0)
		panic("vfs: cannot mount the root file system");
	vfs_get_root(&root);
	if (info->nmodules > 0)
		unpack_boot_module(&root, &info->modules[0]);
	mount_boot_file_systems(&root);
	path_put(&root);
}
