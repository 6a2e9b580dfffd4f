/*
 * Tests of wait queues (kernel/wait.c): sleepers wake in order and only when their condition
 * holds, and wake_up wakes one where wake_up_all wakes all.
 */
#include <kernel/ktest.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/wait.h>

#define ROUNDS 100

struct ping_pong {
	struct spinlock lock; /* protects turn and log */
	struct wait_queue wq;
	int turn;	     /* the player whose turn it is: 0 or 1 */
	int log[2 * ROUNDS]; /* who played each move */
	int moves;
};

struct player {
	struct ping_pong *game;
	int me;
};

static int play(void *arg)
{
	struct player *player = arg;
	struct ping_pong *game = player->game;

	for (int i = 0; i < ROUNDS; i++) {
		unsigned long flags = spin_lock_irqsave(&game->lock);

		wait_event_locked(&game->wq, game->turn == player->me, &game->lock);
		game->log[game->moves++] = player->me;
		game->turn = !player->me;
		spin_unlock_irqrestore(&game->lock, flags);
		wake_up_all(&game->wq);
	}
	return 0;
}

KTEST(wait_ping_pong, "wait: two threads alternate through a wait queue 100 times in order")
{
	static struct ping_pong game;
	struct player players[2] = { { &game, 0 }, { &game, 1 } };
	struct task *tasks[2];

	spin_lock_init(&game.lock, "ktest_ping_pong");
	wait_queue_init(&game.wq, "ktest_ping_pong_wq");
	game.turn = 0;
	game.moves = 0;
	tasks[1] = kthread_create(play, &players[1], "ktest-pong");
	tasks[0] = kthread_create(play, &players[0], "ktest-ping");
	KTEST_ASSERT(tasks[0] && tasks[1]);
	kthread_join(tasks[0]);
	kthread_join(tasks[1]);
	KTEST_ASSERT(game.moves == 2 * ROUNDS);
	for (int i = 0; i < 2 * ROUNDS; i++) {
		if (game.log[i] != i % 2) {
			KTEST_EXPECT(game.log[i] == i % 2);
			break;
		}
	}
}

struct gate {
	struct wait_queue wq;
	int opened; /* sleepers let through; protected by wq.lock */
	int passed; /* sleepers that went through; protected by wq.lock */
};

static int pass_gate(void *arg)
{
	struct gate *gate = arg;
	unsigned long flags = spin_lock_irqsave(&gate->wq.lock);

	wait_event_locked(&gate->wq, gate->opened > gate->passed, &gate->wq.lock);
	gate->passed++;
	spin_unlock_irqrestore(&gate->wq.lock, flags);
	return 0;
}

static int gate_count(struct gate *gate, int *field)
{
	unsigned long flags = spin_lock_irqsave(&gate->wq.lock);
	int value = *field;

	spin_unlock_irqrestore(&gate->wq.lock, flags);
	return value;
}

static void gate_open(struct gate *gate, int more)
{
	unsigned long flags = spin_lock_irqsave(&gate->wq.lock);

	gate->opened += more;
	spin_unlock_irqrestore(&gate->wq.lock, flags);
}

KTEST(wait_wake_one_and_all, "wait: wake_up wakes one sleeper, wake_up_all the rest")
{
	static struct gate gate;
	struct task *tasks[3];

	wait_queue_init(&gate.wq, "ktest_gate");
	gate.opened = gate.passed = 0;
	for (int i = 0; i < 3; i++)
		tasks[i] = kthread_create(pass_gate, &gate, "ktest-gate");
	sleep_ns(20 * NSEC_PER_MSEC); /* all three asleep by now */
	KTEST_EXPECT(gate_count(&gate, &gate.passed) == 0);
	gate_open(&gate, 1);
	KTEST_EXPECT(wake_up(&gate.wq));
	sleep_ns(20 * NSEC_PER_MSEC);
	KTEST_EXPECT(gate_count(&gate, &gate.passed) == 1);
	gate_open(&gate, 2);
	KTEST_EXPECT(wake_up_all(&gate.wq) == 2);
	for (int i = 0; i < 3; i++) {
		KTEST_ASSERT(tasks[i] != NULL);
		kthread_join(tasks[i]);
	}
	KTEST_EXPECT(gate.passed == 3);
	KTEST_EXPECT(!wake_up(&gate.wq));
}

KTEST(wait_event_true_at_once, "wait: wait_event returns at once when its condition holds")
{
	static struct wait_queue wq = WAIT_QUEUE_INIT(wq, "ktest_wait_now");
	uint64_t start = jiffies;

	wait_event(&wq, jiffies >= start);
	KTEST_EXPECT(list_empty(&wq.waiters));
}
