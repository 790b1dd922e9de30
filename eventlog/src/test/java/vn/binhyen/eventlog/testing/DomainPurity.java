package vn.binhyen.eventlog.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * A service's domain/ is pure Java: no Quarkus, Jakarta, JDBC, Kafka, Jackson or MicroProfile
 * (docs/design.md). {@link #check} also proves the rule can fail, on a package that does import them.
 */
public final class DomainPurity {
    static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta..", "java.sql..", "javax.sql..", "org.apache.kafka..",
            "com.fasterxml..", "org.eclipse.microprofile..", "io.agroal..", "org.jboss.."};

    private DomainPurity() {
    }

    public static ArchRule domainIsPure(String domainPackage) {
        return noClasses().that().resideInAPackage(domainPackage)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .as(domainPackage + " is free of framework imports");
    }

    /** Transactions are the service layer's: no method or class of {@code restPackage} opens one. */
    public static ArchRule noTransactionsIn(String restPackage) {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().that().areDeclaredInClassesThat()
                .resideInAPackage(restPackage).should().beAnnotatedWith("jakarta.transaction.Transactional")
                .orShould().beDeclaredInClassesThat().areAnnotatedWith("jakarta.transaction.Transactional")
                .as(restPackage + " opens no transaction (they are service/'s)");
    }

    /** Nor does it open one programmatically ({@code QuarkusTransaction}): that is service/'s too. */
    public static ArchRule noTransactionCallsIn(String restPackage) {
        return noClasses().that().resideInAPackage(restPackage).should().dependOnClassesThat()
                .haveFullyQualifiedName("io.quarkus.narayana.jta.QuarkusTransaction")
                .as(restPackage + " calls no QuarkusTransaction (transactions are service/'s)");
    }

    /**
     * Commands are answered through eventlog's {@code CommandEndpoint}: no class of {@code restPackage}
     * reads If-Match, writes an ETag or builds a command's metadata itself.
     */
    public static ArchRule commandsThroughTheEndpoint(String restPackage) {
        return noClasses().that().resideInAPackage(restPackage).should().dependOnClassesThat()
                .haveFullyQualifiedName("vn.binhyen.eventlog.http.ETags").orShould().dependOnClassesThat()
                .haveFullyQualifiedName("vn.binhyen.eventlog.http.RequestMetadata")
                .as(restPackage + " answers commands through CommandEndpoint (no ETags, no RequestMetadata of its own)");
    }

    /**
     * Checks {@code servicePackage}.domain, and that the same rule rejects {@code servicePackage}.rest;
     * that rest/ opens no transaction, and that it answers commands through the command endpoint.
     */
    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        domainIsPure(servicePackage + ".domain..").check(classes);
        // the REST layer does import Jakarta REST: the same rule must catch it, or it checks nothing
        assertThatThrownBy(() -> domainIsPure(servicePackage + ".rest..").check(classes))
                .isInstanceOf(AssertionError.class);
        noTransactionsIn(servicePackage + ".rest..").check(classes);
        noTransactionCallsIn(servicePackage + ".rest..").check(classes);
        commandsThroughTheEndpoint(servicePackage + ".rest..").check(classes);
        // which can fail: the endpoint itself is built on ETags and RequestMetadata
        JavaClasses http = new ClassFileImporter().importPackages("vn.binhyen.eventlog.http");
        assertThatThrownBy(() -> commandsThroughTheEndpoint("vn.binhyen.eventlog.http..").check(http))
                .isInstanceOf(AssertionError.class);
        // and that rule can fail too: eventlog's own JTA transactions call QuarkusTransaction
        JavaClasses jta = new ClassFileImporter().importPackages("vn.binhyen.eventlog.quarkus");
        assertThatThrownBy(() -> noTransactionCallsIn("vn.binhyen.eventlog.quarkus..").check(jta))
                .isInstanceOf(AssertionError.class);
        // and the rule can fail: the service's other layers do open them
        assertThatThrownBy(() -> noTransactionsIn(servicePackage + "..").check(classes))
                .isInstanceOf(AssertionError.class);
    }
}
