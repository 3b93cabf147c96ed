package dev.openpanel.camel.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders stored resources as the server does: its field order, ISO dates with milliseconds in UTC. */
final class SimJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SimJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String date(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }

    static ObjectNode project(SimProject p) {
        ObjectNode node = object();
        node.put("id", p.id());
        node.put("name", p.name());
        node.put("organizationId", p.organizationId());
        node.put("eventsCount", 0);
        node.set("types", strings(p.types()));
        node.put("domain", p.domain());
        node.set("cors", strings(p.cors()));
        node.put("crossDomain", p.crossDomain());
        node.put("allowUnsafeRevenueTracking", p.allowUnsafeRevenueTracking());
        node.set("filters", MAPPER.createArrayNode());
        node.put("deleteAt", date(p.deleteAt()));
        node.put("createdAt", date(p.createdAt()));
        node.put("updatedAt", date(p.updatedAt()));
        return node;
    }

    /** A client with its secret field: the hash in reads, or the plain secret right after a create. */
    static ObjectNode client(SimClient c, String secretField) {
        ObjectNode node = object();
        node.put("id", c.id());
        node.put("name", c.name());
        node.put("secret", secretField);
        node.put("type", c.type());
        node.put("projectId", c.projectId());
        node.put("organizationId", c.organizationId());
        node.put("ignoreCorsAndSecret", false);
        node.put("createdAt", date(c.createdAt()));
        node.put("updatedAt", date(c.updatedAt()));
        return node;
    }

    static ObjectNode reference(SimReference r) {
        ObjectNode node = object();
        node.put("id", r.id());
        node.put("title", r.title());
        node.put("description", r.description());
        node.put("date", date(r.date()));
        node.put("projectId", r.projectId());
        node.put("createdAt", date(r.createdAt()));
        node.put("updatedAt", date(r.updatedAt()));
        return node;
    }

    static ArrayNode array(List<? extends JsonNode> nodes) {
        ArrayNode array = MAPPER.createArrayNode();
        nodes.forEach(array::add);
        return array;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
