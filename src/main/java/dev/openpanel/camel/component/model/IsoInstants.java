package dev.openpanel.camel.component.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.openpanel.camel.logging.InputEcho;

/**
 * Parses the date-times users write: an ISO-8601 instant or offset date-time, or a bare date meaning 00:00 UTC.
 * The API accepts any string here and answers 500 for one that is not a date, so values are checked before sending.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /**
     * Parses {@code 2026-11-22T10:00:00Z}, {@code 2026-11-22T12:00:00+02:00} or {@code 2026-11-22}.
     *
     * @throws IllegalArgumentException with a message a person understands, for anything else
     */
    public static Instant parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a date-time is required (ISO-8601, e.g. 2026-11-22T10:00:00Z)");
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + InputEcho.quoted(value) + "' is not an ISO-8601 date-time with a zone "
                    + "(e.g. 2026-11-22T10:00:00Z) or a date (2026-11-22)");
        }
    }
}
