/*
 * The executor: walks the tree the parser built and runs it.
 *
 * A simple command expands its words (expand.c), then either runs a builtin inside the
 * shell, with its redirections applied and undone around it, or forks a child that applies
 * the redirections, resets the signals and execs the program found on $PATH.  A pipeline
 * forks one child per command, joined by pipes, and waits for all of them; its status is the
 * last one's.  "cmd &" forks a child the shell does not wait for: its pid goes in the job
 * table until "wait" or the next prompt collects it.  if, while and for are loops in C over
 * their parts; break and continue travel up through sh_loop_control.  Every node's status
 * ends up in $? (sh_status).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

int sh_interactive;
int sh_loop_control = LOOP_NONE;

/*
 * Background jobs not yet waited for: slot i is job number i + 1, free when pid is 0.  A job
 * that ended before "wait" asked for it keeps its status here (done) so that "wait $!" still
 * gets it; an interactive shell reports it at the next prompt and frees the slot.
 */
#define MAX_JOBS 32
static struct job {
	pid_t pid;
	int done;
	int status;
} jobs[MAX_JOBS];

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
	sigaction(SIGINT, &sa, NULL);
	signal(SIGQUIT, sh_interactive ? SIG_IGN : SIG_DFL);
}

/* In a new child: default actions, except that background jobs of an interactive shell
 * ignore ^C as POSIX asks when there is no job control. */
static void child_signals(int background)
{
	void (*action)(int) = background && sh_interactive ? SIG_IGN : SIG_DFL;

	signal(SIGINT, action);
	signal(SIGQUIT, action);
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

/* ---- waiting ------------------------------------------------------------------------------ */

/* A wait status as $? sees it: the exit code, or 128 + the signal number. */
static int decode_status(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws)) {
		int sig = WTERMSIG(ws);
		if (sig == SIGINT)
			fputc('\n', stderr);
		else if (sig != SIGPIPE)
			fprintf(stderr, "%s\n", strsignal(sig));
		return 128 + sig;
	}
	return 1;
}

/* Wait for one foreground child. An interactive shell ignores ^C meanwhile: it is for the
 * child. */
static int wait_foreground(pid_t pid)
{
	int ws = 0;
	pid_t got;

	if (sh_interactive)
		signal(SIGINT, SIG_IGN);
	do
		got = waitpid(pid, &ws, 0);
	while (got < 0 && errno == EINTR);
	if (sh_interactive)
		sh_set_interrupt_handler();
	return got < 0 ? 127 : decode_status(ws);
}

static void job_add(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].pid == 0 || (jobs[i].done && !sh_interactive)) {
			jobs[i] = (struct job){.pid = pid};
			if (sh_interactive)
				fprintf(stderr, "[%d] %d\n", i + 1, (int)pid);
			return;
		}
	}
	/* Table full: the job runs untracked; "wait" cannot see it, and it is never reaped. */
}

/* Collect background jobs that have ended, without blocking; report them if asked. */
void jobs_reap(int report)
{
	int i, ws;

	for (i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].pid == 0 || jobs[i].done || waitpid(jobs[i].pid, &ws, WNOHANG) <= 0)
			continue;
		jobs[i].done = 1;
		jobs[i].status = decode_status(ws);
		if (report && sh_interactive) {
			fprintf(stderr, "[%d] Done (%d)\n", i + 1, jobs[i].status);
			jobs[i].pid = 0;
		}
	}
}

/* Wait for job slot i if it is still running, free the slot, and return its status. */
static int job_finish(int i)
{
	int ws;

	while (!jobs[i].done) {
		if (waitpid(jobs[i].pid, &ws, 0) == jobs[i].pid) {
			jobs[i].status = decode_status(ws);
			jobs[i].done = 1;
		} else if (errno != EINTR) {
			jobs[i].status = 127;
			jobs[i].done = 1;
		}
	}
	jobs[i].pid = 0;
	return jobs[i].status;
}

/* The wait builtin: wait for pid (0: every job). Returns the last status collected. */
int jobs_wait(long pid)
{
	int i, status = 0;

	for (i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].pid == 0 || (pid != 0 && jobs[i].pid != pid))
			continue;
		status = job_finish(i);
		if (pid != 0)
			return status;
	}
	if (pid != 0) {
		sh_error("wait: pid %ld is not a child of this shell", pid);
		return 127;
	}
	return status;
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
	fd = open(target, flags[r->kind], 0666);
	if (fd < 0) {
		sh_error("cannot open %s: %s", target, strerror(errno));
		return -1;
	}
	if (fd != r->fd) {
		dup2(fd, r->fd);
		close(fd);
	}
	return 0;
}

