package dev.openpanel.camel.component.api;

import java.util.List;

/**
 * What a lookup by natural key found: nothing (the create did not take effect: it is safe to send it again), exactly
 * one resource (it did: use it, its secret is lost), or several (a person must decide).
 *
 * @param matches the resources that have the natural key and were created no earlier than the request was sent
 */
public record Resolution<T>(List<T> matches) {

    public Resolution {
        matches = List.copyOf(matches);
    }

    public boolean isAbsent() {
        return matches.isEmpty();
    }

    public boolean isFound() {
        return matches.size() == 1;
    }

    public boolean isAmbiguous() {
        return matches.size() > 1;
    }

    /** The one match. */
    public T found() {
        if (!isFound()) {
            throw new IllegalStateException("expected exactly one match, found " + matches.size());
        }
        return matches.get(0);
    }
}
