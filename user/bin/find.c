/*
 * find: walk directory trees, printing (or acting on) the files that pass the tests.
 *
 *   find [PATH]... [EXPRESSION]
 *
 * Walks each PATH (the current directory when there is none) depth first: a directory comes
 * before what it holds, its entries in the order the directory lists them (not sorted), and
 * the paths printed start with PATH as given ("find . -name x" prints "./a/x").  Symbolic
 * links are not followed.  The EXPRESSION is a list of primaries that must all hold, each of
 * which may have a "!" before it to negate it:
 *
 *   -name PATTERN  the last part of the path matches PATTERN (* ? [...], quoted for the shell)
 *   -type T        the file is of type T: f (regular), d (directory), l (symbolic link),
 *                  c or b (character or block device), p (FIFO), s (socket)
 *   -maxdepth N    go at most N levels below the PATHs (0: the PATHs themselves only)
 *   -mindepth N    test and act only N levels below the PATHs or deeper
 *   -print         print the path (what find does when the EXPRESSION names no action)
 *   -exec CMD ;    run CMD with each {} in it replaced by the path; holds if CMD exits with 0
 *
 * A PATH or directory that cannot be read is reported and skipped, and the status is then 1.
 */
#include <cmd.h>
#include <fnmatch.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum kind { NAME, TYPE, PRINT, EXEC };

struct primary {
	enum kind kind;
	int negate;
	const char *arg;   /* -name's pattern, -type's letter */
	char **command;	   /* -exec: the words up to ";" */
	int command_words;
};

static struct primary *primaries;
static int nprimaries, has_action, status;
static long max_depth = LONG_MAX, min_depth;

static int type_matches(char type, mode_t mode)
{
	switch (type) {
	case 'f': return S_ISREG(mode);
	case 'd': return S_ISDIR(mode);
	case 'l': return S_ISLNK(mode);
	case 'c': return S_ISCHR(mode);
	case 'b': return S_ISBLK(mode);
	case 'p': return S_ISFIFO(mode);
	case 's': return S_ISSOCK(mode);
	}
	return 0;
}

/* word with each {} replaced by path (malloc'ed). */
static char *with_path(const char *word, const char *path)
{
	size_t len = strlen(word) + 1, plen = strlen(path);
	char *out, *o;

	for (const char *p = word; (p = strstr(p, "{}")) != NULL; p += 2)
		len += plen;
	o = out = malloc(len);
	while (*word) {
		if (word[0] == '{' && word[1] == '}') {
			memcpy(o, path, plen);
			o += plen;
			word += 2;
		} else {
			*o++ = *word++;
		}
	}
	*o = '\0';
	return out;
}

/* -exec: run the command for path; does it exit with 0? */
static int run_exec(const struct primary *p, const char *path)
{
	char **argv = malloc((p->command_words + 1) * sizeof(*argv));
	int ws = -1;
	pid_t pid;

	for (int i = 0; i < p->command_words; i++)
		argv[i] = with_path(p->command[i], path);
	argv[p->command_words] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		cmd_error(argv[0]);
		_exit(127);
	}
	if (pid < 0)
		status = cmd_error("fork");
	else
		waitpid(pid, &ws, 0);
	for (int i = 0; i < p->command_words; i++)
		free(argv[i]);
	free(argv);
	return WIFEXITED(ws) && WEXITSTATUS(ws) == 0;
}

static int holds(const struct primary *p, const char *path, const struct stat *st)
{
	switch (p->kind) {
	case NAME:
		return fnmatch(p->arg, cmd_basename(path), 0) == 0;
	case TYPE:
		return type_matches(p->arg[0], st->st_mode);
	case PRINT:
		puts(path);
		return 1;
	case EXEC:
		return run_exec(p, path);
	}
	return 0;
}

/* The expression for one file: each primary in turn, until one does not hold. */
static void evaluate(const char *path, const struct stat *st)
{
	for (int i = 0; i < nprimaries; i++)
		if (holds(&primaries[i], path, st) == primaries[i].negate)
			return;
	if (!has_action)
		puts(path);
}

static void walk(char *path, size_t len, long depth);

