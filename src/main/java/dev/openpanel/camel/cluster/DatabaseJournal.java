package dev.openpanel.camel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.state.Journal;

/**
 * One journal open for writing in the cluster's database, on a session of its own that holds the journal's advisory
 * lock for as long as it is open: another instance that opens the same journal waits until this one closes it or
 * dies. Every line is written on that session, so an instance whose session the database ended (it was cut off, and
 * another may have taken the work over) can write nothing more to the journal.
 */
final class DatabaseJournal implements Journal {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_WAIT_MS = 50;
    private static final long LONGEST_WAIT_MS = 1_000;
    private static final int FETCH_SIZE = 1_000;

    static final String LOCK_KEY = "hashtextextended(?, 0)";

    private final String name;
    private final Connection session;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DatabaseJournal(String name, Connection session, Runnable onClose) {
        this.name = name;
        this.session = session;
        this.onClose = onClose;
    }

    /** Opens the journal on a session of its own, waiting for its lock, and replays what it holds. */
    static DatabaseJournal open(ClusterDatabase database, String name, String folder, Consumer<JsonNode> replay, Runnable onClose) {
        Connection session = null;
        try {
            session = database.sessionConnection();
            lock(session, name);
            try (PreparedStatement insert = session.prepareStatement(
                    "INSERT INTO openpanel_journals (journal, folder) VALUES (?, ?) ON CONFLICT (journal) DO NOTHING")) {
                insert.setString(1, name);
                insert.setString(2, folder);
                insert.executeUpdate();
            }
            DatabaseJournal journal = new DatabaseJournal(name, session, onClose);
            journal.forEach(replay);
            return journal;
        } catch (SQLException e) {
            closeQuietly(session);
            throw failure("cannot open the journal " + name, e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    @Override
    public synchronized void append(ObjectNode line) {
        try (PreparedStatement insert = session.prepareStatement("WITH line AS (INSERT INTO openpanel_journal_lines (journal, type, line)"
                + " VALUES (?, ?, ?)) UPDATE openpanel_journals SET changed_at = clock_timestamp() WHERE journal = ?")) {
            insert.setString(1, name);
            insert.setString(2, line.path("t").asText());
            insert.setString(3, JSON.writeValueAsString(line));
            insert.setString(4, name);
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw failure("cannot write the journal " + name, e);
        }
    }

    @Override
    public synchronized void forEach(Consumer<JsonNode> consumer) {
        try {
            session.setAutoCommit(false);
            try {
                lines(session, name, consumer);
            } finally {
                session.commit();
                session.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("cannot read the journal " + name, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // ends the session, and with it the lock
            closeQuietly(session);
        } finally {
            onClose.run();
        }
    }

    /** Reads the journal's lines in order on a connection (a cursor of {@value #FETCH_SIZE} lines inside a transaction). */
    static void lines(Connection connection, String name, Consumer<JsonNode> consumer) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT line FROM openpanel_journal_lines WHERE journal = ? ORDER BY seq")) {
            select.setFetchSize(FETCH_SIZE);
            select.setString(1, name);
            try (ResultSet lines = select.executeQuery()) {
                while (lines.next()) {
                    consumer.accept(parse(lines.getString(1)));
                }
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal line is not JSON", e);
        }
    }

    /** Waits for the journal's lock, polling, so the wait can be interrupted and says once whom it waits for. */
    private static void lock(Connection session, String name) throws SQLException {
        long wait = FIRST_WAIT_MS;
        boolean said = false;
        while (true) {
            try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                lock.setString(1, name);
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        return;
                    }
                }
            }
            if (!said) {
                LOG.info("The journal {} is open on another instance: waiting until it is closed", name);
                said = true;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the journal " + name, "57014", e);
            }
            wait = Math.min(LONGEST_WAIT_MS, wait * 2);
        }
    }

    static UncheckedIOException failure(String what, Exception e) {
        String why = e instanceof SQLException sql ? ClusterDatabase.describe(sql) : e.getMessage();
        return new UncheckedIOException(new IOException(what + ": " + why, e));
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session is gone either way
        }
    }
}
