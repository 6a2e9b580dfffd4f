/*
 * mkdir: make directories.
 *
 *   mkdir [-p] DIR...
 *
 * -p makes the missing parents too, and is quiet about a directory that exists already.
 * New directories get mode 0777, less the umask.
 */
#include <cmd.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int parents; /* -p */

/* mkdir(), but an existing directory is success. */
static int make_one(const char *path)
{
	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST && cmd_is_dir(path))
		return 0;
	return -1;
}

/* mkdir -p: each prefix of path that ends before a '/', then path itself. */
static int make_parents(const char *path)
{
	char prefix[PATH_MAX];
	size_t i, len = strlen(path);

	if (len >= sizeof(prefix)) {
		errno = ENAMETOOLONG;
		return cmd_error(path);
	}
	for (i = 1; i <= len; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		if (path[i - 1] == '/')
			continue; /* "a//b": nothing new to make */
		memcpy(prefix, path, i);
		prefix[i] = '\0';
		if (make_one(prefix) < 0)
			return cmd_error(prefix);
	}
	return 0;
}

static int make_dir(const char *path)
{
	if (parents)
		return make_parents(path);
	return mkdir(path, 0777) < 0 ? cmd_error(path) : 0;
}

int main(int argc, char **argv)
{
	cmd_init("mkdir", "mkdir [-p] DIR...");
	while (cmd_getopt(argc, argv, "p") != -1)
		parents = 1;
	return cmd_each_operand(argc, argv, make_dir);
}
