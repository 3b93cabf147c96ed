package dev.openpanel.camel.cluster;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.AbstractJdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims on the files of shared drop folders, the read lock of the inbox routes in cluster mode
 * ({@code readLock: idempotent-changed}): camel-sql's JDBC idempotent repository, on {@code openpanel_inbox_claims}, with
 * the orphan-lock design of {@link JdbcOrphanLockAwareIdempotentRepository} (the owner renews its claims; a claim left
 * unrenewed for the claim timeout belonged to an instance that died, and is taken over) made safe for several
 * instances at once:
 * <ul>
 * <li>times are the database's clock, not each instance's, so a skewed clock neither steals a live claim nor keeps a
 * dead one;</li>
 * <li>a claim is taken, new or over a dead owner's, by one atomic statement, so two instances never both win it (the
 * orphan-aware repository checks, then writes, and lets every instance that saw the claim stale take it);</li>
 * <li>a claim taken over is renewed like a new one (the orphan-aware repository renews only claims it inserted);</li>
 * <li>releasing removes only this instance's own claim, never one another instance has taken over since.</li>
 * </ul>
 */
public final class InboxClaims extends AbstractJdbcMessageIdRepository {

    private static final Logger LOG = LoggerFactory.getLogger(InboxClaims.class);
    private static final String TABLE = "openpanel_inbox_claims";

    private final CamelContext context;
    private final String owner;
    private final Duration timeout;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService renewals;

    /**
     * @param processorName what the claims are for (one name per kind of work)
     * @param owner         this instance's id
     * @param timeout       how long a claim lasts unrenewed; renewed every third of it
     */
    public InboxClaims(CamelContext context, DataSource dataSource, String processorName, String owner, Duration timeout) {
        super(dataSource, processorName);
        this.context = context;
        this.owner = owner;
        this.timeout = timeout;
    }

    /** Claims live, whoever holds them (the count the base class asks for before {@link #insert}). */
    @Override
    protected int queryForInt(String key) {
        return jdbcTemplate.queryForObject("SELECT count(*) FROM " + TABLE + " WHERE processor_name = ? AND message_id = ?"
                + " AND renewed_at >= clock_timestamp() - ? * interval '1 millisecond'", Integer.class, processorName, key,
                timeout.toMillis());
    }

    /** Takes the claim if no one holds it or its holder stopped renewing it: 1 when taken, 0 when held by a live owner. */
    @Override
    protected int insert(String key) {
        int taken = jdbcTemplate.update("INSERT INTO " + TABLE + " (processor_name, message_id, owner, renewed_at)"
                + " VALUES (?, ?, ?, clock_timestamp()) ON CONFLICT (processor_name, message_id) DO UPDATE"
                + " SET owner = EXCLUDED.owner, renewed_at = EXCLUDED.renewed_at"
                + " WHERE " + TABLE + ".renewed_at < clock_timestamp() - ? * interval '1 millisecond'",
                processorName, key, owner, timeout.toMillis());
        if (taken == 1) {
            held.add(key);
        }
        return taken;
    }

    /** Releases this instance's claim (one another instance took over meanwhile stays). */
    @Override
    protected int delete(String key) {
        held.remove(key);
        return jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processor_name = ? AND message_id = ? AND owner = ?",
                processorName, key, owner);
    }

    @Override
    protected int delete() {
        held.clear();
        return jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processor_name = ? AND owner = ?", processorName, owner);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        long every = Math.max(1, timeout.toMillis() / 3);
        renewals = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "InboxClaimRenewal");
        renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (renewals != null) {
            context.getExecutorServiceManager().shutdownNow(renewals);
            renewals = null;
        }
        super.doStop();
    }

    /** Renews the claims this instance holds, and says so if one was lost (the database was out of reach too long). */
    void renew() {
        String[] keys = held.toArray(String[]::new);
        if (keys.length == 0) {
            return;
        }
        try {
            List<String> renewed = jdbcTemplate.query(connection -> {
                var update = connection.prepareStatement("UPDATE " + TABLE + " SET renewed_at = clock_timestamp()"
                        + " WHERE processor_name = ? AND owner = ? AND message_id = ANY (?) RETURNING message_id");
                update.setString(1, processorName);
                update.setString(2, owner);
                update.setArray(3, connection.createArrayOf("text", keys));
                return update;
            }, (row, number) -> row.getString(1));
            List<String> lost = Arrays.stream(keys).filter(key -> !renewed.contains(key) && held.contains(key)).toList();
            if (!lost.isEmpty()) {
                LOG.warn("Claims on {} were taken over by another instance (this one could not renew them in time); their"
                        + " journals keep the work from being done twice", lost);
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot renew {} claims on inbox files: {}", keys.length, e.getMessage());
        }
    }

    /** When the claim of a key was last renewed, for tests; null when unclaimed. */
    Timestamp renewedAt(String key) {
        return jdbcTemplate.query("SELECT renewed_at FROM " + TABLE + " WHERE processor_name = ? AND message_id = ?",
                rows -> rows.next() ? rows.getTimestamp(1) : null, processorName, key);
    }
}
