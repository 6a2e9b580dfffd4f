/*
 * containerfs, file-system type "container": each mount shows one hierarchy of task containers
 * (include/kernel/container.h; the machinery is kernel/container.c).
 *
 *   mount -t container -o cpuacct,pids none /c    a hierarchy with two subsystems
 *   mkdir /c/a                                     a container (to any depth)
 *   echo $$ > /c/a/tasks                           the shell moves into it
 *   cat /c/a/cpuacct.usage                         a subsystem's control file
 *   rmdir /c/a                                     only when it has no processes or children
 *
 * Names are dentries pinned in the tree, as in ramfs: a container's directory holds its
 * control files ("tasks", and each bound subsystem's, "cpuacct.usage") and its child
 * containers.  Files cannot be made (EACCES, as on Linux; mknod EPERM), removed (EPERM) or
 * renamed (ENOTDIR) by anyone; a container's directory may be renamed within its parent (to
 * another parent: EIO).  Directories and files have modes and owners
 * like any others; a container made by a user who is not root belongs to that user, files
 * included, so root can hand a subtree to a user by chown'ing its directory and tasks file.
 *
 * A control file's inode holds a reference to its container, so the memory stays valid while
 * the file is open; once the container is removed, reads and writes give ENODEV.  Opening a
 * file for reading takes a snapshot of its text (for tasks: the sorted list of pids), so a
 * reader taking it in small pieces gets one consistent text; each write(2) is one command.
 *
 * A hierarchy with child containers outlives its last unmount: kill_sb keeps its super block,
 * and mounting the same options again brings it back as it was.
 *
 * Locks: the VFS calls mkdir, rmdir, rename and kill_sb with vfs_lock held, and a control
 * file's write with its inode's i_mutex; containerfs takes container_mutex inside both.
 */
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/page.h>
#include <kernel/panic.h>
#include <kernel/proc.h>
#include <kernel/printk.h>
#include <kernel/stat.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/string.h>

#include "internal.h"

#define CFTYPE_NAME_MAX 64	  /* "cpuacct.usage" */
#define WRITE_MAX	PAGE_SIZE /* the longest write(2) a control file takes */

/* A control file: which container, which file (the inode's i_private). */
struct containerfs_file {
	struct container *cont; /* holds a reference */
	const struct cftype *cft;
};

/* An open control file's snapshot, taken at open for readers (file->private_data). */
struct containerfs_text {
	size_t len;
	char data[];
};

static const struct inode_operations containerfs_dir_iops;
static const struct inode_operations containerfs_file_iops;
static const struct file_operations containerfs_dir_fops;
static const struct file_operations containerfs_file_fops;

/* ---- tasks: the file every container has ---- */

/* The pids of a container's processes, collected under css_group_lock. */
struct pid_list {
	int *pids;
	int count, capacity;
};

static bool collect_pid(struct proc *p, void *arg)
{
	struct pid_list *list = arg;

	if (list->count < list->capacity)
		list->pids[list->count] = p->pid;
	list->count++;
	return true;
}

/* Sort pids in place, smallest first (insertion sort: a container holds few processes). */
static void sort_pids(int *pids, int n)
{
	for (int i = 1; i < n; i++) {
		int pid = pids[i], j = i;

		for (; j > 0 && pids[j - 1] > pid; j--)
			pids[j] = pids[j - 1];
		pids[j] = pid;
	}
}

static size_t tasks_show(struct container *cont, char *buf, size_t size)
{
	struct pid_list list = { NULL, 0, 0 };
	size_t len = 0;

	/* Processes may join while the list is read: make room and read again until it fits. */
	do {
		kfree(list.pids);
		list.capacity = list.count + 16;
		list.count = 0;
		list.pids = kmalloc(sizeof(int) * (size_t)list.capacity);
		if (!list.pids)
			return 0;
		container_for_each_task(cont, collect_pid, &list);
	} while (list.count > list.capacity);
	sort_pids(list.pids, list.count);
	if (size)
		buf[0] = '\0';
	for (int i = 0; i < list.count; i++)
		len += (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size), "%d\n",
					list.pids[i]);
	kfree(list.pids);
	return len;
}

