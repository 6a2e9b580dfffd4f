/*
 * The exec*() family over execve(): execv() and execl() take the current environment,
 * execle() an explicit one, and execvp(), execlp() and execvpe() look a name without a '/' up
 * in the directories of $PATH (default "/bin:/usr/bin"), as POSIX describes.
 */
#define _GNU_SOURCE /* execvpe */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_PATH   "/bin:/usr/bin"
#define PATH_MAX_LINUX 4096

extern char **environ;

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Try "dir/file" for each directory of the search path; keep EACCES if any said so. */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *dir, *end, *path = getenv("PATH");
	char candidate[PATH_MAX_LINUX];
	size_t dirlen, filelen = strlen(file);
	int denied = 0;

	if (strchr(file, '/'))
		return execve(file, argv, envp);
	if (!path)
		path = DEFAULT_PATH;
	for (dir = path;; dir = end + 1) {
		end = strchrnul(dir, ':');
		dirlen = end - dir;
		if (dirlen + 1 + filelen + 1 <= sizeof(candidate)) {
			memcpy(candidate, dir, dirlen);
			candidate[dirlen] = '/';
			memcpy(candidate + dirlen + 1, file, filelen + 1);
			execve(dirlen ? candidate : file, argv, envp);
			if (errno == EACCES)
				denied = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (*end == '\0')
			break;
	}
	errno = denied ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* The number of arguments in ap before the terminating NULL. */
static size_t count_args(va_list ap)
{
	size_t n = 0;

	while (va_arg(ap, char *))
		n++;
	return n;
}

/* argv = { arg0, the arguments in *ap, NULL }; leaves *ap just past the NULL. */
static void fill_args(char **argv, const char *arg0, va_list *ap)
{
	size_t i = 0;

	argv[i] = (char *)arg0;
	do
		argv[++i] = va_arg(*ap, char *);
	while (argv[i]);
}

int execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	size_t argc;

	va_start(ap, arg0);
	argc = count_args(ap);
	va_end(ap);

	char *argv[argc + 2];

	va_start(ap, arg0);
	fill_args(argv, arg0, &ap);
	va_end(ap);
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	size_t argc;

	va_start(ap, arg0);
	argc = count_args(ap);
	va_end(ap);

	char *argv[argc + 2];

	va_start(ap, arg0);
	fill_args(argv, arg0, &ap);
	va_end(ap);
	return execvp(file, argv);
}

/* execle(path, arg0, ..., NULL, envp) */
int execle(const char *path, const char *arg0, ...)
{
	va_list ap;
	size_t argc;
	char **envp;

	va_start(ap, arg0);
	argc = count_args(ap);
	va_end(ap);

	char *argv[argc + 2];

	va_start(ap, arg0);
	fill_args(argv, arg0, &ap);
	envp = va_arg(ap, char **);
	va_end(ap);
	return execve(path, argv, envp);
}
