/*
 * The builtins: commands the shell runs itself, because they change the shell (cd, exit,
 * export, set ...) or are cheap enough not to need a process (echo, true).
 *
 * Each takes argc/argv like main() and returns its exit status.  Errors go through sh_error
 * ("sh: cd: /nope: No such file or directory").  exec.c applies redirections around the call
 * and flushes stdout after it, so printf here is fine.  The small ones are here; those with
 * more to them have files of their own (test.c, printf.c, trap.c, getopts.c, special.c, and
 * return in func.c), and the table at the end names them all, with the special ones marked.
 */
#include <cmd.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

int sh_loop_depth;
int sh_loop_count;

/* Parse a non-negative decimal argument; -1 if it is not one. */
static long parse_number(const char *s)
{
	char *end;
	long v;

	if (*s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	return (*end != '\0' || v < 0) ? -1 : v;
}

static int builtin_true(int argc, char **argv)
{
	return 0;
}

static int builtin_false(int argc, char **argv)
{
	return 1;
}

/* echo [-n] [word ...] */
static int builtin_echo(int argc, char **argv)
{
	int i = 1, newline = 1;
	size_t len = 0, size = 1;
	char *line;
	ssize_t n;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i = 2;
	}
	for (int j = i; j < argc; j++)
		size += strlen(argv[j]) + 1;
	line = malloc(size);
	if (!line) {
		sh_error("echo: out of memory");
		return 1;
	}
	for (; i < argc; i++)
		len += (size_t)sprintf(line + len, "%s%s", argv[i], i + 1 < argc ? " " : "");
	if (newline)
		line[len++] = '\n';
	/*
	 * One write(2) for the whole line, so that a control file (a container's tasks) takes it
	 * as one command, and its error is seen: "echo: write error: No space left on device".
	 */
	fflush(stdout);
	n = len ? write(1, line, len) : 0;
	free(line);
	if (n < 0) {
		sh_error("echo: write error: %s", strerror(errno));
		return 1;
	}
	return 0;
}

/* cd [dir | -]: no argument means $HOME; updates $PWD and $OLDPWD. */
static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	char cwd[512];

	if (dir == NULL) {
		sh_error("cd: HOME not set");
		return 1;
	}
	if (strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		if (dir == NULL) {
			sh_error("cd: OLDPWD not set");
			return 1;
		}
		printf("%s\n", dir);
	}
	if (getcwd(cwd, sizeof(cwd)) != NULL)
		var_set("OLDPWD", cwd, 0);
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)) != NULL)
		var_set("PWD", cwd, 0);
	return 0;
}

static int builtin_pwd(int argc, char **argv)
{
	char cwd[512];

	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

/* exit [status]: without one, the status of the last command.  With stopped jobs an
 * interactive shell only warns, the first time. */
static int builtin_exit(int argc, char **argv)
{
	long status = argc > 1 ? parse_number(argv[1]) : sh_status;

	if (!jobs_may_exit())
		return 1;

	if (status < 0) {
		sh_error("exit: %s: numeric argument required", argv[1]);
		status = 2;
	}
	sh_exit((int)(status & 255));
}

/* export [-p] [NAME[=value] ...] */
static int builtin_export(int argc, char **argv)
{
	int i, status = 0;

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
		vars_print(1);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq == NULL) {
			if (!is_name(argv[i], strlen(argv[i]))) {
				sh_error("export: %s: bad variable name", argv[i]);
				status = 1;
			} else {
				var_export(argv[i]);
			}
			continue;
		}
		*eq = '\0';
		if (var_set(argv[i], eq + 1, 1) < 0)
			status = 1;
		*eq = '=';
	}
	return status;
}

/* unset [-v | -f] NAME...: variables (-v, the default) or functions (-f). */
static int builtin_unset(int argc, char **argv)
{
	int i = 1, functions = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-f") != 0 && strcmp(argv[i], "-v") != 0) {
			sh_error("unset: %s: bad option", argv[i]);
			return 2;
		}
		functions = argv[i][1] == 'f';
	}
	for (; i < argc; i++) {
		if (functions)
			func_unset(argv[i]);
		else
			var_unset(argv[i]);
	}
	return 0;
}

