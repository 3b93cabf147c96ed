package dev.openpanel.camel.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An append-only file of JSON lines, each forced to disk before {@link #append} returns: the tool's record of work in
 * progress, which is what survives a crash. On opening, the lines written before are replayed to the caller and a
 * last line torn by a crash is cut off, so the next append starts on a clean line. The file is locked while open: a
 * second process that opens it waits until the first closes it.
 */
public final class JsonLinesJournal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private JsonLinesJournal(Path file, Consumer<JsonNode> replay) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            // another process on the same work (a one-shot command beside the service) finishes first
            channel.lock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IllegalStateException("the journal " + file + " is already open in this process: the same work runs twice", e);
        }
        long intact = replay(file, replay);
        channel.truncate(intact);
        channel.position(intact);
    }

    /**
     * Opens (or creates) a journal, handing every intact line written before to {@code replay}, in order.
     *
     * @throws UncheckedIOException when the file cannot be read or opened for writing
     */
    public static JsonLinesJournal open(Path file, Consumer<JsonNode> replay) {
        try {
            return new JsonLinesJournal(file, replay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    /** A new line to fill in and {@link #append}. */
    public static ObjectNode line(String type) {
        return JSON.createObjectNode().put("t", type);
    }

    /** Writes the line and forces it to disk. */
    public void append(ObjectNode line) {
        try {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    /** Reads every line from disk, one at a time (for journals too long to keep in memory). */
    public void forEach(Consumer<JsonNode> consumer) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                consumer.accept(JSON.readTree(text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays the journal and returns the length of its intact part (up to the last complete line). */
    private static long replay(Path file, Consumer<JsonNode> consumer) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int intact = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                break;
            }
            intact = start;
            consumer.accept(line);
        }
        return intact;
    }
}
