package dev.openpanel.camel.provisioning.event;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/**
 * The shape of an {@link EventDocument}, read from its record components: which fields an object has, what a value
 * must be, and the order in which problems are listed (the schema's order, so one event always gives one answer).
 */
final class EventSchema {

    private static final Pattern SEGMENT = Pattern.compile("\\[(\\d+)]|([^.\\[]+)");

    /** Problems in the order of the fields they are about; an unknown field first in its object; then by message. */
    static final Comparator<EventProblem> ORDER = Comparator.<EventProblem, List<Integer>>comparing(
            problem -> ranks(problem.path()), EventSchema::compareRanks).thenComparing(EventProblem::message);

    private EventSchema() {
    }

    /** The field names of the object at {@code path}, in order ({@code ""}: the event itself). */
    static List<String> fieldsAt(String path) {
        Type type = typeAt(path);
        if (type instanceof Class<?> record && record.isRecord()) {
            return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        }
        return List.of();
    }

    /** What the value at {@code path} must be, for a message: {@code a string}, {@code a list of strings}. */
    static String expectedAt(String path) {
        Type type = typeAt(path);
        return type == null ? "something else" : describe(type);
    }

    private static String describe(Type type) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return "a list of " + plural(list.getActualTypeArguments()[0]);
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    private static String plural(Type element) {
        if (element == String.class) {
            return "strings";
        }
        JsonClassDescription description = element instanceof Class<?> c ? c.getAnnotation(JsonClassDescription.class) : null;
        return description != null ? description.value() : "objects";
    }

    /** The type of the value at {@code path}, or null when the path leaves the schema (an unknown field). */
    private static Type typeAt(String path) {
        Type type = EventDocument.class;
        Matcher segment = SEGMENT.matcher(path);
        while (type != null && segment.find()) {
            type = segment.group(1) != null ? elementOf(type) : componentOf(type, segment.group(2));
        }
        return type;
    }

    private static Type elementOf(Type type) {
        return type instanceof ParameterizedType list ? list.getActualTypeArguments()[0] : null;
    }

    private static Type componentOf(Type type, String name) {
        if (type instanceof Class<?> record && record.isRecord()) {
            for (RecordComponent component : record.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getGenericType();
                }
            }
        }
        return null;
    }

    /** Each segment's position: a field's index among its record's components (-1: unknown), an element's index. */
    private static List<Integer> ranks(String path) {
        List<Integer> ranks = new ArrayList<>();
        Type type = EventDocument.class;
        Matcher segment = SEGMENT.matcher(path);
        while (segment.find()) {
            if (segment.group(1) != null) {
                ranks.add(Integer.parseInt(segment.group(1)));
                type = type == null ? null : elementOf(type);
            } else {
                ranks.add(fieldIndex(type, segment.group(2)));
                type = type == null ? null : componentOf(type, segment.group(2));
            }
        }
        return ranks;
    }

    private static int fieldIndex(Type type, String name) {
        if (type instanceof Class<?> record && record.isRecord()) {
            RecordComponent[] components = record.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int compareRanks(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = Integer.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
