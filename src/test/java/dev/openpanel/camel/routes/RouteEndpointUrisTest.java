package dev.openpanel.camel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint URI of every route file in routes/ and examples/ is valid for its component, as Camel's runtime
 * catalog sees it, with the placeholders of config/application.properties resolved: a misspelt option fails the build
 * here instead of failing the service at start-up (Camel's YAML DSL validator plugin is not available to this build).
 */
class RouteEndpointUrisTest {

    private static final Path CONFIGURATION = Path.of("config/application.properties");
    private static DefaultCamelContext context;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    @Test
    void everyEndpointOfEveryShippedRouteFileIsValid() throws IOException {
        List<Path> files = routeFiles();
        assertThat(files).as("route files found").extracting(Path::toString).contains(
                "routes/import.camel.yaml", "routes/provisioning.camel.yaml", "routes/cleanup.camel.yaml",
                "examples/openpanel-component.camel.yaml", "examples/extensions/rows-to-http.camel.yaml",
                "examples/extensions/failures-to-webhook.camel.yaml");
        PropertyPlaceholders placeholders = PropertyPlaceholders.of(CONFIGURATION);
        EndpointUriChecker checker = new EndpointUriChecker(context, placeholders);

        List<String> problems = new ArrayList<>();
        List<RouteEndpoint> checked = new ArrayList<>();
        for (Path file : files) {
            List<RouteEndpoint> endpoints = RouteFileEndpoints.of(file);
            if (Files.readString(file).contains("- route:")) {
                assertThat(endpoints).as("endpoints of " + file).isNotEmpty();
            }
            endpoints.forEach(endpoint -> checker.problem(endpoint).ifPresent(problems::add));
            checked.addAll(endpoints);
        }

        assertThat(problems).as("invalid endpoint URIs").isEmpty();
        assertThat(placeholders.unresolved()).as("placeholders in endpoint URIs that " + CONFIGURATION + " does not define")
                .isEmpty();
        assertThat(checked).extracting(RouteEndpoint::uri).as("the walk reaches every kind of endpoint")
                .contains("direct:import-file", "{{openpanel.provisioning.from}}", "{{openpanel.provisioning.dead-letter}}",
                        "openpanel:projects", "quartz:openpanel/cleanup");
    }

    @Test
    void aMisspeltOptionInARouteFileIsReportedWithWhereItIsAndWhatWasMeant() throws IOException {
        Path file = temp.resolve("typos.camel.yaml");
        Files.writeString(file, """
                - route:
                    id: typo-inbox
                    from:
                      uri: file:{{openpanel.data-dir}}/inbox/x
                      parameters:
                        redLock: changed
                        readLockCheckInterval: "{{openpanel.import.read-lock-check-interval}}"
                      steps:
                        - to:
                            uri: openpanel:projects?operaton=list
                        - to: "direct:elsewhere?timout=5000"
                        - toD:
                            uri: "openpanel:${header.kind}"
                            parameters:
                              operation: list
                              projectID: "${header.project}"
                        - to:
                            uri: openpanel:projects
                            parameters:
                              operation: upsert
                        - to:
                            uri: nosuch:thing
                """);
        EndpointUriChecker checker = new EndpointUriChecker(context, PropertyPlaceholders.of(CONFIGURATION));

        List<String> problems = RouteFileEndpoints.of(file).stream().map(checker::problem).flatMap(Optional::stream).toList();

        assertThat(problems).hasSize(6);
        assertThat(problems.get(0)).as("placeholders resolved from config/application.properties").contains(
                "route typo-inbox > from: file:data/inbox/x?redLock=changed&readLockCheckInterval=1000",
                "redLock: Unknown option. Did you mean: [readLock]");
        assertThat(problems.get(1)).contains("route typo-inbox > from > steps[0] > to", "operaton", "Unknown option",
                "operation");
        assertThat(problems.get(2)).as("the shorthand form")
                .contains("steps[1] > to: direct:elsewhere?timout=5000: timout: Unknown option", "timeout");
        assertThat(problems.get(3)).as("a dynamic resource is accepted, a misspelt option beside it is not")
                .contains("steps[2] > toD", "projectID: Unknown option", "projectId").doesNotContain("resource");
        assertThat(problems.get(4)).contains("steps[3] > to", "operation: Invalid enum value: upsert");
        assertThat(problems.get(5)).contains("steps[4] > to", "no component 'nosuch'");
    }

    @Test
    void aProducerOptionOnAConsumerAndAnUnknownPlaceholderAreRefusedToo() throws IOException {
        Path file = temp.resolve("roles.camel.yaml");
        Files.writeString(file, """
                - route:
                    id: roles
                    from:
                      uri: "direct:roles?timeout=5000"
                      steps:
                        - to: "{{openpanel.no-such-key}}"
                """);
        PropertyPlaceholders placeholders = PropertyPlaceholders.of(CONFIGURATION);
        EndpointUriChecker checker = new EndpointUriChecker(context, placeholders);

        List<String> problems = RouteFileEndpoints.of(file).stream().map(checker::problem).flatMap(Optional::stream).toList();

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("route roles > from", "timeout");
        assertThat(problems.get(1)).contains("steps[0] > to", "no component");
        assertThat(placeholders.unresolved()).containsExactly("openpanel.no-such-key");
    }

    private static List<Path> routeFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(Path.of("routes"), Path.of("examples"))) {
            try (Stream<Path> list = Files.walk(folder)) {
                list.filter(path -> path.getFileName().toString().endsWith(".camel.yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
