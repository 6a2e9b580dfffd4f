/*
 * The executor: walks the tree the parser built and runs it.
 *
 * A simple command expands its words (expand.c), then either runs a builtin or a function
 * inside the shell, with its redirections applied and undone around it, or forks a child
 * that applies the redirections, resets the signals and execs the program found on $PATH.
 * A name is looked up as POSIX says: a special builtin (exit, set, return ...), then a
 * function, then another builtin, then a program.  A pipeline forks one child per command,
 * joined by pipes, and waits for all of them; its status is the last one's.  "cmd &" forks a
 * child the shell does not wait for: its pid goes in the job table until "wait" or the next
 * prompt collects it.  if, while, until, for and case are in compound.c; break, continue
 * and return travel up through sh_loop_control and sh_returning.  Every node's status ends
 * up in $? (sh_status), and after each the traps of signals that came in run (trap.c).
 *
 * A command, a pipeline and a subshell are foreground jobs, and "cmd &" a background one:
 * jobs.c waits for them and keeps the job table, and with job control gives each its own
 * process group and the terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

int sh_interactive;
int sh_redirections_stay; /* set by exec without a command: keep the command's redirections */
static int last_capture_status; /* of the last $(...) run, for a command without a name */
int sh_loop_control = LOOP_NONE;

int sh_unwinding(void)
{
	return sh_loop_control != LOOP_NONE || sh_returning;
}

/* ---- signals ------------------------------------------------------------------------------ */

/* ^C at an interactive prompt: the read is interrupted (no SA_RESTART), edit.c starts over. */
static void on_interrupt(int sig)
{
	(void)sig;
}

void sh_set_interrupt_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sh_interactive ? on_interrupt : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	if (!trap_is_set(SIGINT))
		sigaction(SIGINT, &sa, NULL);
	if (!trap_is_set(SIGQUIT))
		signal(SIGQUIT, sh_interactive ? SIG_IGN : SIG_DFL);
}

/* fork(), with stdio flushed first so that buffered output is not written twice. */
static pid_t sh_fork(void)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		sh_error("fork: %s", strerror(errno));
	return pid;
}

/* ---- redirections ------------------------------------------------------------------------- */

/* Where a builtin's redirections keep the descriptors they replaced, to put them back. */
struct saved_fds {
	int fd[10], copy[10]; /* copy[i] -1: fd[i] was closed before */
	int count;
};

static void save_fd(struct saved_fds *saved, int fd)
{
	int copy;

	if (saved == NULL || saved->count == 10)
		return;
	copy = fcntl(fd, F_DUPFD, 10);
	if (copy >= 0)
		fcntl(copy, F_SETFD, FD_CLOEXEC);
	saved->fd[saved->count] = fd;
	saved->copy[saved->count++] = copy;
}

/* exec without a command: the redirections stay, and the copies of what they replaced go. */
static void forget_fds(struct saved_fds *saved)
{
	while (saved->count > 0) {
		int i = --saved->count;
		if (saved->copy[i] >= 0)
			close(saved->copy[i]);
	}
}

static void restore_fds(struct saved_fds *saved)
{
	while (saved->count > 0) {
		int i = --saved->count;
		if (saved->copy[i] >= 0) {
			dup2(saved->copy[i], saved->fd[i]);
			close(saved->copy[i]);
		} else {
			close(saved->fd[i]);
		}
	}
}

/* LAB 4 BEGIN: redirections: files, descriptors and here-documents */
/*
 * A descriptor to read text from: a pipe with the text in it.  Text longer than a pipe is
 * sure to hold (PIPE_BUF) is written by a child, so that nobody waits for a reader.
 */
static int heredoc_fd(const char *text)
{
	size_t len = strlen(text);
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0) {
		sh_error("here-document: %s", strerror(errno));
		return -1;
	}
	if (len <= PIPE_BUF) {
		write(fds[1], text, len);
	} else if ((pid = sh_fork()) == 0) {
		close(fds[0]);
		write(fds[1], text, len);
		_exit(0);
	}
	close(fds[1]);
	return fds[0];
}

