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
        assertThat(tooLong.getProblems()).containsExactly("project.name: is 256 characters long; the limit is 255",
                "clients[0].name: is 300 characters long; the limit is 255", "reference.title: is 256 characters long; the limit is 255",
                "reference.description: is 2001 characters long; the limit is 2000");
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
    void everyValueOfTheWrongJsonTypeIsReportedWithWhatItMustBeAndNothingIsCoerced() {
        assertThat(problems("{\"eventId\":5,\"project\":{\"name\":{\"a\":1},\"cors\":\"https://x.example\","
                + "\"crossDomain\":\"true\",\"types\":[\"app\",[1]]},\"clients\":\"ingest\",\"reference\":[1]}"))
                .as("in the schema's order").containsExactly(
                        "eventId: must be a string, got 5",
                        "project.name: must be a string, got {\"a\":1}",
                        "project.cors: must be a list of strings, got \"https://x.example\"",
                        "project.crossDomain: must be true or false, got \"true\"",
                        "project.types[1]: must be a string, got [1]",
                        "clients: must be a list of {\"name\": ..., \"type\": \"read\" or \"write\"}, got \"ingest\"",
                        "reference: must be an object, got [1]");
        assertThat(problems("{\"eventId\":\"e\",\"project\":\"shop\",\"clients\":[null,{\"nmae\":\"x\",\"name\":true}]}"))
                .containsExactly(
                        "project: must be an object, got \"shop\"",
                        "clients[0]: must be an object, got null",
                        "clients[1].nmae: unknown field (expected name, type)",
                        "clients[1].name: must be a string, got true");
        assertThat(problems("{\"eventId\":\"e\",\"project\":{\"name\":\"p\",\"cors\":[null],\"types\":[null]}}"))
                .containsExactly("project.cors[0]: must be a string, got null", "project.types[0]: must be a string, got null");
    }

    @Test
    void theAnswerIsInTheSchemasOrderEveryTime() {
        String event = "{\"reference\":{\"datetime\":\"soon\",\"extra\":1},\"clients\":[{\"type\":\"root\"}],"
                + "\"project\":{\"types\":[\"tv\"],\"domain\":\"shop\"},\"zzz\":0}";
        List<String> expected = List.of(
                "zzz: unknown field (expected eventId, project, clients, reference, rotate)",
                "eventId: is required",
                "project.name: is required",
                "project.domain: 'shop' is not an absolute URL (e.g. https://shop.example.com)",
                "project.types[0]: unknown project type 'tv': expected one of website, app, backend",
                "clients[0].name: is required",
                "clients[0].type: root clients are not created from events (they manage the whole organisation); use read or write",
                "reference.extra: unknown field (expected title, description, datetime)",
                "reference.title: is required",
                "reference.datetime: 'soon' is not an ISO-8601 date-time with a zone (e.g. 2026-11-22T10:00:00Z) or a date (2026-11-22)");
        for (int i = 0; i < 5; i++) {
            assertThat(problems(event)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void tooManyClientsSaysHowManyAndEachRepeatNamesItsOwnClient() {
        String many = "[" + "{\"name\":\"c\",\"type\":\"read\"},".repeat(20) + "{\"name\":\"d\"}]";
        assertThat(new DeploymentEventParser(4096).parse("{\"eventId\":\"e\",\"project\":{\"name\":\"p\"},\"clients\":[]}")
                .clients()).isEmpty();
        List<String> problems = problemsOf(new DeploymentEventParser(4096),
                "{\"eventId\":\"e\",\"project\":{\"name\":\"p\"},\"clients\":" + many + "}");
        assertThat(problems).first().isEqualTo("clients: 21 clients; one event may ask for 20 at most");
        assertThat(problems).contains("clients[1]: the read client 'c' is listed twice", "clients[19]: the read client 'c' is listed twice");
        assertThat(problems("{\"eventId\":\"e\",\"project\":{\"name\":\"p\"},\"clients\":[{\"name\":\"a\"},"
                + "{\"name\":\"b\",\"type\":\"read\"},{\"name\":\"a\",\"type\":\"write\"},{\"name\":\"b\",\"type\":\"READ\"}]}"))
                .as("a missing type is write; types are read case-insensitively").containsExactly(
                        "clients[2]: the write client 'a' is listed twice",
                        "clients[3]: the read client 'b' is listed twice");
    }

    @Test
    void valuesAreTrimmedAndAValueIsNeverReadAsAMessageTemplate() {
        DeploymentEvent event = parser.parse("{\"eventId\":\" e1 \",\"project\":{\"name\":\" shop \","
                + "\"domain\":\" https://shop.example \",\"types\":[\" App \",\"app\"]}}");
        assertThat(event.eventId()).isEqualTo("e1");
        assertThat(event.project().name()).isEqualTo("shop");
        assertThat(event.project().domain()).isEqualTo("https://shop.example");
        assertThat(event.project().types()).containsExactly(ProjectType.APP);

        assertThat(problems("{\"eventId\":\"e\",\"project\":{\"name\":\" \",\"domain\":\"${1+1}{max}\\\\{reason}\"}}"))
                .containsExactly("project.name: must not be empty",
                        "project.domain: '${1+1}{max}\\{reason}' is not an absolute URL (e.g. https://shop.example.com)");
    }

    @Test
    void anEventsDigestIsTheSameAsBeforeStrictBinding() {
        // digests are kept in the event journals: the same content must keep its digest across versions
        assertThat(parser.parse("{\"eventId\":\"e\",\"project\":{\"name\":\"p\"}}").digest())
                .isEqualTo("5c6df042e6a7b564e5a9662420712ceaf1604fc41c34d5a292d19cc6c74af1ca");
        assertThat(parser.parse("""
                {
                  "eventId": "deploy-2026-11-22-shop-eu-42",
                  "project": {"name": "shop-eu", "domain": "https://shop.example.eu",
                              "cors": ["https://shop.example.eu"], "types": ["website"]},
                  "clients": [{"name": "shop-eu dashboards", "type": "read"}],
                  "reference": {"title": "Deploy v1.4.2", "description": "commit abc123",
                                "datetime": "2026-11-22T10:00:00Z"}
                }""").digest()).isEqualTo("ef44e2a73718cfe5f5c67a05e47710a5f806a9cd1c9f80c8f3788ab4b6c50fb4");
    }

    @Test
    void theEventIdOfAnInvalidEventIsStillFoundForTheDeadLetter() {
        assertThat(parser.eventIdOf("{\"eventId\":\"e9\",\"project\":1}".getBytes())).isEqualTo("e9");
        assertThat(parser.eventIdOf("not json".getBytes())).isNull();
    }

    private List<String> problems(String body) {
        return problemsOf(parser, body);
    }

    private static List<String> problemsOf(DeploymentEventParser parser, String body) {
        try {
            parser.parse(body);
        } catch (InvalidEventException e) {
            return e.getProblems();
        }
        throw new AssertionError("accepted: " + body);
    }
}
