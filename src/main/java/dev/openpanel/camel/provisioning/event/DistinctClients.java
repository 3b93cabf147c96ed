package dev.openpanel.camel.provisioning.event;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import dev.openpanel.camel.component.model.ClientType;

/**
 * No client is listed twice: two entries with the same name and type (a missing type is {@code write}) would ask for
 * one client twice. Each repeat is reported at its own index.
 */
@Documented
@Constraint(validatedBy = DistinctClients.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface DistinctClients {

    String message() default "the {type} client '{name}' is listed twice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports each repeat; entries whose name or type is invalid are left to their own constraints. */
    class Validator implements ConstraintValidator<DistinctClients, List<EventDocument.Client>> {

        @Override
        public boolean isValid(List<EventDocument.Client> clients, ConstraintValidatorContext context) {
            if (clients == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            boolean valid = true;
            for (int i = 0; i < clients.size(); i++) {
                EventDocument.Client client = clients.get(i);
                ClientType type = typeOf(client);
                if (type == null || client.name() == null || client.name().isEmpty()) {
                    continue;
                }
                if (!seen.add(type.value() + " " + client.name())) {
                    if (valid) {
                        context.disableDefaultConstraintViolation();
                        valid = false;
                    }
                    context.unwrap(HibernateConstraintValidatorContext.class)
                            .addMessageParameter("type", type.value()).addMessageParameter("name", client.name())
                            .buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                            .addBeanNode().inIterable().atIndex(i).addConstraintViolation();
                }
            }
            return valid;
        }

        private static ClientType typeOf(EventDocument.Client client) {
            if (client == null) {
                return null;
            }
            try {
                return client.clientType();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
