/*
 * Jobs: waiting for what the shell starts, the job table, and job control.
 *
 * A job is what one command starts in processes of its own: a program, a pipeline (one
 * process per command), a subshell, or a background list ("cmd &").  The shell waits for a
 * foreground job until each of its processes has ended; their last one's status is $?.  A
 * background job goes in the job table (job number = slot + 1), where "wait" finds it and
 * where an interactive shell notices, before each prompt, that it has ended ("[1] Done (0)").
 *
 * Job control, in an interactive shell on a terminal: every job is a process group of its
 * own, and a foreground job is the terminal's foreground group while it runs, so ^C, ^\ and
 * ^Z signal it and not the shell.  Parent and child both call setpgid() and tcsetpgrp(), so
 * whichever runs first, the group is in place before the child execs.  ^Z stops the job: the
 * shell, which waits with WUNTRACED, sees the stop, puts the job in the table ("[1] Stopped
 * sleep 100"), and takes the terminal back.  "fg" gives a job the terminal and continues it
 * (SIGCONT to its group) in the foreground, "bg" continues it in the background, where it
 * stops again if it reads the terminal (SIGTTIN).  The shell itself ignores the stop signals,
 * so that it is never stopped, and warns once before exiting with stopped jobs: once it has
 * gone, the kernel hangs up and continues them (their group is orphaned).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

#define MAX_JOBS  32
#define MAX_PROCS 64 /* processes in one job: a pipeline's commands */

int sh_job_control;
static pid_t shell_pgid; /* the shell's own process group, with job control */

/*
 * A job: its processes, and what the shell knows of them.  A process that has ended (or that
 * the shell cannot wait for) has pid 0 in pids[].
 */
struct job {
	pid_t pgid; /* its process group: its first process's pid; 0: a free slot */
	pid_t pids[MAX_PROCS];
	int nprocs;
	int running;  /* processes not yet ended */
	int stopped;  /* stopped (^Z, SIGSTOP, SIGTTIN ...) and not continued since */
	int stop_sig; /* the signal that stopped it */
	int last_ws;  /* the last process's wait status, once it has ended */
	long current; /* when it last stopped or went to the background: the highest is "%%" */
	char *text;   /* the command, for messages */
};

/*
 * The job table: background and stopped jobs.  A job that ended before "wait" asked for it
 * keeps its place (running 0) so that "wait $!" still gets its status; an interactive shell
 * reports it at the next prompt and frees the slot.  The foreground job is kept apart until
 * it stops.
 */
static struct job table[MAX_JOBS];
static struct job foreground;
static long current_count;

/* 2 after the warning about stopped jobs, 1 at the next prompt: exit may go through then. */
static int exit_warning;

/* ---- the terminal and process groups ------------------------------------------------------ */

/*
 * Start job control if stdin is a terminal that lets the shell choose its foreground group:
 * the shell leads a process group of its own, which has the terminal while it reads.  The
 * keys that stop jobs must not stop the shell, nor its tcsetpgrp() from the background.
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
static void job_place(pid_t pid, pid_t pgid, int in_front)
{
	if (!sh_job_control || pid < 0)
		return;
	if (pgid == 0)
		pgid = pid ? pid : getpid();
	setpgid(pid, pgid);
	if (in_front)
		tcsetpgrp(0, pgid);
}

/* After a foreground job: the terminal is the shell's again. */
static void terminal_back(void)
{
	if (sh_job_control)
		tcsetpgrp(0, shell_pgid);
}

/* Set sig's action in a child, unless a trap ignores sig: that stays. */
static void child_signal(int sig, void (*action)(int))
{
	signal(sig, trap_ignored(sig) ? SIG_IGN : action);
}

void child_start(enum child_kind kind, pid_t pgid)
{
	int quiet = kind == CHILD_BACKGROUND && sh_interactive && !sh_job_control;
	void (*stop_action)(int) = kind == CHILD_SUBSTITUTION && sh_job_control ? SIG_IGN : SIG_DFL;

	if (kind != CHILD_SUBSTITUTION)
		job_place(0, pgid, kind == CHILD_FOREGROUND);
	trap_child_reset();
	child_signal(SIGINT, quiet ? SIG_IGN : SIG_DFL);
	child_signal(SIGQUIT, quiet ? SIG_IGN : SIG_DFL);
	child_signal(SIGTSTP, stop_action);
	child_signal(SIGTTIN, stop_action);
	child_signal(SIGTTOU, stop_action);
	sh_job_control = 0;
}

/* Before exec replaces the shell: the signals the shell ignores or catches for itself go back
 * to their defaults, but for those a trap ignores. */
void signals_for_exec(void)
{
	static const int own[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};

	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		child_signal(own[i], SIG_DFL);
}

/* ---- wait statuses ------------------------------------------------------------------------ */

/* A wait status as $? sees it: the exit code, or 128 + the signal number; a death said. */
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

