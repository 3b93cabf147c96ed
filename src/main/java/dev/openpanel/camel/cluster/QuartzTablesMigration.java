package dev.openpanel.camel.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;

/**
 * Schema migration 2: the tables of Quartz's clustered job store ({@code openpanel_qrtz_*}), from the PostgreSQL DDL that
 * ships inside the Quartz jar ({@code org/quartz/impl/jdbcjobstore/tables_postgres.sql}), so the tables always match
 * the Quartz version on the classpath and no copy of its DDL lives here. The script's {@code DROP TABLE} statements
 * and its closing {@code COMMIT} are left out (Flyway owns the transaction), and the {@code QRTZ_} prefix of tables and
 * indexes becomes {@value #TABLE_PREFIX}.
 */
public final class QuartzTablesMigration implements JavaMigration {

    /** The table prefix of the job store (Quartz's {@code org.quartz.jobStore.tablePrefix}). */
    public static final String TABLE_PREFIX = "openpanel_qrtz_";
    static final String DDL = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "quartz job store";
    }

    /** The checksum of the statements applied, so a Quartz upgrade that changes them shows in Flyway's validation. */
    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        statements().forEach(statement -> crc.update(statement.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }

    /** The script's CREATE statements, prefixed, in order. */
    static List<String> statements() {
        List<String> statements = new ArrayList<>();
        for (String part : withoutComments(script()).split(";")) {
            String sql = part.strip();
            String verb = sql.toUpperCase(Locale.ROOT);
            if (sql.isEmpty() || verb.startsWith("DROP ") || verb.equals("COMMIT")) {
                continue;
            }
            statements.add(sql.replace("IDX_QRTZ_", TABLE_PREFIX + "idx_").replace("QRTZ_", TABLE_PREFIX));
        }
        if (statements.isEmpty()) {
            throw new IllegalStateException("no CREATE statement in Quartz's " + DDL);
        }
        return statements;
    }

    private static String script() {
        try (InputStream in = JobStoreSupport.class.getClassLoader().getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException("Quartz's " + DDL + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Quartz's " + DDL + ": " + e.getMessage(), e);
        }
    }

    private static String withoutComments(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
