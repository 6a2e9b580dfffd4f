/*
 * ls: list files and directories.
 *
 *   ls [-al] [FILE]...
 *
 * A FILE that is not a directory is listed as itself; a directory lists its entries, sorted
 * by name, without the ones starting with '.' unless -a is given.  With no FILE, ls lists
 * ".".  With several, the files come first, then each directory under a "DIR:" heading.
 * -l gives one line per entry, as Linux's ls does: type and permissions, links, owner and group
 * (names from /etc/passwd and /etc/group, or numbers), size in bytes (for a device: its major
 * and minor numbers), modification time and name, with "-> target" after a symbolic link; the
 * columns are as wide as their widest entry, and a directory's listing starts with
 * "total N", the 1 KiB blocks its entries take.  The time is "Feb 29 13:45" for one of the
 * last six months, else "Feb 29  2024", in local time (UTC unless TZ says otherwise).
 */
#include <cmd.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* A device number's parts, as Linux encodes them (its major() and minor()). */
#define DEV_MAJOR(dev) ((unsigned)((((dev) >> 8) & 0xfff) | (((dev) >> 32) & ~0xfffULL)))
#define DEV_MINOR(dev) ((unsigned)(((dev)&0xff) | (((dev) >> 12) & ~0xffULL)))

#define SIX_MONTHS (365 * 24 * 3600 / 2) /* older, or ahead of now: the year shows, not the time */

static int show_all, long_format;

/* One entry to list: what to print, where it is, and with -l its status. */
struct entry {
	char *name;
	char *path;
	struct stat st;
};

/* The widths of -l's columns, the widest of the entries listed together. */
struct widths {
	int links, owner, group, size;
	int minor; /* devices: the minor number's part of the size column */
};

static int digits(unsigned long long n)
{
	int count = 1;

	while (n >= 10) {
		n /= 10;
		count++;
	}
	return count;
}

static int max(int a, int b)
{
	return a > b ? a : b;
}

static int is_device(const struct stat *st)
{
	return S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);
}

/*
 * The columns' widths.  A device shows "major, minor" in the size column, each number as wide
 * as the widest of its kind, as Linux's ls does.
 */
static struct widths column_widths(const struct entry *entries, size_t count)
{
	struct widths w = {1, 1, 1, 1, 0};
	int major = 0;

	for (size_t i = 0; i < count; i++) {
		const struct stat *st = &entries[i].st;

		w.links = max(w.links, digits(st->st_nlink));
		w.owner = max(w.owner, (int)strlen(cmd_user_name(st->st_uid)));
		w.group = max(w.group, (int)strlen(cmd_group_name(st->st_gid)));
		if (is_device(st)) {
			major = max(major, digits(DEV_MAJOR(st->st_rdev)));
			w.minor = max(w.minor, digits(DEV_MINOR(st->st_rdev)));
		} else {
			w.size = max(w.size, digits((unsigned long long)st->st_size));
		}
	}
	if (w.minor)
		w.size = max(w.size, major + 2 + w.minor);
	return w;
}

/* The size column: bytes, or a device's "major, minor". */
static void size_text(const struct stat *st, const struct widths *w, char *out, size_t size)
{
	if (is_device(st))
		snprintf(out, size, "%*u, %*u", w->size - 2 - w->minor, DEV_MAJOR(st->st_rdev),
			 w->minor, DEV_MINOR(st->st_rdev));
	else
		snprintf(out, size, "%*lld", w->size, (long long)st->st_size);
}

/* "Feb 29 13:45" for a time of the last six months, else "Feb 29  2024". */
static void time_text(time_t when, char *out, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&when, &tm);
	if (when > now || now - when > SIX_MONTHS)
		strftime(out, size, "%b %e  %Y", &tm);
	else
		strftime(out, size, "%b %e %H:%M", &tm);
}

