package dev.openpanel.camel.provisioning;

import java.util.Locale;

/**
 * Recognises the request content types the HTTP server (Vert.x) decodes into form fields, leaving no body to read:
 * {@code application/x-www-form-urlencoded} (what {@code curl --data} sends without a {@code Content-Type} header) and
 * {@code multipart/form-data}. Any other content type, or none, is read as the JSON event it carries.
 */
final class FormBodies {

    private FormBodies() {
    }

    /** The form content type of a {@code Content-Type} header value, or null when the body is not a form. */
    static String formType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data") ? type : null;
    }

    /** The one sentence of the {@code 415} answer. */
    static String refusal(String formType) {
        return "the event was sent as " + formType + " (curl --data does that unless told otherwise): send the JSON "
                + "with the header 'Content-Type: application/json'";
    }
}