/*
 * waitpid() that goes on after a signal; -1 for a child that cannot be waited for.  For the
 * wait builtin (wait_interruptible) a signal whose trap waits ends it: -1 with EINTR.
 */
static int wait_interruptible;

static pid_t wait_for(pid_t pid, int *ws, int options)
{
	pid_t got;

	do
		got = waitpid(pid, ws, options);
	while (got < 0 && errno == EINTR && !(wait_interruptible && trap_pending()));
	return got;
}

int wait_process(pid_t pid)
{
	int ws = 0;

	return wait_for(pid, &ws, 0) < 0 ? 127 : decode_status(ws);
}

/* ---- one job ------------------------------------------------------------------------------ */

struct job *job_begin(const struct node *n)
{
	free(foreground.text);
	foreground = (struct job){.text = node_text(n)};
	return &foreground;
}

pid_t job_group(const struct job *j)
{
	return j->pgid;
}

void job_add_process(struct job *j, pid_t pid, int in_front)
{
	if (pid <= 0 || j->nprocs == MAX_PROCS)
		return;
	job_place(pid, j->pgid, in_front);
	if (j->pgid == 0)
		j->pgid = pid;
	j->pids[j->nprocs++] = pid;
	j->running++;
}

/* What a wait of j's process i told: it ended (ws), stopped, or continued. */
static void job_note(struct job *j, int i, int ws)
{
	if (WIFSTOPPED(ws)) {
		j->stopped = 1;
		j->stop_sig = WSTOPSIG(ws);
		return;
	}
	if (WIFCONTINUED(ws)) {
		j->stopped = 0;
		return;
	}
	if (i == j->nprocs - 1)
		j->last_ws = ws;
	j->pids[i] = 0;
	j->running--;
}

/* The job's $? once it has ended: its last process's status (127 if it could not be had). */
static int job_status(const struct job *j)
{
	return j->last_ws < 0 ? 127 : decode_status(j->last_ws);
}

/*
 * Wait until each of j's processes has ended, or (with job control) one of them has stopped.
 * Returns 1 if the job stopped, -1 if a trapped signal interrupted the wait builtin.
 */
static int job_wait_until_stop(struct job *j)
{
	int options = sh_job_control ? WUNTRACED : 0;
	int ws;

	for (int i = 0; i < j->nprocs && !j->stopped; i++) {
		if (j->pids[i] == 0)
			continue;
		if (wait_for(j->pids[i], &ws, options) < 0) {
			if (errno == EINTR)
				return -1;
			ws = -1;
		}
		job_note(j, i, ws);
	}
	return j->stopped;
}

/* Free slot i, whose job is over. */
static void job_free(int i)
{
	free(table[i].text);
	table[i] = (struct job){0};
}

/* A free slot of the table (its index), or -1.  A shell that reports nothing (a script's)
 * takes the slot of a job that has ended, if it must. */
static int free_slot(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (table[i].pgid == 0)
			return i;
	for (int i = 0; i < MAX_JOBS && !sh_interactive; i++) {
		if (table[i].running == 0) {
			job_free(i);
			return i;
		}
	}
	return -1;
}

/* Continue job j: SIGCONT to its group (to each process, without job control). */
static void job_continue(struct job *j)
{
	if (sh_job_control) {
		kill(-j->pgid, SIGCONT);
	} else {
		for (int i = 0; i < j->nprocs; i++)
			if (j->pids[i])
				kill(j->pids[i], SIGCONT);
	}
	j->stopped = 0;
}

/* The foreground job has stopped: it goes in the table, unless it is there (fg) already. */
static int job_keep_stopped(struct job *j)
{
	int i = j == &foreground ? free_slot() : (int)(j - table);

	if (i < 0) {
		sh_error("too many jobs: the stopped one goes on");
		job_continue(j);
		return -1;
	}
	if (j == &foreground) {
		table[i] = foreground;
		foreground = (struct job){0};
	}
	table[i].current = ++current_count;
	fprintf(stderr, "%s[%d] Stopped %s\n", table[i].stop_sig == SIGTSTP ? "\n" : "", i + 1,
		table[i].text);
	return i;
}

/*
 * Wait for j in the foreground: until it has ended ($? its status) or stopped ($? 128 + the
 * stop signal: 148 after ^Z; it goes in the table); the terminal is the shell's afterwards.
 * An interactive shell ignores ^C meanwhile: it is for the job.
 */
int job_wait(struct job *j)
{
	int stopped, slot = -1, status;

	if (sh_interactive && !trap_is_set(SIGINT))
		signal(SIGINT, SIG_IGN);
	while ((stopped = job_wait_until_stop(j)) && (slot = job_keep_stopped(j)) < 0)
		;
	if (sh_interactive)
		sh_set_interrupt_handler();
	terminal_back();
	if (stopped)
		return 128 + table[slot].stop_sig;
	status = job_status(j);
	if (j != &foreground)
		job_free((int)(j - table));
	return status;
}