/* Parse a whole decimal number (no sign, nothing after it): 0, or -EINVAL. */
static int parse_u64(const char *text, uint64_t *out)
{
	uint64_t value = 0;

	if (!*text)
		return -EINVAL;
	for (; *text; text++) {
		if (*text < '0' || *text > '9' || value > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		value = value * 10 + (uint64_t)(*text - '0');
	}
	*out = value;
	return 0;
}

static int tasks_write(struct container *cont, char *text)
{
	uint64_t pid;

	if (parse_u64(text, &pid) || pid > INT32_MAX)
		return -EINVAL;
	return container_attach_pid(cont, (int)pid);
}

static const struct cftype tasks_file = {
	.name = "tasks", .mode = 0644, .show = tasks_show, .write = tasks_write
};

/* ---- inodes ---- */

/* A new inode of sb for a container's directory (i_private: the container, referenced). */
static struct inode *new_dir_inode(struct super_block *sb, struct container *cont, mode_t mode)
{
	struct inode *inode = inode_alloc(sb, S_IFDIR | (mode & 07777));

	if (!inode)
		return NULL;
	inode->i_op = &containerfs_dir_iops;
	inode->i_fop = &containerfs_dir_fops;
	inode->i_nlink = 2;
	container_get(cont);
	inode->i_private = cont;
	return inode;
}

static void containerfs_evict_inode(struct inode *inode)
{
	if (S_ISDIR(inode->i_mode)) {
		container_put(inode->i_private);
	} else {
		struct containerfs_file *cf = inode->i_private;

		container_put(cf->cont);
		kfree(cf);
	}
}

/* Chown, chmod and times, as any file; a size (O_TRUNC's) means nothing to a control file. */
static int containerfs_setattr(struct inode *inode, const struct iattr *attr)
{
	struct iattr changes = *attr;

	changes.valid &= ~ATTR_SIZE;
	inode_setattr_simple(inode, &changes);
	return 0;
}

/* Make the control file name in dir (cont's directory), owned as dir is.  vfs_lock held. */
static int add_file(struct dentry *dir, struct container *cont, const struct cftype *cft,
		    const char *name)
{
	struct containerfs_file *cf = kmalloc(sizeof(*cf));
	struct inode *inode = cf ? inode_alloc(dir->d_sb, S_IFREG | cft->mode) : NULL;
	struct dentry *dentry = inode ? d_alloc_child(dir, name, strlen(name)) : NULL;

	if (!dentry) {
		if (inode)
			inode_put(inode); /* i_private still NULL: evict must not see it */
		kfree(cf);
		return -ENOMEM;
	}
	cf->cont = cont;
	cf->cft = cft;
	container_get(cont);
	inode->i_private = cf;
	inode->i_op = &containerfs_file_iops;
	inode->i_fop = &containerfs_file_fops;
	inode->i_uid = dir->d_inode->i_uid;
	inode->i_gid = dir->d_inode->i_gid;
	d_instantiate(dentry, inode);
	d_pin(dentry);
	dentry_put_locked(dentry);
	return 0;
}

/* Make cont's control files in its directory: tasks, then each bound subsystem's. */
static int populate(struct container *cont, struct dentry *dir)
{
	int err = add_file(dir, cont, &tasks_file, tasks_file.name);

	for (int i = 0; i < CONTAINER_SUBSYS_COUNT && !err; i++) {
		struct container_subsys *ss = container_subsystems[i];

		if (!cont->subsys[i] || !ss->files)
			continue;
		for (const struct cftype *cft = ss->files; cft->name && !err; cft++) {
			char name[CFTYPE_NAME_MAX];

			if (cft->not_on_root && !cont->parent)
				continue;
			if (cont->root->noprefix)
				snprintf(name, sizeof(name), "%s", cft->name);
			else
				snprintf(name, sizeof(name), "%s.%s", ss->name, cft->name);
			err = add_file(dir, cont, cft, name);
		}
	}
	return err;
}

/* Remove the control files of a container's directory (the child containers are gone). */
static void depopulate(struct dentry *dir)
{
	struct dentry *child, *next;

	list_for_each_entry_safe(child, next, &dir->d_subdirs, d_child) {
		if (!child->d_inode || S_ISDIR(child->d_inode->i_mode))
			continue;
		d_drop(child);
		d_unpin(child);
	}
}

/* ---- directories ---- */

/* Everything that exists is pinned in the tree: a name not there does not exist. */
static int containerfs_lookup(struct inode *dir, struct dentry *dentry)
{
	return 0;
}

static int containerfs_mkdir(struct inode *dir, struct dentry *dentry, mode_t mode)
{
	struct container *parent = dir->i_private, *cont;
	struct inode *inode;
	int err;

	mutex_lock(&container_mutex);
	err = container_create(parent, dentry->d_name, &cont);
	if (err)
		goto out;
	inode = new_dir_inode(dir->i_sb, cont, mode);
	if (!inode) {
		container_remove(cont);
		err = -ENOMEM;
		goto out;
	}
	inode_init_owner(inode, dir);
	d_instantiate(dentry, inode);
	d_pin(dentry);
	cont->dentry = dentry;
	err = populate(cont, dentry);
	if (err) {
		depopulate(dentry);
		container_remove(cont);
		d_unpin(dentry);
		goto out;
	}
	dir->i_nlink++;
	dir->i_mtime = dir->i_ctime = vfs_now();
out:
	mutex_unlock(&container_mutex);
	return err;
}

static int containerfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct container *cont = dentry->d_inode->i_private;
	int err;

	mutex_lock(&container_mutex);
	err = container_remove(cont);
	if (!err) {
		depopulate(dentry);
		d_unpin(dentry);
		dir->i_nlink--;
		dir->i_mtime = dir->i_ctime = vfs_now();
	}
	mutex_unlock(&container_mutex);
	return err;
}

