package dev.openpanel.camel.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.openpanel.camel.logging.SecretMasker;

/**
 * The cluster's PostgreSQL database as one instance uses it: a small connection pool (HikariCP) that starts even while
 * the database is down, the schema (tables {@code openpanel_*}: Flyway migrations in {@code db/openpanel} and the
 * {@link QuartzTablesMigration}) created
 * before the first transaction, and every transaction's outcome reported to {@link ClusterReadiness}. Messages never
 * carry the password: the driver's own do not, and they go through the {@link SecretMasker} besides.
 */
public final class ClusterDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDatabase.class);
    /** Flyway's own table, prefixed like ours. */
    static final String SCHEMA_HISTORY = "openpanel_schema_history";
    /** Permits of one root client take one connection at a time (the local queue); answers and other clients the rest. */
    private static final int POOL_SIZE = 8;
    private static final long CONNECT_TIMEOUT_MS = 2_000;

    private final HikariDataSource pool;
    private final ClusterReadiness readiness;
    private final ClusterSettings settings;
    private final String url;
    private volatile boolean migrated;

    private ClusterDatabase(HikariDataSource pool, ClusterReadiness readiness, ClusterSettings settings) {
        this.pool = pool;
        this.readiness = readiness;
        this.settings = settings;
        this.url = settings.safeUrl();
    }

    /** Opens the pool (no connection is made yet; the database may be down). */
    public static ClusterDatabase open(ClusterSettings settings, ClusterReadiness readiness) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("openpanel-cluster");
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            String password = settings.password().get();
            SecretMasker.remember(password);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        // start even when the database is down: calls wait for it instead of the service refusing to start
        config.setInitializationFailTimeout(-1);
        // an instance that dies or hangs inside a permit transaction holds the budget row's lock: the server lets go of it
        // after a few seconds, and a permit that waits that long for the lock fails and is asked again
        config.setDataSourceProperties(driverProperties(settings, "-c idle_in_transaction_session_timeout=5000 -c lock_timeout=5000",
                ""));
        return new ClusterDatabase(new HikariDataSource(config), readiness, settings);
    }

    /** A unit of work on one connection, inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs the work in one transaction (read committed) and commits it; creates the schema first if no transaction
     * did yet.
     *
     * @throws SQLException when the database cannot be reached or the work fails (rolled back; readiness says why)
     */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        try {
            migrate();
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    readiness.reachable();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            }
        } catch (SQLException e) {
            readiness.unreachable("the cluster database " + url + " cannot be used: " + describe(e));
            throw e;
        }
    }

    /**
     * A connection of the pool, once the schema is ready, for a library that runs its own transactions (Quartz's job
     * store); the caller closes it.
     */
    public Connection connection() throws SQLException {
        migrate();
        return pool.getConnection();
    }

    /**
     * A connection of its own, outside the pool, once the schema is ready: its session, and every session lock taken
     * in it, ends when it is closed or when this process dies (the database notices at once when the process's
     * sockets close, and within about 25 s through TCP keepalives when the network is cut instead). The caller closes it.
     */
    public Connection sessionConnection() throws SQLException {
        migrate();
        Properties properties = driverProperties(settings, "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3",
                " journal");
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password().get());
        }
        try {
            Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
            readiness.reachable();
            return connection;
        } catch (SQLException e) {
            readiness.unreachable("the cluster database " + url + " cannot be used: " + describe(e));
            throw e;
        }
    }

    /** What every connection of this instance tells the driver: timeouts, keepalives, the session's options, its name. */
    private static Properties driverProperties(ClusterSettings settings, String options, String nameSuffix) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("options", options);
        properties.setProperty("ApplicationName", "openpanel-camel " + settings.instanceId() + nameSuffix);
        return properties;
    }

    /** The pool as a data source for libraries (camel-sql's repositories): each connection once the schema is ready. */
    public DataSource dataSource() {
        return new DelegatingDataSource(pool) {
            @Override
            public Connection getConnection() throws SQLException {
                migrate();
                return super.getConnection();
            }
        };
    }

    /** Creates or upgrades the schema, once per instance; Flyway's lock makes instances starting together wait in turn. */
    public void migrate() throws SQLException {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (migrated) {
                return;
            }
            try {
                int applied = Flyway.configure().dataSource(pool).locations("classpath:db/openpanel")
                        .javaMigrations(new QuartzTablesMigration()).table(SCHEMA_HISTORY).load().migrate().migrationsExecuted;
                LOG.info("Cluster database {}: schema ready ({} migrations applied now)", url, applied);
                migrated = true;
            } catch (FlywayException e) {
                throw new SQLException("cannot create the schema (" + SecretMasker.mask(String.valueOf(rootCause(e).getMessage()))
                        + ")", "08000", e);
            }
        }
    }

    /** One line about a failure, without secrets: {@code Connection to 127.0.0.1:5432 refused. (08001)}. */
    static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return SecretMasker.mask(message) + (e.getSQLState() == null ? "" : " (" + e.getSQLState() + ")");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool replaces it
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
