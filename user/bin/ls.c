/*
 * ls: list files and directories.
 *
 *   ls [-al] [FILE]...
 *
 * A FILE that is not a directory is listed as itself; a directory lists its entries, sorted
 * by name, without the ones starting with '.' unless -a is given.  With no FILE, ls lists
 * ".".  With several, the files come first, then each directory under a "DIR:" heading.
 * -l gives one line per entry: type and permissions, links, owner and group (as numbers:
 * there is no /etc/passwd), size in bytes (for a device: its major and minor numbers),
 * modification time (UTC) and name, with "-> target" after a symbolic link.
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

static int show_all, long_format;

/* "drwxr-xr-x" for a mode. */
static void mode_string(mode_t mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	out[0] = S_ISDIR(mode)	  ? 'd'
		 : S_ISLNK(mode)  ? 'l'
		 : S_ISCHR(mode)  ? 'c'
		 : S_ISBLK(mode)  ? 'b'
		 : S_ISFIFO(mode) ? 'p'
		 : S_ISSOCK(mode) ? 's'
				  : '-';
	for (i = 0; i < 9; i++)
		out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	out[10] = '\0';
}

/* One entry: its name, or with -l its details; path is where it is, name what to print. */
static int show(const char *path, const char *name)
{
	char mode[11], when[32], target[PATH_MAX];
	struct stat st;
	ssize_t len;

	if (!long_format) {
		puts(name);
		return 0;
	}
	if (lstat(path, &st) < 0)
		return cmd_error(path);
	mode_string(st.st_mode, mode);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", gmtime(&st.st_mtime));
	printf("%s %2lu %u %u ", mode, (unsigned long)st.st_nlink, (unsigned)st.st_uid,
	       (unsigned)st.st_gid);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("%3u, %3u", DEV_MAJOR(st.st_rdev), DEV_MINOR(st.st_rdev));
	else
		printf("%8lld", (long long)st.st_size);
	printf(" %s %s", when, name);
	if (S_ISLNK(st.st_mode) && (len = readlink(path, target, sizeof(target) - 1)) >= 0) {
		target[len] = '\0';
		printf(" -> %s", target);
	}
	putchar('\n');
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in directory path (all, or those not starting with '.'), sorted; NULL on error. */
static char **read_names(const char *path, size_t *count)
{
	struct dirent *entry;
	char **names = NULL;
	size_t n = 0;
	DIR *dir = opendir(path);

	if (!dir)
		return NULL;
	while ((entry = readdir(dir)) != NULL) {
		if (entry->d_name[0] == '.' && !show_all)
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(entry->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), compare_names);
	*count = n;
	return names ? names : calloc(1, sizeof(*names));
}

/* The entries of directory path, sorted. */
static int list_dir(const char *path)
{
	char child[PATH_MAX];
	size_t i, count;
	char **names = read_names(path, &count);
	int status = 0;

	if (!names)
		return cmd_error(path);
	for (i = 0; i < count; i++) {
		snprintf(child, sizeof(child), "%s/%s", path, names[i]);
		status |= show(child, names[i]);
		free(names[i]);
	}
	free(names);
	return status;
}

/*
 * The operands: the files that exist first, then each directory (or symbolic link to one),
 * under a heading if there are several.
 */
static int list_operands(int count, char **paths)
{
	int i, status = 0, shown = 0;
	struct stat st;

	for (i = 0; i < count; i++) {
		if (stat(paths[i], &st) < 0 && lstat(paths[i], &st) < 0) {
			status = cmd_error(paths[i]);
			paths[i] = NULL;
		} else if (!S_ISDIR(st.st_mode)) {
			status |= show(paths[i], paths[i]);
			paths[i] = NULL;
			shown++;
		}
	}
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
	if (optind == argc)
		return list_operands(1, here);
	return list_operands(argc - optind, argv + optind);
}
