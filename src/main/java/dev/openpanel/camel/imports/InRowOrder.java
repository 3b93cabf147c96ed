package dev.openpanel.camel.imports;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hands on values that arrive out of order (rows finishing concurrently) in their admission order: a value waits
 * until every earlier one has arrived. {@link #flush} hands on what is left, in order, when no more will come.
 */
final class InRowOrder<T> {

    private final Consumer<T> next;
    private final TreeMap<Integer, T> waiting = new TreeMap<>();
    private int expected;

    InRowOrder(Consumer<T> next) {
        this.next = next;
    }

    synchronized void accept(int sequence, T value) {
        waiting.put(sequence, value);
        while (!waiting.isEmpty() && waiting.firstKey() == expected) {
            next.accept(waiting.pollFirstEntry().getValue());
            expected++;
        }
    }

    synchronized void flush() {
        for (Map.Entry<Integer, T> entry : waiting.entrySet()) {
            next.accept(entry.getValue());
        }
        waiting.clear();
    }
}
