package vn.binhyen.group.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** domain/ is pure Java: no Quarkus, Jakarta, JDBC, Kafka, Jackson or MicroProfile (DESIGN.md). */
class DomainPurityTests {
    static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta..", "java.sql..", "javax.sql..", "org.apache.kafka..",
            "com.fasterxml..", "org.eclipse.microprofile..", "io.agroal..", "org.jboss.."};

    static ArchRule domainIsPure(String domainPackage) {
        return noClasses().that().resideInAPackage(domainPackage)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .as(domainPackage + " is free of framework imports");
    }

    @Test
    void groupDomain_importsNoFramework() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.binhyen.group");
        domainIsPure("vn.binhyen.group.domain..").check(classes);
    }

    @Test
    void theRule_failsOnAPackageThatImportsFrameworks() {
        // the REST layer does import Jakarta REST: the same rule must catch it, or it checks nothing
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.binhyen.group");
        assertThatThrownBy(() -> domainIsPure("vn.binhyen.group.rest..").check(classes)).isInstanceOf(AssertionError.class);
    }
}
