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
 * containers.  A control file's dentry and inode are made when a lookup first asks for its
 * name, not by mkdir, so that making and removing a container cost the same whatever its
 * files; readdir lists the files still unmade from the subsystems' tables, and each is made
 * as mkdir would have made it (the owner, times and inode number fixed at mkdir, kept in
 * struct containerfs_dir).  Files cannot be made (EACCES, as on Linux; mknod EPERM), removed
 * (EPERM) or renamed (ENOTDIR) by anyone; a container's directory may be renamed within its
 * parent (to another parent: EIO).  Directories and files have modes and owners like any
 * others; a container made by a user who is not root belongs to that user, files included,
 * so root can hand a subtree to a user by chown'ing its directory and tasks file.
 *
 * A control file's inode holds a reference to its container, so the memory stays valid while
 * the file is open; once the container is removed, reads and writes give ENODEV.  Opening a
 * file for reading takes a snapshot of its text (for tasks: the sorted list of pids), so a
 * reader taking it in small pieces gets one consistent text; each write(2) is one command.
 *
 * A hierarchy with child containers outlives its last unmount: kill_sb keeps its super block,
 * and mounting the same options again brings it back as it was.  A remount may change its
 * release agent, and its subsystems while it has no child containers.
 *
 * Besides tasks and the subsystems' files, every container has notify_on_release and
 * releasable, and a hierarchy's top has release_agent (kernel/container_release.c).
 *
 * Locks: the VFS calls lookup, readdir, mkdir, rmdir, rename and kill_sb with vfs_lock held,
 * and a control file's write with its inode's i_mutex; containerfs takes container_mutex
 * inside both.
 */
#include <kernel/container.h>
#include <kernel/dirent.h>
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

#define CFTYPE_NAME_MAX 64	  /* "cpuacct.usage"; names are shorter: name_lengths has 64 bits */
#define WRITE_MAX	PAGE_SIZE /* the longest write(2) a control file takes */

/*
 * A container's directory (the inode's i_private), and what its control files are made with
 * when first looked up: what mkdir would have given them.  Set by mkdir (vfs_lock held), then
 * constant.
 */
struct containerfs_dir {
	struct container *cont; /* holds a reference */
	uid_t uid;		/* the files' owner: the directory's at mkdir */
	gid_t gid;
	struct timespec64 made; /* the files' times at first: the directory's at mkdir */
	ino_t first_ino;	/* control file number i has inode number first_ino + i */
	loff_t first_pos;	/* and readdir position first_pos + i */
	uint64_t name_lengths;	/* bit n set: some control file's name is n bytes long */
};

/* A control file: which container, which file (the inode's i_private). */
struct containerfs_file {
	struct container *cont; /* holds a reference */
	const struct cftype *cft;
	int subsys_id; /* the subsystem it belongs to, or -1 (tasks, the base files) */
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

/*
 * A new inode of sb for a container's directory (i_private: its struct containerfs_dir,
 * referencing the container); the caller gives it its owner, then sets up its files.
 */
static struct inode *new_dir_inode(struct super_block *sb, struct container *cont, mode_t mode)
{
	struct containerfs_dir *cd = kzalloc(sizeof(*cd));
	struct inode *inode = cd ? inode_alloc(sb, S_IFDIR | (mode & 07777)) : NULL;

