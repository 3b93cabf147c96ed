package dev.openpanel.camel.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.files.PrivateFiles;
import dev.openpanel.camel.state.JournalStore.Removal;

/**
 * An append-only file of JSON lines, each forced to disk before {@link #append} returns: the tool's record of work in
 * progress, which is what survives a crash. On opening, the lines written before are replayed to the caller and a
 * last line torn by a crash is cut off, so the next append starts on a clean line. The file (0600, in 0700 folders) is
 * locked while open: a second process that opens it waits until the first closes it. A journal of finished work can
 * be deleted once it is old ({@link #deleteIfFinished}), never while it is open.
 */
public final class JsonLinesJournal implements Journal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JournalClaims CLAIMS = new JournalClaims();

    private final Path file;
    private final Path claim;
    private final FileChannel channel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JsonLinesJournal(Path file, Consumer<JsonNode> replay) throws IOException {
        this.file = file;
        this.claim = file.toAbsolutePath().normalize();
        CLAIMS.open(claim);
        FileChannel opened = null;
        try {
            PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
            opened = PrivateFiles.openForWriting(file);
            try {
                // another process on the same work (a one-shot command beside the service) finishes first
                opened.lock();
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException("the journal " + file + " is already open in this process: the same work runs twice", e);
            }
            long intact = replay(file, replay);
            opened.truncate(intact);
            opened.position(intact);
            this.channel = opened;
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            CLAIMS.closed(claim);
            throw e;
        }
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

    /**
     * Reads the intact lines of a journal without opening it for writing or taking its lock: a snapshot for readers
     * that only report (a line being written is not seen; a torn last line is skipped).
     *
     * @return false when there is no such file
     * @throws UncheckedIOException when the file cannot be read
     */
    public static boolean read(Path file, Consumer<JsonNode> consumer) {
        try {
            replay(file, consumer);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
    }

    /** Writes the line and forces it to disk. */
    @Override
    public void append(ObjectNode line) {
        try {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    /** Reads every line from disk, one at a time (for journals too long to keep in memory). */
    @Override
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            CLAIMS.closed(claim);
        }
    }

    /**
     * Deletes a journal whose work is finished (it has a line of type {@code finishedType}) and that was last
     * modified before the cutoff, unless it is in use: open in this process, or locked by another one. The file is
     * deleted while locked; an opener elsewhere that was waiting for the lock then reads a finished record, and having
     * nothing left to do, writes nothing to the deleted file.
     *
     * @throws UncheckedIOException when the file cannot be read or deleted
     */
    public static Removal deleteIfFinished(Path file, String finishedType, Instant cutoff) {
        Path claim = file.toAbsolutePath().normalize();
        try {
            if (!Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                return Removal.RECENT;
            }
            if (!CLAIMS.tryDelete(claim)) {
                return Removal.IN_USE;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    return Removal.IN_USE;
                }
                if (!hasLine(file, finishedType)) {
                    return Removal.UNFINISHED;
                }
                Files.delete(file);
                return Removal.DELETED;
            } finally {
                CLAIMS.deleted(claim);
            }
        } catch (NoSuchFileException e) {
            return Removal.RECENT;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static boolean hasLine(Path file, String type) throws IOException {
        String marker = "\"" + type + "\"";
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                if (text.contains(marker) && isType(text, type)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isType(String text, String type) {
        try {
            return type.equals(JSON.readTree(text).path("t").asText());
        } catch (JsonProcessingException e) {
            return false;
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
