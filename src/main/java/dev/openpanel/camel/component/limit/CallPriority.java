package dev.openpanel.camel.component.limit;

import dev.openpanel.camel.component.model.LowerCaseEnums;

/**
 * Which of the calls waiting for a permit goes first. {@link #URGENT} calls (deployment events, one-shot commands,
 * anything not marked otherwise) go ahead of {@link #BULK} calls (imports, cleanups), which still get at least one
 * permit in every {@value PermitQueue#BULK_SHARE} while they wait. Bulk calls are also paced once they keep the
 * budget busy, so that a free slot comes up every {@code (period + margin) / budget} rather than all at once.
 */
public enum CallPriority {

    /** Goes ahead of bulk work; the default. */
    URGENT,
    /** Long-running work that yields to urgent calls and is spread across the window. */
    BULK;

    /** The value in endpoint options and headers: {@code urgent} or {@code bulk}. */
    public String value() {
        return LowerCaseEnums.value(this);
    }

    /**
     * The priority named by a value, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CallPriority parse(String value) {
        return LowerCaseEnums.parse(CallPriority.class, value, "call priority");
    }
}
