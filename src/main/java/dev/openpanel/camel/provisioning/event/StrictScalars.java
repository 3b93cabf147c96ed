package dev.openpanel.camel.provisioning.event;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Text and booleans taken only from their own JSON types: {@code 3} is not the text "3", {@code "yes"} or
 * {@code "true"} is not a boolean (Jackson would coerce both). Anything else goes to the problem handler
 * ({@link BindingProblems}), which records it. Text is trimmed, as the API trims it.
 */
final class StrictScalars {

    private StrictScalars() {
    }

    static SimpleModule module() {
        return new SimpleModule("strict-event-scalars")
                .addDeserializer(String.class, new TrimmedText())
                .addDeserializer(Boolean.class, new StrictBoolean());
    }

    /** A JSON string, trimmed. */
    static final class TrimmedText extends StdScalarDeserializer<String> {

        private static final long serialVersionUID = 1L;

        TrimmedText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.hasToken(JsonToken.VALUE_STRING) ? p.getText().trim() : (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    /** A JSON {@code true} or {@code false}. */
    static final class StrictBoolean extends StdScalarDeserializer<Boolean> {

        private static final long serialVersionUID = 1L;

        StrictBoolean() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_TRUE) || p.hasToken(JsonToken.VALUE_FALSE)) {
                return p.getBooleanValue();
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }
}
