package dev.openpanel.camel.component.model;

import java.net.URI;
import java.net.URISyntaxException;

/** The API's rule for a project's domain and CORS origins: an absolute URL (an http(s) one must name a host). */
public final class AbsoluteUrls {

    /** What the error messages show as an example. */
    public static final String EXAMPLE = "https://shop.example.com";

    private AbsoluteUrls() {
    }

    public static boolean isAbsolute(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return uri.getScheme() != null && (!web || uri.getHost() != null);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
