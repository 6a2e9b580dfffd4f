/*
 * File helpers for the test programs (see user/include/testfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <testfile.h>
#include <unistd.h>

int write_file(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) < 0)
		err = errno;
	close(fd);
	return err;
}

int write_number(const char *file, long n)
{
	char text[32];

	snprintf(text, sizeof(text), "%ld\n", n);
	return write_file(file, text);
}

long read_chunked(const char *file, char *buf, size_t size, size_t chunk)
{
	int fd = open(file, O_RDONLY);
	long len = 0, got = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len + 1 < size) {
		size_t want = size - 1 - (size_t)len;

		got = read(fd, buf + len, want < chunk ? want : chunk);
		if (got <= 0)
			break;
		len += got;
	}
	close(fd);
	buf[len] = '\0';
	return got < 0 ? -1 : len;
}

long read_file(const char *file, char *buf, size_t size)
{
	return read_chunked(file, buf, size, size);
}

long long read_number(const char *file)
{
	char text[64];

	return read_file(file, text, sizeof(text)) > 0 ? strtoll(text, NULL, 10) : -1;
}

int file_exists(const char *file)
{
	struct stat st;

	return stat(file, &st) == 0;
}

const char *pathf(const char *fmt, ...)
{
	static char bufs[8][PATHF_LEN];
	static int next;
	char *buf = bufs[next++ % 8];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, PATHF_LEN, fmt, ap);
	va_end(ap);
	return buf;
}

int run_output(const char *path, char *const argv[], char *out, size_t size)
{
	int fds[2], status;
	size_t len = 0;
	ssize_t got;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(path, argv);
		_exit(127);
	}
	close(fds[1]);
	while (len + 1 < size && (got = read(fds[0], out + len, size - len - 1)) > 0)
		len += (size_t)got;
	out[len] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}
