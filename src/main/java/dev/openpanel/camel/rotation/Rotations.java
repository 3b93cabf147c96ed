package dev.openpanel.camel.rotation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.FieldLimits;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.RootCredentials;
import dev.openpanel.camel.rotation.RotationJournal.OldClient;
import dev.openpanel.camel.secrets.ClientSecretLines;

/**
 * The steps of {@code routes/rotation.camel.yaml} (bean {@value #BEAN}): every API call is an {@code openpanel:} step
 * of the route; these methods decide which calls a pass still needs, from the rotation's journal, and record each
 * outcome before the next call. Order: look the old client up, rename it ({@code <name> (rotated <date>)}, so its name
 * points at one client while both work), create the new client with the same name, type and project, deliver its
 * secret (a 0600 file in {@code secrets/}; for {@code rotate root}: verified with one call, then written to the
 * credential files), and delete the old client when its grace ({@code openpanel.rotation.grace}) is over. A crash at
 * any point leaves the old client working until a new one is delivered; a new client whose secret was lost (killed
 * before the answer, or the answer lost) is deleted and made again.
 */
public final class Rotations {

    /** Registry name of the steps. */
    public static final String BEAN = "rotations";
    /** Header: the client to rotate. */
    public static final String CLIENT_ID = "OpenpanelRotateClientId";
    /** Header: {@code true} to rotate the tool's own root client ({@code rotate root}). */
    public static final String ROOT = "OpenpanelRotateRoot";
    /** Header: {@code true} to delete the old client at once instead of after the grace. */
    public static final String NOW = "OpenpanelRotateNow";
    /** Header: what started the rotation ({@code command}, {@code event}, {@code rule}, {@code grace}), for the report. */
    public static final String TRIGGER = "OpenpanelRotationTrigger";
    /** Exchange property: the {@link Rotation} of the pass. */
    public static final String ROTATION = "OpenpanelRotation";

