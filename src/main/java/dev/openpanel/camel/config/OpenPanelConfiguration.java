package dev.openpanel.camel.config;

import java.nio.file.Path;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.cluster.ClusterMode;
import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.extensions.ExtensionPoints;
import dev.openpanel.camel.component.api.ApiCallObserver;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.health.ApiReadiness;
import dev.openpanel.camel.health.OpenPanelApiHealthCheck;
import dev.openpanel.camel.health.ReadinessProbe;
import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.logging.SecretMasker;
import dev.openpanel.camel.metrics.OpenPanelMetrics;
import dev.openpanel.camel.metrics.RouteMetrics;

/**
 * Wires the core at start-up: reads and checks the settings, creates the data directory, starts the sandbox when no
 * API URL is set, and registers the {@code openpanel} component (bean {@value #COMPONENT}) with the beans the jobs
 * share: settings, data directory, metrics, intake token and JSON mapper.
 */
public class OpenPanelConfiguration extends ContextConfiguration {

    /** Registry name of the configured component. */
    public static final String COMPONENT = "openpanel";
    /** Registry name of the {@link OpenPanelSettings}. */
    public static final String SETTINGS = "openpanelSettings";
    /** Registry name of the {@link DataDirectory}. */
    public static final String DATA = "openpanelData";
    /** Registry name of the {@link OpenPanelMetrics}. */
    public static final String METRICS = "openpanelMetrics";
    /** Registry name of the intake's {@link BearerToken}. */
    public static final String INTAKE_TOKEN = "openpanelIntakeToken";
    /** Registry name of the claims on drop-folder files (routes/import.camel.yaml). */
    public static final String INBOX_CLAIMS = "inboxClaims";
    /**
     * Registry name of the JSON mapper (ISO dates, Java time types); Camel's {@code marshal: json} finds it there, so
     * routes can marshal the component's model objects.
     */
    public static final String OBJECT_MAPPER = "openpanelObjectMapper";

    private OpenPanelSettings settings;
    private ClusterMode cluster;
    private DataDirectory data;
    private IdempotentRepository inboxClaims;

    /** The settings, read and checked once (a bad value stops start-up with a sentence naming it). */
    @BindToRegistry(SETTINGS)
    public synchronized OpenPanelSettings settings() {
        if (settings == null) {
            settings = OpenPanelSettings.load(this::property);
            if (settings.clientSecret() != null) {
                SecretMasker.remember(settings.clientSecret().reveal());
            }
        }
        return settings;
    }

    /** The data directory; in cluster mode its journals are kept in the cluster's database. */
    @BindToRegistry(DATA)
    public synchronized DataDirectory data() {
        if (data == null) {
            Path directory = settings().dataDir();
            data = (settings().isCluster() ? new DataDirectory(directory, cluster().journals(directory)) : new DataDirectory(directory))
                    .create();
        }
        return data;
    }

    /**
     * The claims on the files of the drop folders, the inbox routes' read lock ({@code readLock: idempotent-changed}):
     * in cluster mode shared by the instances through the database, so a file of a shared inbox is imported by one of
     * them and taken over if it dies; on one machine in memory (the file consumer's own in-progress record already
     * keeps a file from being taken twice).
     */
    @BindToRegistry(INBOX_CLAIMS)
    public synchronized IdempotentRepository inboxClaims() throws Exception {
        if (inboxClaims == null) {
            inboxClaims = settings().isCluster() ? cluster().inboxClaims(getCamelContext())
                    : MemoryIdempotentRepository.memoryIdempotentRepository();
        }
        return inboxClaims;
    }

    /** The cluster this instance joins (cluster mode only), opened once. */
    private synchronized ClusterMode cluster() {
        if (cluster == null) {
            cluster = ClusterMode.open(settings().cluster());
        }
        return cluster;
    }

