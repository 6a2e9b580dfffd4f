/*
 * ctree: draw a task container hierarchy as a tree, with the tasks in each container.
 *
 *   ctree [DIR]
 *
 * DIR is a container: the root of a mounted hierarchy, or a directory below it.  Without it,
 * ctree draws the first hierarchy /proc/mounts lists of type "container" (or, to be tried
 * on Linux, "cgroup").  Each container shows its tasks first, one a line as "PID COMMAND"
 * (the command line from /proc/PID/cmdline, or "[name]" from /proc/PID/status when that is
 * empty), then its child containers by name, each with its own below it, as systemd-cgls
 * draws them:
 *
 *   /sys/fs/cgroup/cpu
 *   |-- 1 /bin/init
 *   |-- web
 *   |   |-- 12 /bin/sh
 *   |   `-- 14 sleep 100
 *   `-- db
 *
 * Everything comes from the container file system: a container is a directory, its tasks
 * file lists the pids in it.
 */
#include <cmd.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PATH_LEN    1024
#define COMMAND_LEN 256

/* The pids in dir's tasks file, into *pids (malloc'd): their count, or -1 (errno set). */
static int read_tasks(const char *dir, long **pids)
{
	char file[PATH_LEN], line[32];
	FILE *f;
	int n = 0;

	snprintf(file, sizeof(file), "%s/tasks", dir);
	if (!(f = fopen(file, "r")))
		return -1;
	*pids = NULL;
	while (fgets(line, sizeof(line), f)) {
		*pids = realloc(*pids, (size_t)(n + 1) * sizeof(**pids));
		(*pids)[n++] = strtol(line, NULL, 10);
	}
	fclose(f);
	return n;
}

/* pid's "Name:" from /proc/PID/status, as "[name]"; "?" if it has gone. */
static void status_name(long pid, char *out, size_t size)
{
	char file[64], line[128];
	FILE *f;

	snprintf(file, sizeof(file), "/proc/%ld/status", pid);
	snprintf(out, size, "?");
	if (!(f = fopen(file, "r")))
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Name:", 5) == 0) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, size, "[%s]", line + 5 + strspn(line + 5, " \t"));
			break;
		}
	}
	fclose(f);
}

/* pid's command line, its NULs made spaces; "[name]" when it is empty. */
static void command_of(long pid, char *out, size_t size)
{
	char file[64];
	long len = -1;
	int fd;

	snprintf(file, sizeof(file), "/proc/%ld/cmdline", pid);
	if ((fd = open(file, O_RDONLY)) >= 0) {
		len = read(fd, out, size - 1);
		close(fd);
	}
	while (len > 0 && out[len - 1] == '\0')
		len--;
	if (len <= 0) {
		status_name(pid, out, size);
		return;
	}
	for (long i = 0; i < len; i++)
		if (out[i] == '\0')
			out[i] = ' ';
	out[len] = '\0';
}

static int only_dirs(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* The child containers of dir, sorted by name, into *subs: their count, or -1. */
static int read_children(const char *dir, struct dirent ***subs)
{
	struct dirent **all;
	char path[PATH_LEN];
	struct stat st;
	int n = scandir(dir, &all, only_dirs, alphasort), kept = 0;

	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, all[i]->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			all[kept++] = all[i];
		else
			free(all[i]);
	}
	*subs = all;
	return n < 0 ? -1 : kept;
}

/* Draw the tasks and child containers of dir, each line starting with indent. */
static int draw(const char *dir, const char *indent)
{
	char path[PATH_LEN], deeper[PATH_LEN], command[COMMAND_LEN];
	struct dirent **subs = NULL;
	long *pids = NULL;
	int ntasks = read_tasks(dir, &pids), nsubs, status = 0;

	if (ntasks < 0 || (nsubs = read_children(dir, &subs)) < 0) {
		free(pids);
		return cmd_error(dir);
	}
	for (int i = 0; i < ntasks; i++) {
		command_of(pids[i], command, sizeof(command));
		printf("%s%s%ld %s\n", indent, i + 1 == ntasks + nsubs ? "`-- " : "|-- ", pids[i],
		       command);
	}
	for (int i = 0; i < nsubs; i++) {
		int last = i + 1 == nsubs;

		printf("%s%s%s\n", indent, last ? "`-- " : "|-- ", subs[i]->d_name);
		snprintf(path, sizeof(path), "%s/%s", dir, subs[i]->d_name);
		snprintf(deeper, sizeof(deeper), "%s%s", indent, last ? "    " : "|   ");
		status |= draw(path, deeper);
		free(subs[i]);
	}
	free(subs);
	free(pids);
	return status;
}

/* The mount point of the first hierarchy of type in /proc/mounts, into out: 0, or -1. */
static int first_mount(const char *type, char *out, size_t size)
{
	char line[512], dir[PATH_LEN], fstype[64];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %1023s %63s", dir, fstype) == 2 &&
			strcmp(fstype, type) == 0;
	if (f)
		fclose(f);
	if (found)
		snprintf(out, size, "%s", dir);
	return found ? 0 : -1;
}

int main(int argc, char **argv)
{
	char dir[PATH_LEN], tasks[PATH_LEN + 8];

	cmd_init("ctree", "ctree [DIR]");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	if (argc - optind > 1)
		cmd_usage();
	if (optind < argc) {
		snprintf(dir, sizeof(dir), "%s", argv[optind]);
	} else if (first_mount("container", dir, sizeof(dir)) != 0 &&
		   first_mount("cgroup", dir, sizeof(dir)) != 0) {
		cmd_message("no container hierarchy is mounted (none in /proc/mounts)");
		return CMD_EXIT_FAILURE;
	}
	snprintf(tasks, sizeof(tasks), "%s/tasks", dir);
	if (access(tasks, F_OK) != 0) {
		if (errno == ENOENT && cmd_is_dir(dir))
			cmd_message("%s: not a container (it has no tasks file)", dir);
		else
			cmd_error(dir);
		return CMD_EXIT_FAILURE;
	}
	printf("%s\n", dir);
	return draw(dir, "");
}
