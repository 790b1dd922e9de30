package vn.binhyen.moderation.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An id names one thing: it is not empty, and holds no line break or other control character
 * (Unicode Cc, Zl, Zp), because ids are joined with a line break into review and ledger stream
 * ids. The same rule as the pattern {@code [^\p{Cc}\p{Zl}\p{Zp}]+}, checked by a loop over the
 * characters: every message of every bot is checked, on the REST path and on the stream, and
 * a regular expression per id was a tenth of the stream's cost. Null is valid (as for
 * {@code @Pattern}); {@code @NotBlank} says whether one is required.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SingleLineId.Check.class)
public @interface SingleLineId {
    String message() default "must not contain line breaks or other control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check; {@link #valid} is the rule itself. */
    final class Check implements ConstraintValidator<SingleLineId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || valid(value);
        }

        /**
         * Not empty, and no character of Cc (U+0000–U+001F, U+007F–U+009F), Zl (U+2028) or Zp
         * (U+2029): the only characters of those categories, which are all in the BMP.
         */
        public static boolean valid(String id) {
            if (id.isEmpty()) {
                return false;
            }
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                    return false;
                }
            }
            return true;
        }
    }
}
