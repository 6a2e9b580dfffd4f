/*
 * ps: list the processes.
 *
 *   ps
 *
 * One line per process, by pid: its pid, its parent's pid, its user (the name of its effective
 * uid, from /etc/passwd, or the number), its state (a letter: R running, S sleeping, T stopped,
 * Z zombie), its task container and its command line.  Everything comes from procfs:
 * /proc/PID/status ("Name:", "State:", "PPid:" and "Uid:" lines, as on Linux),
 * /proc/PID/container (lines "ID:SUBSYSTEMS:/PATH", one per mounted hierarchy; the column
 * CONTAINER shows the PATH of the first line, "-" when there is no such file or line; Linux's
 * name for it, /proc/PID/cgroup, is read when it is missing) and /proc/PID/cmdline (the
 * arguments, each ended by a NUL); a process with an empty command line (one that is exiting)
 * shows its name in brackets instead.
 */
#include <cmd.h>
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct proc_info {
	char name[64];
	char state;
	long ppid;
	uid_t euid;
	char container[128];
	char cmdline[256];
};

/* The effective uid of a "Uid:" line's value: real, effective, saved and file-system uids. */
static uid_t effective_uid(const char *value)
{
	char *end;
	unsigned long real = strtoul(value, &end, 10);

	return (uid_t)(*end ? strtoul(end, NULL, 10) : real);
}

/* The value of a "Key:\tvalue" line of /proc/PID/status, if line is that key's. */
static const char *status_value(const char *line, const char *key)
{
	size_t len = strlen(key);

	if (strncmp(line, key, len) != 0 || line[len] != ':')
		return NULL;
	line += len + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	return line;
}

/* Fill info from /proc/PID/status; -1 if it cannot be read (the process has gone). */
static int read_status(const char *pid, struct proc_info *info)
{
	char path[64], line[128];
	const char *value;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if ((value = status_value(line, "Name")))
			snprintf(info->name, sizeof(info->name), "%s", value);
		else if ((value = status_value(line, "State")))
			info->state = *value;
		else if ((value = status_value(line, "PPid")))
			info->ppid = strtol(value, NULL, 10);
		else if ((value = status_value(line, "Uid")))
			info->euid = effective_uid(value);
	}
	fclose(f);
	return 0;
}

/* The command line, its NULs turned into spaces; "[name]" when it is empty. */
static void read_cmdline(const char *pid, struct proc_info *info)
{
	char path[64];
	ssize_t len = -1, i;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	if ((fd = open(path, O_RDONLY)) >= 0) {
		len = read(fd, info->cmdline, sizeof(info->cmdline) - 1);
		close(fd);
	}
	while (len > 0 && info->cmdline[len - 1] == '\0')
		len--;
	if (len <= 0) {
		snprintf(info->cmdline, sizeof(info->cmdline), "[%s]", info->name);
		return;
	}
	for (i = 0; i < len; i++)
		if (info->cmdline[i] == '\0')
			info->cmdline[i] = ' ';
	info->cmdline[len] = '\0';
}

/* The path of the first line of /proc/PID/container (or cgroup); "-" if there is none. */
static void read_container(const char *pid, struct proc_info *info)
{
	static const char *const files[] = {"container", "cgroup"};
	char path[64], line[256], *where = NULL;
	FILE *f = NULL;

	for (size_t i = 0; i < 2 && !f; i++) {
		snprintf(path, sizeof(path), "/proc/%s/%s", pid, files[i]);
		f = fopen(path, "r");
	}
	if (f && fgets(line, sizeof(line), f) && (where = strchr(line, ':')))
		where = strchr(where + 1, ':');
	if (f)
		fclose(f);
	if (!where) {
		snprintf(info->container, sizeof(info->container), "-");
		return;
	}
	where[1 + strcspn(where + 1, "\n")] = '\0';
	snprintf(info->container, sizeof(info->container), "%s", where + 1);
}

static int is_pid(const char *name)
{
	for (; *name; name++)
		if (!isdigit((unsigned char)*name))
			return 0;
	return 1;
}

static int compare_pids(const void *a, const void *b)
{
	long x = atol(*(char *const *)a), y = atol(*(char *const *)b);

	return (x > y) - (x < y);
}

/* The names of the /proc/PID directories, sorted by pid; NULL if /proc cannot be read. */
static char **read_pids(size_t *count)
{
	struct dirent *entry;
	char **pids = calloc(1, sizeof(*pids));
	size_t n = 0;
	DIR *dir = opendir("/proc");

	if (!dir)
		return NULL;
	while ((entry = readdir(dir)) != NULL) {
		if (!is_pid(entry->d_name))
			continue;
		pids = realloc(pids, (n + 1) * sizeof(*pids));
		pids[n++] = strdup(entry->d_name);
	}
	closedir(dir);
	qsort(pids, n, sizeof(*pids), compare_pids);
	*count = n;
	return pids;
}

int main(int argc, char **argv)
{
	struct proc_info info;
	size_t i, count;
	char **pids;

	cmd_init("ps", "ps");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	if (optind != argc)
		cmd_usage();
	pids = read_pids(&count);
	if (!pids)
		return cmd_error("/proc");
	printf("%5s %5s %-8s S %-9s COMMAND\n", "PID", "PPID", "USER", "CONTAINER");
	for (i = 0; i < count; i++) {
		memset(&info, 0, sizeof(info));
		if (read_status(pids[i], &info) != 0)
			continue; /* it exited since /proc was read */
		read_container(pids[i], &info);
		read_cmdline(pids[i], &info);
		printf("%5s %5ld %-8s %c %-9s %s\n", pids[i], info.ppid, cmd_user_name(info.euid),
		       info.state ? info.state : '?', info.container, info.cmdline);
	}
	return 0;
}
