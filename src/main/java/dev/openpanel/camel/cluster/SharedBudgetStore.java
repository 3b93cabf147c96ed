package dev.openpanel.camel.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Predicate;

import dev.openpanel.camel.component.limit.CallPriority;

/**
 * The SQL of the shared budget: the sliding log of every instance's sends ({@code openpanel_rate_sends}) and one row
 * of what the server said per root client ({@code openpanel_rate_budget}), all timed by the database's clock
 * ({@code clock_timestamp()}). Durations cross the wire as microseconds, so an instance never compares its own clock
 * with the database's. Stateless: {@link ClusterRateLimiter} decides when to call it.
 * <p>
 * A permit is one transaction of three statements: lock the client's budget row ({@code SELECT ... FOR UPDATE}); read
 * the database's clock and the sends of the last window in a <em>second</em> statement, whose snapshot (read
 * committed) is taken after the lock and so sees every send the previous holder inserted (a single statement would
 * read with the snapshot it had before waiting for the lock, and miss them); then insert the send if it is allowed.
 */
final class SharedBudgetStore {

    private static final String LOCK = "SELECT 1 FROM openpanel_rate_budget WHERE client_key = ? FOR UPDATE";
    private static final String CREATE = "INSERT INTO openpanel_rate_budget (client_key) VALUES (?) ON CONFLICT DO NOTHING";
    private static final String STATE = """
            WITH c AS MATERIALIZED (SELECT clock_timestamp() AS now)
            SELECT openpanel_micros(b.blocked_until - c.now),
                   openpanel_micros(b.bulk_due - c.now),
                   b.extra_margin_us,
                   openpanel_micros(c.now - b.widened_at),
                   openpanel_micros(b.server_window_ends - c.now),
                   b.server_left - (SELECT count(*) FROM openpanel_rate_sends x
                                    WHERE x.client_key = b.client_key AND x.id > b.server_left_after),
                   CASE WHEN b.server_window_ends > c.now THEN b.foreign_requests ELSE 0 END,
                   ARRAY(SELECT openpanel_micros(c.now - s.counted_from) FROM openpanel_rate_sends s
                         WHERE s.client_key = b.client_key
                           AND s.counted_from > c.now - ((? + b.extra_margin_us) * interval '1 microsecond')
                         ORDER BY s.counted_from DESC LIMIT ?),
                   c.now
            FROM c, openpanel_rate_budget b WHERE b.client_key = ?""";
    private static final String INSERT = "INSERT INTO openpanel_rate_sends (client_key, instance_id, priority, granted_at,"
            + " counted_from) VALUES (?, ?, ?, ?, ?) RETURNING id";
    private static final String PACE_BULK = "UPDATE openpanel_rate_budget SET bulk_due = greatest(coalesce(bulk_due,"
            + " clock_timestamp()), clock_timestamp()) + (? * interval '1 microsecond') WHERE client_key = ?";
    private static final String CALM = "UPDATE openpanel_rate_budget SET extra_margin_us = 0 WHERE client_key = ?";
    private static final String PRUNE = "DELETE FROM openpanel_rate_sends WHERE client_key = ?"
            + " AND counted_from < clock_timestamp() - (? * interval '1 microsecond')";
    private static final String RELEASE = "DELETE FROM openpanel_rate_sends WHERE id = ?";
    private static final String COUNT_LATER = "UPDATE openpanel_rate_sends SET counted_from = granted_at + (? * interval"
            + " '1 microsecond') WHERE id = ? AND counted_from < granted_at + (? * interval '1 microsecond')";
    /** Sends of the whole cluster that could lie in the server's window with the refused one (itself included). */
    private static final String COULD_FILL = """
            SELECT count(*), bool_or(b.foreign_seen_at > clock_timestamp() - (? * interval '1 microsecond'))
            FROM openpanel_rate_sends p
            JOIN openpanel_rate_budget b ON b.client_key = p.client_key
            JOIN openpanel_rate_sends s ON s.client_key = p.client_key
             AND s.granted_at > p.granted_at - (? * interval '1 microsecond')
             AND s.granted_at <= p.granted_at + (? * interval '1 microsecond')
            WHERE p.id = ?""";
    private static final String BLOCK = "UPDATE openpanel_rate_budget SET blocked_until = greatest(coalesce(blocked_until,"
            + " clock_timestamp()), clock_timestamp() + (? * interval '1 second')) WHERE client_key = ?";
    private static final String WIDEN = "UPDATE openpanel_rate_budget SET extra_margin_us = least(?, greatest(2 * extra_margin_us,"
            + " ?)), widened_at = clock_timestamp() WHERE client_key = ? RETURNING extra_margin_us";
    /**
     * An answer's {@code x-ratelimit-remaining} that the cluster's own sends cannot explain: someone else spends the client
     * id. Records what the server has left in its window, relative to the answered send (sends granted after it count
     * against it), and when that window ends; writes nothing when the sends explain the count.
     */
    private static final String OBSERVE = """
            WITH c AS MATERIALIZED (SELECT clock_timestamp() AS now),
                 p AS (SELECT id, granted_at FROM openpanel_rate_sends WHERE id = ?),
                 e AS (SELECT count(*) AS explained FROM openpanel_rate_sends s, p, c WHERE s.client_key = ?
                         AND s.granted_at > p.granted_at - (? * interval '1 microsecond')
                         AND s.granted_at <= least(c.now, p.granted_at + (? * interval '1 microsecond'))),
                 a AS (SELECT count(*) AS after_p FROM openpanel_rate_sends s, p WHERE s.client_key = ? AND s.id > p.id)
            UPDATE openpanel_rate_budget b SET
                   server_window_ends = CASE WHEN b.server_window_ends > c.now
                                             THEN greatest(b.server_window_ends, c.now + (? * interval '1 second'))
                                             ELSE c.now + (? * interval '1 second') END,
                   server_left = least(?, CASE WHEN b.server_window_ends > c.now AND b.server_left IS NOT NULL
                                               THEN b.server_left - (SELECT count(*) FROM openpanel_rate_sends x
                                                    WHERE x.client_key = b.client_key AND x.id > b.server_left_after) + a.after_p
                                               ELSE ? END),
                   server_left_after = p.id,
                   foreign_requests = greatest(CASE WHEN b.server_window_ends > c.now THEN b.foreign_requests ELSE 0 END,
                                               ? - e.explained),
                   foreign_seen_at = c.now
            FROM c, p, e, a
            WHERE b.client_key = ? AND ? - e.explained > 0
            RETURNING b.foreign_requests""";

