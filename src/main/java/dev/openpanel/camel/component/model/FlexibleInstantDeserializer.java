package dev.openpanel.camel.component.model;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/** Reads a request's {@code datetime} with {@link IsoInstants#parse(String)}. */
final class FlexibleInstantDeserializer extends StdScalarDeserializer<Instant> {

    FlexibleInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = parser.getValueAsString();
        try {
            return IsoInstants.parse(text);
        } catch (IllegalArgumentException e) {
            return (Instant) context.handleWeirdStringValue(Instant.class, text, e.getMessage());
        }
    }
}
