package dev.openpanel.camel.provisioning.event;

import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Helpers of the event constraints' validators. */
final class Violations {

    private Violations() {
    }

    /** Reports {@code reason} instead of the constraint's message; returns false, the validator's answer. */
    static boolean reject(ConstraintValidatorContext context, String reason) {
        context.disableDefaultConstraintViolation();
        context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("reason", reason)
                .buildConstraintViolationWithTemplate("{reason}").addConstraintViolation();
        return false;
    }

    /** Whether {@code size} is within {@code max}; if not, the message may use {@code {size}} and {@code {max}}. */
    static boolean atMost(int size, int max, ConstraintValidatorContext context) {
        if (size <= max) {
            return true;
        }
        context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("size", size)
                .addMessageParameter("max", max);
        return false;
    }
}
