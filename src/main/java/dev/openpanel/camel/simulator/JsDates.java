package dev.openpanel.camel.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code new Date(text)} makes of a string on a server running in UTC: ISO forms (a bare date is midnight UTC,
 * a date-time without offset is local, i.e. UTC), and the common English forms V8 also accepts
 * ({@code June 5, 2025 10:00}, RFC 1123). Anything else is an invalid date, which the API turns into a 500.
 */
final class JsDates {

    private static final List<DateTimeFormatter> LOOSE = List.of(
            DateTimeFormatter.ofPattern("MMMM d, yyyy HH:mm[:ss]", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm[:ss]", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d yyyy HH:mm[:ss]", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm[:ss]", Locale.ENGLISH));
    private static final List<DateTimeFormatter> LOOSE_DATES = List.of(
            DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));

    private JsDates() {
    }

    static Optional<Instant> parse(String text) {
        return parseExact(text).map(instant -> instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Optional<Instant> parseExact(String text) {
        String value = text.trim();
        try {
            if (value.matches("\\d{4}")) {
                return Optional.of(LocalDate.of(Integer.parseInt(value), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (value.matches("\\d{4}-\\d{2}")) {
                return Optional.of(YearMonth.parse(value).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}T.*(Z|[+-]\\d{2}:?\\d{2})")) {
                return Optional.of(OffsetDateTime.parse(value.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant());
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        for (DateTimeFormatter format : LOOSE) {
            try {
                return Optional.of(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        for (DateTimeFormatter format : LOOSE_DATES) {
            try {
                return Optional.of(LocalDate.parse(value, format).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
