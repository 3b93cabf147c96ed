package dev.openpanel.camel.component.error;

import java.util.List;

/**
 * A natural key (PRODUCT.md section 6) matches several resources, so {@code ensure} cannot tell which one is meant; or
 * a create interrupted before its answer was made more than once. Nothing was sent. Permanent: a person must delete or
 * rename all but one, or name the resource by id.
 */
public class AmbiguousResourceException extends OpenPanelApiException {

    private final List<String> ids;

    public AmbiguousResourceException(String method, String path, String reason, List<String> ids) {
        super(ApiFailure.unanswered(method, path, reason), "Ambiguous", null);
        this.ids = List.copyOf(ids);
    }

    /** The ids of the matching resources. */
    public List<String> getIds() {
        return ids;
    }

    @Override
    public boolean isPermanent() {
        return true;
    }
}
