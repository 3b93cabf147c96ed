package dev.openpanel.camel.component.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server's slug rule for project ids (openpanel-manage-api.md), and the names it leaves without an id. */
class ProjectIdsTest {

    @Test
    void theApiDocumentsExamplesGiveTheirIds() {
        assertThat(ProjectIds.slug("My Shop")).isEqualTo("my-shop");
        assertThat(ProjectIds.slug("Ünïcödé ✓")).isEqualTo("unicode");
        assertThat(ProjectIds.slug("a/b")).isEqualTo("ab");
        assertThat(ProjectIds.slug("Åland Öl | Bar")).isEqualTo("aland-ol-bar");
        assertThat(ProjectIds.slug("  Spaced Out  ")).isEqualTo("spaced-out");
        assertThat(ProjectIds.slug("✓")).isEmpty();
    }

    @Test
    void aNameWithNoCharacterTheRuleKeepsIsRefusedWithASentenceSayingWhy() {
        assertThat(ProjectIds.slug("日本語のプロジェクト")).isEmpty();
        assertThat(ProjectIds.emptyIdProblem("日本語のプロジェクト")).isEqualTo("the project name '日本語のプロジェクト' would get an "
                + "empty id: the server keeps only Latin letters (without accents), digits and hyphens of a name in its id, and a "
                + "project with an empty id cannot be updated or deleted through the API; add a Latin letter or a digit to the name");
        assertThat(ProjectIds.emptyIdProblem("---")).isNotNull();
        assertThat(ProjectIds.emptyIdProblem("日本語 2")).isNull();
        assertThat(ProjectIds.emptyIdProblem("Ünïcödé ✓")).isNull();
        assertThat(ProjectIds.emptyIdProblem("")).as("an empty name has its own message").isNull();
    }
}