void job_background(pid_t pid, const struct node *n)
{
	int i = free_slot();

	if (i < 0) {
		/* Table full: the job runs untracked; "wait" cannot see it, and nobody reaps it. */
		return;
	}
	table[i] = (struct job){.current = ++current_count, .text = node_text(n)};
	job_add_process(&table[i], pid, 0);
	if (sh_interactive)
		fprintf(stderr, "[%d] %d\n", i + 1, (int)pid);
}

/* ---- the table ---------------------------------------------------------------------------- */

/* Take what the background job's processes have to tell, without waiting. */
static void job_poll(struct job *j)
{
	int options = WNOHANG | (sh_job_control ? WUNTRACED | WCONTINUED : 0);
	pid_t got;
	int ws;

	for (int i = 0; i < j->nprocs; i++) {
		if (j->pids[i] == 0)
			continue;
		got = waitpid(j->pids[i], &ws, options);
		if (got > 0)
			job_note(j, i, ws);
		else if (got < 0 && errno == ECHILD)
			job_note(j, i, -1);
	}
}

void jobs_reap(int report)
{
	if (report && exit_warning > 0)
		exit_warning--;
	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &table[i];
		int was_stopped = j->stopped;

		if (j->pgid == 0)
			continue;
		if (j->running)
			job_poll(j);
		if (!report || !sh_interactive)
			continue;
		if (j->running == 0) {
			fprintf(stderr, "[%d] Done (%d)\n", i + 1, job_status(j));
			job_free(i);
		} else if (j->stopped && !was_stopped) {
			fprintf(stderr, "[%d] Stopped %s\n", i + 1, j->text);
		}
	}
}

/* The slot of job n (0: the current job, the one that last stopped or went to the
 * background), or -1 (reported, under name). */
static int job_find(int n, const char *name)
{
	int best = -1;

	if (n == 0) {
		for (int i = 0; i < MAX_JOBS; i++)
			if (table[i].pgid != 0 &&
			    (best < 0 || table[i].current > table[best].current))
				best = i;
	} else if (n <= MAX_JOBS && table[n - 1].pgid != 0) {
		best = n - 1;
	}
	if (best < 0)
		sh_error("%s: no such job", name);
	return best;
}

/* The jobs builtin: each job in the table, running, stopped or done; a done one is then
 * forgotten by an interactive shell, as if reported at a prompt. */
int jobs_list(void)
{
	jobs_reap(0);
	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &table[i];

		if (j->pgid == 0)
			continue;
		if (j->running) {
			printf("[%d] %s %d %s\n", i + 1, j->stopped ? "Stopped" : "Running",
			       (int)j->pgid, j->text);
			continue;
		}
		printf("[%d] Done (%d) %d %s\n", i + 1, job_status(j), (int)j->pgid, j->text);
		if (sh_interactive)
			job_free(i);
	}
	return 0;
}

int jobs_foreground(int n)
{
	int i = job_find(n, "fg");
	struct job *j;

	if (i < 0)
		return 1;
	j = &table[i];
	printf("%s\n", j->text);
	fflush(stdout);
	if (sh_job_control && j->running)
		tcsetpgrp(0, j->pgid);
	if (j->stopped)
		job_continue(j);
	return job_wait(j);
}

int jobs_background(int n)
{
	int i;

	if (!sh_job_control) {
		sh_error("bg: no job control");
		return 1;
	}
	i = job_find(n, "bg");
	if (i < 0)
		return 1;
	if (!table[i].stopped) {
		sh_error("bg: job %d already in background", i + 1);
		return 0;
	}
	job_continue(&table[i]);
	table[i].current = ++current_count;
	fprintf(stderr, "[%d] %s &\n", i + 1, table[i].text);
	return 0;
}

/*
 * The wait builtin: wait for the job with process pid (0: every job) to end, or to stop,
 * which ends the wait too; returns the last status collected.  A signal with a trap ends it
 * at once, with 128 + the signal's number.
 */
int jobs_wait(long pid)
{
	int status = 0, found = 0, stopped;

	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &table[i];

		if (j->pgid == 0 || (pid != 0 && j->pgid != pid && j->pids[0] != pid))
			continue;
		found = 1;
		wait_interruptible = 1;
		stopped = j->running ? job_wait_until_stop(j) : 0;
		wait_interruptible = 0;
		if (stopped < 0)
			return 128 + trap_pending();
		if (stopped) {
			status = 128 + SIGTSTP;
		} else {
			status = job_status(j);
			job_free(i);
		}
	}
	if (pid != 0 && !found) {
		sh_error("wait: pid %ld is not a child of this shell", pid);
		return 127;
	}
	return status;
}

int jobs_may_exit(void)
{
	if (!sh_interactive || exit_warning > 0)
		return 1;
	for (int i = 0; i < MAX_JOBS; i++) {
		if (table[i].pgid != 0 && table[i].stopped) {
			fprintf(stderr, "There are stopped jobs.\n");
			exit_warning = 2;
			return 0;
		}
	}
	return 1;
}
