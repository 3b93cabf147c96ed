package dev.openpanel.camel.provisioning;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The event journal as the {@code idempotentConsumer}'s repository in {@code routes/provisioning.camel.yaml}: an event
 * id is a duplicate once its journal records it complete. It reads the journal the exchange's {@code receive} step
 * opened (per API, locked while open); an event interrupted before completion is not a duplicate, so its redelivery
 * resumes it. Confirm and remove change nothing: the journal's completion is written by the {@code complete} step.
 */
public final class EventJournalRepository extends ServiceSupport implements IdempotentRepository {

    /** Registry name of the repository. */
    public static final String BEAN = "eventJournalRepository";

    @Override
    public boolean add(Exchange exchange, String eventId) {
        return !contains(exchange, eventId);
    }

    @Override
    public boolean contains(Exchange exchange, String eventId) {
        EventUnit unit = ProvisioningSteps.unit(exchange);
        return unit != null && unit.event().eventId().equals(eventId) && unit.journal().isComplete();
    }

    @Override
    public boolean add(String eventId) {
        throw new UnsupportedOperationException("the event journal is read through the exchange: use it in idempotentConsumer");
    }

    @Override
    public boolean contains(String eventId) {
        throw new UnsupportedOperationException("the event journal is read through the exchange: use it in idempotentConsumer");
    }

    @Override
    public boolean remove(String eventId) {
        return true;
    }

    @Override
    public boolean confirm(String eventId) {
        return true;
    }

    @Override
    public void clear() {
        // Journals are the record of what was provisioned: never cleared from a route.
    }
}
