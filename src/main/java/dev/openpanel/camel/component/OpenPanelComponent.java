package dev.openpanel.camel.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;

import dev.openpanel.camel.component.api.ApiCallObserver;
import dev.openpanel.camel.component.api.ApiTarget;
import dev.openpanel.camel.component.api.CamelHttpTransport;
import dev.openpanel.camel.component.api.CredentialsSource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ManageApiClient;
import dev.openpanel.camel.component.api.PlainHttpComponent;
import dev.openpanel.camel.component.api.RetryPolicy;
import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.component.limit.RateLimiter;
import dev.openpanel.camel.component.limit.RateLimiterRegistry;
import dev.openpanel.camel.component.limit.RateLimiters;
import dev.openpanel.camel.component.model.ClientCredentials;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.logging.SecretMasker;

/**
 * The {@code openpanel:} component: calls the OpenPanel Manage API ({@code openpanel:projects?operation=create}).
 * Holds the connection settings endpoints share by default, and one {@link ManageApi} per root client, each behind
 * that client's rate limiter: JVM-wide by default, or shared by the instances of a cluster ({@link #setRateLimiters}).
 */
@org.apache.camel.spi.annotations.Component("openpanel")
public class OpenPanelComponent extends DefaultComponent {

    @Metadata(description = "The API root; /manage is appended. Cloud: https://api.openpanel.dev, self-hosted:"
            + " https://analytics.example.com/api.")
    private String apiUrl;
    @Metadata(label = "security", description = "Id of a root client of the organisation (a UUID).")
    private String clientId;
    @Metadata(label = "security", secret = true, description = "Secret of the root client.")
    private String clientSecret;
    @Metadata(label = "advanced", defaultValue = "20", description = "Requests allowed per rate-limit period, per client id.")
    private int rateLimitRequests = RateLimitSettings.MANAGE_API.requests();
    @Metadata(label = "advanced", defaultValue = "10s", description = "The server's rate-limit window.")
    private Duration rateLimitPeriod = RateLimitSettings.MANAGE_API.period();
    @Metadata(label = "advanced", defaultValue = "200ms",
              description = "Spacing added to every window to absorb network jitter.")
    private Duration rateLimitMargin = RateLimitSettings.MANAGE_API.margin();
    @Metadata(label = "advanced", defaultValue = "0", description = "Requests of every window left to other users of the"
            + " same client id (other tools, the Export and Insights APIs); at least 0 and less than rateLimitRequests.")
    private int rateLimitReserve = RateLimitSettings.MANAGE_API.reserve();
    @Metadata(label = "advanced", defaultValue = "4", description = "Retries after a transient failure (5xx, timeout, connection).")
    private int maxRetries = RetryPolicy.DEFAULT.maxRetries();
    @Metadata(label = "advanced", defaultValue = "500ms", description = "Backoff before the first retry; doubles each time.")
    private Duration retryBackoff = RetryPolicy.DEFAULT.initialBackoff();
    @Metadata(label = "advanced", defaultValue = "30s", description = "Longest backoff between retries.")
    private Duration maxRetryBackoff = RetryPolicy.DEFAULT.maxBackoff();
    @Metadata(label = "advanced", defaultValue = "10", description = "How many 429 answers in a row a call waits out.")
    private int maxRateLimitWaits = RetryPolicy.DEFAULT.maxRateLimitWaits();
    @Metadata(label = "advanced", defaultValue = "10s", description = "How long to wait for a connection.")
    private Duration connectTimeout = Duration.ofSeconds(10);
    @Metadata(label = "advanced", defaultValue = "30s", description = "How long to wait for an answer once a request is sent.")
    private Duration responseTimeout = Duration.ofSeconds(30);
    @Metadata(label = "advanced", description = "Hears about every call (metrics).")
    private ApiCallObserver observer = ApiCallObserver.NONE;
    @Metadata(label = "advanced", description = "Where each root client's rate limiter comes from: this JVM's registry by"
            + " default; in cluster mode, the budget the instances share through PostgreSQL.")
    private RateLimiters rateLimiters = RateLimiterRegistry.jvm();

