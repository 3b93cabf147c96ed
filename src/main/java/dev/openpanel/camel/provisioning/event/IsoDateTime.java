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

import dev.openpanel.camel.component.model.IsoInstants;

/** An ISO-8601 date-time with a zone, or a bare date (00:00 UTC), as {@link IsoInstants#parse} reads it. */
@Documented
@Constraint(validatedBy = IsoDateTime.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface IsoDateTime {

    String message() default "is not an ISO-8601 date-time";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports {@link IsoInstants#parse}'s own reason. */
    class Validator implements ConstraintValidator<IsoDateTime, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                IsoInstants.parse(value);
                return true;
            } catch (IllegalArgumentException e) {
                return Violations.reject(context, e.getMessage());
            }
        }
    }
}
