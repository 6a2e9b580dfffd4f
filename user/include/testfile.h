/*
 * <testfile.h>: small file helpers the test programs share (user/lib/testfile.c): a control
 * file is written in one write(2) and read whole, as the container tests need.
 */
#ifndef _CORRAL_TESTFILE_H
#define _CORRAL_TESTFILE_H

#include <stddef.h>

/* Write text to file in one write(): 0, or the errno of open() or write(). */
int write_file(const char *file, const char *text);

/* Write a number and a newline to file: 0 or an errno. */
int write_number(const char *file, long n);

/* The whole file into buf (NUL-ended), read chunk bytes at a time: its length, or -1. */
long read_chunked(const char *file, char *buf, size_t size, size_t chunk);

/* The whole file into buf (NUL-ended): its length, or -1 (errno set). */
long read_file(const char *file, char *buf, size_t size);

/* The number a file starts with; -1 if it cannot be read. */
long long read_number(const char *file);

/*
 * Run the program at path with argv, its standard output in out (NUL-ended, cut at size - 1
 * bytes): its exit status, or -1 if it could not be started or did not exit.
 */
int run_output(const char *path, char *const argv[], char *out, size_t size);

/* Whether a name exists (stat() succeeds). */
int file_exists(const char *file);

/*
 * A path made by printf, in one of 8 buffers used in turn: for the arguments of one call
 * (PATHF_LEN bytes; longer paths are cut).
 */
#define PATHF_LEN 512
const char *pathf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* _CORRAL_TESTFILE_H */
