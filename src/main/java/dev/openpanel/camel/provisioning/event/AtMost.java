package dev.openpanel.camel.provisioning.event;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Collection;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * At most {@code value} characters (text) or elements (a list). Unlike {@code @Size}, the message can say how many
 * there were: {@code {size}}, beside the limit {@code {max}}.
 */
@Documented
@Constraint(validatedBy = {AtMost.TextValidator.class, AtMost.ListValidator.class})
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface AtMost {

    int value();

    String message() default "is {size} long; the limit is {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Counts characters. */
    class TextValidator implements ConstraintValidator<AtMost, CharSequence> {

        private int max;

        @Override
        public void initialize(AtMost constraint) {
            max = constraint.value();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || Violations.atMost(value.length(), max, context);
        }
    }

    /** Counts elements. */
    class ListValidator implements ConstraintValidator<AtMost, Collection<?>> {

        private int max;

        @Override
        public void initialize(AtMost constraint) {
            max = constraint.value();
        }

        @Override
        public boolean isValid(Collection<?> value, ConstraintValidatorContext context) {
            return value == null || Violations.atMost(value.size(), max, context);
        }
    }
}
