/*
 * The initramfs: a cpio archive in the "newc" format (what `cpio -H newc` and the Linux
 * kernel's initramfs use), unpacked into the root file system at boot.
 *
 * Each entry is a 110-byte header of ASCII fields, the name, the data:
 *
 *   "070701" then 13 fields of 8 hex digits: ino mode uid gid nlink mtime filesize devmajor
 *   devminor rdevmajor rdevminor namesize check;  name (namesize bytes, NUL included),
 *   padded to a multiple of 4 from the header's start;  data (filesize bytes), padded to 4
 *
 * and an entry named "TRAILER!!!" ends the archive.  Archives may be concatenated, with NUL
 * padding in between.  Directories, regular files and device nodes are made; symbolic links
 * are skipped with a log line (the VFS has none), and so are hard links beyond
 * the first name (each name becomes its own file).
 *
 * Unpacking reads the archive three times: first only to check it, so that a bad one (bad
 * magic, truncated, a name too long) is rejected whole with one log line, then to make the
 * files, and last to give the directories the archive's times, which making the files in them
 * changed (as Linux does).
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/printk.h>
#include <kernel/vfs.h>
#include <lib/compiler.h>
#include <lib/ctype.h>
#include <lib/string.h>

#include "internal.h"

#define CPIO_HEADER_SIZE 110
#define CPIO_TRAILER	 "TRAILER!!!"

/* The header's numeric fields, in order. */
enum cpio_field {
	CPIO_INO,
	CPIO_MODE,
	CPIO_UID,
	CPIO_GID,
	CPIO_NLINK,
	CPIO_MTIME,
	CPIO_FILESIZE,
	CPIO_DEVMAJOR,
	CPIO_DEVMINOR,
	CPIO_RDEVMAJOR,
	CPIO_RDEVMINOR,
	CPIO_NAMESIZE,
	CPIO_CHECK,
	CPIO_FIELDS
};

void cpio_reader_init(struct cpio_reader *reader, const void *archive, size_t len)
{
	*reader = (struct cpio_reader){ .archive = archive, .len = len };
}

static int cpio_fail(struct cpio_reader *reader, const char *why)
{
	reader->error = why;
	reader->error_offset = reader->offset;
	return -EINVAL;
}

static bool parse_hex8(const char *s, uint32_t *out)
{
	uint32_t value = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];

		if (!isxdigit(c))
			return false;
		value = value << 4 | (uint32_t)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
	}
	*out = value;
	return true;
}

static int cpio_read_header(struct cpio_reader *reader, uint32_t *fields)
{
	const char *header = reader->archive + reader->offset;

	if (reader->len - reader->offset < CPIO_HEADER_SIZE)
		return cpio_fail(reader, "truncated header");
	if (memcmp(header, "070701", 6) != 0 && memcmp(header, "070702", 6) != 0)
		return cpio_fail(reader, "bad magic");
	for (int i = 0; i < CPIO_FIELDS; i++)
		if (!parse_hex8(header + 6 + 8 * i, &fields[i]))
			return cpio_fail(reader, "bad number in header");
	return 0;
}

/* Whether every component of name fits NAME_MAX. */
static bool components_fit(const char *name)
{
	size_t run = 0;

	for (; *name; name++) {
		run = *name == '/' ? 0 : run + 1;
		if (run > NAME_MAX)
			return false;
	}
	return true;
}

static int cpio_check_name(struct cpio_reader *reader, uint32_t namesize, size_t name_offset)
{
	const char *name = reader->archive + name_offset;

	if (namesize == 0)
		return cpio_fail(reader, "empty name");
	if (namesize > PATH_MAX)
		return cpio_fail(reader, "name too long");
	if (namesize > reader->len - name_offset)
		return cpio_fail(reader, "truncated name");
	if (strnlen(name, namesize) != namesize - 1)
		return cpio_fail(reader, "name not NUL-terminated");
	if (!components_fit(name))
		return cpio_fail(reader, "name too long");
	return 0;
}

static void cpio_fill_entry(struct cpio_entry *entry, const uint32_t *fields, const char *name,
			    const char *data)
{
	entry->name = name;
	entry->mode = fields[CPIO_MODE];
	entry->uid = fields[CPIO_UID];
	entry->gid = fields[CPIO_GID];
	entry->mtime = fields[CPIO_MTIME];
	entry->rdev = MKDEV(fields[CPIO_RDEVMAJOR], fields[CPIO_RDEVMINOR]);
	entry->data = data;
	entry->size = fields[CPIO_FILESIZE];
}

static int cpio_parse_entry(struct cpio_reader *reader, struct cpio_entry *entry)
{
	uint32_t fields[CPIO_FIELDS];
	size_t name_offset = reader->offset + CPIO_HEADER_SIZE;
	size_t data_offset;
	int err = cpio_read_header(reader, fields);

	if (!err)
		err = cpio_check_name(reader, fields[CPIO_NAMESIZE], name_offset);
	if (err)
		return err;
	data_offset = ALIGN_UP(name_offset + fields[CPIO_NAMESIZE], 4);
	if (data_offset > reader->len || fields[CPIO_FILESIZE] > reader->len - data_offset)
		return cpio_fail(reader, "truncated data");
	cpio_fill_entry(entry, fields, reader->archive + name_offset,
			reader->archive + data_offset);
	reader->offset = MIN(ALIGN_UP(data_offset + entry->size, 4), reader->len);
	return 0;
}

