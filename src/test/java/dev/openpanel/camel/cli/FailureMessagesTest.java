package dev.openpanel.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.ServiceProcess;

/** What a failing command or start-up prints: one sentence on stderr, said once, the stack trace only with --verbose. */
class FailureMessagesTest extends CommandProcessTest {

    private static final String TYPO = "openpanel-camel cannot start: the route file routes/typo.camel.yaml cannot be loaded: "
            + "expected <block end>, but found '<block mapping start>' at line 5, column 6; fix it, or move it out of the "
            + "routes folder (camel.main.routes-include-pattern).";

    @Test
    void aFailingCommandPrintsOneSentenceAndItsStackTraceOnlyWithVerbose() {
        ServiceProcess.Completed quiet = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "projects", "get", "--id", "no-such-project");
        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.stderr().strip().lines()).hasSize(1).first().asString()
                .startsWith("Not found: GET /manage/projects/no-such-project answered 404");

        ServiceProcess.Completed verbose = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "projects", "get", "--id",
                "no-such-project", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        // with --verbose the log's INFO lines go to stderr too (such as the limiter's note about another client's
        // requests, when the first command's call is still in the server's window): the sentence, then its trace
        java.util.List<String> lines = verbose.stderr().lines().toList();
        assertThat(lines).contains(quiet.stderr().strip());
        assertThat(lines.subList(lines.indexOf(quiet.stderr().strip()), lines.size())).anySatisfy(line -> assertThat(line).startsWith("\tat "));
    }

    @Test
    void aRouteFileThatDoesNotParseIsAConfigurationErrorExit2WithTheFileLineAndColumn() throws Exception {
        Path typo = ServiceProcess.workingDirectory(temp.resolve("typo"));
        Files.writeString(typo.resolve("routes/typo.camel.yaml"), "- route:\n    id: typo\n    from:\n      uri: direct:x\n     steps: [\n");

        ServiceProcess.Completed command = ServiceProcess.run(typo, environment(), TIMEOUT, "api", "projects", "list");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.stderr().strip()).isEqualTo(TYPO);

        ServiceProcess.Completed verbose = ServiceProcess.run(typo, environment(), TIMEOUT, "cleanup", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.stderr()).startsWith(TYPO).contains("\tat ");

        try (ServiceProcess service = ServiceProcess.start(typo, environment())) {
            assertThat(service.awaitExit(TIMEOUT)).isEqualTo(2);
            assertThat(occurrences(service.output(), TYPO)).isEqualTo(1);
            assertThat(service.output()).doesNotContain("\tat ");
        }
    }

    @Test
    void aServiceDoesNotStartWithACleanupRulesFileItCannotUseExit2WithTheRuleAndField() throws Exception {
        Path broken = ServiceProcess.workingDirectory(temp.resolve("rules"));
        Files.writeString(broken.resolve("config/cleanup.yaml"), "rules:\n  - name: everything\n    resource: projects\n"
                + "    where: { name: \"\" }\n");
        String sentence = "openpanel-camel cannot start: the cleanup rules file config/cleanup.yaml (openpanel.cleanup.rules)"
                + " cannot be used: rule 1 ('everything'), field 'where.name': the pattern '' matches every project's name";
        try (ServiceProcess service = ServiceProcess.start(broken, environment())) {
            assertThat(service.awaitExit(TIMEOUT)).isEqualTo(2);
            assertThat(occurrences(service.output(), sentence)).as(service.output()).isEqualTo(1);
            assertThat(service.output()).doesNotContain("\tat ").doesNotContain(") started in");
        }
    }

    @Test
    void aSecondServiceOnTheSameDataDirectorySaysWhyOnceWithoutAStackTrace() {
        Path shared = ServiceProcess.workingDirectory(temp.resolve("shared"));
        try (ServiceProcess first = ServiceProcess.start(shared, environment())) {
            first.awaitOutput(Pattern.compile("openpanel-camel\\) started in"), TIMEOUT);
            try (ServiceProcess second = ServiceProcess.start(shared, environment())) {
                assertThat(second.awaitExit(TIMEOUT)).isEqualTo(2);
                String output = second.output();
                assertThat(occurrences(output, "another openpanel-camel service holds the event queue's journal")).isEqualTo(1);
                assertThat(output).contains("openpanel-camel cannot start: another openpanel-camel service holds")
                        .doesNotContain("\tat ").doesNotContain("Exception");
            }
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
