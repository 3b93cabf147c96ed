package dev.openpanel.camel.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.NaturalKeys;
import dev.openpanel.camel.component.api.ProjectChanges;
import dev.openpanel.camel.component.api.Resolution;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.metrics.OpenPanelMetrics;
import dev.openpanel.camel.provisioning.DeploymentEvent.ClientSpec;
import dev.openpanel.camel.state.Sha256;

/**
 * Provisions one deployment event, exactly once per event id: ensures the project by its exact name (created when
 * absent, PATCHed where it differs), each client by (name, project, type), and the reference unless an identical one
 * exists. The event's journal records the intent before each create and the outcome after it; an event interrupted
 * (a crash, an unknown outcome, the API going away) resumes at its first unfinished step and looks an in-flight
 * create up before anything is sent again. Every call goes through the shared limiter.
 */
public final class EventProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(EventProvisioner.class);
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

    private final ManageApi api;
    private final Path journals;
    private final EventSecrets secrets;
    private final OpenPanelMetrics metrics;

    public EventProvisioner(ManageApi api, DataDirectory data, OpenPanelMetrics metrics) {
        this.api = api;
        this.journals = data.apiState(api.client().target().apiUrl()).resolve("provisioning");
        this.secrets = new EventSecrets(data.secrets());
        this.metrics = metrics;
    }

    /**
     * Provisions the event, or answers with the earlier result when its id was provisioned before.
     *
     * @param delivery what identifies this delivery of the event (a JMS message id, a Kafka offset): when the delivery
     *                 that completed the event comes again (its acknowledgement was lost), the full result is given again
     */
    public synchronized ProvisioningResult provision(DeploymentEvent event, String delivery) {
        try (EventJournal journal = EventJournal.open(journals.resolve(Sha256.hex(event.eventId()) + ".jsonl"))) {
            if (journal.isComplete()) {
                return answerAgain(event, delivery, journal);
            }
            if (journal.digest() == null) {
                journal.recordReceived(event.digest());
            } else {
                LOG.info("Event {}: resuming an interrupted provisioning", event.eventId());
            }
            Steps steps = new Steps(event, journal);
            String projectId = steps.project();
            event.clients().forEach(client -> steps.client(client, projectId));
            if (event.reference() != null) {
                steps.reference(projectId);
            }
            journal.recordComplete(delivery);
            ProvisioningResult result = result(event.eventId(), journal, false);
            metrics.eventProvisioned(result.changedAnything() ? "provisioned" : "unchanged");
            LOG.info("Event {} provisioned: {}", event.eventId(), result.describe());
            return result;
        }
    }

    private ProvisioningResult answerAgain(DeploymentEvent event, String delivery, EventJournal journal) {
        if (delivery.equals(journal.completedBy())) {
            LOG.info("Event {}: delivered again after its acknowledgement was lost; publishing its result again", event.eventId());
            return result(event.eventId(), journal, false);
        }
        if (!event.digest().equals(journal.digest())) {
            LOG.warn("Event {} was provisioned before with different content; the id is not provisioned twice, "
                    + "so this content is ignored: give a new deployment a new eventId", event.eventId());
        } else {
            LOG.info("Event {} was provisioned before (at {}); answering with that result, no API calls", event.eventId(),
                    journal.completedAt());
        }
        metrics.eventProvisioned("repeated");
        return result(event.eventId(), journal, true);
    }

    private ProvisioningResult result(String eventId, EventJournal journal, boolean repeated) {
        List<StepOutcome> clients = new ArrayList<>();
        StepOutcome project = null;
        StepOutcome reference = null;
        for (StepOutcome outcome : journal.outcomes()) {
            if (outcome.step().equals("project")) {
                project = outcome;
            } else if (outcome.step().equals("reference")) {
                reference = outcome;
            } else {
                clients.add(outcome);
            }
        }
        Map<String, Secret> known = repeated ? Map.of() : secrets.read(eventId);
        Path file = secrets.path(eventId);
        return new ProvisioningResult(eventId, repeated, project, clients, reference, known,
                Files.exists(file) ? file : null, journal.completedAt());
    }

    /** The steps of one attempt at an event. */
    private final class Steps {

        private final DeploymentEvent event;
        private final EventJournal journal;
        /** The project was created by this attempt: it has no clients but its first one, and no references. */
        private boolean projectIsNew;
        private List<Client> clients;

        Steps(DeploymentEvent event, EventJournal journal) {
            this.event = event;
            this.journal = journal;
        }

        String project() {
            Optional<StepOutcome> done = journal.outcome("project");
            if (done.isPresent()) {
                return done.get().id();
            }
            ProjectRequest desired = event.project();
            Optional<Instant> intent = journal.intent("project");
            if (intent.isPresent()) {
                Resolution<Project> found = api.resolver().findProject(desired, intent.get().minus(CLOCK_TOLERANCE));
                if (found.isAmbiguous()) {
                    throw new ProvisioningRejectedException("the project '" + desired.name() + "' was created "
                            + found.matches().size() + " times by a create interrupted before its answer; keep one, delete the others, "
                            + "and send the event again with a new eventId");
                }
                if (found.isFound()) {
                    Project project = found.found();
                    String first = api.resolver().findFirstClient(project.id()).orElse(null);
                    String message = first == null || secrets.has(event.eventId(), first) ? null : lostSecret(first);
                    return record(new StepOutcome("project", project.id(), project.name(), null, StepOutcome.CREATED, message, first));
                }
            }
            List<Project> named = api.projects().list().stream().filter(p -> NaturalKeys.isProject(p, desired.name())).toList();
            if (named.size() > 1) {
                throw new ProvisioningRejectedException(named.size() + " projects are named '" + desired.name() + "' ("
                        + String.join(", ", named.stream().map(Project::id).toList())
                        + "): the event cannot tell which one it means; rename or delete all but one");
            }
            if (named.size() == 1) {
                return ensure(named.get(0), desired);
            }
            journal.recordIntent("project");
            CreatedProject created = api.projects().create(desired);
            String first = null;
            if (created.firstClient() != null) {
                first = created.firstClient().clientId();
                secrets.record(event.eventId(), first, created.project().id(), ClientType.WRITE, created.firstClient().secret());
            }
            projectIsNew = true;
            Project project = created.project();
            return record(new StepOutcome("project", project.id(), project.name(), null, StepOutcome.CREATED, null, first));
        }

        void client(ClientSpec spec, String projectId) {
            if (journal.outcome(spec.step()).isPresent()) {
                return;
            }
            ClientRequest request = ClientRequest.of(spec.name(), projectId, spec.type());
            Optional<Instant> intent = journal.intent(spec.step());
            if (intent.isPresent()) {
                Resolution<Client> found = api.resolver().findClient(request, intent.get().minus(CLOCK_TOLERANCE));
                if (found.isAmbiguous()) {
                    throw new ProvisioningRejectedException("the " + spec.type().value() + " client '" + spec.name() + "' was created "
                            + found.matches().size() + " times by a create interrupted before its answer; delete the extra ones");
                }
                if (found.isFound()) {
                    Client client = found.found();
                    String message = secrets.has(event.eventId(), client.id()) ? null : lostSecret(client.id());
                    record(new StepOutcome(spec.step(), client.id(), client.name(), spec.type().value(), StepOutcome.CREATED, message, null));
                    return;
                }
            }
            List<Client> matching = clientsOf(projectId).stream()
                    .filter(c -> NaturalKeys.isClient(c, spec.name(), projectId, spec.type())).toList();
            if (matching.size() > 1) {
                throw new ProvisioningRejectedException("the project " + projectId + " has " + matching.size() + " "
                        + spec.type().value() + " clients named '" + spec.name() + "': delete all but one");
            }
            if (matching.size() == 1) {
                Client client = matching.get(0);
                record(new StepOutcome(spec.step(), client.id(), client.name(), spec.type().value(), StepOutcome.UNCHANGED, null, null));
                return;
            }
            journal.recordIntent(spec.step());
            CreatedClient created = api.clients().create(request);
            secrets.record(event.eventId(), created.client().id(), projectId, spec.type(), created.secret());
            record(new StepOutcome(spec.step(), created.client().id(), created.client().name(), spec.type().value(),
                    StepOutcome.CREATED, null, null));
        }

        void reference(String projectId) {
            if (journal.outcome("reference").isPresent()) {
                return;
            }
            DeploymentEvent.ReferenceSpec spec = event.reference();
            ReferenceRequest request = ReferenceRequest.of(projectId, spec.title(), spec.description(), spec.datetime());
            Optional<Instant> intent = journal.intent("reference");
            if (intent.isPresent()) {
                Resolution<Reference> found = api.resolver().findReference(request, intent.get().minus(CLOCK_TOLERANCE));
                if (!found.isAbsent()) {
                    Reference reference = found.matches().get(0);
                    record(new StepOutcome("reference", reference.id(), reference.title(), null, StepOutcome.CREATED, null, null));
                    return;
                }
            }
            if (!projectIsNew) {
                Optional<Reference> same = api.references().list(projectId).stream()
                        .filter(r -> NaturalKeys.isReference(r, projectId, spec.title(), spec.datetime())).findFirst();
                if (same.isPresent()) {
                    record(new StepOutcome("reference", same.get().id(), same.get().title(), null, StepOutcome.UNCHANGED, null, null));
                    return;
                }
            }
            journal.recordIntent("reference");
            Reference created = api.references().create(request);
            record(new StepOutcome("reference", created.id(), created.title(), null, StepOutcome.CREATED, null, null));
        }

        private String ensure(Project current, ProjectRequest desired) {
            List<String> notes = new ArrayList<>();
            Optional<ProjectRequest> patch = ProjectChanges.patch(current, desired);
            if (patch.isPresent()) {
                api.projects().update(current.id(), patch.get());
                notes.add("changed " + String.join(", ", changedFields(patch.get())));
            }
            if (ProjectChanges.typesDiffer(current, desired)) {
                notes.add("types differ but cannot change after creation");
            }
            String status = patch.isPresent() ? StepOutcome.UPDATED : StepOutcome.UNCHANGED;
            return record(new StepOutcome("project", current.id(), current.name(), null, status,
                    notes.isEmpty() ? null : String.join("; ", notes), null));
        }

        private List<Client> clientsOf(String projectId) {
            if (clients == null) {
                clients = projectIsNew ? List.of() : api.clients().list(projectId);
            }
            return clients;
        }

        private String record(StepOutcome outcome) {
            journal.recordOutcome(outcome);
            LOG.info("Event {}: {} {} {}{}", event.eventId(), outcome.step().startsWith("client:") ? "client" : outcome.step(),
                    outcome.id(), outcome.status(), outcome.message() == null ? "" : " (" + outcome.message() + ")");
            return outcome.id();
        }
    }

    private static String lostSecret(String clientId) {
        return "created before an interruption; its secret was not recorded and cannot be recovered: rotate client " + clientId;
    }

    private static List<String> changedFields(ProjectRequest patch) {
        List<String> fields = new ArrayList<>();
        if (patch.name() != null) {
            fields.add("name");
        }
        if (patch.domain() != null) {
            fields.add("domain");
        }
        if (patch.cors() != null) {
            fields.add("cors");
        }
        if (patch.crossDomain() != null) {
            fields.add("crossDomain");
        }
        if (patch.allowUnsafeRevenueTracking() != null) {
            fields.add("allowUnsafeRevenueTracking");
        }
        return fields;
    }
}
