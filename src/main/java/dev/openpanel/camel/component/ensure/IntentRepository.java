package dev.openpanel.camel.component.ensure;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the {@code openpanel:} component records a write before sending it, so that a retry after a lost answer, or
 * after a crash, resolves the first attempt by lookup instead of sending a duplicate create. A job hands the
 * component its durable journal as the exchange property {@code CamelOpenpanelIntents}, with the key of the work in
 * the header {@code CamelOpenpanelIntentKey} (a row number, a step of an event); without one the component keeps
 * intents in memory for the exchange, which covers retries but not a crash.
 */
public interface IntentRepository {

    /** The write recorded for the key whose outcome is not known yet. */
    Optional<Intent> find(String key);

    /** Records a write about to be sent; it must be durable before this returns. */
    void record(String key, Intent intent);

    /** The write of the key succeeded and its outcome is on the exchange; the job records it. */
    void succeeded(String key);

    /** Intents kept in memory only. */
    static IntentRepository inMemory() {
        Map<String, Intent> intents = new ConcurrentHashMap<>();
        return new IntentRepository() {
            @Override
            public Optional<Intent> find(String key) {
                return Optional.ofNullable(intents.get(key));
            }

            @Override
            public void record(String key, Intent intent) {
                intents.put(key, intent);
            }

            @Override
            public void succeeded(String key) {
                intents.remove(key);
            }
        };
    }
}
