/*
 * /bin/sh: where the input comes from, and the read-parse-run loop.
 *
 *   sh -c 'command' [name [arg ...]]   runs the string ($0 = name, $1 ... = args)
 *   sh FILE [arg ...]                  runs a script ($0 = FILE)
 *   sh                                 reads commands from stdin; interactive when stdin is a
 *                                      terminal: a prompt ("# " for root, "$ " otherwise), line
 *                                      editing (edit.c), job control (jobs.c: ^C ends the
 *                                      running job, ^Z stops it), and ^C does not end the shell
 *
 * Either way the text goes to the parser one complete command at a time, and each command
 * runs before the next is parsed, as in every Unix shell.  Reading stdin, the shell asks for
 * more lines ("> ") while a command is unfinished (an open quote, an if without fi).  A
 * syntax error sets $? to 2; it ends a script, not an interactive shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

void sh_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("sh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* The end of the shell: the EXIT trap runs (with $? the status), then it exits. */
void sh_exit(int status)
{
	sh_status = status;
	trap_exit();
	fflush(NULL);
	exit(status);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		sh_error("out of memory");
		_exit(2);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		sh_error("out of memory");
		_exit(2);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* A syntax error: $? is 2, and a shell that is not interactive stops. */
static void syntax_failed(void)
{
	sh_status = 2;
	if (!sh_interactive)
		sh_exit(2);
}

/*
 * Run a whole text (a -c string, a script file, a command substitution, eval's words, a "."
 * file), command by command, until it ends or break, continue or return leaves it.  Returns
 * how many commands ran.
 */
int sh_run_text(const char *text)
{
	struct lexer lx = {.text = text, .pos = 0};
	struct node *n;
	int ran = 0;

	for (;;) {
		switch (parse_command(&lx, &n)) {
		case P_OK:
			exec_node(n);
			node_free(n);
			jobs_reap(0);
			ran++;
			if (sh_unwinding())
				return ran;
			break;
		case P_EMPTY:
			break;
		case P_EOF:
			return ran;
		case P_INCOMPLETE:
			sh_error("syntax error: unexpected end of file");
			syntax_failed();
			return ran;
		case P_ERROR:
			syntax_failed();
			break;
		}
	}
}

/* Append line and a newline to the growing text *buf. */
static void append_line(char **buf, const char *line)
{
	size_t have = *buf ? strlen(*buf) : 0;

	*buf = xrealloc(*buf, have + strlen(line) + 2);
	strcpy(*buf + have, line);
	strcat(*buf + have, "\n");
}

/*
 * Parse and run what text holds from offset 0.  Returns the offset where an unfinished
 * command starts (more lines are needed), or -1 when all of it has been used.
 */
static long run_pending(const char *text)
{
	struct lexer lx = {.text = text, .pos = 0};
	struct node *n;

	for (;;) {
		size_t start = lx.pos;
		switch (parse_command(&lx, &n)) {
		case P_OK:
			exec_node(n);
			node_free(n);
			if (sh_returning && !sh_interactive)
				sh_exit(sh_status); /* return outside a function ends a script */
			sh_returning = 0;
			break;
		case P_EMPTY:
			break;
		case P_EOF:
			return -1;
		case P_INCOMPLETE:
			return (long)start;
		case P_ERROR:
			syntax_failed();
			return -1;
		}
	}
}

/* Read commands from stdin, line by line, until end of input. */
static void run_stdin(void)
{
	const char *prompt = getuid() == 0 ? "# " : "$ ";
	char *pending = NULL, *line;
	long rest;

	for (;;) {
		trap_run_pending();
		if (sh_interactive && pending == NULL)
			jobs_reap(1);
		line = edit_read_line(sh_interactive ? (pending ? "> " : prompt) : NULL);
		if (line == NULL && pending == NULL && !jobs_may_exit())
			continue;
		if (line == NULL)
			break;
		append_line(&pending, line);
		free(line);
		rest = run_pending(pending);
		if (rest < 0) {
			free(pending);
			pending = NULL;
		} else if (rest > 0) {
			memmove(pending, pending + rest, strlen(pending + rest) + 1);
		}
	}
	if (pending != NULL) {
		sh_error("syntax error: unexpected end of file");
		syntax_failed();
	}
}

/* The whole of a file (a script, or one for "."), or NULL with errno set. */
char *sh_read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;

	if (fd < 0)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, 4096);
		if (n > 0)
			len += n;
	} while (n > 0 || (n < 0 && errno == EINTR));
	close(fd);
	buf[len] = '\0';
	return buf;
}

int main(int argc, char **argv, char **envp)
{
	int i = 1;
	char *text;

	vars_init(envp);
	var_set("OPTIND", "1", 0);
	sh_pid = getpid();
	sh_arg0 = argv[0] != NULL ? argv[0] : "sh";
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i < argc && strcmp(argv[i], "-c") == 0) {
		if (i + 1 >= argc) {
			sh_error("-c: option requires an argument");
			return 2;
		}
		if (i + 2 < argc)
			sh_arg0 = argv[i + 2];
		params_set(argv + i + 3 > argv + argc ? argv + argc : argv + i + 3,
			   argc - i - 3 > 0 ? argc - i - 3 : 0);
		trap_init();
		sh_run_text(argv[i + 1]);
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		sh_error("%s: unknown option (usage: sh [-c command | file] [arg ...])", argv[i]);
		return 2;
	} else if (i < argc) {
		text = sh_read_file(argv[i]);
		if (text == NULL) {
			sh_error("cannot open %s: %s", argv[i], strerror(errno));
			return 127;
		}
		sh_arg0 = argv[i];
		params_set(argv + i + 1, argc - i - 1);
		trap_init();
		sh_run_text(text);
		free(text);
	} else {
		sh_interactive = isatty(0);
		trap_init();
		sh_set_interrupt_handler();
		if (sh_interactive)
			jobs_init_control();
		run_stdin();
	}
	sh_exit(sh_status);
}
