/*
 * container-reaper: a release agent that removes the container it is told has become idle.
 * It lives in /sbin.
 *
 *   mount -t container -o pids,release_agent=/sbin/container-reaper none /c
 *   mkdir /c/job && echo 1 > /c/job/notify_on_release
 *   ... the last process of /c/job exits; the kernel runs "container-reaper /job" ...
 *   container-reaper: removed /c/job
 *
 * The kernel gives a path inside the hierarchy ("/job"), not where the hierarchy is mounted.
 * The reaper finds that in /proc/mounts: a mount of type container (or Linux's cgroup) whose
 * options say release_agent= with the reaper's own path (its argv[0]).  It removes MOUNT/job
 * with rmdir(2).  If the container has a process or a child again by then (someone used it
 * between the release and now), rmdir fails with EBUSY and the reaper quietly leaves it, as
 * the 2007 design expects of an agent.  It logs one line on its standard error, the console,
 * in one write(2).
 *
 * Exit status: 0 when the container was removed or is in use again, 1 otherwise.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LINE_LEN 4608
#define PATH_LEN 4096

/* Whether the comma-separated options hold "release_agent=AGENT" exactly. */
static int names_agent(char *options, const char *agent)
{
	for (char *opt = strtok(options, ","); opt; opt = strtok(NULL, ",")) {
		if (strncmp(opt, "release_agent=", 14) == 0 && strcmp(opt + 14, agent) == 0)
			return 1;
	}
	return 0;
}

/*
 * Try to remove container (a path in its hierarchy) under each mount whose agent is this
 * one: 0 removed, EBUSY in use again, ENOENT no such container under any such mount, or
 * another errno.  *where gets the path tried last.
 */
static int reap(const char *agent, const char *container, char *where)
{
	char line[LINE_LEN];
	int result = ENOENT;
	FILE *mounts = fopen("/proc/mounts", "r");

	if (!mounts)
		return errno;
	while (fgets(line, sizeof(line), mounts)) {
		char source[256], dir[PATH_LEN], type[64], options[LINE_LEN];

		if (sscanf(line, "%255s %4095s %63s %4607s", source, dir, type, options) != 4)
			continue;
		if (strcmp(type, "container") != 0 && strcmp(type, "cgroup") != 0)
			continue;
		if (!names_agent(options, agent))
			continue;
		snprintf(where, PATH_LEN, "%s%s", dir, container);
		if (rmdir(where) == 0) {
			result = 0;
			break;
		}
		if (errno != ENOENT) {
			result = errno; /* found it; EBUSY: in use again */
			break;
		}
	}
	fclose(mounts);
	return result;
}

/*
 * Say one line on the console in a single write(2), so that it cannot land in the middle of a
 * line that another program (the shell, a test) writes at the same moment.
 */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	char line[PATH_LEN + 128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(2, line, (size_t)n) < 0)
		return; /* nowhere left to say it */
}

int main(int argc, char **argv)
{
	char where[PATH_LEN] = "";
	int err;

	if (argc != 2 || argv[1][0] != '/' || strcmp(argv[1], "/") == 0) {
		say("usage: container-reaper /PATH/OF/CONTAINER (run by the kernel)");
		return 1;
	}
	err = reap(argv[0], argv[1], where);
	if (err == 0)
		say("container-reaper: removed %s", where);
	else if (err == EBUSY)
		say("container-reaper: %s is in use again; left alone", where);
	else if (err == ENOENT && !where[0])
		say("container-reaper: no hierarchy names %s as its agent", argv[0]);
	else
		say("container-reaper: %s: %s", where[0] ? where : argv[1], strerror(err));
	return err == 0 || err == EBUSY ? 0 : 1;
}