/* Apply one redirection whose target is already expanded. Returns 0 or -1 (reported). */
static int apply_redirection(const struct redir *r, const char *target)
{
	static const int flags[] = {
	    [R_IN] = O_RDONLY,
	    [R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
	    [R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
	};
	int fd;

	if (r->kind == R_DUP_OUT || r->kind == R_DUP_IN) {
		char *end;
		long from = strtol(target, &end, 10);
		if (strcmp(target, "-") == 0)
			return close(r->fd), 0;
		if (*target == '\0' || *end != '\0' || dup2((int)from, r->fd) < 0) {
			sh_error("%s: bad file descriptor", target);
			return -1;
		}
		return 0;
	}
	if (r->kind == R_HEREDOC) {
		fd = heredoc_fd(target);
		if (fd < 0)
			return -1;
	} else {
		fd = open(target, flags[r->kind], 0666);
		if (fd < 0) {
			sh_error("cannot open %s: %s", target, strerror(errno));
			return -1;
		}
	}
	if (fd != r->fd) {
		dup2(fd, r->fd);
		close(fd);
	}
	return 0;
}
/* LAB 4 END */
/* LAB 4 STUB
static int apply_redirection(const struct redir *r, const char *target)
{
	sh_error("lab 4: redirections are yours to write, see docs/labs/4-shell.md");
	return -1;
}
*/

/* Apply a command's redirections in order; with saved, remember what to undo. */
static int apply_redirections(const struct redir *r, struct saved_fds *saved)
{
	for (; r != NULL; r = r->next) {
		char *target = r->kind != R_HEREDOC ? expand_word_single(r->word)
				: r->heredoc_quoted    ? xstrdup(r->heredoc ? r->heredoc : "")
						       : expand_heredoc(r->heredoc ? r->heredoc : "");
		int ret;
		save_fd(saved, r->fd);
		ret = apply_redirection(r, target);
		free(target);
		if (ret < 0)
			return -1;
	}
	return 0;
}

/* ---- running programs --------------------------------------------------------------------- */

/*
 * execve(), and for a file the kernel will not run (ENOEXEC: a script without "#!"), run it
 * with /bin/sh as POSIX asks.  Returns only on failure, with errno set.
 */
static void try_exec(const char *file, char **argv, char **env)
{
	int argc = 0;

	execve(file, argv, env);
	if (errno != ENOEXEC)
		return;
	while (argv[argc] != NULL)
		argc++;
	char **script_argv = xmalloc((argc + 2) * sizeof(char *));
	script_argv[0] = "sh";
	script_argv[1] = (char *)file;
	memcpy(script_argv + 2, argv + 1, argc * sizeof(char *));
	execve("/bin/sh", script_argv, env);
	free(script_argv);
	errno = ENOEXEC;
}

/* In a child (or for exec): exec argv[0], searched on $PATH (default /bin) unless it holds a
 * '/'; a failure is reported and ends the process with 127 (not found) or 126. */
void __attribute__((noreturn)) exec_program(char **argv)
{
	char **env = vars_environ();
	const char *path = var_get("PATH");
	int saved_errno = ENOENT;

	if (strchr(argv[0], '/') != NULL) {
		try_exec(argv[0], argv, env);
		saved_errno = errno;
	} else {
		if (path == NULL)
			path = "/bin";
		for (;;) {
			size_t len = strcspn(path, ":");
			char *full = xmalloc(len + strlen(argv[0]) + 3);
			if (len == 0) /* an empty entry is the current directory */
				sprintf(full, "./%s", argv[0]);
			else
				sprintf(full, "%.*s/%s", (int)len, path, argv[0]);
			try_exec(full, argv, env);
			if (errno != ENOENT && errno != ENOTDIR)
				saved_errno = errno;
			free(full);
			if (path[len] == '\0')
				break;
			path += len + 1;
		}
	}
	if (saved_errno == ENOENT) {
		sh_error("%s: not found", argv[0]);
		_exit(127);
	}
	sh_error("%s: %s", argv[0], strerror(saved_errno));
	_exit(126);
}

/* Split a command's raw words into assignments (NAME=value before the name) and fields. */
static int expand_command(struct node *n, struct strlist *assigns, struct strlist *fields)
{
	int i = 0;

	for (; i < n->nwords && is_assignment(n->words[i]); i++)
		strlist_push(assigns, n->words[i]);
	for (; i < n->nwords; i++)
		if (expand_word(n->words[i], fields) < 0)
			return -1;
	return 0;
}

/* Set NAME=value words: in the shell (exported 0) or for a program about to run (1). */
static void do_assignments(struct strlist *assigns, int exported)
{
	int i;

	for (i = 0; i < assigns->count; i++) {
		char *eq = strchr(assigns->items[i], '=');
		char *name = xstrdup(assigns->items[i]);
		char *value = expand_word_single(eq + 1);
		name[eq - assigns->items[i]] = '\0';
		var_set(name, value, exported);
		free(name);
		free(value);
	}
}

/* A builtin (or no command at all): runs in this process, redirections undone after. */
static int run_in_shell(struct node *n, builtin_fn fn, struct strlist *fields)
{
	struct saved_fds saved = {.count = 0};
	int status = 1;

	if (apply_redirections(n->redirs, &saved) == 0)
		status = fn != NULL ? fn(fields->count, fields->items) : 0;
	else if (fn != NULL && builtin_is_special(fields->items[0]) && !sh_interactive)
		sh_exit(2); /* a special builtin's redirection failed: POSIX ends the shell */
	fflush(NULL);
	if (sh_redirections_stay)
		forget_fds(&saved);
	else
		restore_fds(&saved);
	sh_redirections_stay = 0;
	return status;
}

/*
 * A simple command.  in_child: this process is already a child (in a pipeline or a
 * background job), so an external program replaces it instead of forking again.
 */
static int exec_simple(struct node *n, int in_child)
{
	struct strlist assigns = {0}, fields = {0};
	builtin_fn fn;
	pid_t pid;
	int status;

	last_capture_status = 0;
	if (expand_command(n, &assigns, &fields) < 0) {
		free(assigns.items);
		strlist_free(&fields);
		return 1;
	}
	fn = fields.count > 0 ? command_find(fields.items[0], 1) : NULL;
	if (fields.count == 0 || fn != NULL) {
		do_assignments(&assigns, fn == builtin_exec); /* exec: for the program's environment */
		status = run_in_shell(n, fn, &fields);
		if (fn == NULL && status == 0)
			status = last_capture_status;
	} else if (in_child || (pid = sh_fork()) == 0) {
		if (!in_child)
			child_start(CHILD_FOREGROUND, 0);
		if (apply_redirections(n->redirs, NULL) < 0)
			_exit(1);
		do_assignments(&assigns, 1);
		exec_program(fields.items);
	} else if (pid < 0) {
		status = 1;
	} else {
		struct job *j = job_begin(n);

		job_add_process(j, pid, 1);
		status = job_wait(j);
	}
	free(assigns.items);
	strlist_free(&fields);
	return status;
}

/* The program argv[0], never a builtin or function (command NAME): a foreground job. */
int exec_external(char **argv)
{
	struct node n = {.kind = N_COMMAND, .words = argv};
	struct job *j;
	pid_t pid = sh_fork();

	if (pid == 0) {
		child_start(CHILD_FOREGROUND, 0);
		exec_program(argv);
	}
	if (pid < 0)
		return 1;
	while (argv[n.nwords] != NULL)
		n.nwords++;
	j = job_begin(&n);
	job_add_process(j, pid, 1);
	return job_wait(j);
}

/* Run n in a child process that was just forked, and end that child (its EXIT trap first). */
static void __attribute__((noreturn)) run_child(struct node *n)
{
	int status = n->kind == N_COMMAND ? exec_simple(n, 1) : exec_node(n);

	sh_status = status;
	trap_exit();
	fflush(NULL);
	_exit(status);
}

/* LAB 4 BEGIN: pipelines */
/* cmd1 | cmd2 | ...: one child each, stdout of one into stdin of the next; one job. */
static int exec_pipeline(struct node *n)
{
	struct job *j = job_begin(n);
	int count = 0, prev_read = -1, fds[2];

	for (;; n = n->right) {
		struct node *cmd = n->kind == N_PIPE ? n->left : n;
		int last = n->kind != N_PIPE || count == 63;
		if (!last && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			last = 1;
		}
		pid_t pid = sh_fork();
		if (pid == 0) {
			child_start(CHILD_FOREGROUND, job_group(j));
			sh_interactive = 0;
			if (prev_read >= 0) {
				dup2(prev_read, 0);
				close(prev_read);
			}
			if (!last) {
				close(fds[0]);
				dup2(fds[1], 1);
				close(fds[1]);
			}
			run_child(cmd);
		}
		if (prev_read >= 0)
			close(prev_read);
		if (!last) {
			close(fds[1]);
			prev_read = fds[0];
		}
		if (pid > 0) {
			job_add_process(j, pid, 1);
			count++;
		}
		if (last)
			break;
	}
	return count > 0 ? job_wait(j) : 1; /* the last command's status counts, and is reported */
}
/* LAB 4 END */
/* LAB 4 STUB
static int exec_pipeline(struct node *n)
{
	sh_error("lab 4: pipelines are yours to write, see docs/labs/4-shell.md");
	return 1;
}
*/

/*
 * cmd &: a child the shell does not wait for.  An interactive shell without job control gives
 * it /dev/null as stdin, as POSIX asks; with job control it keeps the terminal, and reading it
 * stops the job (SIGTTIN) until "fg".
 */
static int exec_background(struct node *n)
{
	int stdin_null = sh_interactive && !sh_job_control;
	pid_t pid = sh_fork();

	if (pid == 0) {
		child_start(CHILD_BACKGROUND, 0);
		if (stdin_null) {
			int fd = open("/dev/null", O_RDONLY);
			if (fd > 0) {
				dup2(fd, 0);
				close(fd);
			}
		}
		sh_interactive = 0;
		run_child(n);
	}
	if (pid < 0)
		return 1;
	sh_last_bg = pid;
	job_background(pid, n);
	return 0;
}

/*
 * $(text): run text in a child shell whose standard output is a pipe, and return what it
 * printed (malloc'ed) without its trailing newlines.  A command with no name (x=$(...)) takes
 * the status of its last substitution, as POSIX says.  The child stays in the shell's
 * process group, as a part of the command being expanded, and is no job.
 */
char *exec_capture(const char *text)
{
	char *buf = xmalloc(1);
	size_t len = 0, cap = 1;
	int fds[2];
	ssize_t n;
	pid_t pid;

	if (pipe(fds) < 0) {
		sh_error("pipe: %s", strerror(errno));
		buf[0] = '\0';
		return buf;
	}
	pid = sh_fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		close(fds[1]);
		child_start(CHILD_SUBSTITUTION, 0);
		sh_interactive = 0;
		sh_run_text(text);
		sh_exit(sh_status);
	}
	close(fds[1]);
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = len + 4096 + 1;
			buf = xrealloc(buf, cap);
		}
		n = read(fds[0], buf + len, 4096);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	close(fds[0]);
	while (len > 0 && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	last_capture_status = pid < 0 ? 1 : wait_process(pid);
	return buf;
}

/* ---- compound commands -------------------------------------------------------------------- */

/* ( list ): the same shell, in a child, so that cd or variables set there do not stick. */
static int exec_subshell(struct node *n)
{
	pid_t pid = sh_fork();
	struct job *j;

	if (pid == 0) {
		child_start(CHILD_FOREGROUND, 0);
		sh_interactive = 0;
		run_child(n->body);
	}
	if (pid < 0)
		return 1;
	j = job_begin(n);
	job_add_process(j, pid, 1);
	return job_wait(j);
}

static int exec_kind(struct node *n)
{
	int status;

	switch (n->kind) {
	case N_COMMAND:
		return exec_simple(n, 0);
	case N_PIPE:
		return exec_pipeline(n);
	case N_BACKGROUND:
		return exec_background(n->left);
	case N_AND:
	case N_OR:
		status = exec_node(n->left);
		if (sh_unwinding() || (status == 0) != (n->kind == N_AND))
			return status;
		return exec_node(n->right);
	case N_SEQ:
		status = exec_node(n->left);
		return sh_unwinding() ? status : exec_node(n->right);
	case N_IF:
		return exec_if(n);
	case N_WHILE:
	case N_UNTIL:
		return exec_loop(n);
	case N_CASE:
		return exec_case(n);
	case N_NOT:
		status = exec_node(n->left);
		return sh_unwinding() ? status : !status;
	case N_FUNCDEF:
		func_define(n->var, n->body);
		return 0;
	case N_FOR:
		return exec_for(n);
	case N_GROUP:
		return exec_node(n->body);
	case N_SUBSHELL:
		return exec_subshell(n);
	}
	return 1;
}

/* Run a tree; its status becomes $?. Redirections on a compound command wrap it. */
int exec_node(struct node *n)
{
	struct saved_fds saved = {.count = 0};

	if (n == NULL)
		return sh_status;
	if (n->kind != N_COMMAND && n->redirs != NULL) {
		if (apply_redirections(n->redirs, &saved) < 0) {
			restore_fds(&saved);
			return sh_status = 1;
		}
		sh_status = exec_kind(n);
		fflush(NULL);
		restore_fds(&saved);
	} else {
		sh_status = exec_kind(n);
	}
	trap_run_pending();
	return sh_status;
}
