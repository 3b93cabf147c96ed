package dev.openpanel.camel.cluster;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.state.Journal;
import dev.openpanel.camel.state.JournalStore;

/**
 * The jobs' journals in cluster mode: rows of the cluster's database ({@code openpanel_journals},
 * {@code openpanel_journal_lines}) instead of files under {@code data/state/}, so that all instances share one record
 * of the imports, events and rotations done and in progress, whether or not they share a data directory. A journal
 * keeps the name its file would have (its path under the data directory). Opening one takes its advisory lock on a
 * session of its own ({@link DatabaseJournal}): another instance waits while it is open, and takes it over, with
 * everything it records, as soon as the instance that had it dies.
 */
public final class DatabaseJournalStore implements JournalStore {

    private final ClusterDatabase database;
    private final Path root;
    private final Set<String> openHere = ConcurrentHashMap.newKeySet();

    /** @param root the data directory, under which journals are named */
    public DatabaseJournalStore(ClusterDatabase database, Path root) {
        this.database = database;
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Journal open(Path journal, Consumer<JsonNode> replay) {
        String name = name(journal);
        if (!openHere.add(name)) {
            throw new IllegalStateException("the journal " + name + " is already open in this process: the same work runs twice");
        }
        try {
            return DatabaseJournal.open(database, name, folder(name), replay, () -> openHere.remove(name));
        } catch (RuntimeException e) {
            openHere.remove(name);
            throw e;
        }
    }

    @Override
    public boolean read(Path journal, Consumer<JsonNode> consumer) {
        String name = name(journal);
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM openpanel_journals WHERE journal = ?")) {
                    exists.setString(1, name);
                    try (ResultSet found = exists.executeQuery()) {
                        if (!found.next()) {
                            return false;
                        }
                    }
                }
                DatabaseJournal.lines(connection, name, consumer);
                return true;
            });
        } catch (SQLException e) {
            throw DatabaseJournal.failure("cannot read the journal " + name, e);
        }
    }

    @Override
    public Removal deleteIfFinished(Path journal, String finishedType, Instant cutoff) {
        String name = name(journal);
        if (openHere.contains(name)) {
            return Removal.IN_USE;
        }
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement changed = connection.prepareStatement("SELECT changed_at < ? FROM openpanel_journals WHERE journal = ?")) {
                    changed.setTimestamp(1, Timestamp.from(cutoff));
                    changed.setString(2, name);
                    try (ResultSet old = changed.executeQuery()) {
                        if (!old.next() || !old.getBoolean(1)) {
                            return Removal.RECENT;
                        }
                    }
                }
                // released when this transaction ends; an opener elsewhere holds the session lock of the same key
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(" + DatabaseJournal.LOCK_KEY + ")")) {
                    lock.setString(1, name);
                    try (ResultSet taken = lock.executeQuery()) {
                        taken.next();
                        if (!taken.getBoolean(1)) {
                            return Removal.IN_USE;
                        }
                    }
                }
                try (PreparedStatement finished = connection.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM openpanel_journal_lines WHERE journal = ? AND type = ?)")) {
                    finished.setString(1, name);
                    finished.setString(2, finishedType);
                    try (ResultSet result = finished.executeQuery()) {
                        result.next();
                        if (!result.getBoolean(1)) {
                            return Removal.UNFINISHED;
                        }
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM openpanel_journals WHERE journal = ?")) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
                return Removal.DELETED;
            });
        } catch (SQLException e) {
            throw DatabaseJournal.failure("cannot delete the journal " + name, e);
        }
    }

    @Override
    public List<Path> list(Path folder) {
        String name = name(folder);
        return names("SELECT journal FROM openpanel_journals WHERE folder = ? ORDER BY journal", name);
    }

    @Override
    public List<Path> listApiJournals(Path state, List<String> folders) {
        String prefix = name(state) + "/";
        List<Path> journals = new ArrayList<>();
        for (Path journal : names("SELECT journal FROM openpanel_journals WHERE starts_with(folder, ?) ORDER BY journal", prefix)) {
            Path folder = journal.getParent();
            if (folder.getParent().getParent().equals(root.resolve(name(state))) && folders.contains(folder.getFileName().toString())) {
                journals.add(journal);
            }
        }
        return journals;
    }

    private List<Path> names(String query, String parameter) {
        try {
            return database.inTransaction(connection -> {
                List<Path> journals = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(query)) {
                    select.setString(1, parameter);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            journals.add(root.resolve(rows.getString(1)));
                        }
                    }
                }
                return journals;
            });
        } catch (SQLException e) {
            throw DatabaseJournal.failure("cannot list the journals under " + parameter, e);
        }
    }

    /** A path's name under the data directory: {@code state/<api>/imports/projects-<digest>.jsonl}. */
    private String name(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(root) || absolute.equals(root)) {
            throw new IllegalArgumentException("a journal must be under the data directory " + root + ": " + path);
        }
        return root.relativize(absolute).toString();
    }

    private static String folder(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }
}
