package dev.openpanel.camel.provisioning.event;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.openpanel.camel.component.model.AbsoluteUrls;
import dev.openpanel.camel.logging.InputEcho;

/** An absolute URL, the API's rule for a project's domain and CORS origins; {@code ""} only where it clears a value. */
@Documented
@Constraint(validatedBy = AbsoluteUrl.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface AbsoluteUrl {

    /** Whether {@code ""} is accepted (a project's domain: "none"). */
    boolean allowEmpty() default false;

    String message() default "is not an absolute URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks with {@link AbsoluteUrls#isAbsolute(String)}. */
    class Validator implements ConstraintValidator<AbsoluteUrl, String> {

        private boolean allowEmpty;

        @Override
        public void initialize(AbsoluteUrl constraint) {
            allowEmpty = constraint.allowEmpty();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || allowEmpty && value.isEmpty() || AbsoluteUrls.isAbsolute(value)) {
                return true;
            }
            return Violations.reject(context, "'" + InputEcho.quoted(value) + "' is not an absolute URL (e.g. " + AbsoluteUrls.EXAMPLE + ")");
        }
    }
}
