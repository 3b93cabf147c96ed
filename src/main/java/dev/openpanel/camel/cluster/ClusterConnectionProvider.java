package dev.openpanel.camel.cluster;

import java.sql.Connection;
import java.sql.SQLException;

import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's job store on the cluster's connection pool: connections come from {@link ClusterDatabase} (schema created
 * first), and the pool stays the database's to close, whatever Quartz shuts down.
 */
final class ClusterConnectionProvider implements ConnectionProvider {

    private final ClusterDatabase database;

    ClusterConnectionProvider(ClusterDatabase database) {
        this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return database.connection();
    }

    @Override
    public void initialize() {
        // the pool is open already
    }

    @Override
    public void shutdown() {
        // the pool closes with the Camel context (ClusterMode), after the scheduler
    }
}
