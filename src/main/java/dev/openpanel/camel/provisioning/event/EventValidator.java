package dev.openpanel.camel.provisioning.event;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks an {@link EventDocument} against its Bean Validation constraints and answers every violation as an
 * {@link EventProblem} with its path. Messages are interpolated from {@code {parameters}} only (no Jakarta EL), so a
 * value from the event is never evaluated.
 */
final class EventValidator {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private EventValidator() {
    }

    /** Every violation of the document's constraints, unordered. */
    static List<EventProblem> validate(EventDocument document) {
        return VALIDATOR.validate(document).stream()
                .map(violation -> new EventProblem(JsonPaths.of(violation.getPropertyPath()), violation.getMessage()))
                .toList();
    }
}