/* One -l line. */
static void show_long(const struct entry *e, const struct widths *w)
{
	char mode[11], when[32], size[32], target[PATH_MAX];
	ssize_t len;

	cmd_mode_string(e->st.st_mode, mode);
	size_text(&e->st, w, size, sizeof(size));
	time_text(e->st.st_mtime, when, sizeof(when));
	printf("%s %*lu %-*s %-*s %s %s %s", mode, w->links, (unsigned long)e->st.st_nlink,
	       w->owner, cmd_user_name(e->st.st_uid), w->group, cmd_group_name(e->st.st_gid),
	       size, when, e->name);
	if (S_ISLNK(e->st.st_mode) && (len = readlink(e->path, target, sizeof(target) - 1)) >= 0) {
		target[len] = '\0';
		printf(" -> %s", target);
	}
	putchar('\n');
}

/* Print the entries, with -l in aligned columns; "total N" first for a directory's. */
static void show_entries(const struct entry *entries, size_t count, int is_dir)
{
	unsigned long long blocks = 0;
	struct widths w;

	if (!long_format) {
		for (size_t i = 0; i < count; i++)
			puts(entries[i].name);
		return;
	}
	w = column_widths(entries, count);
	for (size_t i = 0; i < count; i++)
		blocks += entries[i].st.st_blocks;
	if (is_dir)
		printf("total %llu\n", (blocks + 1) / 2);
	for (size_t i = 0; i < count; i++)
		show_long(&entries[i], &w);
}

/* Fill e for path, shown as name; with -l, lstat() it.  0, or 1 after reporting an error. */
static int make_entry(struct entry *e, const char *path, const char *name)
{
	e->name = strdup(name);
	e->path = strdup(path);
	if (long_format && lstat(path, &e->st) < 0)
		return cmd_error(path);
	return 0;
}

static void free_entries(struct entry *entries, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(entries[i].name);
		free(entries[i].path);
	}
	free(entries);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* The entries of directory path, sorted; NULL (errno set) if it cannot be read. */
static struct entry *read_dir(const char *path, size_t *count, int *status)
{
	struct entry *entries = calloc(1, sizeof(*entries));
	char child[PATH_MAX];
	struct dirent *d;
	size_t n = 0;
	DIR *dir = opendir(path);

	if (!dir) {
		free(entries);
		return NULL;
	}
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' && !show_all)
			continue;
		entries = realloc(entries, (n + 1) * sizeof(*entries));
		snprintf(child, sizeof(child), "%s/%s", path, d->d_name);
		if (make_entry(&entries[n], child, d->d_name) == 0)
			n++;
		else
			*status = CMD_EXIT_FAILURE;
	}
	closedir(dir);
	qsort(entries, n, sizeof(*entries), compare_names);
	*count = n;
	return entries;
}

static int list_dir(const char *path)
{
	int status = 0;
	size_t count;
	struct entry *entries = read_dir(path, &count, &status);

	if (!entries)
		return cmd_error(path);
	show_entries(entries, count, 1);
	free_entries(entries, count);
	return status;
}

/*
 * The operands: the files that exist first, then each directory (or symbolic link to one),
 * under a heading if there are several.
 */
static int list_operands(int count, char **paths)
{
	struct entry *files = calloc(count, sizeof(*files));
	int i, status = 0, shown = 0;
	size_t nfiles = 0;
	struct stat st;

	for (i = 0; i < count; i++) {
		if (stat(paths[i], &st) < 0 && lstat(paths[i], &st) < 0) {
			status = cmd_error(paths[i]);
			paths[i] = NULL;
		} else if (!S_ISDIR(st.st_mode)) {
			if (make_entry(&files[nfiles], paths[i], paths[i]) == 0)
				nfiles++;
			paths[i] = NULL;
		}
	}
	show_entries(files, nfiles, 0);
	shown = (int)nfiles;
	free_entries(files, nfiles);
	for (i = 0; i < count; i++) {
		if (!paths[i])
			continue;
		if (count > 1)
			printf("%s%s:\n", shown++ ? "\n" : "", paths[i]);
		status |= list_dir(paths[i]);
	}
	return status;
}

int main(int argc, char **argv)
{
	char *here[] = {"."};
	int c;

	cmd_init("ls", "ls [-al] [FILE]...");
	while ((c = cmd_getopt(argc, argv, "al")) != -1) {
		if (c == 'a')
			show_all = 1;
		else
			long_format = 1;
	}
	cmd_use_utc_unless_tz();
	if (optind == argc)
		return list_operands(1, here);
	return list_operands(argc - optind, argv + optind);
}
