package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Quartz's own PostgreSQL DDL, read from its jar, becomes the CREATE statements of the openpanel_qrtz_ tables. */
class QuartzTablesMigrationTest {

    @Test
    void theScriptInTheQuartzJarBecomesPrefixedCreateStatementsWithoutItsDropsAndCommit() {
        List<String> statements = QuartzTablesMigration.statements();

        assertThat(statements).filteredOn(sql -> sql.startsWith("CREATE TABLE ")).hasSize(11)
                .allSatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE openpanel_qrtz_"));
        assertThat(statements).filteredOn(sql -> sql.startsWith("CREATE INDEX ")).isNotEmpty()
                .allSatisfy(sql -> assertThat(sql).startsWith("CREATE INDEX openpanel_qrtz_idx_"));
        assertThat(statements).allSatisfy(sql -> assertThat(sql).startsWith("CREATE ").doesNotContain(" QRTZ_", "(QRTZ_", "--"));
        assertThat(new QuartzTablesMigration().getVersion().getVersion()).isEqualTo("2");
    }
}
