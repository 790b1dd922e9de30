package vn.binhyen.eventlog.http;

import com.google.re2j.Pattern;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value, as a whole, matches {@link #regexp}, matched by RE2/J: in time linear in the value
 * whatever it is (issue 20). Jakarta's {@code @Pattern} runs java.util.regex, whose backtracking
 * can take exponential time on a client's text, so main code uses this instead (the
 * architecture test {@code LinearTimeText} refuses {@code @Pattern}). Null is valid, as for
 * {@code @Pattern}; {@code @NotNull} says whether a value is required. RE2 has no look-around
 * and no back-references: a pattern using them fails when first checked.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Matches.Check.class)
public @interface Matches {
    String regexp();

    String message() default "must match \"{regexp}\"";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<Matches, CharSequence> {
        private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
        private Pattern pattern;

        @Override
        public void initialize(Matches annotation) {
            pattern = COMPILED.computeIfAbsent(annotation.regexp(), Pattern::compile);
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || pattern.matcher(value).matches();
        }
    }
}
