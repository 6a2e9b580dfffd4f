/*
 * Faults on purpose, for the tests that check the panic report: test.fault=KIND on the
 * command line (null, divide, ud, stack).
 */
#ifndef ARCH_TESTFAULT_H
#define ARCH_TESTFAULT_H

/* Cause the named fault; logs and returns if kind is unknown. */
void test_fault_trigger(const char *kind);

#endif
