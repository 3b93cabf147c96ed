package dev.openpanel.camel.provisioning.event;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

import dev.openpanel.camel.logging.InputEcho;

/**
 * Turns what strict binding refuses (an unknown field, a value of the wrong JSON type) into an {@link EventProblem}
 * and lets binding go on with the value left out, so that one answer lists every problem. The problems of one read
 * are collected in the list held by the read's {@link #PROBLEMS} attribute.
 */
final class BindingProblems extends DeserializationProblemHandler {

    /** The attribute of a read that holds its {@code List<EventProblem>}. */
    static final String PROBLEMS = BindingProblems.class.getName();

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        JsonStreamContext field = contextOfCurrentValue(p);
        String expected = String.join(", ", EventSchema.fieldsAt(JsonPaths.of(field.getParent())));
        problems(ctxt).add(new EventProblem(InputEcho.quoted(JsonPaths.of(field)), "unknown field (expected " + expected + ")"));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
            String failureMsg) throws IOException {
        return wrongType(ctxt, p);
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsts,
            JsonParser p, String msg) throws IOException {
        return wrongType(ctxt, p);
    }

    /** Records "must be ..., got ..." for the current value, skips it, and gives null in its place. */
    private static Object wrongType(DeserializationContext ctxt, JsonParser p) throws IOException {
        String path = JsonPaths.of(contextOfCurrentValue(p));
        String got = ctxt.readTree(p).toString();
        problems(ctxt).add(new EventProblem(path, "must be " + EventSchema.expectedAt(path) + ", got " + InputEcho.quoted(got)));
        return null;
    }

    /** The context that holds the current value: on a '{' or '[' the parser is already inside the new one. */
    private static JsonStreamContext contextOfCurrentValue(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        return p.currentToken() != null && p.currentToken().isStructStart() ? context.getParent() : context;
    }

    @SuppressWarnings("unchecked")
    private static List<EventProblem> problems(DeserializationContext ctxt) {
        return (List<EventProblem>) ctxt.getAttribute(PROBLEMS);
    }
}
