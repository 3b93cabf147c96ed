package dev.openpanel.camel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.ProjectType;

/** The event schema of PRODUCT.md section 7, field by field. */
class DeploymentEventParserTest {

    private final DeploymentEventParser parser = new DeploymentEventParser(2048);

    @Test
    void theProductExampleParsesToTheProjectClientsAndReference() {
        DeploymentEvent event = parser.parse("""
                {
                  "eventId": "deploy-2026-11-22-shop-eu-42",
                  "project": {"name": "shop-eu", "domain": "https://shop.example.eu",
                              "cors": ["https://shop.example.eu"], "types": ["website"]},
                  "clients": [{"name": "shop-eu dashboards", "type": "read"}],
                  "reference": {"title": "Deploy v1.4.2", "description": "commit abc123",
                                "datetime": "2026-11-22T10:00:00Z"}
                }""");

        assertThat(event.eventId()).isEqualTo("deploy-2026-11-22-shop-eu-42");
        assertThat(event.project().name()).isEqualTo("shop-eu");
        assertThat(event.project().domain()).isEqualTo("https://shop.example.eu");
        assertThat(event.project().cors()).containsExactly("https://shop.example.eu");
        assertThat(event.project().types()).containsExactly(ProjectType.WEBSITE);
        assertThat(event.project().crossDomain()).isNull();
        assertThat(event.clients()).containsExactly(new DeploymentEvent.ClientSpec("shop-eu dashboards", ClientType.READ));
        assertThat(event.reference()).isEqualTo(new DeploymentEvent.ReferenceSpec("Deploy v1.4.2", "commit abc123",
                Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(event.digest()).hasSize(64);
        assertThat(parser.parse("{\"eventId\":\"e\",  \"project\": {\"name\": \"p\"}}").digest())
                .as("whitespace does not change the content").isEqualTo(parser.parse("{\"eventId\":\"e\",\"project\":{\"name\":\"p\"}}").digest())
                .isNotEqualTo(parser.parse("{\"eventId\":\"e\",\"project\":{\"name\":\"q\"}}").digest());
    }

    @Test
    void clientsAndReferenceAreOptionalAClientIsWriteByDefaultAndABareDateIsMidnightUtc() {
        DeploymentEvent minimal = parser.parse("{\"eventId\":\"e1\",\"project\":{\"name\":\"p\"}}");
        assertThat(minimal.clients()).isEmpty();
        assertThat(minimal.reference()).isNull();
        assertThat(minimal.project().domain()).isNull();

        DeploymentEvent event = parser.parse("{\"eventId\":\"e2\",\"project\":{\"name\":\"p\",\"domain\":\"\",\"crossDomain\":true},"
                + "\"clients\":[{\"name\":\"ingest\"}],\"reference\":{\"title\":\"t\",\"datetime\":\"2026-11-22\"}}");
        assertThat(event.clients()).containsExactly(new DeploymentEvent.ClientSpec("ingest", ClientType.WRITE));
        assertThat(event.reference().datetime()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(event.project().domain()).as("empty clears the domain").isEmpty();
        assertThat(event.project().crossDomain()).isTrue();
    }

    @Test
    void everyProblemIsReportedWithWhereItIs() {
        assertThatThrownBy(() -> parser.parse("{\"eventId\":\"has space\",\"project\":{\"name\":\"p\",\"cors\":[\"nope\",3],"
                + "\"crossDomain\":\"yes\",\"colour\":\"red\"},\"clients\":[{\"name\":\"a\",\"type\":\"read\"},"
                + "{\"name\":\"a\",\"type\":\"read\"},{\"type\":\"admin\"}],\"reference\":{\"datetime\":\"2026-11-22T10:00:00\"}}"))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.getProblems()).containsExactlyInAnyOrder(
                        "eventId: use printable ASCII without spaces (e.g. deploy-2026-11-22-shop-eu-42)",
                        "project.colour: unknown field (expected name, domain, cors, crossDomain, types)",
                        "project.cors[0]: 'nope' is not an absolute URL (e.g. https://shop.example.com)",
                        "project.cors[1]: must be a string, got 3",
                        "project.crossDomain: must be true or false, got \"yes\"",
                        "clients[1]: the read client 'a' is listed twice",
                        "clients[2].name: is required",
                        "clients[2].type: unknown client type 'admin': expected one of read, write, root",
                        "reference.title: is required",
                        "reference.datetime: '2026-11-22T10:00:00' is not an ISO-8601 date-time with a zone "
                                + "(e.g. 2026-11-22T10:00:00Z) or a date (2026-11-22)"));
    }

    @Test
    void notJsonNotAnObjectTooLargeDuplicateKeysAndTrailingTextAreRefused() {
        assertThat(problems("")).containsExactly("the body is empty: send the event as JSON");
        assertThat(problems("[1]")).containsExactly("the event must be a JSON object");
        assertThat(problems("{\"eventId\":")).singleElement().asString().startsWith("invalid JSON at line 1, column 12:");
        assertThat(problems("{\"eventId\":\"a\",\"eventId\":\"b\",\"project\":{\"name\":\"p\"}}")).singleElement().asString()
                .startsWith("invalid JSON at line 1").contains("Duplicate field 'eventId'");
        assertThat(problems("{\"eventId\":\"a\",\"project\":{\"name\":\"p\"}} {}")).singleElement().asString()
                .startsWith("invalid event at line 1");
        assertThat(problems("{\"eventId\":\"" + "x".repeat(3000) + "\"}")).containsExactly("the event is 3014 bytes; the limit is 2048");
        assertThat(problems("{\"eventId\":\"" + "x".repeat(201) + "\",\"project\":{\"name\":\"p\"}}"))
                .containsExactly("eventId: is 201 characters long; the limit is 200");
    }

    @Test
    void namesTheServerWouldGiveTheEmptyIdAndOverlongFieldsAreInvalid() {
        DeploymentEventParser roomy = new DeploymentEventParser(65536);
        assertThatThrownBy(() -> roomy.parse("{\"eventId\":\"e\",\"project\":{\"name\":\"日本語のプロジェクト\"}}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("project.name: the project name '日本語のプロジェクト' "
                        + "would get an empty id");
        InvalidEventException tooLong = (InvalidEventException) org.assertj.core.api.Assertions.catchThrowable(() -> roomy.parse(
                "{\"eventId\":\"e\",\"project\":{\"name\":\"" + "p".repeat(256) + "\"},\"clients\":[{\"name\":\""
                        + "c".repeat(300) + "\"}],\"reference\":{\"title\":\"" + "t".repeat(256) + "\",\"description\":\""
                        + "d".repeat(2001) + "\",\"datetime\":\"2026-11-22\"}}"));
        assertThat(tooLong.getProblems()).containsExactly("project.name is 256 characters long; the limit is 255",
                "clients[0].name is 300 characters long; the limit is 255", "reference.title is 256 characters long; the limit is 255",
                "reference.description is 2001 characters long; the limit is 2000");
    }

    @Test
    void problemsQuoteValuesCappedAndAreListedUpToALimit() {
        DeploymentEventParser roomy = new DeploymentEventParser(65536);
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            fields.append(",\"unknown").append(i).append("\":1");
        }
        InvalidEventException many = (InvalidEventException) org.assertj.core.api.Assertions.catchThrowable(
                () -> roomy.parse("{\"eventId\":\"e\",\"project\":{\"name\":\"p\"}" + fields + "}"));
        assertThat(many.getProblems()).hasSize(21).last().isEqualTo("and 480 more problems");
        assertThat(many.getMessage().length()).isLessThan(4000);
        assertThatThrownBy(() -> roomy.parse("{\"eventId\":\"e\",\"project\":{\"name\":\"p\",\"domain\":\"" + "x".repeat(3000)
                + "\"}}")).hasMessageEndingWith("project.domain: '" + "x".repeat(200) + "…(3000 characters)' is not an absolute URL "
                        + "(e.g. https://shop.example.com)");
    }

    @Test
    void theEventIdOfAnInvalidEventIsStillFoundForTheDeadLetter() {
        assertThat(parser.eventIdOf("{\"eventId\":\"e9\",\"project\":1}".getBytes())).isEqualTo("e9");
        assertThat(parser.eventIdOf("not json".getBytes())).isNull();
    }

    private List<String> problems(String body) {
        try {
            parser.parse(body);
        } catch (InvalidEventException e) {
            return e.getProblems();
        }
        throw new AssertionError("accepted: " + body);
    }
}
