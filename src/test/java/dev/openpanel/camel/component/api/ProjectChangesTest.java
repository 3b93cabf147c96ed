package dev.openpanel.camel.component.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ProjectType;
import dev.openpanel.camel.component.model.Reference;

class ProjectChangesTest {

    private static final Project SHOP = new Project("shop", "Shop", "org", 0, List.of(ProjectType.WEBSITE), "https://shop.example",
            List.of("https://shop.example"), false, false, null, null, Instant.EPOCH, Instant.EPOCH);

    @Test
    void valuesTheServerWouldStoreTheSameWayAreNotChanges() {
        ProjectRequest same = ProjectRequest.builder().name("Shop").domain("https://shop.example/")
                .cors(List.of("https://shop.example/")).crossDomain(false).types(List.of(ProjectType.WEBSITE)).build();
        assertThat(ProjectChanges.patch(SHOP, same)).isEmpty();
        assertThat(ProjectChanges.typesDiffer(SHOP, same)).isFalse();
        assertThat(ProjectChanges.patch(SHOP, ProjectRequest.builder().build())).isEmpty();
    }

    @Test
    void onlyTheFieldsThatDifferArePatched() {
        ProjectRequest desired = ProjectRequest.builder().name("Shop").domain("https://new.example").cors(List.of("https://shop.example"))
                .allowUnsafeRevenueTracking(true).types(List.of(ProjectType.APP)).build();
        assertThat(ProjectChanges.patch(SHOP, desired)).contains(ProjectRequest.builder().domain("https://new.example")
                .allowUnsafeRevenueTracking(true).build());
        assertThat(ProjectChanges.typesDiffer(SHOP, desired)).isTrue();
        assertThat(ProjectChanges.patch(SHOP, ProjectRequest.builder().domain("").build()))
                .contains(ProjectRequest.builder().domain("").build());
    }

    @Test
    void naturalKeysMatchTheWayTheProductDefinesThem() {
        Client client = new Client("c", "dash", ClientType.WRITE, null, "org", false, Instant.EPOCH, Instant.EPOCH);
        assertThat(NaturalKeys.isClient(client, "dash", "", null)).isTrue();
        assertThat(NaturalKeys.isClient(client, "dash", "shop", null)).isFalse();
        assertThat(NaturalKeys.isClient(client, "dash", null, ClientType.READ)).isFalse();
        Reference reference = new Reference("r", "Deploy", null, Instant.parse("2026-11-22T10:00:00.000Z"), "shop", Instant.EPOCH, Instant.EPOCH);
        assertThat(NaturalKeys.isReference(reference, "shop", "Deploy", Instant.parse("2026-11-22T10:00:00.000400Z"))).isTrue();
        assertThat(NaturalKeys.isReference(reference, "shop", "Deploy", Instant.parse("2026-11-22T10:00:01Z"))).isFalse();
        assertThat(NaturalKeys.isProject(SHOP, "shop")).isFalse();
    }
}
