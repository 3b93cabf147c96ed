package dev.openpanel.camel.component.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/** Tells a failure to connect (the request never left) from a failure after sending (it may have been processed). */
final class TransportFailures {

    private TransportFailures() {
    }

    /** Whether the request certainly did not reach the server, so re-sending it cannot duplicate anything. */
    static boolean neverSent(IOException failure) {
        return failure instanceof ConnectException
                || failure instanceof ConnectTimeoutException
                || failure instanceof ConnectionRequestTimeoutException
                || failure instanceof UnknownHostException
                || failure instanceof NoRouteToHostException
                || failure instanceof SSLHandshakeException;
    }

    /** A short description without secrets: the exception type and its message. */
    static String describe(IOException failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
