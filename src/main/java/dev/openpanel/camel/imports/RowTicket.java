package dev.openpanel.camel.imports;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A row's place in its file while rows run concurrently: its admission number, and the earlier rows it must wait for
 * (those touching one of its keys, see {@link RowOrder}). Done once the row's result is recorded, or abandoned when it
 * ended without one; a row waiting for an abandoned one does not run either, so the next run finds them in order.
 */
final class RowTicket {

    private final int sequence;
    private final int row;
    private final List<RowTicket> predecessors;
    private final CompletableFuture<Boolean> done = new CompletableFuture<>();

    RowTicket(int sequence, int row, List<RowTicket> predecessors) {
        this.sequence = sequence;
        this.row = row;
        this.predecessors = predecessors;
    }

    /** The 0-based order in which the file's rows were admitted (row order). */
    int sequence() {
        return sequence;
    }

    /** The row's number in the file. */
    int row() {
        return row;
    }

    /**
     * Waits until every earlier row sharing a key with this one has its result.
     *
     * @throws RowOrderBrokenException when one of them ended without a result
     */
    void awaitTurn() {
        for (RowTicket earlier : predecessors) {
            boolean recorded;
            try {
                recorded = earlier.done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RowOrderBrokenException(row, earlier.row);
            } catch (ExecutionException e) {
                recorded = false;
            }
            if (!recorded) {
                throw new RowOrderBrokenException(row, earlier.row);
            }
        }
    }

    /** Marks the row finished: with its result recorded, or not (it stopped); only the first call counts (true). */
    boolean finish(boolean recorded) {
        return done.complete(recorded);
    }

    boolean isFinished() {
        return done.isDone();
    }
}
