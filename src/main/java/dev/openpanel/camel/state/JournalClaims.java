package dev.openpanel.camel.state;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who in this process is at a journal file: the threads that have it open, or the one deleting it. A file lock cannot
 * tell them apart within one JVM (a second lock there fails instead of waiting), so this does: an opener waits while
 * the file is being deleted and then finds it gone, and a deletion gives way to any opener.
 */
final class JournalClaims {

    private final Map<Path, Integer> open = new HashMap<>();
    private final Set<Path> deleting = new HashSet<>();

    /** Claims the file for an opener, waiting while it is being deleted. */
    synchronized void open(Path file) {
        boolean interrupted = false;
        while (deleting.contains(file)) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        open.merge(file, 1, Integer::sum);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** An opener is done with the file. */
    synchronized void closed(Path file) {
        open.computeIfPresent(file, (key, count) -> count == 1 ? null : count - 1);
    }

    /** Claims the file for deleting it; false while anyone here has it. */
    synchronized boolean tryDelete(Path file) {
        if (open.containsKey(file) || deleting.contains(file)) {
            return false;
        }
        return deleting.add(file);
    }

    /** The deletion is over (done or given up); waiting openers go on. */
    synchronized void deleted(Path file) {
        deleting.remove(file);
        notifyAll();
    }
}
