/*
 * The helpers every command in user/bin uses (<cmd.h>): messages, the usage line, options,
 * numbers, copying a file.  Each message goes to stderr as one line starting with the
 * command's name, as on any Unix.
 */
#include <cmd.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cmd_name = "?";
static const char *cmd_usage_line = "";

/* Name the command for messages and remember its usage line ("mkdir [-p] DIR..."). */
void cmd_init(const char *name, const char *usage)
{
	cmd_name = name;
	cmd_usage_line = usage;
	opterr = 0; /* cmd_getopt() reports bad options itself */
}

_Noreturn void cmd_usage(void)
{
	fflush(stdout);
	fprintf(stderr, "usage: %s\n", cmd_usage_line);
	exit(CMD_EXIT_USAGE);
}

/* "name: what: reason" for the errno of a failed call; returns CMD_EXIT_FAILURE. */
int cmd_error(const char *what)
{
	int saved = errno;

	fflush(stdout);
	fprintf(stderr, "%s: %s: %s\n", cmd_name, what, strerror(saved));
	errno = saved;
	return CMD_EXIT_FAILURE;
}

/* "name: " and the formatted text, as one line on stderr. */
void cmd_message(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", cmd_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * getopt() in POSIX order: options stop at the first operand or at "--".  options is
 * getopt()'s string without the leading "+".  Returns the option letter, or -1 at the end; a
 * letter not in options, or one missing its argument, ends the command with the usage line.
 */
int cmd_getopt(int argc, char *const argv[], const char *options)
{
	int word = optind ? optind : 1; /* newlib's optind is 0 before the first call */
	char spec[64];
	int c;

	snprintf(spec, sizeof(spec), "+:%s", options);
	c = getopt(argc, argv, spec);
	if (c == '?') {
		/* newlib leaves '?' in optopt: the culprit is the word's first unknown letter */
		cmd_message("unknown option -%c", argv[word][1 + strspn(argv[word] + 1, options)]);
		cmd_usage();
	}
	if (c == ':') {
		cmd_message("option -%c needs an argument", optopt);
		cmd_usage();
	}
	return c;
}

int cmd_each_operand(int argc, char *const argv[], int (*action)(const char *path))
{
	int i, status = 0;

	if (optind >= argc)
		cmd_usage();
	for (i = optind; i < argc; i++)
		status |= action(argv[i]);
	return status;
}

FILE *cmd_fopen(const char *path)
{
	return strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
}

void cmd_fclose(FILE *file)
{
	if (file != stdin)
		fclose(file);
}

void cmd_digit_option(int argc, char *argv[])
{
	static char option[32];
	const char *digits = argc > 1 ? argv[1] + 1 : "";

	if (argc < 2 || argv[1][0] != '-' || *digits == '\0' || strlen(digits) > 20 ||
	    strspn(digits, "0123456789") != strlen(digits))
		return;
	snprintf(option, sizeof(option), "-n%s", digits);
	argv[1] = option;
}

int cmd_number(const char *text, long min, long max, long *value)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end != '\0') {
		errno = EINVAL;
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		errno = ERANGE;
		return -1;
	}
	*value = v;
	return 0;
}

/* write() all of buf, going on after a short write. */
static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

int cmd_copy_fd(int in, int out)
{
	static char buf[8192];
	ssize_t n;

	for (;;) {
		n = read(in, buf, sizeof(buf));
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (write_all(out, buf, n) < 0)
			return -1;
	}
}

const char *cmd_basename(const char *path)
{
	static char name[PATH_MAX];
	size_t len = strlen(path);
	const char *start;

	while (len > 1 && path[len - 1] == '/')
		len--;
	start = path + len;
	while (start > path && start[-1] != '/')
		start--;
	len -= start - path;
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, start, len);
	name[len] = '\0';
	return name;
}

int cmd_copy_file(const char *source, const char *target)
{
	struct stat st;
	int in, out, status = 0;

	in = open(source, O_RDONLY);
	if (in < 0)
		return cmd_error(source);
	if (fstat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(in);
		errno = EISDIR;
		return cmd_error(source);
	}
	out = open(target, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
	if (out < 0) {
		status = cmd_error(target);
	} else {
		if (cmd_copy_fd(in, out) < 0)
			status = cmd_error(target);
		if (close(out) < 0 && status == 0)
			status = cmd_error(target);
	}
	close(in);
	return status;
}

int cmd_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* action(source, dir/name-of-source) */
static int into_dir(const char *source, const char *dir,
		    int (*action)(const char *source, const char *target))
{
	char target[PATH_MAX];

	snprintf(target, sizeof(target), "%s/%s", dir, cmd_basename(source));
	return action(source, target);
}

int cmd_source_target(int argc, char *const argv[],
		      int (*action)(const char *source, const char *target))
{
	const char *last = argv[argc - 1];
	int i, status = 0;

	if (argc - optind < 2)
		cmd_usage();
	if (!cmd_is_dir(last)) {
		if (argc - optind > 2) {
			errno = ENOTDIR;
			return cmd_error(last);
		}
		return action(argv[optind], last);
	}
	for (i = optind; i < argc - 1; i++)
		status |= into_dir(argv[i], last, action);
	return status;
}

/*
 * Call action(DIR/NAME) for each entry of the directory dir but "." and "..", in readdir's
 * order (for rm -r, chmod -R, chown -R).  Returns 0, or CMD_EXIT_FAILURE if the directory
 * could not be read or an action failed (each reports its own errors).
 */
int cmd_each_entry(const char *dir, int (*action)(const char *path))
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	char child[PATH_MAX];
	int status = 0;

	if (!d)
		return cmd_error(dir);
	while ((entry = readdir(d)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", dir, entry->d_name) >=
		    (int)sizeof(child)) {
			errno = ENAMETOOLONG;
			status = cmd_error(entry->d_name);
			continue;
		}
		status |= action(child);
	}
	closedir(d);
	return status;
}
