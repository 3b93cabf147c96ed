package dev.openpanel.camel.component.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ProjectType;

/**
 * What must change for a project to look as desired, compared the way the server stores values (a domain of
 * {@code ""} is null, trailing slashes are stripped from the domain and each CORS origin). Only fields the desired
 * request sets count. {@code types} is compared but cannot be patched: the API ignores it after creation.
 */
public final class ProjectChanges {

    private ProjectChanges() {
    }

    /** The PATCH body of the fields that differ, or empty when the project already looks as desired. */
    public static Optional<ProjectRequest> patch(Project current, ProjectRequest desired) {
        ProjectRequest.Builder patch = ProjectRequest.builder();
        boolean changed = false;
        if (desired.name() != null && !desired.name().equals(current.name())) {
            patch.name(desired.name());
            changed = true;
        }
        if (desired.domain() != null && !Objects.equals(domain(desired.domain()), domain(current.domain()))) {
            patch.domain(desired.domain());
            changed = true;
        }
        if (desired.cors() != null && !cors(desired.cors()).equals(cors(current.cors()))) {
            patch.cors(desired.cors());
            changed = true;
        }
        if (desired.crossDomain() != null && desired.crossDomain() != current.crossDomain()) {
            patch.crossDomain(desired.crossDomain());
            changed = true;
        }
        if (desired.allowUnsafeRevenueTracking() != null
                && desired.allowUnsafeRevenueTracking() != current.allowUnsafeRevenueTracking()) {
            patch.allowUnsafeRevenueTracking(desired.allowUnsafeRevenueTracking());
            changed = true;
        }
        return changed ? Optional.of(patch.build()) : Optional.empty();
    }

    /** Whether the desired types differ from the project's (they can only be set when it is created). */
    public static boolean typesDiffer(Project current, ProjectRequest desired) {
        if (desired.types() == null) {
            return false;
        }
        return !new java.util.HashSet<ProjectType>(desired.types()).equals(new java.util.HashSet<>(current.types()));
    }

    /** The domain as the server stores it. */
    public static String domain(String domain) {
        return domain == null || domain.isEmpty() ? null : domain.replaceFirst("/+$", "");
    }

    /** The CORS origins as the server stores them. */
    public static List<String> cors(List<String> cors) {
        List<String> stored = new ArrayList<>();
        if (cors != null) {
            cors.forEach(origin -> stored.add(origin.replaceFirst("/+$", "")));
        }
        return stored;
    }
}
