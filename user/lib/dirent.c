/*
 * Directory streams over getdents64(2): opendir(), readdir(), closedir() and friends.
 *
 * A DIR holds the directory's descriptor and a buffer of entries from the last getdents64().
 * The kernel writes struct linux_dirent64 records, each d_reclen bytes long, and struct dirent
 * (<sys/dirent.h>) has the same layout, so readdir() returns pointers into the buffer; an entry
 * stays valid until the next readdir() or closedir() on the same stream.
 */
#define _GNU_SOURCE /* getdents64 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall.h"

struct __dirstream {
	int fd;
	size_t pos; /* Offset of the next entry in buf */
	size_t len; /* Bytes of entries in buf */
	char buf[4096] __attribute__((aligned(8)));
};

ssize_t getdents64(int fd, void *buf, size_t count)
{
	return syscall_return(syscall3(SYS_getdents64, fd, (long)buf, count));
}

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *dir;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	dir = malloc(sizeof(*dir));
	if (!dir)
		return NULL;
	dir->fd = fd;
	dir->pos = 0;
	dir->len = 0;
	return dir;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = fdopendir(fd);
	if (!dir)
		close(fd);
	return dir;
}

/* The next entry, or NULL at the end (errno unchanged) or on an error (errno set). */
struct dirent *readdir(DIR *dir)
{
	struct dirent *entry;
	ssize_t n;

	if (dir->pos >= dir->len) {
		n = getdents64(dir->fd, dir->buf, sizeof(dir->buf));
		if (n <= 0)
			return NULL;
		dir->len = n;
		dir->pos = 0;
	}
	entry = (struct dirent *)(dir->buf + dir->pos);
	dir->pos += entry->d_reclen;
	return entry;
}

int closedir(DIR *dir)
{
	int fd = dir->fd;

	free(dir);
	return close(fd);
}

void rewinddir(DIR *dir)
{
	lseek(dir->fd, 0, SEEK_SET);
	dir->pos = 0;
	dir->len = 0;
}

int dirfd(DIR *dir)
{
	return dir->fd;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

static int compare_entries(const void *a, const void *b, void *compar)
{
	int (*cmp)(const struct dirent **, const struct dirent **) = compar;

	return cmp((const struct dirent **)a, (const struct dirent **)b);
}

/* The entry copied to the heap, its record size only. */
static struct dirent *copy_entry(const struct dirent *entry)
{
	struct dirent *copy = malloc(entry->d_reclen);

	if (copy)
		memcpy(copy, entry, entry->d_reclen);
	return copy;
}

static void free_entries(struct dirent **list, size_t n)
{
	while (n > 0)
		free(list[--n]);
	free(list);
}

/* Append entry to *list (of *n entries, room for *cap); -1 when out of memory. */
static int add_entry(struct dirent ***list, size_t *n, size_t *cap, const struct dirent *entry)
{
	struct dirent **bigger;

	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		bigger = realloc(*list, *cap * sizeof(**list));
		if (!bigger)
			return -1;
		*list = bigger;
	}
	(*list)[*n] = copy_entry(entry);
	if (!(*list)[*n])
		return -1;
	(*n)++;
	return 0;
}

int scandir(const char *path, struct dirent ***namelist, int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **))
{
	struct dirent **list = NULL, *entry;
	size_t n = 0, cap = 0;
	DIR *dir = opendir(path);

	if (!dir)
		return -1;
	errno = 0;
	while ((entry = readdir(dir))) {
		if (filter && !filter(entry))
			continue;
		if (add_entry(&list, &n, &cap, entry) < 0)
			break;
	}
	closedir(dir);
	if (errno) {
		free_entries(list, n);
		return -1;
	}
	if (compar)
		qsort_r(list, n, sizeof(*list), compare_entries, compar);
	*namelist = list;
	return n;
}
