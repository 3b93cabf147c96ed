package dev.openpanel.camel.imports;

/** Planning a row needs a listing the file's snapshot does not have yet: the route lists it, then plans again. */
final class ListingNeeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String resource;

    ListingNeeded(String resource) {
        super("the row needs the listing of " + resource, null, false, false);
        this.resource = resource;
    }

    /** projects, clients or references. */
    String resource() {
        return resource;
    }
}