    private static final Logger LOG = LoggerFactory.getLogger(Rotations.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int MAX_DISCARDS = 3;
    /** The trigger of the rotations of a run of the rules, whose own report lists them all. */
    public static final String BY_RULE = "rule";

    private final Map<String, Semaphore> turns = new ConcurrentHashMap<>();
    private final Supplier<ManageApi> api;
    private final DataDirectory data;
    private final RotationSettings settings;
    private final RootCredentials rootCredentials;
    private final RotationReports reports;
    private final NewRootCheck newRootCheck;
    private final Clock clock;

    /**
     * @param api             the component's API (its target names the tool's own client)
     * @param rootCredentials the tool's own credentials, or null when they are not read from settings (sandbox)
     */
    public Rotations(Supplier<ManageApi> api, DataDirectory data, RotationSettings settings, RootCredentials rootCredentials,
            RotationReports reports, NewRootCheck newRootCheck, Clock clock) {
        this.api = api;
        this.data = data;
        this.settings = settings;
        this.rootCredentials = rootCredentials;
        this.reports = reports;
        this.newRootCheck = newRootCheck;
        this.clock = clock;
    }

    /** The folder of the rotation journals of the current API. */
    Path journals() {
        return data.apiState(api.get().client().target().apiUrl()).resolve("rotations");
    }

    /** Opens the rotation's journal (closed when the exchange completes) and checks what was asked. */
    public void begin(Exchange exchange) {
        boolean root = exchange.getIn().getHeader(ROOT, false, Boolean.class);
        boolean now = exchange.getIn().getHeader(NOW, false, Boolean.class);
        String trigger = exchange.getIn().getHeader(TRIGGER, "command", String.class);
        String ownId = api.get().client().target().clientId();
        String asked = exchange.getIn().getHeader(CLIENT_ID, String.class);
        // an unfinished root rotation is resumed: its old client is no longer the tool's own once the files switched
        String clientId = root && asked == null ? unfinishedRoot().orElse(ownId) : asked;
        if (root) {
            credentialFiles();
        } else if (clientId == null || clientId.isBlank()) {
            throw new RotationRefusedException("Name the client to rotate by its id.");
        } else if (clientId.equals(ownId)) {
            throw new RotationRefusedException("Client " + clientId + " is the one this tool authenticates with: rotate it with 'rotate root'.");
        }
        Semaphore turn = turns.computeIfAbsent(checkedId(clientId), id -> new Semaphore(1));
        // one pass per client at a time in this JVM (an event and the sweep may ask at once); other processes wait on the file lock
        turn.acquireUninterruptibly();
        RotationJournal journal;
        try {
            journal = RotationJournal.open(data.journals(), journals().resolve(clientId + ".jsonl"));
        } catch (RuntimeException e) {
            turn.release();
            throw e;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    journal.close();
                } finally {
                    turn.release();
                }
            }
        });
        Rotation rotation = new Rotation(journal, clientId, root, now, trigger);
        exchange.setProperty(ROTATION, rotation);
        if (journal.old() != null && journal.old().root() != root) {
            throw new RotationRefusedException("Client " + clientId + " is being rotated " + (root ? "as a project client" : "as the root client")
                    + " already; finish it the same way.");
        }
        exchange.getIn().setHeader(OpenPanelConstants.ID, clientId);
    }

    /** Whether the old client still has to be looked up (a new rotation). */
    public boolean needsLookup(Exchange exchange) {
        return rotation(exchange).journal.old() == null;
    }

    /** Records the old client as it is (the answer of the lookup). */
    public void found(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        Client client = exchange.getMessage().getBody(Client.class);
        if (!rotation.root && client.type() == ClientType.ROOT && client.projectId() == null && isOwn(client.id())) {
            throw new RotationRefusedException("Client " + client.id() + " is the one this tool authenticates with: rotate it with 'rotate root'.");
        }
        rotation.journal.recordStarted(new OldClient(client.id(), client.name(), client.projectId(), client.type(), rotation.root),
                rotation.trigger);
        rotation.changed = true;
    }

    /** Whether the old client still carries its own name (the rename comes before the new client). */
    public boolean needsRename(Exchange exchange) {
        RotationJournal journal = rotation(exchange).journal;
        return journal.delivered() == null && journal.renamedTo() == null;
    }

    /** The rename of the old client: header {@code CamelOpenpanelId} and the body of the update. */
    public void rename(Exchange exchange) {
        OldClient old = rotation(exchange).journal.old();
        exchange.getIn().setHeader(OpenPanelConstants.ID, old.id());
        exchange.getIn().setBody(ClientRequest.of(rotatedName(old.name()), null, null));
    }

    public void renamed(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        rotation.journal.recordRenamed(exchange.getMessage().getBody(Client.class).name());
        rotation.changed = true;
    }

    /** Whether the new client is not delivered yet (the loop around discard and create). */
    public boolean needsClient(Exchange exchange) {
        return rotation(exchange).journal.delivered() == null;
    }

    /**
     * Whether a new client made before lost its secret and must be deleted (header {@code CamelOpenpanelId}) before a
     * new one is made. For
     * {@code rotate root}, one whose credentials reached their files first finishes the move and counts as delivered.
     */
    public boolean hasLostClient(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        String undelivered = rotation.journal.undelivered();
        if (undelivered != null && rotation.root && credentialFiles().recover(undelivered)) {
            rotation.journal.recordDelivered(undelivered, deleteAt(rotation), null);
            rotation.changed = true;
            return false;
        }
        if (undelivered != null) {
            exchange.getIn().setHeader(OpenPanelConstants.ID, undelivered);
        }
        return undelivered != null;
    }

    public void discarded(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        String id = rotation.journal.undelivered();
        rotation.journal.recordDiscarded(id);
        rotation.changed = true;
        LOG.warn("Rotation of client {}: deleted the new client {}, whose secret was lost before it could be delivered; making another",
                rotation.clientId, id);
    }

    /** The create of the new client, with the journal as its intents (a lost answer is resolved by lookup). */
    public void newClient(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        if (rotation.journal.discardedCount() >= MAX_DISCARDS) {
            throw new IllegalStateException("the rotation of client " + rotation.clientId + " lost the secret of " + MAX_DISCARDS
                    + " new clients in a row; it stops here and the old client keeps working");
        }
        OldClient old = rotation.journal.old();
        exchange.getIn().setBody(ClientRequest.of(old.name(), old.projectId(), old.type()));
        exchange.setProperty(OpenPanelConstants.INTENTS, rotation.journal);
        exchange.getIn().setHeader(OpenPanelConstants.INTENT_KEY, RotationJournal.NEW_CLIENT);
    }

    /**
     * Records the new client and delivers its secret; a new client found by lookup after a lost answer has no secret
     * and is deleted by the next turn of the loop.
     */
    public void created(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        exchange.removeProperty(OpenPanelConstants.INTENTS);
        Object body = exchange.getMessage().getBody();
        String id = exchange.getMessage().getHeader(OpenPanelConstants.ID, String.class);
        rotation.journal.recordCreated(id);
        rotation.changed = true;
        if (!(body instanceof CreatedClient created) || created.secret() == null) {
            return;
        }
        String file;
        if (rotation.root) {
            verify(created);
            credentialFiles().replace(id, created.secret());
            file = null;
        } else {
            OldClient old = rotation.journal.old();
            file = data.secrets().write(secretsFileName(rotation.clientId), ClientSecretLines.HEADER + "\n"
                    + ClientSecretLines.line(id, old.projectId(), old.type(), created.secret()) + "\n").toString();
        }
        rotation.journal.recordDelivered(id, deleteAt(rotation), file);
        rotation.newSecret = created.secret();
    }

    /**
     * The create's answer was lost: the next turn of the loop looks up whether it made the client (through the intent
     * in the journal) before anything is sent again.
     */
    public void answerLost(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        exchange.removeProperty(OpenPanelConstants.INTENTS);
        if (++rotation.lostAnswers > MAX_DISCARDS) {
            throw new IllegalStateException("the rotation of client " + rotation.clientId + " lost the answer of " + MAX_DISCARDS
                    + " creates in a row; it stops here and the old client keeps working");
        }
        LOG.warn("Rotation of client {}: the answer to the new client's create was lost; looking it up", rotation.clientId);
    }

    /**
     * The pass failed for good (the API refused a call as it is, e.g. the client's project is gone): recorded in the
     * journal, so the sweep stops resuming it until someone asks for the rotation again; the failure goes on.
     */
    public void failed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Rotation rotation = rotation(exchange);
        if (rotation != null && failure != null && OpenPanelErrors.isPermanent(failure)) {
            rotation.journal.recordFailed(failure.getMessage());
            LOG.error("Rotation of client {} failed for good: {}; the old client keeps working, and 'rotate client {}' tries again",
                    rotation.clientId, failure.getMessage(), rotation.clientId);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Whether the old client is due for deletion now ({@code --now}, or its grace is over). */
    public boolean oldDue(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        RotationJournal journal = rotation.journal;
        if (journal.delivered() == null || journal.complete()) {
            return false;
        }
        Instant now = clock.instant();
        if (rotation.now && journal.deleteAt().isAfter(now)) {
            journal.recordDeleteAt(now);
        }
        if (journal.deleteAt().isAfter(now)) {
            return false;
        }
        exchange.getIn().setHeader(OpenPanelConstants.ID, journal.old().id());
        return true;
    }

    public void oldDeleted(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        rotation.journal.recordOldDeleted(exchange.getMessage().getHeader(OpenPanelConstants.OUTCOME, String.class));
        rotation.changed = true;
    }

    /** The result of the pass, also written to {@code reports/rotation-<UTC time>.json} when the pass did something. */
    public RotationResult finish(Exchange exchange) {
        Rotation rotation = rotation(exchange);
        RotationJournal journal = rotation.journal;
        OldClient old = journal.old();
        String status = !rotation.changed ? RotationResult.REPEATED : journal.complete() ? RotationResult.COMPLETED : RotationResult.ROTATED;
        String secretsFile = rotation.root ? credentialFiles().describe() : journal.secretsFile();
        RotationResult result = new RotationResult(old.id(), journal.delivered(), old.name(), old.projectId(), old.type().value(),
                old.root(), status, journal.deleteAt(), secretsFile, journal.discardedCount(),
                rotation.newSecret != null ? rotation.newSecret : delivered(rotation));
        if (rotation.changed && !BY_RULE.equals(rotation.trigger)) {
            reports.write(rotation.trigger, result);
            LOG.info("Rotation: {}", result.describe());
        }
        exchange.getMessage().setBody(result);
        return result;
    }

    /**
     * The secret delivered by an earlier pass, read back from its file while it is kept there (a redelivered event
     * whose result was never published needs it); null for the root client, whose secret is in its credential file.
     */
    private Secret delivered(Rotation rotation) {
        RotationJournal journal = rotation.journal;
        if (rotation.root || journal.delivered() == null || journal.secretsFile() == null) {
            return null;
        }
        return ClientSecretLines.secrets(data.secrets().lines(secretsFileName(rotation.clientId))).get(journal.delivered());
    }

    /** The old client of a root rotation that is not finished (its old client not deleted yet). */
    private Optional<String> unfinishedRoot() {
        return RotationJournal.unfinishedIn(data.journals(), journals()).stream().filter(journal -> journal.old().root())
                .map(journal -> journal.old().id()).findFirst();
    }

    private Instant deleteAt(Rotation rotation) {
        Instant now = clock.instant();
        return rotation.now ? now : now.plus(settings.grace());
    }

    /** One call as the new root client: it must answer before its credentials replace the old ones. */
    private void verify(CreatedClient created) {
        newRootCheck.verify(created.credentials());
    }

    private RootCredentialFiles credentialFiles() {
        if (rootCredentials == null || rootCredentials.idFile() == null || rootCredentials.secretFile() == null) {
            throw new InvalidConfigurationException("rotate root needs the tool's own client id and secret in files "
                    + "(OPENPANEL_CLIENT_ID_FILE and OPENPANEL_CLIENT_SECRET_FILE) that it can replace; set both and run it again.");
        }
        return new RootCredentialFiles(rootCredentials.idFile(), rootCredentials.secretFile());
    }

    private boolean isOwn(String clientId) {
        return clientId.equals(api.get().client().target().clientId());
    }

    /** The old client's name while it is replaced: {@code <name> (rotated <UTC date>)}, within the name limit. */
    String rotatedName(String name) {
        String suffix = " (rotated " + DAY.format(clock.instant()) + ")";
        String base = name.length() + suffix.length() > FieldLimits.NAME ? name.substring(0, FieldLimits.NAME - suffix.length()) : name;
        return base + suffix;
    }

    /** The file the new secret of a rotated client goes to. */
    static String secretsFileName(String oldClientId) {
        return "rotation-" + oldClientId + ".secrets.csv";
    }

    private static String checkedId(String clientId) {
        if (!clientId.matches("[0-9a-fA-F-]{1,64}")) {
            throw new RotationRefusedException("'" + clientId + "' is not a client id (a UUID).");
        }
        return clientId;
    }

    private static Rotation rotation(Exchange exchange) {
        return exchange.getProperty(ROTATION, Rotation.class);
    }
}