    @BindToRegistry(METRICS)
    public OpenPanelMetrics metrics() {
        return new OpenPanelMetrics(getCamelContext());
    }

    /** The intake token, {@code openpanel.intake.token} or the file {@code openpanel.intake.token.file} (re-read on change). */
    @BindToRegistry(INTAKE_TOKEN)
    public BearerToken intakeToken() {
        CredentialSetting token = CredentialSetting.resolve(this::property, "openpanel.intake.token", true);
        return token == null ? BearerToken.disabled() : new BearerToken(token);
    }

    @BindToRegistry(ExtensionPoints.BEAN)
    public ExtensionPoints extensionPoints() {
        return new ExtensionPoints(getCamelContext());
    }

    @BindToRegistry(OBJECT_MAPPER)
    public ObjectMapper objectMapper() {
        return ManageJson.mapper();
    }

    /**
     * Checks that the HTTP port can be bound, starts the sandbox when no API URL is set, registers the component
     * with its readiness check and probe (in cluster mode with the budget the instances share, and the database's
     * readiness check), and installs the route metrics; the API and limiter metrics only for the service.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        OpenPanelSettings current = settings();
        HttpPortCheck.check(context::resolvePropertyPlaceholders);
        boolean service = isService();
        ApiConnection connection = current.isSandbox() ? SandboxMode.start(context, current, service) : current.connection();
        OpenPanelMetrics metrics = context.getRegistry().lookupByNameAndType(METRICS, OpenPanelMetrics.class);
        RouteMetrics.install(context, property("openpanel.metrics.routes-excluded"));
        ApiReadiness readiness = new ApiReadiness();
        OpenPanelComponent component = component(current, connection);
        if (current.isCluster()) {
            component.setRateLimiters(cluster().start(context, service));
        }
        context.addComponent(COMPONENT, component);
        if (service) {
            // only a service exports metrics (/observe/metrics): a one-shot command would record them for nobody
            component.setObserver(ApiCallObserver.all(metrics.apiObserver(), readiness));
            metrics.watch(() -> component.getManageApi().client().limiter());
        } else {
            component.setObserver(readiness);
        }
        HealthCheckRegistry health = HealthCheckHelper.getHealthCheckRegistry(context);
        if (health != null) {
            health.register(new OpenPanelApiHealthCheck(readiness, connection.apiUrl()));
        }
        if (service) {
            context.addService(new ReadinessProbe(context, readiness, component.getManageApi(), current.healthProbeInterval()));
        }
    }

    private String property(String key) {
        return getCamelContext().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /** The component of a running context, for beans that call the API in Java. */
    public static ManageApi manageApi(CamelContext context) {
        return context.getComponent(COMPONENT, OpenPanelComponent.class).getManageApi();
    }

    private static OpenPanelComponent component(OpenPanelSettings settings, ApiConnection connection) {
        OpenPanelComponent component = new OpenPanelComponent();
        component.setApiUrl(connection.apiUrl());
        component.setClientId(connection.clientId());
        component.setClientSecret(connection.secret().reveal());
        if (!settings.isSandbox() && settings.rootCredentials() != null && settings.rootCredentials().fromFiles()) {
            component.credentialsFrom(settings.rootCredentials());
        }
        component.setRateLimitRequests(settings.rateLimit().requests());
        component.setRateLimitPeriod(settings.rateLimit().period());
        component.setRateLimitMargin(settings.rateLimit().margin());
        component.setRateLimitReserve(settings.rateLimit().reserve());
        component.setMaxRetries(settings.retryPolicy().maxRetries());
        component.setRetryBackoff(settings.retryPolicy().initialBackoff());
        component.setMaxRetryBackoff(settings.retryPolicy().maxBackoff());
        component.setMaxRateLimitWaits(settings.retryPolicy().maxRateLimitWaits());
        component.setConnectTimeout(settings.connectTimeout());
        component.setResponseTimeout(settings.responseTimeout());
        return component;
    }
}
