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
 *
 * Job control, in an interactive shell on a terminal: every job (a command, a pipeline, a
 * subshell, a background job) is a process group of its own, and a foreground job is the
 * terminal's foreground group while it runs, so the keys ^C and ^\ signal it and not the
 * shell.  Parent and child both call setpgid() and tcsetpgrp(), so whichever runs first, the
 * group is in place before the child execs; the shell takes the terminal back afterwards.
 * "fg" makes a background job the foreground one (there are no stopped jobs to continue).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

int sh_interactive;
int sh_job_control;
static int last_capture_status; /* of the last $(...) run, for a command without a name */
int sh_loop_control = LOOP_NONE;
static pid_t shell_pgid; /* the shell's own process group, with job control */

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

/*
 * Start job control if stdin is a terminal that lets the shell choose its foreground group:
 * the shell leads a process group of its own, which has the terminal while it reads.  The
 * keys that stop jobs are ignored (Corral has no stopped jobs; on Linux the shell must not
 * stop itself when it changes the foreground group).
 */
void jobs_init_control(void)
{
	shell_pgid = getpgrp();
	if (shell_pgid != getpid() && setpgid(0, 0) == 0)
		shell_pgid = getpid();
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	sh_job_control = tcsetpgrp(0, shell_pgid) == 0;
}

/*
 * Put process pid (0: this one, a new child) in job group pgid (0: a group of its own), and
 * make the group the terminal's foreground one if asked.  Does nothing without job control.
 */
static void job_place(pid_t pid, pid_t pgid, int foreground)
{
	if (!sh_job_control || pid < 0)
		return;
	if (pgid == 0)
		pgid = pid ? pid : getpid();
	setpgid(pid, pgid);
	if (foreground)
		tcsetpgrp(0, pgid);
}

/* After a foreground job: the terminal is the shell's again. */
static void terminal_back(void)
{
	if (sh_job_control)
		tcsetpgrp(0, shell_pgid);
}

/*
 * In a new child: the job's group (see job_place()), then default signal actions; background
 * jobs of an interactive shell without job control ignore ^C, as POSIX asks.  From here on
 * the child is no interactive shell.
 */
static void child_start(pid_t pgid, int foreground, int background)
{
	void (*action)(int) = background && sh_interactive && !sh_job_control ? SIG_IGN : SIG_DFL;

	job_place(0, pgid, foreground);
	signal(SIGINT, action);
	signal(SIGQUIT, action);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	sh_job_control = 0;
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

/* Wait for one foreground child; its wait status, or -1.  An interactive shell ignores ^C
 * meanwhile: it is for the child. */
static int wait_child(pid_t pid)
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
	return got < 0 ? -1 : ws;
}

/* Wait for one foreground child; its status as $? sees it, a death by signal reported. */
static int wait_foreground(pid_t pid)
{
	int ws = wait_child(pid);

	return ws < 0 ? 127 : decode_status(ws);
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

/* The jobs builtin: each background job not yet collected, running or done. */
int jobs_list(void)
{
	int i;

	jobs_reap(0);
	for (i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].pid == 0)
			continue;
		if (jobs[i].done)
			printf("[%d] Done (%d) %d\n", i + 1, jobs[i].status, (int)jobs[i].pid);
		else
			printf("[%d] Running %d\n", i + 1, (int)jobs[i].pid);
	}
	return 0;
}

/*
 * The fg builtin: job number n (0: the latest) becomes the foreground job, the terminal's
 * foreground group, and the shell waits for it as for any foreground command.  (There are no
 * stopped jobs to continue: fg only brings a running one to the front, so that ^C reaches it.)
 */
int jobs_foreground(int n)
{
	int i = n - 1, status;

	if (n == 0)
		for (i = MAX_JOBS - 1; i >= 0 && jobs[i].pid == 0; i--)
			;
	if (i < 0 || i >= MAX_JOBS || jobs[i].pid == 0) {
		sh_error("fg: no such job");
		return 1;
	}
	if (sh_job_control)
		tcsetpgrp(0, jobs[i].pid);
	if (sh_interactive)
		signal(SIGINT, SIG_IGN);
	status = job_finish(i);
	if (sh_interactive)
		sh_set_interrupt_handler();
	terminal_back();
	return status;
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

	last_capture_status = 0;
	if (expand_command(n, &assigns, &fields) < 0) {
		free(assigns.items);
		strlist_free(&fields);
		return 1;
	}
	fn = fields.count > 0 ? builtin_find(fields.items[0]) : NULL;
	if (fields.count == 0 || fn != NULL) {
		do_assignments(&assigns, 0);
		status = run_in_shell(n, fn, &fields);
		if (fn == NULL && status == 0)
			status = last_capture_status;
	} else if (in_child || (pid = sh_fork()) == 0) {
		if (!in_child)
			child_start(0, 1, 0);
		if (apply_redirections(n->redirs, NULL) < 0)
			_exit(1);
		do_assignments(&assigns, 1);
		exec_program(fields.items);
	} else {
		job_place(pid, 0, 1);
		status = pid < 0 ? 1 : wait_foreground(pid);
		terminal_back();
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
	pid_t pgid = 0; /* the job's group: the first child's pid */

	for (;; n = n->right) {
		struct node *cmd = n->kind == N_PIPE ? n->left : n;
		int last = n->kind != N_PIPE || count == 63;
		if (!last && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			last = 1;
		}
		pid_t pid = sh_fork();
		if (pid == 0) {
			child_start(pgid, 1, 0);
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
			job_place(pid, pgid, 1);
			pgid = pgid ? pgid : pid;
			pids[count++] = pid;
		}
		if (last)
			break;
	}
	for (i = 0; i + 1 < count; i++)
		wait_child(pids[i]); /* only the last command's status counts, and is reported */
	status = count > 0 ? wait_foreground(pids[count - 1]) : 1;
	terminal_back();
	return status;
}

/* cmd &: a child the shell does not wait for. Its stdin is /dev/null if interactive. */
static int exec_background(struct node *n)
{
	pid_t pid = sh_fork();

	if (pid == 0) {
		child_start(0, 0, 1);
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
	job_place(pid, 0, 0);
	sh_last_bg = pid;
	job_add(pid);
	return 0;
}

/*
 * $(text): run text in a child shell whose standard output is a pipe, and return what it
 * printed (malloc'ed) without its trailing newlines.  A command with no name (x=$(...)) takes
 * the status of its last substitution, as POSIX says.  The
 * child stays in the shell's process group, as a part of the command being expanded.
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
		sh_job_control = 0;
		child_start(0, 0, 0);
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
	last_capture_status = pid < 0 ? 1 : wait_foreground(pid);
	return buf;
}

/* ---- compound commands -------------------------------------------------------------------- */

/* ( list ): the same shell, in a child, so that cd or variables set there do not stick. */
static int exec_subshell(struct node *body)
{
	pid_t pid = sh_fork();

	int status;

	if (pid == 0) {
		child_start(0, 1, 0);
		sh_interactive = 0;
		run_child(body);
	}
	job_place(pid, 0, 1);
	status = pid < 0 ? 1 : wait_foreground(pid);
	terminal_back();
	return status;
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