	if (!inode) {
		kfree(cd);
		return NULL;
	}
	inode->i_op = &containerfs_dir_iops;
	inode->i_fop = &containerfs_dir_fops;
	inode->i_nlink = 2;
	container_get(cont);
	cd->cont = cont;
	inode->i_private = cd;
	return inode;
}

static struct container *dir_container(struct inode *dir)
{
	return ((struct containerfs_dir *)dir->i_private)->cont;
}

static void containerfs_evict_inode(struct inode *inode)
{
	if (S_ISDIR(inode->i_mode)) {
		container_put(dir_container(inode));
		kfree(inode->i_private);
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

/* ---- control files: listed from the tables, made when first looked up ---- */

/* The length of the name of ss's file cft (ss NULL: tasks or a base file) in root's hierarchy. */
static size_t control_file_name_len(const struct container_root *root,
				    const struct container_subsys *ss, const struct cftype *cft)
{
	size_t prefix = !ss || root->noprefix ? 0 : strlen(ss->name) + 1;

	BUG_ON(prefix + strlen(cft->name) >= CFTYPE_NAME_MAX);
	return prefix + strlen(cft->name);
}

/* That name: "cpuacct.usage", or "usage" with noprefix; tasks and the base files have none. */
static void control_file_name(const struct container_root *root, const struct container_subsys *ss,
			      const struct cftype *cft, char name[CFTYPE_NAME_MAX])
{
	size_t prefix = !ss || root->noprefix ? 0 : strlen(ss->name) + 1;

	if (prefix) {
		memcpy(name, ss->name, prefix - 1);
		name[prefix - 1] = '.';
	}
	memcpy(name + prefix, cft->name, strlen(cft->name) + 1);
}

/* Called for each control file: its subsystem (NULL for tasks), table entry and number. */
typedef bool (*control_file_fn)(const struct container_subsys *ss, const struct cftype *cft,
				int index, void *arg);

/* Whether cft belongs in cont's directory: some files are only, or never, in the top one. */
static bool file_wanted(const struct container *cont, const struct cftype *cft)
{
	return cont->parent ? !cft->only_on_root : !cft->not_on_root;
}

/*
 * Call fn for each of cont's control files, in readdir's order, until it returns false:
 * tasks and the base files (notify_on_release, ...), then each bound subsystem's (by id, in its
 * table's order).  container_mutex held: it fixes which subsystems are bound.
 */
static void for_each_control_file(struct container *cont, control_file_fn fn, void *arg)
{
	int index = 0;

	assert_mutex_held(&container_mutex);
	if (!fn(NULL, &tasks_file, index++, arg))
		return;
	for (const struct cftype *cft = container_base_files; cft->name; cft++) {
		if (file_wanted(cont, cft) && !fn(NULL, cft, index++, arg))
			return;
	}
	for (int i = 0; i < CONTAINER_SUBSYS_COUNT; i++) {
		struct container_subsys *ss = container_subsystems[i];

		if (!cont->subsys[i] || !ss->files)
			continue;
		for (const struct cftype *cft = ss->files; cft->name; cft++) {
			if (file_wanted(cont, cft) && !fn(ss, cft, index++, arg))
				return;
		}
	}
}

/* What setting up a directory's control files learns of them. */
struct control_file_census {
	const struct container_root *root;
	unsigned int count;
	uint64_t name_lengths; /* as in struct containerfs_dir */
};

static bool count_control_file(const struct container_subsys *ss, const struct cftype *cft,
			       int index, void *arg)
{
	struct control_file_census *census = arg;

	census->count++;
	census->name_lengths |= 1ULL << control_file_name_len(census->root, ss, cft);
	return true;
}

/*
 * Fix what the control files of a new container's directory will be made with: the owner and
 * times the directory has now, and inode numbers and readdir positions set aside for them.
 * vfs_lock and container_mutex held.
 */
static void reserve_control_files(struct dentry *dir)
{
	struct inode *inode = dir->d_inode;
	struct containerfs_dir *cd = inode->i_private;
	struct control_file_census census = { cd->cont->root, 0, 0 };

	for_each_control_file(cd->cont, count_control_file, &census);
	cd->uid = inode->i_uid;
	cd->gid = inode->i_gid;
	cd->made = inode->i_mtime;
	cd->first_ino = inode_reserve_ino(inode->i_sb, census.count);
	cd->first_pos = d_reserve_dir_pos(dir, census.count);
	cd->name_lengths = census.name_lengths;
}

/* Make control file number index, cft, of dir's container as dentry and pin it; vfs_lock held. */
static int make_control_file(struct inode *dir, struct dentry *dentry,
			     const struct container_subsys *ss, const struct cftype *cft, int index)
{
	struct containerfs_dir *cd = dir->i_private;
	struct containerfs_file *cf = kmalloc(sizeof(*cf));
	struct inode *inode =
	    cf ? inode_alloc_ino(dir->i_sb, S_IFREG | cft->mode, cd->first_ino + (ino_t)index)
	       : NULL;

	if (!inode) {
		kfree(cf);
		return -ENOMEM;
	}
	cf->cont = cd->cont;
	cf->cft = cft;
	cf->subsys_id = ss ? ss->subsys_id : -1;
	container_get(cd->cont);
	inode->i_private = cf;
	inode->i_op = &containerfs_file_iops;
	inode->i_fop = &containerfs_file_fops;
	inode->i_uid = cd->uid;
	inode->i_gid = cd->gid;
	inode->i_atime = inode->i_mtime = inode->i_ctime = cd->made;
	d_instantiate(dentry, inode);
	d_pin(dentry);
	return 0;
}

/* What a lookup looks for among the control files, and what it finds. */
struct control_file_search {
	const struct container_root *root;
	const char *name;
	size_t len;
	const struct container_subsys *ss; /* found: its subsystem, table entry and number */
	const struct cftype *cft;
	int index;
};

static bool match_control_file(const struct container_subsys *ss, const struct cftype *cft,
			       int index, void *arg)
{
	struct control_file_search *search = arg;
	char name[CFTYPE_NAME_MAX];

	if (control_file_name_len(search->root, ss, cft) != search->len)
		return true; /* cheaply ruled out, as most names a lookup asks for are */
	control_file_name(search->root, ss, cft, name);
	if (memcmp(name, search->name, search->len) != 0)
		return true;
	search->ss = ss;
	search->cft = cft;
	search->index = index;
	return false;
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

/*
 * A name not in the tree is a control file still unmade, or nothing: child containers and the
 * files made so far are pinned there.  vfs_lock held.
 */
static int containerfs_lookup(struct inode *dir, struct dentry *dentry)
{
	struct containerfs_dir *cd = dir->i_private;
	struct control_file_search search = { cd->cont->root, dentry->d_name, dentry->d_name_len,
					      NULL,	      NULL,	      0 };
	int err = 0;

	if (dentry->d_name_len >= CFTYPE_NAME_MAX ||
	    !(cd->name_lengths & (1ULL << dentry->d_name_len)))
		return 0; /* no control file has a name this long: a new container's name, mostly */
	mutex_lock(&container_mutex);
	for_each_control_file(cd->cont, match_control_file, &search);
	if (search.cft)
		err = make_control_file(dir, dentry, search.ss, search.cft, search.index);
	mutex_unlock(&container_mutex);
	return err;
}

static int containerfs_mkdir(struct inode *dir, struct dentry *dentry, mode_t mode)
{
	struct container *parent = dir_container(dir), *cont;
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
	reserve_control_files(dentry);
	dir->i_nlink++;
	dir->i_mtime = dir->i_ctime = vfs_now();
out:
	mutex_unlock(&container_mutex);
	return err;
}

static int containerfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct container *cont = dir_container(dentry->d_inode);
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
	err = container_rename(dir_container(old->d_inode), new->d_name);
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

/* What readdir's listing of control files needs to go on. */
struct control_file_listing {
	struct dir_context *ctx;
	const struct containerfs_dir *cd;
	bool full; /* dir_emit found no room */
};

static bool list_control_file(const struct container_subsys *ss, const struct cftype *cft,
			      int index, void *arg)
{
	struct control_file_listing *listing = arg;
	loff_t pos = listing->cd->first_pos + index;
	char name[CFTYPE_NAME_MAX];

	if (pos < listing->ctx->pos)
		return true;
	control_file_name(listing->cd->cont->root, ss, cft, name);
	if (!dir_emit(listing->ctx, name, strlen(name), listing->cd->first_ino + (ino_t)index,
		      DT_REG)) {
		listing->full = true;
		return false;
	}
	listing->ctx->pos = pos + 1;
	return true;
}

/*
 * readdir: ".", "..", the control files (made or not, at the positions set aside for them),
 * then the child containers.  A removed container's directory is empty.  vfs_lock held.
 */
static int containerfs_iterate(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_path.dentry, *child;
	struct control_file_listing listing = { ctx, dir->d_inode->i_private, false };

	if (!dir_emit_dots(file, ctx) || (dir->d_flags & DENTRY_DEAD))
		return 0;
	mutex_lock(&container_mutex);
	for_each_control_file(listing.cd->cont, list_control_file, &listing);
	mutex_unlock(&container_mutex);
	if (listing.full)
		return 0;
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		if (!d_is_dir(child) || child->d_dir_pos < ctx->pos)
			continue;
		if (!dir_emit(ctx, child->d_name, child->d_name_len, child->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = child->d_dir_pos + 1;
	}
	return 0;
}

static const struct file_operations containerfs_dir_fops = {
	.iterate = containerfs_iterate,
};

/* ---- control files ---- */

/*
 * Whether an open control file has lost its container (rmdir) or its subsystem (a remount
 * unbound it): then reads and writes give ENODEV.  container_mutex held.
 */
static bool file_gone(const struct containerfs_file *cf)
{
	return (cf->cont->flags & (1UL << CONT_REMOVED)) ||
	       (cf->subsys_id >= 0 && !cf->cont->subsys[cf->subsys_id]);
}

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
		len = file_gone(cf) ? (size_t)-1 : cf->cft->show(cf->cont, text->data, size);
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
	if (file_gone(cf)) {
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

/*
 * mount -o remount: a new release agent, or (with no containers below the top) other
 * subsystems; then the top directory's files are set up again for the new set, as a mount
 * would.  vfs_lock held.
 */
static int containerfs_remount(struct super_block *sb, unsigned long flags, const char *data)
{
	struct container_root *root = sb->s_fs_info;
	struct container_mount_opts opts;
	unsigned long added, removed;
	int err = container_parse_options(data ? data : "", &opts);

	if (err)
		return err;
	mutex_lock(&container_mutex);
	err = container_root_remount(root, &opts, &added, &removed);
	if (!err && (added | removed)) {
		depopulate(sb->s_root); /* open files keep their inodes, as after rmdir */
		reserve_control_files(sb->s_root);
	}
	mutex_unlock(&container_mutex);
	return err;
}

static const struct super_operations containerfs_super_ops = {
	.evict_inode = containerfs_evict_inode,
	.show_options = containerfs_show_options,
	.remount_fs = containerfs_remount,
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
	if (!sb->s_root) {
		sb_free(sb);
		return -ENOMEM;
	}
	reserve_control_files(sb->s_root);
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
