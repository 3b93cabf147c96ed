package dev.openpanel.camel.component.ensure;

import java.util.List;

/**
 * What a write decided and did: the outcome ({@code created}, {@code updated}, {@code unchanged}, {@code deleted},
 * {@code already-gone}, or in a dry run {@code would-create} / {@code would-update}), the id, the body to hand on,
 * the fields it changed, a note, and whether the resource was created by an earlier attempt whose answer was lost
 * (its secret is then not in this answer). For a recovered project, {@code firstClientId} is the write client the API
 * made with it (its secret lost with the answer), or null.
 */
public record WriteResult(String outcome, String id, Object body, List<String> changedFields, String note, boolean recovered,
        String firstClientId) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String UNCHANGED = "unchanged";
    public static final String DELETED = "deleted";
    public static final String ALREADY_GONE = "already-gone";
    public static final String WOULD_CREATE = "would-create";
    public static final String WOULD_UPDATE = "would-update";

    /**
     * What a job says of a resource whose create was resolved by lookup after an interruption ({@code recovered}): its
     * secret was never recorded, so the client must be rotated.
     */
    public static String lostSecretNote(String clientId) {
        return "created before an interruption; its secret was not recorded and cannot be recovered: rotate client " + clientId;
    }

    public WriteResult(String outcome, String id, Object body, List<String> changedFields, String note, boolean recovered) {
        this(outcome, id, body, changedFields, note, recovered, null);
    }

    public WriteResult {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
