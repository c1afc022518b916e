package dev.kafkaspark.internal.events;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every published {@link Event} to each subscriber on the subscriber's own thread, through its own bounded
 * queue, as Spark's listener bus does: publishing never waits, so a slow subscriber (a terminal scrolled back, a page
 * on a slow network) never slows the pipeline. When a subscriber's queue is full its events are dropped, counted and
 * logged, and the others still get them.
 */
public final class EventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    // Weak: a bus nobody publishes on any more (its narrator is gone) is not kept for the flush at exit.
    private static final Set<EventBus> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        // System.exit runs this: what was published before the program ended still reaches the console.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> flushAll(Duration.ofSeconds(2)), "event-bus-flush"));
    }

    /** Flushes every bus of this process (each up to the limit). */
    public static void flushAll(Duration limit) {
        List<EventBus> open;
        synchronized (OPEN) {
            open = List.copyOf(OPEN);
        }
        open.forEach(b -> b.flush(limit));
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public EventBus() {
        OPEN.add(this);
    }

    /**
     * Adds a subscriber with a queue of its own.
     *
     * @param name for its thread and the log
     * @param capacity how many events may wait for it before they are dropped
     */
    public Subscription subscribe(String name, int capacity, Consumer<Event> subscriber) {
        Subscription s = new Subscription(name, capacity, subscriber);
        subscriptions.add(s);
        return s;
    }

    /** Offers the event to every subscriber; never blocks. */
    public void publish(Event event) {
        for (Subscription s : subscriptions) {
            s.offer(event);
        }
    }

    /** Waits up to the limit until every subscriber has handled what was published so far. */
    public void flush(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Subscription s : subscriptions) {
            s.awaitDrained(deadline);
        }
    }

    /** Flushes (a few seconds at most) and stops every subscriber's thread. */
    @Override
    public void close() {
        flush(Duration.ofSeconds(5));
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        OPEN.remove(this);
    }

    /** One subscriber: its queue, its thread and what it missed. */
    public static final class Subscription implements AutoCloseable {
        private final String name;
        private final BlockingQueue<Event> queue;
        private final Consumer<Event> subscriber;
        private Thread thread; // started when an event comes, ends after a second without one
        private final AtomicLong offered = new AtomicLong();
        private final AtomicLong handled = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean stopped;

        private Subscription(String name, int capacity, Consumer<Event> subscriber) {
            this.name = name;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.subscriber = subscriber;
        }

        private synchronized void ensureDispatching() {
            if (thread == null || !thread.isAlive()) {
                thread = new Thread(this::dispatch, "events-" + name);
                thread.setDaemon(true);
                thread.start();
            }
        }

        /** Events dropped because this subscriber's queue was full. */
        public long dropped() {
            return dropped.get();
        }

        private void offer(Event event) {
            if (stopped) {
                return;
            }
            offered.incrementAndGet();
            if (!queue.offer(event)) {
                offered.decrementAndGet();
                long n = dropped.incrementAndGet();
                if (Long.bitCount(n) == 1) { // the first drop, then at 2, 4, 8, ... so the log stays short
                    LOG.warn("subscriber '{}' is too slow: {} event(s) dropped so far (its queue holds {})", name, n,
                            queue.size());
                }
                return;
            }
            ensureDispatching();
        }

        private void dispatch() {
            while (true) {
                Event event;
                try {
                    event = queue.poll(stopped ? 0 : 1000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (event == null) {
                    synchronized (this) {
                        if (queue.isEmpty()) { // idle: end; the next event starts a new thread
                            thread = null;
                            return;
                        }
                    }
                    continue;
                }
                try {
                    subscriber.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("subscriber '{}' failed on {}", name, event.getClass().getSimpleName(), e);
                } finally {
                    synchronized (this) {
                        handled.incrementAndGet();
                        notifyAll();
                    }
                }
            }
        }

        private synchronized void awaitDrained(long deadlineNanos) {
            if (Thread.currentThread() == thread) {
                return; // a subscriber that flushes must not wait for itself
            }
            long target = offered.get();
            while (handled.get() < target) {
                if (!queue.isEmpty()) {
                    ensureDispatching();
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void close() {
            Thread t;
            synchronized (this) {
                stopped = true;
                t = thread;
            }
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
