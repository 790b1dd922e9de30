package vn.binhyen.eventlog.http;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

/**
 * A time a clock of ours can give: from 2000-01-01 to 9999-12-31 (UTC). JSON can carry any
 * instant Java can hold, up to a billion years either side; a time a client sends is used in
 * arithmetic (flood windows, deadlines) and stored as a database timestamp, and both fail at
 * those ends. A client's mistake is then a 400 naming the field, not a 500. Null is valid.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausibleTime.Check.class)
public @interface PlausibleTime {
    String message() default "must be a time from 2000-01-01 to 9999-12-31 (UTC)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Check implements ConstraintValidator<PlausibleTime, Instant> {
        static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
        static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(EARLIEST) && !value.isAfter(LATEST));
        }
    }
}
