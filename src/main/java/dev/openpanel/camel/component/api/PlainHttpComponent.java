package dev.openpanel.camel.component.api;

import javax.net.ssl.HostnameVerifier;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;

/**
 * camel-http's component for {@code http://} APIs only (a local API, the sandbox's simulator): its connections have no
 * TLS socket factory, so creating an endpoint sets up no SSL context (trust store, JSSE providers) for connections that
 * never use one. An {@code https://} URL cannot be reached through it.
 */
public final class PlainHttpComponent extends HttpComponent {

    @Override
    protected Registry<ConnectionSocketFactory> createConnectionRegistry(HostnameVerifier hostnameVerifier,
            SSLContextParameters sslContextParameters, boolean useSystemProperties) {
        return RegistryBuilder.<ConnectionSocketFactory> create().register("http", PlainConnectionSocketFactory.getSocketFactory())
                .build();
    }
}
