package dev.openpanel.camel.simulator;

/** The five calls every resource has. */
enum Action {
    LIST,
    GET,
    CREATE,
    UPDATE,
    DELETE
}
