package dev.openpanel.camel.benchmark;

import java.nio.file.Path;

import dev.openpanel.camel.simulator.ManageApiSimulator;

/** The environment of a one-shot command run against a local API (a simulator) with a data directory of its own. */
record OneShotEnvironment(ManageApiSimulator simulator, Path data) {

    static OneShotEnvironment of(ManageApiSimulator simulator, Path data) {
        return new OneShotEnvironment(simulator, data);
    }

    /** Points the process at the simulator, its root client and the data directory. */
    void applyTo(ProcessBuilder builder) {
        builder.environment().put("OPENPANEL_API_URL", simulator.url());
        builder.environment().put("OPENPANEL_CLIENT_ID", simulator.rootClient().id());
        builder.environment().put("OPENPANEL_CLIENT_SECRET", simulator.rootClient().secret());
        builder.environment().put("OPENPANEL_DATA_DIR", data.toString());
    }
}
