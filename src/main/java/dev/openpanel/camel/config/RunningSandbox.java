package dev.openpanel.camel.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import dev.openpanel.camel.component.model.Secret;

/**
 * The sandbox a running service left its credentials for ({@code data/secrets/sandbox-root-client.properties}), if its
 * simulator still answers: a stale file (the service stopped or was killed) finds nothing listening. The check is one
 * request without credentials, which the simulator answers 401 without counting it against the root client's budget.
 */
final class RunningSandbox {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String URL = "url";
    private static final String CLIENT_ID = "client-id";
    private static final String CLIENT_SECRET = "client-secret";

    private RunningSandbox() {
    }

    /** The text of the credentials file a sandbox service writes for its simulator (read by {@link #find}). */
    static String credentialsFile(ApiConnection sandbox) {
        return "# Sandbox only: the root client of the embedded simulator (gone when the service stops)\n"
                + URL + "=" + sandbox.apiUrl() + "\n" + CLIENT_ID + "=" + sandbox.clientId() + "\n" + CLIENT_SECRET + "="
                + sandbox.secret().reveal() + "\n";
    }

    /** The running sandbox's connection, or null when there is none. */
    static ApiConnection find(Path credentialsFile) {
        if (!Files.isRegularFile(credentialsFile)) {
            return null;
        }
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(credentialsFile, StandardCharsets.UTF_8)) {
            credentials.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String url = credentials.getProperty(URL);
        String id = credentials.getProperty(CLIENT_ID);
        String secret = credentials.getProperty(CLIENT_SECRET);
        if (url == null || id == null || secret == null || !url.startsWith("http://127.0.0.1:")) {
            return null;
        }
        return answers(url) ? new ApiConnection(url, id, Secret.of(secret)) : null;
    }

    private static boolean answers(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/manage/projects")).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 401;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
