/*
 * <tap.h>: what Corral's test programs (usertests, smptests, hello, errnocheck ...) share:
 * TAP output and the count of free memory (user/lib/tap.c).
 *
 * Each check prints one line, "ok 7 - fork: the child's status is 42" or "not ok 7 - ...",
 * and flushes it at once, so the console shows it even if the next check crashes the
 * program.  At the end, tap_done() prints the plan line "1..N" and returns the exit status:
 * 0 when every check passed.  tests/run reads these lines.
 */
#ifndef _CORRAL_TAP_H
#define _CORRAL_TAP_H

/* Checks so far, and how many failed. */
extern int tap_checks, tap_failures;

/* Called after each line, if set: usertests uses it to tell its parent the counts. */
extern void (*tap_after_line)(void);

/* One TAP line: passed or not, numbered, saying what was checked. */
void tap_check(int passed, const char *what);

/* A check that could not run here: "ok N - what # SKIP why". */
void tap_skip(const char *what, const char *why);

/* Print the plan line; 0 if every check passed, else 1. */
int tap_done(void);

/* Free memory in bytes, from sysinfo(2); -1 if it fails. */
long tap_free_memory(void);

/*
 * Free memory once it has settled back to expected, or as it is after a second.  On several
 * CPUs the last of an exited child (its kernel stack) is freed once its CPU has switched away
 * from it, which may be just after waitpid() returned in the parent.
 */
long tap_free_memory_settled(long expected);

/*
 * Wait (five seconds at most) until every callback call_rcu() had queued when it was called
 * has run, as Corral's /proc/rcu counts them; at once where there is no such file (Linux).
 * What the kernel frees after a grace period (a removed container, a css_group) is then free:
 * a reading taken just after the removal, before the grace period ends on a loaded host,
 * would count it as in use, and a later reading would find more memory free than before.
 */
void tap_wait_rcu_callbacks(void);

/* What read() gives once it holds still for 20 ms (for a second at most). */
long tap_steady(long (*read)(void));

/* Free memory once the RCU callbacks queued so far have run and it holds still for 20 ms. */
long tap_free_memory_steady(void);

#endif /* _CORRAL_TAP_H */