/* Only a container's directory may be renamed, and only within its parent (as on Linux). */
static int containerfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
			      struct dentry *new)
{
	int err;

	if (!S_ISDIR(old->d_inode->i_mode))
		return -ENOTDIR;
	if (old_dir != new_dir)
		return -EIO;
	if (new->d_inode)
		return -EEXIST;
	mutex_lock(&container_mutex);
	err = container_rename(old->d_inode->i_private, new->d_name);
	mutex_unlock(&container_mutex);
	return err;
}

static const struct inode_operations containerfs_dir_iops = {
	.lookup = containerfs_lookup,
	.mkdir = containerfs_mkdir,
	.rmdir = containerfs_rmdir,
	.rename = containerfs_rename,
	.setattr = containerfs_setattr,
};

static const struct file_operations containerfs_dir_fops = {
	.iterate = dcache_readdir,
};

/* ---- control files ---- */

/* The text of a control file, made under container_mutex: 0, -ENODEV, -ENOMEM. */
static int make_text(struct containerfs_file *cf, struct containerfs_text **out)
{
	size_t size = PAGE_SIZE - sizeof(struct containerfs_text);

	for (;;) {
		struct containerfs_text *text = kmalloc(sizeof(*text) + size);
		size_t len;

		if (!text)
			return -ENOMEM;
		mutex_lock(&container_mutex);
		len = (cf->cont->flags & (1UL << CONT_REMOVED))
			  ? (size_t)-1
			  : cf->cft->show(cf->cont, text->data, size);
		mutex_unlock(&container_mutex);
		if (len == (size_t)-1) {
			kfree(text);
			return -ENODEV;
		}
		if (len < size) {
			text->len = len;
			*out = text;
			return 0;
		}
		kfree(text);
		size = len + 1;
	}
}

static int containerfs_open(struct inode *inode, struct file *file)
{
	struct containerfs_file *cf = inode->i_private;
	struct containerfs_text *text = NULL;
	int err;

	if ((file->f_mode & FMODE_READ) && cf->cft->show) {
		err = make_text(cf, &text);
		if (err)
			return err;
	}
	file->private_data = text;
	return 0;
}

static int containerfs_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t containerfs_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	struct containerfs_text *text = file->private_data;

	if (!text)
		return -EINVAL;
	if (*pos >= (loff_t)text->len)
		return 0;
	len = MIN(len, text->len - (size_t)*pos);
	memcpy(buf, text->data + *pos, len);
	*pos += (loff_t)len;
	return (ssize_t)len;
}

