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

import dev.openpanel.camel.component.model.ProjectType;

/** The name of a project type ({@code website}, {@code app}, {@code backend}), as {@link ProjectType#parse} reads it. */
@Documented
@Constraint(validatedBy = ProjectTypeName.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface ProjectTypeName {

    String message() default "is not a project type";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports {@link ProjectType#parse}'s own reason. */
    class Validator implements ConstraintValidator<ProjectTypeName, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                ProjectType.parse(value);
                return true;
            } catch (IllegalArgumentException e) {
                return Violations.reject(context, e.getMessage());
            }
        }
    }
}
