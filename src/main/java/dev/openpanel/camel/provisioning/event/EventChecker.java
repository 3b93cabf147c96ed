package dev.openpanel.camel.provisioning.event;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.component.model.FieldLimits;
import dev.openpanel.camel.component.model.ProjectIds;

/**
 * Every problem of an event object, in one answer: strict binding ({@link StrictEventJson}) first, then the
 * document's constraints ({@link EventValidator}), in the schema's order ({@link EventSchema#ORDER}).
 */
public final class EventChecker {

    private EventChecker() {
    }

    /**
     * The checked event.
     *
     * @param document the bound document; use it only when there are no problems
     * @param problems every problem, in the schema's order; empty for a valid event
     */
    public record Checked(EventDocument document, List<EventProblem> problems) {
    }

    /** Binds and validates an event given as a JSON object. */
    public static Checked check(JsonNode event) {
        List<EventProblem> problems = new ArrayList<>();
        EventDocument document = StrictEventJson.bind(event, problems);
        if (document != null) {
            List<EventProblem> binding = List.copyOf(problems);
            EventValidator.validate(document).stream()
                    .filter(violation -> binding.stream().noneMatch(found -> explains(found, violation)))
                    .forEach(problems::add);
        }
        if (document != null) {
            shape(document, problems);
            toolLimits(document, problems);
        }
        problems.sort(EventSchema.ORDER);
        return new Checked(document, List.copyOf(problems));
    }

    /** A deployment needs its project; a rotation ({@code rotate}) carries nothing but its event id. */
    private static void shape(EventDocument document, List<EventProblem> problems) {
        boolean projectProblem = problems.stream().anyMatch(found -> explains(found, new EventProblem("project", "")));
        if (document.rotate() == null && document.project() == null && !projectProblem) {
            problems.add(new EventProblem("project", "is required"));
        }
        if (document.rotate() != null && (document.project() != null || document.clients() != null || document.reference() != null)) {
            problems.add(new EventProblem("rotate", "an event that rotates a client carries only eventId and rotate; "
                    + "send the deployment as an event of its own"));
        }
    }

    /**
     * This tool's own limits ({@link FieldLimits}: the API states none) and no project name the server would give the
     * empty id ({@link ProjectIds}).
     */
    private static void toolLimits(EventDocument document, List<EventProblem> problems) {
        if (document.project() != null && document.project().name() != null) {
            limit(problems, "project.name", document.project().name(), FieldLimits.NAME);
            String emptyId = ProjectIds.emptyIdProblem(document.project().name());
            if (emptyId != null) {
                problems.add(new EventProblem("project.name", emptyId));
            }
        }
        if (document.clients() != null) {
            for (int i = 0; i < document.clients().size(); i++) {
                EventDocument.Client client = document.clients().get(i);
                if (client != null) {
                    limit(problems, "clients[" + i + "].name", client.name(), FieldLimits.NAME);
                }
            }
        }
        if (document.reference() != null) {
            limit(problems, "reference.title", document.reference().title(), FieldLimits.NAME);
            limit(problems, "reference.description", document.reference().description(), FieldLimits.DESCRIPTION);
        }
    }

    private static void limit(List<EventProblem> problems, String path, String value, int limit) {
        if (value != null && value.length() > limit) {
            problems.add(new EventProblem(path, "is " + value.length() + " characters long; the limit is " + limit));
        }
    }

    /**
     * Whether a binding problem already explains a violation: a value that could not be bound is left out, and the
     * constraints on what is left (e.g. "is required") would only repeat that problem in other words.
     */
    private static boolean explains(EventProblem binding, EventProblem violation) {
        String at = binding.path();
        return violation.path().equals(at) || violation.path().startsWith(at + ".") || violation.path().startsWith(at + "[");
    }
}
