package dev.openpanel.camel.config;

import java.nio.file.Path;

import dev.openpanel.camel.component.api.CredentialsSource;
import dev.openpanel.camel.component.model.ClientCredentials;
import dev.openpanel.camel.component.model.Secret;

/**
 * The tool's own root client from its two settings, either of which may come from a file that changes while the
 * service runs: the component asks for the current pair before every request.
 */
public final class RootCredentials implements CredentialsSource {

    private final CredentialSetting clientId;
    private final CredentialSetting clientSecret;
    private volatile ClientCredentials last;

    public RootCredentials(CredentialSetting clientId, CredentialSetting clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Whether the id or the secret comes from a file. */
    public boolean fromFiles() {
        return clientId.fromFile() || clientSecret.fromFile();
    }

    /** The file the id comes from, or null when it is set as a value. */
    public Path idFile() {
        return clientId.file();
    }

    /** The file the secret comes from, or null when it is set as a value. */
    public Path secretFile() {
        return clientSecret.file();
    }

    @Override
    public ClientCredentials current() {
        String id = clientId.get();
        String secret = clientSecret.get();
        ClientCredentials credentials = last;
        if (credentials == null || !credentials.clientId().equals(id) || !credentials.secret().reveal().equals(secret)) {
            credentials = new ClientCredentials(id, Secret.of(secret));
            last = credentials;
        }
        return credentials;
    }
}
