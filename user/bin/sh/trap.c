/*
 * trap: what the shell does when a signal comes, and when it exits.
 *
 *   trap                     lists the traps, as the commands that would set them again
 *   trap ACTION CONDITION... ACTION (a command line) runs whenever CONDITION happens
 *   trap '' CONDITION...     the signal is ignored, by the shell and what it runs
 *   trap - CONDITION...      back to the shell's own way (also: trap CONDITION)
 *
 * A CONDITION is EXIT (or 0), the shell's end, or a signal by name (INT, SIGINT, int) or
 * number.  A caught signal only marks itself pending (on_signal()); its action runs at the
 * next safe place: when the command that was running ends (exec_node() calls
 * trap_run_pending()), or at once in "wait", which it interrupts with 128 + the signal's
 * number.  An action leaves $? as it was.  The EXIT action runs once, as the shell ends by
 * exit or at the end of its input (sh_exit()), but not when a signal kills it.
 *
 * A subshell, a pipeline's commands, $(...) and background jobs start with the traps reset,
 * but what a trap ignores stays ignored there, and in the programs they run
 * (trap_child_reset()).  A non-interactive shell cannot trap or reset a signal that was
 * ignored when it started (a background job's ^C), as POSIX asks.
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define NSIGNALS 65 /* 0 is EXIT; signals are 1 .. 64 */

static char *actions[NSIGNALS]; /* NULL: no trap; "": ignored; else the command line */
static volatile sig_atomic_t pending[NSIGNALS];
static volatile sig_atomic_t any_pending;
static char ignored_at_start[NSIGNALS];
static int running; /* an action is running: the others wait until it ends */

