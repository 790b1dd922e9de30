package vn.binhyen.eventlog.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMembers;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * Text a client sends is only ever matched in time linear in the text (issue 20, audit F2 and
 * F7): main code uses no java.util.regex (a backtracking engine: the VIQR pattern took cubic
 * time, the e-mail check quadratic), neither directly nor through {@code String.matches},
 * {@code replaceAll}, {@code replaceFirst} or {@code split}, nor through Jakarta's
 * {@code @Pattern} (its validator is java.util.regex). RE2/J ({@code com.google.re2j}) and
 * eventlog's {@code @Matches} (RE2/J) are linear whatever the text; so is code that reads the
 * text once. Every pattern of main code is therefore RE2/J's, or there is none.
 * <p>
 * Not checked: test-support, which tests and {@code bin/stack} run with their own arguments.
 */
public final class LinearTimeText {
    private static final String[] EXEMPT = {"vn.binhyen.testsupport..", "vn.binhyen.eventlog.testing.."};

    private LinearTimeText() {
    }

    /** A parameter (a query, path or form parameter of a resource) validated with {@code @Pattern}. */
    private static final ArchCondition<JavaClass> HAVE_NO_PATTERN_PARAMETER = new ArchCondition<>(
            "have no parameter validated by a java.util.regex constraint") {
        @Override
        public void check(JavaClass type, ConditionEvents events) {
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                for (JavaParameter parameter : unit.getParameters()) {
                    for (var constraint : REGEX_CONSTRAINTS) {
                        if (parameter.isMetaAnnotatedWith(constraint)) {
                            events.add(SimpleConditionEvent.violated(unit, "parameter " + parameter.getIndex() + " of "
                                    + unit.getFullName() + " is validated by @" + constraint.getSimpleName()));
                        }
                    }
                }
            }
        }
    };

    /** Annotations validated by a java.util.regex pattern (Hibernate Validator's own validators). */
    private static final java.util.List<Class<? extends java.lang.annotation.Annotation>> REGEX_CONSTRAINTS = java.util.List.of(
            jakarta.validation.constraints.Pattern.class, jakarta.validation.constraints.Email.class,
            org.hibernate.validator.constraints.URL.class);

    /** No java.util.regex: not its classes, not String's methods that compile a pattern, not Scanner's. */
    public static ArchRule noBacktrackingRegex() {
        return noClasses().that().resideOutsideOfPackages(EXEMPT)
                .should().dependOnClassesThat().resideInAPackage("java.util.regex..")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Scanner.class)
                .orShould().callMethod(String.class, "matches", String.class)
                .orShould().callMethod(String.class, "replaceAll", String.class, String.class)
                .orShould().callMethod(String.class, "replaceFirst", String.class, String.class)
                .orShould().callMethod(String.class, "split", String.class)
                .orShould().callMethod(String.class, "split", String.class, int.class)
                .orShould().callMethod(String.class, "splitWithDelimiters", String.class, int.class)
                .because("java.util.regex backtracks: its time on a client's text can be exponential (use RE2/J, "
                        + "or read the text once)");
    }

    /** No field, method or record component validated by a regex constraint, nor by one built on it. */
    public static ArchRule noRegexConstrainedMembers() {
        return noMembers().that().areDeclaredInClassesThat().resideOutsideOfPackages(EXEMPT)
                .should(new ArchCondition<com.tngtech.archunit.core.domain.JavaMember>(
                        "be validated by a java.util.regex constraint") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaMember member, ConditionEvents events) {
                        for (var constraint : REGEX_CONSTRAINTS) {
                            if (member.isMetaAnnotatedWith(constraint)) {
                                events.add(SimpleConditionEvent.satisfied(member, member.getFullName()
                                        + " is validated by @" + constraint.getSimpleName()));
                            }
                        }
                    }
                })
                .because("those constraints are validated by java.util.regex; use vn.binhyen.eventlog.http.Matches "
                        + "(RE2/J)");
    }

    /** No parameter (a query, path or form parameter of a resource) validated by a regex constraint. */
    public static ArchRule noRegexConstrainedParameters() {
        return classes().that().resideOutsideOfPackages(EXEMPT).should(HAVE_NO_PATTERN_PARAMETER)
                .because("those constraints are validated by java.util.regex; use vn.binhyen.eventlog.http.Matches "
                        + "(RE2/J)");
    }

    public static ArchRule textIsMatchedInLinearTime() {
        return CompositeArchRule.of(noBacktrackingRegex()).and(noRegexConstrainedMembers())
                .and(noRegexConstrainedParameters()).as("client text is matched in linear time");
    }

    /**
     * Checks the main classes of {@code vn.binhyen} on the classpath (the service's own, and
     * the kits it runs with), and that the rule refuses the backtracking fixtures.
     */
    public static void check() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("vn.binhyen");
        textIsMatchedInLinearTime().check(main);
        // each rule refuses its own fixture, for the reason it names (it must be able to fail)
        JavaClasses fixtures = new ClassFileImporter().importPackages("vn.binhyen.eventlog.backtracking");
        assertThatThrownBy(() -> noBacktrackingRegex().check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("BacktrackingEmail.<clinit>()> calls method <java.util.regex.Pattern.compile")
                .hasMessageContaining("calls method <java.lang.String.split(java.lang.String)>")
                .hasMessageContaining("calls method <java.lang.String.matches(java.lang.String)>");
        assertThatThrownBy(() -> noRegexConstrainedMembers().check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("PatternAnnotated.name is validated by @Pattern")
                .hasMessageContaining("EmailAnnotated.address is validated by @Pattern");
        assertThatThrownBy(() -> noRegexConstrainedParameters().check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("parameter 0 of vn.binhyen.eventlog.backtracking.PatternParameter.find");
    }
}
