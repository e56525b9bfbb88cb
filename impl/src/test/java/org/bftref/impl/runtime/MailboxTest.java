package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void aFullMailboxRefusesMessagesButNeverControlItems() throws InterruptedException {
        Mailbox<String> box = new Mailbox<>(2);
        assertTrue(box.offer("m1"));
        assertTrue(box.offer("m2"));
        assertFalse(box.offer("m3"), "full: the caller drops and counts");
        assertTrue(box.offerControl("timer"));
        assertEquals("timer", box.take(), "control items come before messages");
        assertEquals("m1", box.take());
        assertEquals("m2", box.take());
        assertNull(box.poll(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void closingWakesTheConsumerAndRefusesEverything() throws InterruptedException {
        Mailbox<String> box = new Mailbox<>(4);
        box.offer("queued");
        Thread consumer = new Thread(() -> {
            try {
                box.take(); // the queued one
                assertNull(box.take(), "closed while waiting: null");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        Thread.sleep(50);
        box.close();
        consumer.join(2_000);
        assertFalse(consumer.isAlive());
        assertFalse(box.offer("late"));
        assertFalse(box.offerControl("late"));
    }

    @Test
    void concurrentProducersLoseNothingAcceptedAndDuplicateNothing() throws InterruptedException {
        int producers = 4;
        int each = 5_000;
        Mailbox<Integer> box = new Mailbox<>(1_000);
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * each;
            threads.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    if (!box.offer(base + i)) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        Set<Integer> taken = new HashSet<>();
        int duplicates = 0;
        threads.forEach(Thread::start);
        while (threads.stream().anyMatch(Thread::isAlive) || box.size() > 0) {
            Integer m = box.poll(5, TimeUnit.MILLISECONDS);
            if (m != null && !taken.add(m)) {
                duplicates++;
            }
        }
        assertEquals(0, duplicates);
        assertEquals(producers * each, taken.size() + refused.get(), "every message was taken or refused");
    }
}