/* Apply a command's redirections in order; with saved, remember what to undo. */
static int apply_redirections(const struct redir *r, struct saved_fds *saved)
{
	for (; r != NULL; r = r->next) {
		char *target = expand_word_single(r->word);
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

/* In a child: exec argv[0], searched on $PATH (default /bin) unless it holds a '/'. */
static void __attribute__((noreturn)) exec_program(char **argv)
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
	fflush(NULL);
	restore_fds(&saved);
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

	if (expand_command(n, &assigns, &fields) < 0) {
		free(assigns.items);
		strlist_free(&fields);
		return 1;
	}
	fn = fields.count > 0 ? builtin_find(fields.items[0]) : NULL;
	if (fields.count == 0 || fn != NULL) {
		do_assignments(&assigns, 0);
		status = run_in_shell(n, fn, &fields);
	} else if (in_child || (pid = sh_fork()) == 0) {
		if (!in_child)
			child_signals(0);
		if (apply_redirections(n->redirs, NULL) < 0)
			_exit(1);
		do_assignments(&assigns, 1);
		exec_program(fields.items);
	} else {
		status = pid < 0 ? 1 : wait_foreground(pid);
	}
	free(assigns.items);
	strlist_free(&fields);
	return status;
}

/* Run n in a child process that was just forked, and end that child. */
static void __attribute__((noreturn)) run_child(struct node *n)
{
	int status = n->kind == N_COMMAND ? exec_simple(n, 1) : exec_node(n);

	fflush(NULL);
	_exit(status);
}

/* cmd1 | cmd2 | ...: one child each, stdout of one into stdin of the next. */
static int exec_pipeline(struct node *n)
{
	pid_t pids[64];
	int count = 0, prev_read = -1, fds[2], i, status = 0;

	for (;; n = n->right) {
		struct node *cmd = n->kind == N_PIPE ? n->left : n;
		int last = n->kind != N_PIPE || count == 63;
		if (!last && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			last = 1;
		}
		pid_t pid = sh_fork();
		if (pid == 0) {
			child_signals(0);
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
		if (pid > 0)
			pids[count++] = pid;
		if (last)
			break;
	}
	for (i = 0; i < count; i++)
		status = wait_foreground(pids[i]);
	return status;
}

/* cmd &: a child the shell does not wait for. Its stdin is /dev/null if interactive. */
static int exec_background(struct node *n)
{
	pid_t pid = sh_fork();

	if (pid == 0) {
		child_signals(1);
		if (sh_interactive) {
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
	job_add(pid);
	return 0;
}

/* ---- compound commands -------------------------------------------------------------------- */

/* ( list ): the same shell, in a child, so that cd or variables set there do not stick. */
static int exec_subshell(struct node *body)
{
	pid_t pid = sh_fork();

	if (pid == 0) {
		sh_interactive = 0;
		child_signals(0);
		run_child(body);
	}
	return pid < 0 ? 1 : wait_foreground(pid);
}

/* After a loop body: 1 if the loop must stop (break, or a break/continue for an outer loop). */
static int loop_should_stop(void)
{
	if (sh_loop_control == LOOP_NONE)
		return 0;
	if (--sh_loop_count > 0)
		return 1;
	if (sh_loop_control == LOOP_BREAK) {
		sh_loop_control = LOOP_NONE;
		return 1;
	}
	sh_loop_control = LOOP_NONE;
	return 0;
}

static int exec_while(struct node *n)
{
	int status = 0;

	sh_loop_depth++;
	while (exec_node(n->cond) == 0 && sh_loop_control == LOOP_NONE) {
		status = exec_node(n->body);
		if (loop_should_stop())
			break;
	}
	sh_loop_depth--;
	return status;
}

static int exec_for(struct node *n)
{
	struct strlist items = {0};
	int i, status = 0;

	if (n->nwords < 0) {
		for (i = 0; i < sh_nparams; i++)
			strlist_push(&items, xstrdup(sh_params[i]));
	} else {
		for (i = 0; i < n->nwords; i++)
			if (expand_word(n->words[i], &items) < 0) {
				strlist_free(&items);
				return 1;
			}
	}
	sh_loop_depth++;
	for (i = 0; i < items.count; i++) {
		var_set(n->var, items.items[i], 0);
		status = exec_node(n->body);
		if (loop_should_stop())
			break;
	}
	sh_loop_depth--;
	strlist_free(&items);
	return status;
}

static int exec_if(struct node *n)
{
	int cond = exec_node(n->cond);

	if (sh_loop_control != LOOP_NONE)
		return cond;
	if (cond == 0)
		return exec_node(n->body);
	return n->other != NULL ? exec_node(n->other) : 0;
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
		if (sh_loop_control != LOOP_NONE || (status == 0) != (n->kind == N_AND))
			return status;
		return exec_node(n->right);
	case N_SEQ:
		status = exec_node(n->left);
		return sh_loop_control != LOOP_NONE ? status : exec_node(n->right);
	case N_IF:
		return exec_if(n);
	case N_WHILE:
		return exec_while(n);
	case N_FOR:
		return exec_for(n);
	case N_GROUP:
		return exec_node(n->body);
	case N_SUBSHELL:
		return exec_subshell(n->body);
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
		return sh_status;
	}
	return sh_status = exec_kind(n);
}
