/*
 * xargs: run a command with arguments read from standard input.
 *
 *   xargs [-rt] [-n N] [COMMAND [ARG]...]
 *   xargs [-rt] -I STRING COMMAND [ARG]...
 *
 * Reads words from standard input, separated by blanks and newlines ('...', "..." and a
 * backslash quote as in the shell), and runs COMMAND (echo if there is none) with the ARGs
 * and then as many words as fit: at most N with -n, and never more than 16 KiB of them, so
 * that a long input runs the command several times.  With -I, each line of input is one
 * word, and the command runs once per line, with STRING replaced by the line wherever it
 * appears in the ARGs (xargs -I {} mv {} {}.old).  -t prints each command line on standard
 * error before it runs; -r runs nothing when the input is empty (else the command runs once).
 *
 * The status is 0, or 123 if a command exited with 1 to 125; xargs stops at once with 124 if
 * one exited with 255, with 125 if one was killed by a signal, and with 127 (126) if COMMAND
 * was not found (could not be run), as POSIX says.
 */
#include <cmd.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ARGS_BYTES (16 * 1024) /* of words on one command line */
#define MAX_WORDS  4096

static long max_words = MAX_WORDS;
static const char *replace; /* -I */
static int trace, skip_empty;

/* The next word of the input (malloc'ed), or NULL at its end; whole lines with -I. */
static char *next_word(void)
{
	size_t len = 0, size = 64;
	char *word = malloc(size);
	int c, quote = 0, started = 0;

	while ((c = getchar()) != EOF) {
		if (!quote && !started && (c == ' ' || c == '\t' || (!replace && c == '\n')))
			continue;
		if (!quote && (c == '\n' || (!replace && (c == ' ' || c == '\t'))))
			break;
		started = 1;
		if (!quote && (c == '\'' || c == '"')) {
			quote = c;
			continue;
		}
		if (quote && c == quote) {
			quote = 0;
			continue;
		}
		if (!quote && c == '\\' && (c = getchar()) == EOF)
			break;
		if (len + 2 > size)
			word = realloc(word, size *= 2);
		word[len++] = (char)c;
	}
	if (quote)
		cmd_message("unmatched %s quote", quote == '\'' ? "single" : "double");
	if (!started) {
		free(word);
		return NULL;
	}
	word[len] = '\0';
	return word;
}

/* arg with each STRING in it replaced by line (malloc'ed). */
static char *replaced(const char *arg, const char *line)
{
	size_t rlen = strlen(replace), llen = strlen(line), len = strlen(arg) + 1;
	char *out, *o;
	const char *p;

	for (p = arg; (p = strstr(p, replace)) != NULL; p += rlen)
		len += llen;
	o = out = malloc(len);
	for (p = arg; *p;) {
		if (rlen && strncmp(p, replace, rlen) == 0) {
			memcpy(o, line, llen);
			o += llen;
			p += rlen;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/*
 * Run argv and wait: its exit status; xargs ends here if it must stop.  Whether exec itself
 * failed (the command is not there) comes back through a pipe that exec closes.
 */
static int run(char **argv)
{
	int ws, fds[2], exec_errno = 0;
	pid_t pid;

	if (trace) {
		for (int i = 0; argv[i]; i++)
			fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
		fputc('\n', stderr);
	}
	fflush(stdout);
	if (pipe2(fds, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		cmd_error("fork");
		exit(CMD_EXIT_FAILURE);
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		exec_errno = errno;
		write(fds[1], &exec_errno, sizeof(exec_errno));
		_exit(127);
	}
	close(fds[1]);
	read(fds[0], &exec_errno, sizeof(exec_errno));
	close(fds[0]);
	waitpid(pid, &ws, 0);
	if (exec_errno) {
		errno = exec_errno;
		cmd_error(argv[0]);
		exit(exec_errno == ENOENT ? 127 : 126);
	}
	if (WIFSIGNALED(ws)) {
		cmd_message("%s: terminated by signal %d", argv[0], WTERMSIG(ws));
		exit(125);
	}
	if (WEXITSTATUS(ws) == 255) {
		cmd_message("%s: exited with status 255", argv[0]);
		exit(124);
	}
	return WEXITSTATUS(ws);
}

/* -I: one command per line of input. */
static int run_per_line(int nargs, char **args)
{
	char **argv = malloc((nargs + 1) * sizeof(*argv));
	char *line;
	int status = 0;

	while ((line = next_word()) != NULL) {
		for (int i = 0; i < nargs; i++)
			argv[i] = replaced(args[i], line);
		argv[nargs] = NULL;
		if (run(argv) != 0)
			status = 123;
		for (int i = 0; i < nargs; i++)
			free(argv[i]);
		free(line);
	}
	free(argv);
	return status;
}

/* Words from the input after args, as many as fit, per command. */
static int run_batches(int nargs, char **args)
{
	char **argv = malloc((nargs + MAX_WORDS + 1) * sizeof(*argv));
	char *word = next_word();
	int status = 0, ran = 0;

	memcpy(argv, args, nargs * sizeof(*argv));
	while (word != NULL || (!ran && !skip_empty)) {
		size_t bytes = 0;
		int n = nargs;

		while (word != NULL && n - nargs < max_words &&
		       (n == nargs || bytes + strlen(word) + 1 <= ARGS_BYTES)) {
			bytes += strlen(word) + 1;
			argv[n++] = word;
			word = next_word();
		}
		argv[n] = NULL;
		if (run(argv) != 0)
			status = 123;
		ran = 1;
		for (int i = nargs; i < n; i++)
			free(argv[i]);
	}
	free(argv);
	return status;
}

int main(int argc, char **argv)
{
	static char *echo[] = {"echo", NULL};
	int c;

	cmd_init("xargs", "xargs [-rt] [-n N | -I STRING] [COMMAND [ARG]...]");
	while ((c = cmd_getopt(argc, argv, "n:I:rt")) != -1) {
		if (c == 'n' && cmd_number(optarg, 1, MAX_WORDS, &max_words) < 0)
			cmd_usage();
		else if (c == 'I')
			replace = optarg;
		else if (c == 'r')
			skip_empty = 1;
		else if (c == 't')
			trace = 1;
	}
	if (optind == argc) {
		if (replace)
			cmd_usage();
		return run_batches(1, echo);
	}
	if (replace)
		return run_per_line(argc - optind, argv + optind);
	return run_batches(argc - optind, argv + optind);
}