/* One write(2) is one command: the text, without spaces around it or its newline. */
static ssize_t containerfs_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	struct containerfs_file *cf = file->f_inode->i_private;
	const struct cftype *cft = cf->cft;
	size_t n = len;
	char *text, *start;
	int err;

	if (!cft->write && !cft->write_u64)
		return -EINVAL;
	if (len > WRITE_MAX)
		return -E2BIG;
	text = kmalloc(len + 1);
	if (!text)
		return -ENOMEM;
	memcpy(text, buf, len);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	text[n] = '\0';
	for (start = text; *start == ' ' || *start == '\t'; start++)
		;
	mutex_lock(&container_mutex);
	if (cf->cont->flags & (1UL << CONT_REMOVED)) {
		err = -ENODEV;
	} else if (cft->write) {
		err = cft->write(cf->cont, start);
	} else {
		uint64_t value;

		err = parse_u64(start, &value);
		if (!err)
			err = cft->write_u64(cf->cont, value);
	}
	mutex_unlock(&container_mutex);
	kfree(text);
	if (err)
		return err;
	*pos += (loff_t)len;
	return (ssize_t)len;
}

/* Seek within the snapshot: SEEK_SET and SEEK_CUR (to read it again, or skip). */
static loff_t containerfs_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t pos = whence == 0 ? offset : whence == 1 ? file->f_pos + offset : -1;

	if (pos < 0)
		return -EINVAL;
	file->f_pos = pos;
	return pos;
}

static const struct inode_operations containerfs_file_iops = {
	.setattr = containerfs_setattr,
};

static const struct file_operations containerfs_file_fops = {
	.open = containerfs_open,
	.release = containerfs_release,
	.read = containerfs_read,
	.write = containerfs_write,
	.llseek = containerfs_llseek,
};

/* ---- mounting ---- */

/* The hierarchy's options for /proc/mounts: "cpuacct,pids", "cpuset,noprefix", "name=x". */
static size_t containerfs_show_options(struct super_block *sb, char *buf, size_t size)
{
	size_t len;

	mutex_lock(&container_mutex);
	len = container_root_show_options(sb->s_fs_info, buf, size);
	mutex_unlock(&container_mutex);
	return len;
}

static const struct super_operations containerfs_super_ops = {
	.evict_inode = containerfs_evict_inode,
	.show_options = containerfs_show_options,
};

/* A super block for root, whose top container becomes its root directory; container_mutex. */
static int make_super(struct file_system_type *type, struct container_root *root,
		      struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, &containerfs_super_ops);
	struct inode *inode = sb ? new_dir_inode(sb, &root->top, 0755) : NULL;

	if (!inode) {
		if (sb)
			sb_free(sb);
		return -ENOMEM;
	}
	sb->s_root = d_make_root(inode);
	if (!sb->s_root || populate(&root->top, sb->s_root)) {
		if (sb->s_root) {
			dcache_unpin_tree(sb->s_root);
			dentry_put_locked(sb->s_root);
		}
		sb_free(sb);
		return -ENOMEM;
	}
	sb->s_fs_info = root;
	root->sb = sb;
	root->top.dentry = sb->s_root;
	*out = sb;
	return 0;
}

static int containerfs_mount(struct file_system_type *type, const char *source, unsigned long flags,
			     const void *data, struct super_block **out)
{
	struct container_mount_opts opts;
	struct container_root *root;
	int err = container_parse_options(data, &opts);

	if (err)
		return err;
	mutex_lock(&container_mutex);
	err = container_root_get(&opts, &root);
	if (!err && root->sb) {
		root->sb->s_active++; /* the same hierarchy at one more place */
		*out = root->sb;
	} else if (!err) {
		err = make_super(type, root, out);
		if (err && !container_root_has_children(root))
			container_root_destroy(root);
	}
	mutex_unlock(&container_mutex);
	return err;
}

/* The last mount is gone: destroy the hierarchy, unless it has containers to keep. */
static void containerfs_kill_sb(struct super_block *sb)
{
	struct container_root *root = sb->s_fs_info;

	mutex_lock(&container_mutex);
	if (!container_root_has_children(root)) {
		root->sb = NULL;
		root->top.dentry = NULL;
		dcache_unpin_tree(sb->s_root);
		dentry_put_locked(sb->s_root);
		sb_free(sb);
		container_root_destroy(root);
	}
	mutex_unlock(&container_mutex);
}

static struct file_system_type containerfs_type = {
	.name = "container",
	.mount = containerfs_mount,
	.kill_sb = containerfs_kill_sb,
};

void containerfs_init(void)
{
	if (register_filesystem(&containerfs_type) < 0)
		panic("containerfs: cannot register");
}
