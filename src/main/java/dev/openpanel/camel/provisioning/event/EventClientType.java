package dev.openpanel.camel.provisioning.event;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.openpanel.camel.component.model.ClientType;

/** The type of a client an event may create: {@code read} or {@code write}; never {@code root}. */
@Documented
@Constraint(validatedBy = EventClientType.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface EventClientType {

    String message() default "root clients are not created from events (they manage the whole organisation); use read or write";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports {@link ClientType#parse}'s own reason for a name it does not know. */
    class Validator implements ConstraintValidator<EventClientType, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                return ClientType.parse(value) != ClientType.ROOT;
            } catch (IllegalArgumentException e) {
                return Violations.reject(context, e.getMessage());
            }
        }
    }
}