/* Skip the NUL padding after a trailer, up to the next archive if there is one. */
static void cpio_skip_padding(struct cpio_reader *reader)
{
	while (reader->offset < reader->len && reader->archive[reader->offset] == '\0')
		reader->offset++;
}

int cpio_next(struct cpio_reader *reader, struct cpio_entry *entry)
{
	for (;;) {
		int err;

		if (reader->after_trailer)
			cpio_skip_padding(reader);
		if (reader->offset >= reader->len && reader->after_trailer)
			return 0;
		if (reader->offset >= reader->len)
			return cpio_fail(reader, "truncated (no trailer)");
		err = cpio_parse_entry(reader, entry);
		if (err)
			return err;
		reader->after_trailer = strcmp(entry->name, CPIO_TRAILER) == 0;
		if (!reader->after_trailer)
			return 1;
	}
}

/* ---- unpacking ---- */

/* The entry's name relative to the root it is unpacked into: "./etc" and "/etc" are "etc". */
static const char *entry_path(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			break;
	}
	return name[0] ? name : ".";
}

static int unpack_file(const struct path *root, const char *path, const struct cpio_entry *e)
{
	struct file *file;
	size_t done = 0;
	int err = vfs_open(root, path, O_WRONLY | O_CREAT | O_TRUNC, e->mode, &file);

	if (err)
		return err;
	while (done < e->size) {
		ssize_t n = vfs_write(file, (const char *)e->data + done, e->size - done);

		if (n <= 0) {
			err = n < 0 ? (int)n : -EIO;
			break;
		}
		done += (size_t)n;
	}
	file_put(file);
	return err;
}

/* Set the attributes valid names of the file made for e to the archive's. */
static int set_attributes(const struct path *root, const struct cpio_entry *e, unsigned int valid)
{
	struct timespec64 mtime = { .tv_sec = e->mtime };
	struct iattr attr = {
		.valid = valid,
		.mode = e->mode & S_IALLUGO,
		.uid = e->uid,
		.gid = e->gid,
		.atime = mtime,
		.mtime = mtime,
	};
	struct path file;
	int err = vfs_path_lookup(root, entry_path(e->name), 0, &file);

	if (err)
		return err;
	err = vfs_setattr(&file, &attr);
	path_put(&file);
	return err;
}

#define ATTR_ARCHIVE_OWNER (ATTR_MODE | ATTR_UID | ATTR_GID)
#define ATTR_ARCHIVE_TIMES (ATTR_ATIME | ATTR_ATIME_SET | ATTR_MTIME | ATTR_MTIME_SET)

/*
 * Give the file made for e the archive's permissions, owner and times.  A directory's times
 * wait for the end (initramfs_dir_times()): the entries made in it would change them.
 */
static int unpack_attributes(const struct path *root, const struct cpio_entry *e)
{
	unsigned int valid = ATTR_ARCHIVE_OWNER;

	if (!S_ISDIR(e->mode))
		valid |= ATTR_ARCHIVE_TIMES;
	return set_attributes(root, e, valid);
}

static int unpack_entry(const struct path *root, const struct cpio_entry *e)
{
	const char *path = entry_path(e->name);
	int err;

	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_mkdir(root, path, e->mode);
		if (err == -EEXIST)
			err = 0;
		break;
	case S_IFREG:
		err = unpack_file(root, path, e);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = vfs_mknod(root, path, e->mode, e->rdev);
		break;
	default:
		pr_warn("initramfs: '%s': %s; skipped\n", path,
			S_ISLNK(e->mode) ? "no symbolic links yet" : "unknown file type");
		return -EINVAL;
	}
	if (!err)
		err = unpack_attributes(root, e);
	if (err)
		pr_warn("initramfs: cannot make '%s': error %d\n", path, err);
	return err;
}

/* Read the whole archive without making anything: its entry count, or -EINVAL (logged). */
static int initramfs_check(const void *archive, size_t len)
{
	struct cpio_reader reader;
	struct cpio_entry entry;
	int count = 0;
	int ret;

	cpio_reader_init(&reader, archive, len);
	while ((ret = cpio_next(&reader, &entry)) > 0)
		count++;
	if (ret < 0) {
		pr_err("initramfs: rejected: %s at offset %zu; nothing unpacked\n", reader.error,
		       reader.error_offset);
		return ret;
	}
	return count;
}

/* Once everything is unpacked, give the directories their times from the archive. */
static void initramfs_dir_times(const struct path *root, const void *archive, size_t len)
{
	struct cpio_reader reader;
	struct cpio_entry entry;

	cpio_reader_init(&reader, archive, len);
	while (cpio_next(&reader, &entry) > 0)
		if (S_ISDIR(entry.mode))
			set_attributes(root, &entry, ATTR_ARCHIVE_TIMES);
}

int initramfs_unpack(const struct path *root, const void *archive, size_t len)
{
	struct cpio_reader reader;
	struct cpio_entry entry;
	int err = initramfs_check(archive, len);
	int count = 0;

	if (err < 0)
		return err;
	cpio_reader_init(&reader, archive, len);
	while (cpio_next(&reader, &entry) > 0)
		if (unpack_entry(root, &entry) == 0)
			count++;
	initramfs_dir_times(root, archive, len);
	return count;
}
