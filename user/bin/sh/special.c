/*
 * The builtins that run other commands: ". FILE", eval, exec and command.
 *
 *   . FILE [ARG...]   runs FILE's commands in this shell (found on $PATH when the name has
 *                     no '/'); with ARGs, they are $1 ... while it runs.  return ends it.
 *   eval [WORD...]    joins the words with spaces and runs the result as commands.
 *   exec [CMD [ARG...]]  runs CMD in place of the shell, which is gone (its redirections
 *                     were applied first); without CMD, the command's redirections stay
 *                     for the rest of the shell (exec 3>log, exec <input).
 *   command [-v | -V] NAME [ARG...]  runs NAME as a builtin or a program, never a function;
 *                     -v says what NAME would run (a path, or the name of a builtin,
 *                     function or reserved word), -V says it in words.
 *
 * Like the rest of the shell they run text through sh_run_text(), which stops when break,
 * continue or return is on its way up.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

/* Is path a regular file (with an x bit, if executable)? */
static int is_file(const char *path, int executable)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (!executable || (st.st_mode & 0111));
}

/*
 * Where name is found on $PATH (/bin when unset): a malloc'ed path, or NULL.  A name with a
 * '/' is itself, if the file is there.  An empty entry in $PATH is the current directory.
 */
char *path_find(const char *name, int executable)
{
	const char *path = var_get("PATH");

	if (strchr(name, '/') != NULL)
		return is_file(name, executable) ? xstrdup(name) : NULL;
	if (path == NULL)
		path = "/bin";
	for (;;) {
		size_t len = strcspn(path, ":");
		char *full = xmalloc(len + strlen(name) + 3);

		if (len == 0)
			strcpy(full, name);
		else
			sprintf(full, "%.*s/%s", (int)len, path, name);
		if (is_file(full, executable))
			return full;
		free(full);
		if (path[len] == '\0')
			return NULL;
		path += len + 1;
	}
}

/* A non-interactive shell ends after a special builtin's error, as POSIX asks. */
static int special_failed(int status)
{
	if (!sh_interactive)
		sh_exit(status);
	return status;
}

/* . FILE [ARG...] */
int builtin_dot(int argc, char **argv)
{
	struct saved_params saved;
	char *path, *text;
	int ran;

	if (argc < 2) {
		sh_error(".: usage: . FILE [ARG...]");
		return special_failed(2);
	}
	if (sh_return_scopes == MAX_CALL_DEPTH) {
		sh_error(".: %s: nested too deeply", argv[1]);
		return 2;
	}
	path = strchr(argv[1], '/') != NULL ? xstrdup(argv[1]) : path_find(argv[1], 0);
	if (path == NULL) {
		sh_error(".: %s: not found", argv[1]);
		return special_failed(2);
	}
	text = sh_read_file(path);
	if (text == NULL) {
		sh_error(".: cannot open %s: %s", path, strerror(errno));
		free(path);
		return special_failed(2);
	}
	free(path);
	if (argc > 2)
		params_push(argv + 2, argc - 2, &saved);
	sh_return_scopes++;
	ran = sh_run_text(text);
	sh_return_scopes--;
	sh_returning = 0;
	if (argc > 2)
		params_pop(&saved);
	free(text);
	return ran ? sh_status : 0;
}

/* eval [WORD...] */
int builtin_eval(int argc, char **argv)
{
	size_t len = 1;
	char *text;
	int ran;

	for (int i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = xmalloc(len);
	text[0] = '\0';
	for (int i = 1; i < argc; i++) {
		strcat(text, argv[i]);
		if (i + 1 < argc)
			strcat(text, " ");
	}
	ran = sh_run_text(text);
	free(text);
	return ran ? sh_status : 0;
}

/* exec [CMD [ARG...]] */
int builtin_exec(int argc, char **argv)
{
	int i = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;

	if (i == argc) {
		sh_redirections_stay = 1;
		return 0;
	}
	fflush(NULL);
	signals_for_exec();
	exec_program(argv + i);
}

static int is_reserved_word(const char *name)
{
	static const char *const words[] = {"if",   "then",  "else", "elif", "fi", "do",
					    "done", "case",  "esac", "while", "until", "for",
					    "in",   "{",     "}",	 "!",	  NULL};

	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], name) == 0)
			return 1;
	return 0;
}

/* command -v NAME (verbose 0) or -V NAME (1): 0, or 1 if NAME is nothing the shell can run. */
static int describe(const char *name, int verbose)
{
	const char *what = is_reserved_word(name)   ? "a shell keyword"
			   : func_exists(name)	     ? "a function"
			   : command_find(name, 0) ? "a shell builtin"
						     : NULL;
	char *path;

	if (what != NULL) {
		printf(verbose ? "%s is %s\n" : "%s\n", name, what);
		return 0;
	}
	path = path_find(name, 1);
	if (path == NULL) {
		if (verbose)
			sh_error("command: %s: not found", name);
		return 1;
	}
	if (verbose)
		printf("%s is %s\n", name, path);
	else
		printf("%s\n", path);
	free(path);
	return 0;
}

/* command [-v | -V] NAME [ARG...] */
int builtin_command(int argc, char **argv)
{
	int i = 1, mode = 0, status = 0;
	builtin_fn fn;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-v") != 0 && strcmp(argv[i], "-V") != 0) {
			sh_error("command: %s: bad option", argv[i]);
			return 2;
		}
		mode = argv[i][1];
	}
	if (i == argc)
		return 0;
	if (mode) {
		for (; i < argc; i++)
			status |= describe(argv[i], mode == 'V');
		return status;
	}
	fn = command_find(argv[i], 0);
	return fn != NULL ? fn(argc - i, argv + i) : exec_external(argv + i);
}
