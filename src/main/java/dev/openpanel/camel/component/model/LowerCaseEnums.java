package dev.openpanel.camel.component.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.openpanel.camel.logging.InputEcho;

/** Parses the enums whose API and URI form is their lower-case name ({@code website}, {@code read}, {@code create}). */
public final class LowerCaseEnums {

    private static final ClassValue<String[]> LOWER_CASE_NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
        }
    };

    private LowerCaseEnums() {
    }

    /** The lower-case form of a constant. */
    public static String value(Enum<?> constant) {
        return LOWER_CASE_NAMES.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    /**
     * Parses text case-insensitively, ignoring surrounding spaces.
     *
     * @param what the thing being parsed, for the message: {@code "project type"}
     * @throws IllegalArgumentException listing the accepted values
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String[] names = LOWER_CASE_NAMES.get(type);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(wanted)) {
                return type.getEnumConstants()[i];
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + InputEcho.quoted(text) + "': expected one of "
                + Arrays.stream(type.getEnumConstants()).map(LowerCaseEnums::value).collect(Collectors.joining(", ")));
    }
}
