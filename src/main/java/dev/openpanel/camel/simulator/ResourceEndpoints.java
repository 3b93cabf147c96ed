package dev.openpanel.camel.simulator;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** The server's handlers for one resource: body validation, then the handler proper for an authenticated organisation. */
interface ResourceEndpoints {

    Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The 400 message for the body of a create or update, if it is invalid. */
    Optional<String> validate(Action action, JsonNode body);

    SimResponse handle(Action action, String organizationId, String id, String projectIdFilter, JsonNode body);
}