    private volatile CredentialsSource rootCredentials;
    private final Map<String, ManageApi> apis = new ConcurrentHashMap<>();
    private final Map<String, CamelHttpTransport> transports = new ConcurrentHashMap<>();
    private HttpComponent http;
    private HttpComponent plainHttp;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OpenPanelEndpointConfiguration configuration = new OpenPanelEndpointConfiguration();
        configuration.setResource(OpenPanelResource.parse(remaining));
        OpenPanelEndpoint endpoint = new OpenPanelEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * Makes the component's own root client come from a source asked before every request (credentials from files
     * that may change while the service runs), instead of {@code clientId} and {@code clientSecret}.
     */
    public void credentialsFrom(CredentialsSource source) {
        this.rootCredentials = source;
    }

    /**
     * The Manage API of the component's own root client. With a {@linkplain #credentialsFrom credentials source} it is
     * one instance whatever the credentials become: each request sends the current ones, and takes its permit from the
     * limiter of the current client id.
     */
    public ManageApi getManageApi() {
        CredentialsSource source = rootCredentials;
        if (source == null) {
            Fixed fixed = lastFixed;
            if (fixed != null && fixed.url() == apiUrl && fixed.id() == clientId && fixed.secret() == clientSecret) {
                return fixed.api();
            }
            ManageApi api = manageApi(apiUrl, clientId, clientSecret);
            lastFixed = new Fixed(apiUrl, clientId, clientSecret, api);
            return api;
        }
        if (isBlank(apiUrl)) {
            throw new IllegalStateException("the openpanel component needs apiUrl (openpanel.api-url)");
        }
        return apis.computeIfAbsent("root " + apiUrl, key -> createApi(new ApiTarget(apiUrl, source)));
    }

    /** The component's own Manage API for the settings it was last asked with (every call asks: no key built per call). */
    private record Fixed(String url, String id, String secret, ManageApi api) {
    }

    private volatile Fixed lastFixed;

    /** The Manage API at {@code url} as the given root client; one instance (and one rate limiter) per client. */
    public ManageApi manageApi(String url, String id, String secret) {
        if (isBlank(url) || isBlank(id) || isBlank(secret)) {
            throw new IllegalStateException("the openpanel component needs apiUrl, clientId and clientSecret "
                    + "(openpanel.api-url, openpanel.client-id, openpanel.client-secret)");
        }
        SecretMasker.remember(secret);
        ApiTarget target = new ApiTarget(url, new ClientCredentials(id, Secret.of(secret)));
        return apis.computeIfAbsent(target.apiUrl() + " " + id + " " + Integer.toHexString(secret.hashCode()),
                key -> createApi(target));
    }

    private ManageApi createApi(ApiTarget target) {
        RateLimitSettings limits = new RateLimitSettings(rateLimitRequests, rateLimitPeriod, rateLimitMargin,
                rateLimitReserve);
        RetryPolicy retries = new RetryPolicy(maxRetries, retryBackoff, maxRetryBackoff, maxRateLimitWaits);
        CamelHttpTransport transport = transports.computeIfAbsent(target.apiUrl(), this::createTransport);
        ManageApiClient client = new ManageApiClient(target, transport, limiters(target.apiUrl(), limits), retries, observer);
        return new ManageApi(client);
    }

    private Function<String, RateLimiter> limiters(String url, RateLimitSettings limits) {
        RateLimiters source = rateLimiters;
        return id -> source.limiterFor(url, id, limits);
    }

    private CamelHttpTransport createTransport(String url) {
        try {
            return new CamelHttpTransport(httpComponent(url), url, connectTimeout, responseTimeout);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create an HTTP endpoint for " + url + ": " + e.getMessage(), e);
        }
    }

    /** The HTTP component for the URL: one without TLS for {@code http://} URLs, which then set up no SSL context. */
    private synchronized HttpComponent httpComponent(String url) {
        if (url.regionMatches(true, 0, "http://", 0, "http://".length())) {
            if (plainHttp == null) {
                plainHttp = started(new PlainHttpComponent());
            }
            return plainHttp;
        }
        if (http == null) {
            http = started(new HttpComponent());
        }
        return http;
    }

    private HttpComponent started(HttpComponent component) {
        component.setCamelContext(getCamelContext());
        component.setAutomaticRetriesDisabled(true);
        component.setCookieManagementDisabled(true);
        component.setFollowRedirects(false);
        ServiceHelper.startService(component);
        return component;
    }

    @Override
    protected void doStop() throws Exception {
        transports.values().forEach(CamelHttpTransport::close);
        transports.clear();
        apis.clear();
        synchronized (this) {
            ServiceHelper.stopAndShutdownServices(http, plainHttp);
            http = null;
            plainHttp = null;
        }
        super.doStop();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    public String getApiUrl() {
        return apiUrl;
    }

    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** The root client id: the credentials source's current one when it has one. */
    public String getClientId() {
        CredentialsSource source = rootCredentials;
        return source != null ? source.current().clientId() : clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** The root client secret: the credentials source's current one when it has one. */
    public String getClientSecret() {
        CredentialsSource source = rootCredentials;
        return source != null ? source.current().secret().reveal() : clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public int getRateLimitRequests() {
        return rateLimitRequests;
    }

    public void setRateLimitRequests(int rateLimitRequests) {
        this.rateLimitRequests = rateLimitRequests;
    }

    public Duration getRateLimitPeriod() {
        return rateLimitPeriod;
    }

    public void setRateLimitPeriod(Duration rateLimitPeriod) {
        this.rateLimitPeriod = rateLimitPeriod;
    }

    public Duration getRateLimitMargin() {
        return rateLimitMargin;
    }

    public void setRateLimitMargin(Duration rateLimitMargin) {
        this.rateLimitMargin = rateLimitMargin;
    }

    public int getRateLimitReserve() {
        return rateLimitReserve;
    }

    public void setRateLimitReserve(int rateLimitReserve) {
        this.rateLimitReserve = rateLimitReserve;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    public int getMaxRateLimitWaits() {
        return maxRateLimitWaits;
    }

    public void setMaxRateLimitWaits(int maxRateLimitWaits) {
        this.maxRateLimitWaits = maxRateLimitWaits;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public RateLimiters getRateLimiters() {
        return rateLimiters;
    }

    /** Where root clients' limiters come from; set before the first call (cluster mode sets the shared budget's). */
    public void setRateLimiters(RateLimiters rateLimiters) {
        this.rateLimiters = rateLimiters;
    }

    public ApiCallObserver getObserver() {
        return observer;
    }

    public void setObserver(ApiCallObserver observer) {
        this.observer = observer;
    }
}
