package dev.openpanel.camel.component;

import dev.openpanel.camel.component.api.ManageApi;

/** Performs the operations of one resource, reading arguments from and writing results to the exchange. */
interface ResourceHandler {

    void handle(OpenPanelOperation operation, ExchangeArguments arguments, ManageApi api);
}