    private final String clientKey;
    private final String instanceId;

    SharedBudgetStore(String clientKey, String instanceId) {
        this.clientKey = clientKey;
        this.instanceId = instanceId;
    }

    /**
     * What the window of the cluster looks like right now, under the budget row's lock: the ages of its newest sends (at
     * most a budget of them, newest first), and what the server said.
     */
    record Window(long blockedMicros, long bulkDueMicros, long extraMicros, long widenedAgeMicros, long serverOpenMicros,
            Integer serverLeft, int foreignRequests, long[] agesMicros, OffsetDateTime now) {
    }

    /** The outcome of one permit transaction: a send's id, or how long to wait before asking again. */
    record Decision(long sendId, long waitMicros, int sentInWindow, int foreignRequests) {

        boolean granted() {
            return sendId > 0;
        }
    }

    /** How the limiter decides from the window; runs inside the transaction, with the lock held. */
    interface Rule {
        /** Microseconds to wait, or 0 to grant now. */
        long waitMicros(Window window);
    }

    /**
     * One permit transaction: locks the client's row, reads the window, and inserts a send when {@code rule} allows it.
     *
     * @param budget        the sends allowed per window: a bulk grant moves the paced schedule on by a window's share
     * @param calmReset     whether the widened spacing goes back to the configured margin (the caller decided from the
     *                      window: no self-inflicted 429 for long enough)
     * @param pruneMicros   when positive, sends counted longer ago than this are deleted in the same transaction
     */
    Decision tryGrant(Connection connection, CallPriority priority, long windowMicros, Rule rule, int budget,
            Predicate<Window> calmReset, long pruneMicros) throws SQLException {
        lock(connection);
        Window window = window(connection, windowMicros, budget);
        if (calmReset.test(window)) {
            update(connection, CALM, clientKey);
            window = window(connection, windowMicros, budget);
        }
        long wait = rule.waitMicros(window);
        int sent = window.agesMicros().length;
        if (wait > 0) {
            return new Decision(0, wait, sent, window.foreignRequests());
        }
        long id;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, clientKey);
            insert.setString(2, instanceId);
            insert.setString(3, priority.value());
            // the time the decision was made on: no send can have slipped into the window since
            insert.setObject(4, window.now());
            insert.setObject(5, window.now());
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
        }
        if (priority == CallPriority.BULK) {
            try (PreparedStatement pace = connection.prepareStatement(PACE_BULK)) {
                pace.setLong(1, (windowMicros + window.extraMicros()) / budget);
                pace.setString(2, clientKey);
                pace.executeUpdate();
            }
        }
        if (pruneMicros > 0) {
            try (PreparedStatement prune = connection.prepareStatement(PRUNE)) {
                prune.setString(1, clientKey);
                prune.setLong(2, pruneMicros);
                prune.executeUpdate();
            }
        }
        return new Decision(id, 0, sent + 1, window.foreignRequests());
    }

    /** A send that the server never counted (refused connection): its slot is free again. */
    void release(Connection connection, long sendId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(RELEASE)) {
            delete.setLong(1, sendId);
            delete.executeUpdate();
        }
    }

    /** Sends whose answers came late count from later: send id to microseconds after their grant. */
    void countLater(Connection connection, Map<Long, Long> latenessMicros) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(COUNT_LATER)) {
            for (Map.Entry<Long, Long> late : latenessMicros.entrySet()) {
                update.setLong(1, late.getValue());
                update.setLong(2, late.getKey());
                update.setLong(3, late.getValue());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** What a 429 was put down to. */
    enum Cause { OTHERS, JITTER }

    /**
     * A 429: every instance waits {@code retryAfterSeconds}, the refused send leaves the log (the server did not count
     * it), and when the cluster's own sends could have filled the server's window while nobody else was seen spending,
     * the spacing widens (doubling from {@code minimumExtraMicros} up to {@code maxExtraMicros}) for every instance.
     */
    Cause rateLimited(Connection connection, long sendId, int retryAfterSeconds, int limit, long windowMicros, long slackMicros,
            long foreignMemoryMicros, long minimumExtraMicros, long maxExtraMicros) throws SQLException {
        lock(connection);
        boolean oursCouldFillIt;
        try (PreparedStatement count = connection.prepareStatement(COULD_FILL)) {
            count.setLong(1, foreignMemoryMicros);
            count.setLong(2, windowMicros + slackMicros);
            count.setLong(3, slackMicros);
            count.setLong(4, sendId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                oursCouldFillIt = rows.getInt(1) >= limit && !rows.getBoolean(2);
            }
        }
        release(connection, sendId);
        try (PreparedStatement block = connection.prepareStatement(BLOCK)) {
            block.setInt(1, retryAfterSeconds);
            block.setString(2, clientKey);
            block.executeUpdate();
        }
        if (!oursCouldFillIt) {
            return Cause.OTHERS;
        }
        try (PreparedStatement widen = connection.prepareStatement(WIDEN)) {
            widen.setLong(1, maxExtraMicros);
            widen.setLong(2, minimumExtraMicros);
            widen.setString(3, clientKey);
            widen.executeQuery().close();
        }
        return Cause.JITTER;
    }

    /**
     * Records an answer's view of the server's window when the cluster's sends cannot explain its count.
     *
     * @return others' requests in the server's window, at least, or -1 when the sends explained the count
     */
    int observeServer(Connection connection, long sendId, int used, int remaining, int resetSeconds, long windowMicros,
            long slackMicros) throws SQLException {
        try (PreparedStatement observe = connection.prepareStatement(OBSERVE)) {
            int i = 1;
            observe.setLong(i++, sendId);
            observe.setString(i++, clientKey);
            observe.setLong(i++, windowMicros);
            observe.setLong(i++, slackMicros);
            observe.setString(i++, clientKey);
            observe.setInt(i++, resetSeconds);
            observe.setInt(i++, resetSeconds);
            observe.setInt(i++, remaining);
            observe.setInt(i++, remaining);
            observe.setInt(i++, used);
            observe.setString(i++, clientKey);
            observe.setInt(i, used);
            try (ResultSet rows = observe.executeQuery()) {
                return rows.next() ? rows.getInt(1) : -1;
            }
        }
    }

    private void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setString(1, clientKey);
            try (ResultSet rows = lock.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            update(connection, CREATE, clientKey);
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the budget row of " + clientKey + " could not be created");
                }
            }
        }
    }

    private Window window(Connection connection, long windowMicros, int budget) throws SQLException {
        try (PreparedStatement state = connection.prepareStatement(STATE)) {
            state.setLong(1, windowMicros);
            state.setInt(2, budget);
            state.setString(3, clientKey);
            try (ResultSet rows = state.executeQuery()) {
                rows.next();
                Array array = rows.getArray(8);
                Object[] boxed = (Object[]) array.getArray();
                long[] ages = new long[boxed.length];
                for (int j = 0; j < boxed.length; j++) {
                    ages[j] = ((Number) boxed[j]).longValue();
                }
                array.free();
                return new Window(micros(rows, 1), micros(rows, 2), rows.getLong(3), micros(rows, 4), micros(rows, 5),
                        left(rows), rows.getInt(7), ages, rows.getObject(9, OffsetDateTime.class));
            }
        }
    }

    /** What the server has left for the cluster in its window, when someone else spends it; else null. */
    private static Integer left(ResultSet rows) throws SQLException {
        long left = rows.getLong(6);
        return rows.wasNull() ? null : (int) left;
    }

    /** A nullable microseconds column; null (no such time) as {@link Long#MIN_VALUE}. */
    private static long micros(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Long.MIN_VALUE : value;
    }

    private static void update(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.executeUpdate();
        }
    }
}
