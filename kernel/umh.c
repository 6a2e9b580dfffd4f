/*
 * The user-mode helper (see include/kernel/umh.h for what the new process is like).
 *
 *   call_usermodehelper(path, argv, envp)              the new task, umh_thread():
 *     task_create(umh_thread, &request) ----------->  proc_become(): a process, no parent
 *     sleeps on umh_started until request.done        proc_exec_first(): console, execve
 *                                                      ok:     proc_link(), report its pid,
 *                                                              arch_enter_user(): the program
 *                                                      failed: proc_unbecome(), report the
 *                                                              error, return (the task ends)
 *     failed: kthread_join() the task
 *     <- pid or -errno
 *
 * The request lives on the caller's stack.  The new task writes its result and done under the
 * lock of umh_started, a wait queue of this file, and touches the request no more once it has
 * let that lock go; the caller reads done under the same lock (wait_event()), so it cannot
 * return, and its stack go, while the new task still writes.  The waking itself is on the wait
 * queue, which outlives both.
 *
 * A helper that started runs on its own; when it exits, proc_exit() hands it to the system
 * workqueue, which frees it (kernel/exit.c: reap_by_kernel()).
 */
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/task.h>
#include <kernel/trace.h>
#include <kernel/umh.h>
#include <kernel/wait.h>
#include <arch/user.h>

/* One call: what to run, and what came of it. */
struct umh_request {
	const char *path;
	const char *const *argv;
	const char *const *envp;
	/* umh_started.lock: */
	bool done;  /* result is known */
	int result; /* the helper's pid, or a negative errno */
};

/* Callers sleep here until their helper's execve has succeeded or failed. */
static struct wait_queue umh_started = WAIT_QUEUE_INIT(umh_started, "umh_started");

static uint64_t helpers_started; /* atomic */
static uint64_t helpers_failed;	 /* atomic */

/* Give the caller its result; after this, req is the caller's again and may be gone. */
static void report(struct umh_request *req, int result)
{
	unsigned long flags = spin_lock_irqsave(&umh_started.lock);

	req->result = result;
	req->done = true;
	spin_unlock_irqrestore(&umh_started.lock, flags);
	wake_up_all(&umh_started);
}

/* The last event before the helper's first instruction: the name of the program it runs. */
static void trace_agent_exec(struct proc *p)
{
	uint64_t name[2];

	if (!READ_ONCE(trace_enabled))
		return;
	trace_pack_name(p->task->name, name);
	trace_record(TRACE_AGENT_EXEC, name[0], name[1]);
}

/* The new task: become the helper process and start its program, or report why not. */
static int umh_thread(void *arg)
{
	struct umh_request *req = arg;
	struct proc *p = proc_become();
	int err = p ? proc_exec_first(p, req->path, req->argv, req->envp) : -ENOMEM;

	if (err) {
		if (p)
			proc_unbecome(p);
		report(req, err);
		return err;
	}
	proc_set_kernel_reaped(p);
	proc_link(p);
	WRITE_ONCE(current_task()->urgent, false); /* from here on an ordinary process */
	report(req, p->pid);
	trace_agent_exec(p);
	arch_enter_user(&p->start_frame);
}

int call_usermodehelper(const char *path, const char *const argv[], const char *const envp[])
{
	struct umh_request req = { .path = path, .argv = argv, .envp = envp };
	struct task *task;

	might_sleep();
	task = task_create(umh_thread, &req, "umh");
	if (task) {
		tracepoint(TRACE_UMH_START, task->pid, 0);
		task->urgent = true; /* its caller waits for it; its program gets no favour */
		sched_start_task(task);
	}
	if (task)
		wait_event(&umh_started, req.done);
	else
		req.result = -ENOMEM;
	if (req.result < 0) {
		if (task)
			kthread_join(task);
		__atomic_fetch_add(&helpers_failed, 1, __ATOMIC_RELAXED);
	} else {
		__atomic_fetch_add(&helpers_started, 1, __ATOMIC_RELAXED);
	}
	return req.result;
}

struct umh_stats umh_get_stats(void)
{
	return (struct umh_stats){
		.started = __atomic_load_n(&helpers_started, __ATOMIC_RELAXED),
		.failed = __atomic_load_n(&helpers_failed, __ATOMIC_RELAXED),
	};
}
