package dev.openpanel.camel.state;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A journal open for writing: an append-only record of work in progress, one JSON object per line, each durable before
 * {@link #append} returns. While it is open no one else (in this process or another, on this machine or, in cluster
 * mode, on any instance) can open it; they wait until it is closed. Where it lives is the {@link JournalStore}'s
 * business.
 */
public interface Journal extends AutoCloseable {

    /** A new line of the given type ({@code "t"}) to fill in and {@link #append}. */
    static ObjectNode line(String type) {
        return JsonNodeFactory.instance.objectNode().put("t", type);
    }

    /** Writes the line durably (a file forced to disk, or a committed row). */
    void append(ObjectNode line);

    /** Reads every line written so far, in order, one at a time (for journals too long to keep in memory). */
    void forEach(Consumer<JsonNode> consumer);

    /** Lets the next opener in. */
    @Override
    void close();
}
