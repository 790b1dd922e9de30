package vn.binhyen.eventlog.backtracking;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** A must-fail case of LinearTimeText: a constraint of the project's own, built on @Pattern. */
public record EmailAnnotated(@EmailAnnotated.Address String address) {
    @Pattern(regexp = "[^@\\\\s]+@[^@\\\\s]+\\\\.[^@\\\\s]+")
    @Constraint(validatedBy = {})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Address {
        String message() default "not an e-mail address";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