/* set: print the variables; set [--] word ...: replace $1 ... with the words. */
static int builtin_set(int argc, char **argv)
{
	if (argc == 1) {
		vars_print(0);
		return 0;
	}
	if (strcmp(argv[1], "--") == 0) {
		params_set(argv + 2, argc - 2);
		return 0;
	}
	if (argv[1][0] == '-' || argv[1][0] == '+') {
		sh_error("set: %s: options are not supported", argv[1]);
		return 2;
	}
	params_set(argv + 1, argc - 1);
	return 0;
}

/* shift [n] */
static int builtin_shift(int argc, char **argv)
{
	long n = argc > 1 ? parse_number(argv[1]) : 1;

	if (n < 0 || n > sh_nparams) {
		sh_error("shift: can't shift that many");
		return 1;
	}
	params_set(sh_params + n, sh_nparams - (int)n);
	return 0;
}

/* wait [pid]: wait for one background job, or all of them. */
static int builtin_wait(int argc, char **argv)
{
	long pid = argc > 1 ? parse_number(argv[1]) : 0;

	if (pid < 0) {
		sh_error("wait: %s: not a pid", argv[1]);
		return 2;
	}
	return jobs_wait(pid);
}

static int builtin_jobs(int argc, char **argv)
{
	return jobs_list();
}

/* The job number fg and bg are given ("%N" or "N"; 0 without one: the current job), or -1. */
static long job_number(int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : "%0";
	long n = parse_number(arg + (arg[0] == '%'));

	if (n < 0)
		sh_error("%s: %s: not a job", argv[0], arg);
	return n;
}

/* fg [%N]: job N (default: the current one, which last stopped or went to the background)
 * continues in the foreground. */
static int builtin_fg(int argc, char **argv)
{
	long n = job_number(argc, argv);

	return n < 0 ? 2 : jobs_foreground((int)n);
}

/* bg [%N]: a stopped job N (default: the current one) continues in the background. */
static int builtin_bg(int argc, char **argv)
{
	long n = job_number(argc, argv);

	return n < 0 ? 2 : jobs_background((int)n);
}

/* break [n] and continue [n]: exec.c's loops see sh_loop_control and unwind. */
static int loop_builtin(int argc, char **argv, int control)
{
	long n = argc > 1 ? parse_number(argv[1]) : 1;

	if (n < 1) {
		sh_error("%s: %s: bad number", argv[0], argv[1]);
		return 2;
	}
	if (sh_loop_depth == 0)
		return 0;
	sh_loop_control = control;
	sh_loop_count = n > sh_loop_depth ? sh_loop_depth : (int)n;
	return 0;
}

static int builtin_break(int argc, char **argv)
{
	return loop_builtin(argc, argv, LOOP_BREAK);
}

static int builtin_continue(int argc, char **argv)
{
	return loop_builtin(argc, argv, LOOP_CONTINUE);
}

/* One byte of stdin into *c: 1, 0 at its end, or -1 (a signal with a trap came: -sig). */
static int read_byte(char *c)
{
	for (;;) {
		ssize_t n = read(0, c, 1);
		if (n >= 0)
			return n > 0;
		if (errno != EINTR)
			return 0;
		if (trap_pending())
			return -trap_pending();
	}
}

/*
 * read [-r] NAME ...: one line from stdin, a byte at a time so that nothing after the line
 * is consumed; split at blanks, the last NAME takes the rest.  Backslashes are kept (-r).
 * A signal with a trap ends it with 128 + the signal's number.
 */
static int builtin_read(int argc, char **argv)
{
	char line[1024], *p = line;
	size_t len = 0;
	int i = 1, got_newline = 0, got = 0;
	char c;

	if (i < argc && strcmp(argv[i], "-r") == 0)
		i++;
	while (len + 1 < sizeof(line) && (got = read_byte(&c)) == 1) {
		if (c == '\n') {
			got_newline = 1;
			break;
		}
		line[len++] = c;
	}
	if (got < 0)
		return 128 - got;
	line[len] = '\0';
	if (i == argc)
		var_set("REPLY", line, 0);
	for (; i < argc; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		char *end = i + 1 < argc ? p + strcspn(p, " \t") : p + strlen(p);
		char saved = *end;
		*end = '\0';
		if (var_set(argv[i], p, 0) < 0)
			return 2;
		*end = saved;
		p = end;
	}
	return got_newline || len > 0 ? 0 : 1;
}