/* Linux's signal names, by number (EXIT for 0). */
static const char *const names[] = {
    [0] = "EXIT",	  [SIGHUP] = "HUP",	[SIGINT] = "INT",     [SIGQUIT] = "QUIT",
    [SIGILL] = "ILL",	  [SIGTRAP] = "TRAP",	[SIGABRT] = "ABRT",   [SIGBUS] = "BUS",
    [SIGFPE] = "FPE",	  [SIGKILL] = "KILL",	[SIGUSR1] = "USR1",   [SIGSEGV] = "SEGV",
    [SIGUSR2] = "USR2",	  [SIGPIPE] = "PIPE",	[SIGALRM] = "ALRM",   [SIGTERM] = "TERM",
    [SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",   [SIGSTOP] = "STOP",
    [SIGTSTP] = "TSTP",	  [SIGTTIN] = "TTIN",	[SIGTTOU] = "TTOU",   [SIGURG] = "URG",
    [SIGXCPU] = "XCPU",	  [SIGXFSZ] = "XFSZ",	[SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
    [SIGWINCH] = "WINCH", [SIGIO] = "IO",	[SIGPWR] = "PWR",     [SIGSYS] = "SYS",
};
#define NNAMES ((int)(sizeof(names) / sizeof(names[0])))

/* The number of a condition (EXIT is 0), or -1. */
static int condition_number(const char *text)
{
	char *end;
	long n = strtol(text, &end, 10);

	if (*text != '\0' && *end == '\0')
		return n >= 0 && n < NSIGNALS ? (int)n : -1;
	if (strncasecmp(text, "SIG", 3) == 0)
		text += 3;
	for (int i = 0; i < NNAMES; i++)
		if (names[i] != NULL && strcasecmp(text, names[i]) == 0)
			return i;
	return -1;
}

static void on_signal(int sig)
{
	pending[sig] = 1;
	any_pending = 1;
}

/* Non-interactive: note which signals are ignored on entry; they stay so. */
void trap_init(void)
{
	struct sigaction old;

	if (sh_interactive)
		return;
	for (int sig = 1; sig < NSIGNALS; sig++)
		if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			ignored_at_start[sig] = 1;
}

int trap_is_set(int sig)
{
	return actions[sig] != NULL;
}

int trap_ignored(int sig)
{
	return actions[sig] != NULL && actions[sig][0] == '\0';
}

/* What the shell does with sig when no trap says otherwise. */
static void shell_default(int sig)
{
	if (sig == SIGINT || sig == SIGQUIT)
		sh_set_interrupt_handler();
	else if (sh_job_control && (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU))
		signal(sig, SIG_IGN);
	else
		signal(sig, SIG_DFL);
}

/* Set the trap for condition sig: action NULL (reset), "" (ignore) or a command line. */
static int trap_set(int sig, const char *action)
{
	struct sigaction sa;

	if (sig > 0 && ignored_at_start[sig])
		return 0;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = action == NULL ? SIG_DFL : action[0] == '\0' ? SIG_IGN : on_signal;
	if (sig > 0 && action != NULL && sigaction(sig, &sa, NULL) < 0) {
		sh_error("trap: %s: cannot be trapped", names[sig] ? names[sig] : "?");
		return 1;
	}
	free(actions[sig]);
	actions[sig] = action != NULL ? xstrdup(action) : NULL;
	if (sig > 0 && action == NULL)
		shell_default(sig);
	return 0;
}

/* Print s in single quotes, as the shell reads it back. */
static void print_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

static void trap_list(void)
{
	for (int sig = 0; sig < NSIGNALS; sig++) {
		if (actions[sig] == NULL)
			continue;
		fputs("trap -- ", stdout);
		print_quoted(actions[sig]);
		if (sig < NNAMES && names[sig] != NULL)
			printf(" %s\n", names[sig]);
		else
			printf(" %d\n", sig);
	}
}

/* trap [ACTION CONDITION...] */
int builtin_trap(int argc, char **argv)
{
	int i = 1, status = 0;
	const char *action;

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc) {
		trap_list();
		return 0;
	}
	action = argv[i];
	if (strcmp(action, "-") == 0)
		action = NULL, i++;
	else if (i + 1 == argc || isdigit((unsigned char)action[0]))
		action = NULL; /* trap CONDITION...: reset them */
	else
		i++;
	for (; i < argc; i++) {
		int sig = condition_number(argv[i]);
		if (sig < 0) {
			sh_error("trap: %s: bad signal", argv[i]);
			status = 1;
			continue;
		}
		status |= trap_set(sig, action);
	}
	return status;
}

/* Run an action as a command line of its own: break, continue or return on their way up
 * wait until it is over, and it ends no loop or function itself. */
static void run_text_alone(const char *action)
{
	int returning = sh_returning, loop_control = sh_loop_control;

	sh_returning = 0;
	sh_loop_control = LOOP_NONE;
	running = 1;
	sh_run_text(action);
	running = 0;
	sh_returning = returning;
	sh_loop_control = loop_control;
}

/* Run the action for signal sig, leaving $? alone. */
static void run_action(int sig)
{
	int status = sh_status;
	char *action;

	if (actions[sig] == NULL || actions[sig][0] == '\0')
		return;
	action = xstrdup(actions[sig]); /* the action may change its own trap */
	run_text_alone(action);
	free(action);
	sh_status = status;
}

void trap_run_pending(void)
{
	while (any_pending && !running) {
		any_pending = 0;
		for (int sig = 1; sig < NSIGNALS; sig++) {
			if (pending[sig]) {
				pending[sig] = 0;
				run_action(sig);
			}
		}
	}
}

int trap_pending(void)
{
	for (int sig = 1; any_pending && sig < NSIGNALS; sig++)
		if (pending[sig])
			return sig;
	return 0;
}

void trap_exit(void)
{
	char *action = actions[0];

	if (action == NULL)
		return;
	actions[0] = NULL; /* once: an exit inside it ends the shell */
	run_text_alone(action);
	free(action);
}

void trap_child_reset(void)
{
	for (int sig = 0; sig < NSIGNALS; sig++) {
		if (actions[sig] == NULL || actions[sig][0] == '\0')
			continue;
		free(actions[sig]);
		actions[sig] = NULL;
		if (sig > 0)
			signal(sig, SIG_DFL);
	}
}
