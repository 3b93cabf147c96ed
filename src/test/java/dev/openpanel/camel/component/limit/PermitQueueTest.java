package dev.openpanel.camel.component.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Whose turn it is among the waiting callers. */
class PermitQueueTest {

    private final PermitQueue queue = new PermitQueue();

    @Test
    void urgentCallersGoBeforeBulkOnesThatCameEarlierAndEachKindKeepsItsOrder() {
        PermitQueue.Waiter bulk1 = queue.join(CallPriority.BULK);
        PermitQueue.Waiter bulk2 = queue.join(CallPriority.BULK);
        PermitQueue.Waiter urgent1 = queue.join(CallPriority.URGENT);
        PermitQueue.Waiter urgent2 = queue.join(CallPriority.URGENT);
        assertThat(serveAll()).containsExactly(urgent1, urgent2, bulk1, bulk2);
    }

    @Test
    void bulkWorkGetsOnePermitInEveryFourWhileUrgentCallersKeepComing() {
        List<PermitQueue.Waiter> bulk = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bulk.add(queue.join(CallPriority.BULK));
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            queue.join(CallPriority.URGENT);
            PermitQueue.Waiter next = queue.next();
            order.add(next.priority == CallPriority.BULK ? "B" : "U");
            queue.served(next);
        }
        assertThat(String.join("", order)).isEqualTo("UUUBUUUBUUUB");
        assertThat(queue.waiting(CallPriority.BULK)).isZero();
        assertThat(queue.waiting(CallPriority.URGENT)).isEqualTo(3);
    }

    @Test
    void urgentPermitsWhileNoBulkCallerWaitsDoNotCountAgainstItsShare() {
        for (int i = 0; i < 5; i++) {
            queue.served(queue.join(CallPriority.URGENT));
        }
        queue.join(CallPriority.BULK);
        queue.join(CallPriority.URGENT);
        queue.join(CallPriority.URGENT);
        assertThat(queue.next().priority).isEqualTo(CallPriority.URGENT);
    }

    @Test
    void aCallerThatGivesUpLeavesTheQueue() {
        PermitQueue.Waiter urgent = queue.join(CallPriority.URGENT);
        PermitQueue.Waiter bulk = queue.join(CallPriority.BULK);
        queue.leave(urgent);
        assertThat(queue.next()).isSameAs(bulk);
        queue.leave(bulk);
        assertThat(queue.next()).isNull();
    }

    private List<PermitQueue.Waiter> serveAll() {
        List<PermitQueue.Waiter> served = new ArrayList<>();
        for (PermitQueue.Waiter next = queue.next(); next != null; next = queue.next()) {
            queue.served(next);
            served.add(next);
        }
        return served;
    }
}