/* umask -S: the bits a new file may have, as u=rwx,g=rx,o=rx. */
static void print_umask_symbolic(mode_t mask)
{
	static const char classes[] = "ugo";

	for (int i = 0; i < 3; i++) {
		mode_t allowed = ~mask >> (6 - 3 * i);

		printf("%s%c=%s%s%s", i ? "," : "", classes[i], allowed & 4 ? "r" : "",
		       allowed & 2 ? "w" : "", allowed & 1 ? "x" : "");
	}
	putchar('\n');
}

/*
 * umask [-S] [MODE]: print the mask (0022), or with -S the bits it allows; or set it from an
 * octal MODE or a symbolic one, which says what a new file may have (u=rwx,g=rx,o=).
 */
static int builtin_umask(int argc, char **argv)
{
	int symbolic = argc > 1 && strcmp(argv[1], "-S") == 0;
	mode_t mask = umask(0), allowed;

	umask(mask);
	if (argc == 1 + symbolic) {
		if (symbolic)
			print_umask_symbolic(mask);
		else
			printf("%04o\n", (unsigned int)mask);
		return 0;
	}
	if (argc > 2 + symbolic) {
		sh_error("umask: usage: umask [-S] [MODE]");
		return 2;
	}
	if (cmd_parse_mode(argv[argc - 1], ~mask & 0777, 0, 0, &allowed) < 0) {
		sh_error("umask: invalid mode: '%s'", argv[argc - 1]);
		return 1;
	}
	/* An octal MODE is the mask itself; a symbolic one, the bits allowed. */
	umask(argv[argc - 1][0] >= '0' && argv[argc - 1][0] <= '7' ? allowed & 0777
								     : ~allowed & 0777);
	return 0;
}

/*
 * The builtins.  POSIX's special ones (special 1) come before functions when a name is looked
 * up, and an assignment in front of them stays; a function may take the name of another.
 */
static const struct {
	const char *name;
	builtin_fn fn;
	int special;
} builtins[] = {
    {":", builtin_true, 1},	  {"true", builtin_true, 0},
    {"false", builtin_false, 0},  {"echo", builtin_echo, 0},
    {"cd", builtin_cd, 0},	  {"pwd", builtin_pwd, 0},
    {"exit", builtin_exit, 1},	  {"export", builtin_export, 1},
    {"unset", builtin_unset, 1},  {"set", builtin_set, 1},
    {"shift", builtin_shift, 1},  {"wait", builtin_wait, 0},
    {"break", builtin_break, 1},  {"continue", builtin_continue, 1},
    {"read", builtin_read, 0},	  {"jobs", builtin_jobs, 0},
    {"fg", builtin_fg, 0},	  {"bg", builtin_bg, 0},
    {"return", builtin_return, 1},  {"test", builtin_test, 0},
    {"[", builtin_test, 0},	  {"printf", builtin_printf, 0},
    {".", builtin_dot, 1},	  {"eval", builtin_eval, 1},
    {"exec", builtin_exec, 1},	  {"command", builtin_command, 0},
    {"trap", builtin_trap, 1},	  {"getopts", builtin_getopts, 0},
    {"umask", builtin_umask, 0},
};

static int builtin_index(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return (int)i;
	return -1;
}

int builtin_is_special(const char *name)
{
	int i = builtin_index(name);

	return i >= 0 && builtins[i].special;
}

/*
 * What runs name inside the shell: a special builtin, else (if functions) a function, else
 * another builtin; NULL for a program.
 */
builtin_fn command_find(const char *name, int functions)
{
	int i = builtin_index(name);

	if (i >= 0 && builtins[i].special)
		return builtins[i].fn;
	if (functions && func_exists(name))
		return func_call;
	return i >= 0 ? builtins[i].fn : NULL;
}
