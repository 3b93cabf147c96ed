package dev.openpanel.camel.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.ensure.WriteResult;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.ensure.ResourceSnapshot;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.metrics.OpenPanelMetrics;
import dev.openpanel.camel.rotation.RotationResult;
import dev.openpanel.camel.provisioning.DeploymentEvent.ClientSpec;

/**
 * The steps of {@code direct:provision-event} (bean {@value #BEAN}), around its {@code openpanel:} ensure steps:
 * {@link #receive} validates the event and opens its journal; the {@code idempotentConsumer} answers a completed event
 * id with {@link #repeated} (an id that came before with other content is refused by {@link #receive} with a
 * {@link ProvisioningRejectedException}, a permanent failure); otherwise {@link #project}, {@link #client} and {@link #reference} set up each ensure (or
 * skip a step the journal already has, after a crash) and {@link #projectDone}, {@link #clientDone} and
 * {@link #referenceDone} record what it did, secrets first; {@link #complete} records the event done and makes its
 * {@link ProvisioningResult}. Each create is recorded in the journal before it is sent, by the component.
 */
public final class ProvisioningSteps {

    /** Registry name of the bean. */
    public static final String BEAN = "provisioningSteps";
    /** Header: whether the step needs its {@code openpanel:} call (false when the journal already has its outcome). */
    public static final String NEEDS_CALL = "OpenpanelStepNeedsCall";
    /** Header set by {@link #receive} for a rotation event: the client it rotates (the route hands it to the rotation). */
    public static final String ROTATE_CLIENT_ID = "OpenpanelEventRotateClientId";
    /** Exchange property: the event is provisioned; what fails after it is the delivery of its result. */
    static final String PROVISIONED = "OpenpanelProvisioned";
    private static final String UNIT = "OpenpanelEventUnit";
    private static final String CLIENT = "OpenpanelEventClient";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningSteps.class);

    private final DeploymentEventParser parser;
    private final Supplier<ManageApi> api;
    private final DataDirectory data;
    private final OpenPanelMetrics metrics;
    private final EventSecrets secrets;
    private volatile EventJournals journals;

    public ProvisioningSteps(DeploymentEventParser parser, Supplier<ManageApi> api, DataDirectory data, OpenPanelMetrics metrics) {
        this.parser = parser;
        this.api = api;
        this.data = data;
        this.metrics = metrics;
        this.secrets = new EventSecrets(data.secrets());
    }

    /** Validates the event in the body (JSON) and opens its journal, held until the exchange is done. */
    public void receive(Exchange exchange) {
        EventUnit held = unit(exchange);
        if (held != null) {
            // a redelivery of this exchange (the queue route's error handler): the journal is open already, and the
            // message may be the one the route started with again
            exchange.getIn().setHeader(Provisioning.EVENT_ID, held.event().eventId());
            exchange.getIn().setHeader(ROTATE_CLIENT_ID, held.event().rotateClientId());
            return;
        }
        DeploymentEvent event = parser.parse(exchange.getIn().getBody(byte[].class));
        exchange.getIn().setHeader(Provisioning.EVENT_ID, event.eventId());
        exchange.getIn().setHeader(ROTATE_CLIENT_ID, event.rotateClientId());
        EventJournal journal = journals().open(event.eventId());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                journal.close();
            }
        });
        EventUnit unit = new EventUnit(event, journal, Provisioning.deliveryOf(exchange), ResourceSnapshot.of(api.get()));
        exchange.setProperty(UNIT, unit);
        exchange.setProperty(OpenPanelConstants.SNAPSHOT, unit.snapshot());
        exchange.setProperty(OpenPanelConstants.INTENTS, new EventJournalIntents(journal));
        if (journal.digest() != null && !journal.digest().equals(event.digest())) {
            throw new ProvisioningRejectedException(conflict(event.eventId()));
        }
        if (journal.isComplete()) {
            return;
        }
        if (journal.digest() == null) {
            journal.recordReceived(event.digest());
        } else {
            LOG.info("Event {}: resuming an interrupted provisioning", event.eventId());
        }
    }

    /** The body becomes the project as the event wants it; skipped when the journal has its outcome. */
    public void project(Exchange exchange) {
        EventUnit unit = unit(exchange);
        step(exchange, unit, "project", unit.event().project());
    }

    /** Records the project's ensure: its first client's secret when it was created, then the outcome. */
    public void projectDone(Exchange exchange) {
        EventUnit unit = unit(exchange);
        if (!needsCall(exchange)) {
            return;
        }
        Message answer = exchange.getIn();
        Object body = answer.getBody();
        String projectId = answer.getHeader(OpenPanelConstants.ID, String.class);
        String firstClient = null;
        String message = changes(answer);
        if (body instanceof CreatedProject created && created.firstClient() != null) {
            firstClient = created.firstClient().clientId();
            secrets.record(unit.event().eventId(), firstClient, projectId, ClientType.WRITE, created.firstClient().secret());
        } else if (recovered(answer)) {
            firstClient = answer.getHeader(OpenPanelConstants.FIRST_CLIENT_ID, String.class);
            message = firstClient == null || secrets.has(unit.event().eventId(), firstClient) ? null : WriteResult.lostSecretNote(firstClient);
        }
        String name = body instanceof CreatedProject created ? created.project().name() : ((Project) body).name();
        record(unit, new StepOutcome("project", projectId, name, null, status(answer), message, firstClient));
    }

    /** The clients the event asks for, for a split. */
    public List<ClientSpec> clients(Exchange exchange) {
        return unit(exchange).event().clients();
    }

    /** The body (a client of the event) becomes the client as the event wants it; skipped when already done. */
    public void client(Exchange exchange) {
        EventUnit unit = unit(exchange);
        ClientSpec spec = exchange.getIn().getBody(ClientSpec.class);
        exchange.setProperty(CLIENT, spec);
        step(exchange, unit, spec.step(), ClientRequest.of(spec.name(), unit.projectId(), spec.type()));
    }

    /** Records a client's ensure: its secret when it was created, then the outcome. */
    public void clientDone(Exchange exchange) {
        EventUnit unit = unit(exchange);
        if (!needsCall(exchange)) {
            return;
        }
        ClientSpec spec = exchange.getProperty(CLIENT, ClientSpec.class);
        Message answer = exchange.getIn();
        Object body = answer.getBody();
        String id = answer.getHeader(OpenPanelConstants.ID, String.class);
        String message = null;
        if (body instanceof CreatedClient created) {
            secrets.record(unit.event().eventId(), id, unit.projectId(), spec.type(), created.secret());
        } else if (recovered(answer) && !secrets.has(unit.event().eventId(), id)) {
            message = WriteResult.lostSecretNote(id);
        }
        String name = body instanceof CreatedClient created ? created.client().name() : ((Client) body).name();
        record(unit, new StepOutcome(spec.step(), id, name, spec.type().value(), status(answer), message, null));
    }

    /** Whether the event marks its deployment with a reference. */
    public boolean hasReference(Exchange exchange) {
        return unit(exchange).event().reference() != null;
    }

    /** The body becomes the reference as the event wants it; skipped when already done. */
    public void reference(Exchange exchange) {
        EventUnit unit = unit(exchange);
        DeploymentEvent.ReferenceSpec spec = unit.event().reference();
        step(exchange, unit, "reference", ReferenceRequest.of(unit.projectId(), spec.title(), spec.description(), spec.datetime()));
    }

    /** Records the reference's ensure. */
    public void referenceDone(Exchange exchange) {
        EventUnit unit = unit(exchange);
        if (!needsCall(exchange)) {
            return;
        }
        Message answer = exchange.getIn();
        Reference reference = answer.getBody(Reference.class);
        record(unit, new StepOutcome("reference", reference.id(), reference.title(), null, status(answer), changes(answer), null));
    }

    /** Records the event complete (with the delivery that completed it) and makes its result the body. */
    public ProvisioningResult complete(Exchange exchange) {
        EventUnit unit = unit(exchange);
        unit.journal().recordComplete(unit.delivery());
        ProvisioningResult result = result(unit, false);
        metrics.eventProvisioned(result.changedAnything() ? "provisioned" : "unchanged");
        LOG.info("Event {} provisioned: {}", unit.event().eventId(), result.describe());
        return provisioned(exchange, result);
    }

    /**
     * A rotation event is done (the body is the rotation's result): records it complete. Its result carries the new
     * secret only to the delivery that completed it (the first, or a redelivery after its acknowledgement was lost).
     */
    public RotationResult rotated(Exchange exchange) {
        EventUnit unit = unit(exchange);
        RotationResult result = exchange.getIn().getBody(RotationResult.class);
        EventJournal journal = unit.journal();
        if (!journal.isComplete()) {
            journal.recordComplete(unit.delivery());
            metrics.eventProvisioned("rotated");
            LOG.info("Event {}: {}", unit.event().eventId(), result.describe());
        } else if (!unit.delivery().equals(journal.completedBy())) {
            LOG.info("Event {} was done before (at {}): {}", unit.event().eventId(), journal.completedAt(), result.describe());
            metrics.eventProvisioned("repeated");
            result = result.withoutSecret();
        }
        exchange.setProperty(PROVISIONED, true);
        exchange.getIn().setBody(result);
        return result;
    }

    /**
     * A completed event id came again: the earlier result, without secrets and without API calls; with them when it
     * is the very delivery that completed the event (its acknowledgement was lost).
     */
    public ProvisioningResult repeated(Exchange exchange) {
        EventUnit unit = unit(exchange);
        DeploymentEvent event = unit.event();
        EventJournal journal = unit.journal();
        if (unit.delivery().equals(journal.completedBy())) {
            LOG.info("Event {}: delivered again after its acknowledgement was lost; publishing its result again", event.eventId());
            return provisioned(exchange, result(unit, false));
        }
        LOG.info("Event {} was provisioned before (at {}); answering with that result, no API calls", event.eventId(),
                journal.completedAt());
        metrics.eventProvisioned("repeated");
        return provisioned(exchange, result(unit, true));
    }

    /**
     * The reason for refusing an event id that came before with other content, at the intake ({@code 409}) and on the
     * queue (dead-lettered): an id is provisioned once, with the content it first came with.
     */
    static String conflict(String eventId) {
        return "event id '" + eventId + "' was received before with different content: an event id is provisioned once, "
                + "with its first content; give a new deployment a new eventId";
    }

    /** The event being provisioned on this exchange, or null before {@link #receive}. */
    static EventUnit unit(Exchange exchange) {
        return exchange.getProperty(UNIT, EventUnit.class);
    }

    private static ProvisioningResult provisioned(Exchange exchange, ProvisioningResult result) {
        exchange.setProperty(PROVISIONED, true);
        exchange.getIn().setBody(result);
        return result;
    }

    private void step(Exchange exchange, EventUnit unit, String step, Object desired) {
        Message message = exchange.getIn();
        boolean needed = unit.journal().outcome(step).isEmpty();
        message.setHeader(NEEDS_CALL, needed);
        message.setHeader(OpenPanelConstants.INTENT_KEY, step);
        message.setBody(desired);
    }

    private ProvisioningResult result(EventUnit unit, boolean repeated) {
        List<StepOutcome> clients = new ArrayList<>();
        StepOutcome project = null;
        StepOutcome reference = null;
        for (StepOutcome outcome : unit.journal().outcomes()) {
            if (outcome.step().equals("project")) {
                project = outcome;
            } else if (outcome.step().equals("reference")) {
                reference = outcome;
            } else {
                clients.add(outcome);
            }
        }
        String eventId = unit.event().eventId();
        Map<String, Secret> known = repeated ? Map.of() : secrets.read(eventId);
        Path file = secrets.path(eventId);
        return new ProvisioningResult(eventId, repeated, project, clients, reference, known, Files.exists(file) ? file : null,
                unit.journal().completedAt());
    }

    private void record(EventUnit unit, StepOutcome outcome) {
        unit.journal().recordOutcome(outcome);
        LOG.info("Event {}: {} {} {}{}", unit.event().eventId(), outcome.step().startsWith("client:") ? "client" : outcome.step(),
                outcome.id(), outcome.status(), outcome.message() == null ? "" : " (" + outcome.message() + ")");
    }

    private static String changes(Message answer) {
        List<String> notes = new ArrayList<>();
        String changed = answer.getHeader(OpenPanelConstants.CHANGED_FIELDS, String.class);
        if (changed != null && !changed.isEmpty() && !"created".equals(status(answer))) {
            notes.add("changed " + changed.replace(",", ", "));
        }
        if (answer.getHeader(OpenPanelConstants.NOTE) != null) {
            notes.add("types differ but cannot change after creation");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String status(Message answer) {
        return answer.getHeader(OpenPanelConstants.OUTCOME, String.class);
    }

    private static boolean recovered(Message answer) {
        return Boolean.TRUE.equals(answer.getHeader(OpenPanelConstants.RECOVERED, Boolean.class));
    }

    private static boolean needsCall(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getIn().getHeader(NEEDS_CALL, Boolean.class));
    }

    private synchronized EventJournals journals() {
        if (journals == null) {
            journals = new EventJournals(data.journals(), data.apiState(api.get().client().target().apiUrl()).resolve("provisioning"));
        }
        return journals;
    }
}
