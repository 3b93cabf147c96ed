package dev.openpanel.camel.imports;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The listings a file's rows need, made once however many rows need them at the same time: the first row to need a
 * kind lists it (an openpanel: list step of the route), the others wait for that listing instead of making their own.
 */
final class FileListings {

    private final Map<String, CompletableFuture<Void>> listings = new HashMap<>();
    private final Map<String, Object> owners = new HashMap<>();

    /**
     * Whether the caller (a row that needs the listing) is the one to list the resource; false when another row is
     * listing it (wait with {@link #await}). A listing made before and needed again (it went stale) is claimed anew.
     */
    synchronized boolean claim(String resource, Object owner) {
        CompletableFuture<Void> existing = listings.get(resource);
        if (existing == null || existing.isDone()) {
            listings.put(resource, new CompletableFuture<>());
            owners.put(resource, owner);
            return true;
        }
        return false;
    }

    /** Waits for the listing another row makes; it fails when that row stopped without listing. */
    void await(String resource) {
        CompletableFuture<Void> listing;
        synchronized (this) {
            listing = listings.get(resource);
        }
        try {
            listing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the listing of " + resource, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the listing of " + resource + " stopped before it was made; the import "
                    + "resumes on the next run", e.getCause());
        }
    }

    /** The listing of the resource was made. */
    synchronized void listed(String resource) {
        CompletableFuture<Void> listing = listings.computeIfAbsent(resource, r -> new CompletableFuture<>());
        listing.complete(null);
        owners.remove(resource);
    }

    /** The owner ended: a listing it claimed but did not make fails for those waiting on it. */
    synchronized void release(Object owner) {
        owners.entrySet().removeIf(entry -> {
            if (entry.getValue() != owner) {
                return false;
            }
            listings.get(entry.getKey()).completeExceptionally(new IllegalStateException("stopped"));
            return true;
        });
    }
}
