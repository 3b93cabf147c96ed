package dev.openpanel.camel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.component.model.ClientCredentials;
import dev.openpanel.camel.component.model.Secret;

class SecretMaskerTest {

    @Test
    void masksOpenPanelSecretsHashesHeadersAndJsonFields() {
        assertThat(SecretMasker.mask("secret sec_0123456789abcdef0123 here")).isEqualTo("secret [secret] here");
        String hash = "0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assertThat(SecretMasker.mask("hash " + hash)).isEqualTo("hash [secret]");
        assertThat(SecretMasker.mask("http-outgoing-0 >> \"openpanel-client-secret: whatever[\\r][\\n]\""))
                .isEqualTo("http-outgoing-0 >> \"openpanel-client-secret: [secret]\"");
        assertThat(SecretMasker.mask("{\"clientSecret\":\"abc\",\"secret\":\"xyz\"}"))
                .isEqualTo("{\"clientSecret\":\"[secret]\",\"secret\":\"[secret]\"}");
        assertThat(SecretMasker.mask("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void masksRememberedSecretsOfAnyShape() {
        SecretMasker.remember("correct horse battery staple");
        assertThat(SecretMasker.mask("password=correct horse battery staple;")).isEqualTo("password=[secret];");
    }

    @Test
    void aSecretPrintsAndSerialisesMaskedAndOnlyRevealGivesTheValue() throws Exception {
        Secret secret = Secret.of("sec_0123456789abcdef0123");
        ClientCredentials credentials = new ClientCredentials("id", secret);
        assertThat(credentials.toString()).doesNotContain("sec_");
        assertThat(new ObjectMapper().writeValueAsString(credentials)).isEqualTo("{\"clientId\":\"id\",\"secret\":\"[secret]\"}");
        assertThat(secret.reveal()).isEqualTo("sec_0123456789abcdef0123");
        assertThat(secret).isEqualTo(Secret.of("sec_0123456789abcdef0123")).isNotEqualTo(Secret.of("other"));
    }
}
