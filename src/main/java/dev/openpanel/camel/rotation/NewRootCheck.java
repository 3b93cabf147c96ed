package dev.openpanel.camel.rotation;

import dev.openpanel.camel.component.model.ClientCredentials;

/** One call to the API as a new root client, which must succeed before its credentials replace the tool's own. */
@FunctionalInterface
public interface NewRootCheck {

    /** Returns when the API accepted the credentials; throws the API's failure otherwise. */
    void verify(ClientCredentials credentials);
}
