/*
 * A Linux program that uses the process, signal, memory and scheduling calls Corral has, with
 * the headers Linux's C library declares them in: it must compile unchanged against glibc and
 * against Corral's C library (tests/headers/host_test.py builds it both ways; it is not run).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_signal(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sigaction action = {.sa_handler = on_signal};
	unsigned int cpu, node;
	struct rusage usage;
	struct rlimit limit;
	sigset_t set;
	cpu_set_t cpus;
	int status;
	void *area;
	pid_t pid;

	if (argc < 2)
		return 0;
	sigemptyset(&set);
	sigaction(SIGINT, &action, NULL);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigpending(&set);
	sigsuspend(&set);
	kill(getpid(), SIGTERM);
	pause();
	pid = fork();
	if (pid == 0)
		execve(argv[0], argv, NULL);
	wait4(pid, &status, WNOHANG | WUNTRACED | WCONTINUED, &usage);
	waitpid(-1, &status, 0);
	printf("%d %d %d\n", WIFEXITED(status), WEXITSTATUS(status), WIFSTOPPED(status));
	printf("%d %d %d %d\n", getppid(), getuid(), geteuid(), getgid());
	printf("%d %d %d %d\n", getegid(), getpgrp(), getpgid(0), getsid(0));
	setpgid(0, 0);
	setsid();
	setuid(0);
	setgid(0);
	area = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(area, 4096);
	sched_yield();
	CPU_ZERO(&cpus);
	sched_getaffinity(0, sizeof(cpus), &cpus);
	printf("%d %d %d\n", CPU_COUNT(&cpus), CPU_ISSET(0, &cpus), sched_getcpu());
	getcpu(&cpu, &node);
	syscall(SYS_getpid);
	getrlimit(RLIMIT_NPROC, &limit);
	setrlimit(RLIMIT_NOFILE, &limit);
	prlimit(getppid(), RLIMIT_NPROC, NULL, &limit);
	_exit(0);
}
