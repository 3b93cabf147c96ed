package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.postgres.TestPostgres;

/** The cluster's schema on a real PostgreSQL: created on first use, once, by whichever instance comes first. */
class ClusterDatabaseTest {

    private static TestPostgres postgres;
    private static String url;

    @BeforeAll
    static void database() {
        postgres = TestPostgres.shared();
        url = postgres.newDatabase();
    }

    @Test
    void theFirstTransactionCreatesTheTablesAndASecondInstanceFindsThemReady() throws Exception {
        ClusterReadiness readiness = new ClusterReadiness();
        assertThat(readiness.isReachable()).isFalse();
        try (ClusterDatabase first = ClusterDatabase.open(settings(postgres.password(), "a"), readiness);
                ClusterDatabase second = ClusterDatabase.open(settings(postgres.password(), "b"), new ClusterReadiness())) {
            List<String> tables = first.inTransaction(connection -> {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            });
            assertThat(tables).contains("openpanel_rate_budget", "openpanel_rate_sends", "openpanel_schema_history",
                    "openpanel_qrtz_triggers", "openpanel_qrtz_cron_triggers", "openpanel_qrtz_job_details",
                    "openpanel_qrtz_fired_triggers", "openpanel_qrtz_locks", "openpanel_qrtz_scheduler_state",
                    "openpanel_journals", "openpanel_journal_lines", "openpanel_inbox_claims")
                    .allSatisfy(table -> assertThat(table).startsWith("openpanel_"));
            List<String> indexes = first.inTransaction(connection -> {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT indexname FROM pg_indexes"
                        + " WHERE schemaname = 'public'")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            });
            assertThat(indexes).contains("openpanel_qrtz_idx_t_next_fire_time").allSatisfy(index -> assertThat(index).startsWith("openpanel_"));
            assertThat(readiness.isReachable()).isTrue();
            int applied = second.inTransaction(connection -> {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM openpanel_schema_history")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(applied).as("the second instance applied nothing again").isEqualTo(4);
        }
    }

    @Test
    void aRefusedPasswordMakesTheInstanceUnreadyWithAReasonThatNeverShowsThePassword() {
        ClusterReadiness readiness = new ClusterReadiness();
        try (ClusterDatabase database = ClusterDatabase.open(settings("wrong-pw-9f8e", "c"), readiness)) {
            assertThatThrownBy(() -> database.inTransaction(connection -> 1)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw-9f8e"));
        }
        assertThat(readiness.isReachable()).isFalse();
        assertThat(readiness.detail()).startsWith("the cluster database " + url + " cannot be used: ")
                .contains("password authentication failed").doesNotContain("wrong-pw-9f8e");
    }

    private static ClusterSettings settings(String password, String instance) {
        return new ClusterSettings(url, postgres.user(), () -> password, instance);
    }
}