/* The entries of the directory path (of length len, in a PATH_MAX buffer). */
static void walk_directory(char *path, size_t len, long depth)
{
	DIR *dir = opendir(path);
	struct dirent *d;

	if (dir == NULL) {
		status = cmd_error(path);
		return;
	}
	while ((d = readdir(dir)) != NULL) {
		size_t name_len = strlen(d->d_name);
		int slash = len > 0 && path[len - 1] != '/';

		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (len + slash + name_len >= PATH_MAX) {
			cmd_message("%s/%s: path too long", path, d->d_name);
			status = CMD_EXIT_FAILURE;
			continue;
		}
		if (slash)
			path[len] = '/';
		memcpy(path + len + slash, d->d_name, name_len + 1);
		walk(path, len + slash + name_len, depth + 1);
		path[len] = '\0';
	}
	closedir(dir);
}

static void walk(char *path, size_t len, long depth)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		status = cmd_error(path);
		return;
	}
	if (depth >= min_depth)
		evaluate(path, &st);
	if (S_ISDIR(st.st_mode) && depth < max_depth)
		walk_directory(path, len, depth);
}

/* A primary's argument, or the usage line if it has none. */
static const char *argument(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		cmd_message("%s needs an argument", argv[*i]);
		cmd_usage();
	}
	return argv[++*i];
}

/* -exec's words, up to ";": the command. */
static void parse_exec(struct primary *p, int argc, char **argv, int *i)
{
	int start = *i + 1;

	while (++*i < argc && strcmp(argv[*i], ";") != 0)
		;
	if (*i >= argc || *i == start) {
		cmd_message("-exec needs a command ended by ';'");
		cmd_usage();
	}
	p->command = argv + start;
	p->command_words = *i - start;
	has_action = 1;
}

static void parse_expression(int argc, char **argv, int i)
{
	primaries = calloc(argc, sizeof(*primaries));
	for (int negate = 0; i < argc; i++) {
		struct primary *p = &primaries[nprimaries];
		const char *word = argv[i];

		if (strcmp(word, "!") == 0) {
			negate = !negate;
			continue;
		}
		p->negate = negate;
		negate = 0;
		if (strcmp(word, "-name") == 0) {
			p->kind = NAME;
			p->arg = argument(argc, argv, &i);
		} else if (strcmp(word, "-type") == 0) {
			p->kind = TYPE;
			p->arg = argument(argc, argv, &i);
			if (strlen(p->arg) != 1 || !strchr("fdlcbps", p->arg[0]))
				cmd_usage();
		} else if (strcmp(word, "-maxdepth") == 0 || strcmp(word, "-mindepth") == 0) {
			if (cmd_number(argument(argc, argv, &i), 0, LONG_MAX,
				       word[2] == 'a' ? &max_depth : &min_depth) < 0)
				cmd_usage();
			continue;
		} else if (strcmp(word, "-print") == 0) {
			p->kind = PRINT;
			has_action = 1;
		} else if (strcmp(word, "-exec") == 0) {
			p->kind = EXEC;
			parse_exec(p, argc, argv, &i);
		} else {
			cmd_message("%s: unknown primary", word);
			cmd_usage();
		}
		nprimaries++;
	}
}

/* Walk the tree at start (a PATH operand). */
static void walk_path(const char *start)
{
	static char path[PATH_MAX];

	if (strlen(start) >= sizeof(path)) {
		cmd_message("%s: path too long", start);
		status = CMD_EXIT_FAILURE;
		return;
	}
	strcpy(path, start);
	walk(path, strlen(path), 0);
}

int main(int argc, char **argv)
{
	int first = 1, paths;

	cmd_init("find", "find [PATH]... [-name PATTERN] [-type T] [-maxdepth N] [-mindepth N] "
			 "[-print] [-exec CMD ;]");
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	for (paths = first; paths < argc && argv[paths][0] != '-' && strcmp(argv[paths], "!");
	     paths++)
		;
	parse_expression(argc, argv, paths);
	if (paths == first)
		walk_path(".");
	for (int i = first; i < paths; i++)
		walk_path(argv[i]);
	return status;
}
