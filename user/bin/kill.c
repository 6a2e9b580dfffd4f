/*
 * kill: send a signal to processes.
 *
 *   kill [-SIGNAL | -s SIGNAL] PID...
 *   kill -l [NUMBER]
 *
 * SIGNAL is a number or a name, with or without "SIG" and in any case (9, KILL, sigkill);
 * the default is TERM.  A negative PID names a process group (-- ends the options, so
 * "kill -- -5" signals group 5).  -l lists the signal names, or gives the name of NUMBER
 * (an exit status above 128, such as 137, names signal status - 128).
 */
#include <cmd.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Linux's signal names, by number. */
static const char *const signal_names[] = {
    [SIGHUP] = "HUP",	[SIGINT] = "INT",	[SIGQUIT] = "QUIT", [SIGILL] = "ILL",
    [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",	[SIGBUS] = "BUS",   [SIGFPE] = "FPE",
    [SIGKILL] = "KILL", [SIGUSR1] = "USR1",	[SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
    [SIGPIPE] = "PIPE", [SIGALRM] = "ALRM",	[SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
    [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",	[SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
    [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",	[SIGURG] = "URG",   [SIGXCPU] = "XCPU",
    [SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
    [SIGIO] = "IO",	[SIGPWR] = "PWR",	[SIGSYS] = "SYS",
};
#define NSIGNAMES ((int)(sizeof(signal_names) / sizeof(signal_names[0])))

/* The number of a signal given as a number or a name; -1 if there is no such signal. */
static int signal_number(const char *text)
{
	long number;
	int i;

	if (cmd_number(text, 0, NSIG - 1, &number) == 0)
		return (int)number;
	if (strncasecmp(text, "SIG", 3) == 0)
		text += 3;
	for (i = 1; i < NSIGNAMES; i++)
		if (signal_names[i] && strcasecmp(text, signal_names[i]) == 0)
			return i;
	return -1;
}

/* kill -l [NUMBER] */
static int list_signals(const char *number_text)
{
	long number;
	int i;

	if (!number_text) {
		for (i = 1; i < NSIGNAMES; i++)
			if (signal_names[i])
				printf("%2d %s\n", i, signal_names[i]);
		return 0;
	}
	if (cmd_number(number_text, 1, 255, &number) < 0)
		cmd_usage();
	if (number > 128)
		number -= 128;
	if (number >= NSIGNAMES || !signal_names[number]) {
		cmd_message("%s: no such signal", number_text);
		return CMD_EXIT_FAILURE;
	}
	puts(signal_names[number]);
	return 0;
}

/* The signal of "-SIGNAL" (argv[1]) or "-s SIGNAL", moving optind past it; SIGTERM if none. */
static int signal_option(int argc, char **argv)
{
	const char *name = NULL;
	int sig;

	optind = 1;
	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		if (argc < 3)
			cmd_usage();
		name = argv[2];
		optind = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '-' && argv[1][1] != '\0') {
		name = argv[1] + 1;
		optind = 2;
	}
	if (optind < argc && strcmp(argv[optind], "--") == 0)
		optind++;
	if (!name)
		return SIGTERM;
	sig = signal_number(name);
	if (sig < 0) {
		cmd_message("%s: no such signal", name);
		cmd_usage();
	}
	return sig;
}

int main(int argc, char **argv)
{
	long pid;
	int sig, status = 0;

	cmd_init("kill", "kill [-SIGNAL | -s SIGNAL] PID... | kill -l [NUMBER]");
	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		if (argc > 3)
			cmd_usage();
		return list_signals(argv[2]);
	}
	sig = signal_option(argc, argv);
	if (optind == argc)
		cmd_usage();
	for (; optind < argc; optind++) {
		if (cmd_number(argv[optind], INT_MIN, INT_MAX, &pid) < 0)
			cmd_usage();
		if (kill((pid_t)pid, sig) < 0)
			status = cmd_error(argv[optind]);
	}
	return status;
}
