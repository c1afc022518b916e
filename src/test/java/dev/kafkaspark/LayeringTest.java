package dev.kafkaspark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages by concept, each depending only on those below it (docs/architecture in the README):
 * <pre>
 * cli, cli.launch      the commands (parsing and printing) and the launcher
 * bench                the benchmark
 * demo                 the demo's story
 * testing              the public harness, the one package a user imports
 * harness              what it wraps: the cluster and the Spark context started together (the demo runs on it)
 * tools                the console tools and the broker run loops
 * web                  the live page: its server, its state, the Kafka view of the web command
 * stream               the engines (stream.dstream, stream.structured)
 * delivery, spark      guarantees, store and ledger; the local Spark context (spark.standalone: a cluster)
 * events               what happens, as typed events on a bus; the console narrative subscribes
 * batch                what one batch read: its report and per-partition summary
 * workload             the synthetic producer and the record format
 * cluster              ZooKeeper (cluster.zookeeper), KRaft (cluster.kraft), SCRAM and ACLs (cluster.auth)
 * support              small helpers every package may use
 * </pre>
 * Everything but {@code testing}, {@code cli} and {@code cli.launch} lives under {@code dev.kafkaspark.internal}.
 */
class LayeringTest {

    private static final String I = "dev.kafkaspark.internal.";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kafkaspark");
        // Rules over no classes pass vacuously: make sure every layer is really there.
        assertThat(classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
                .contains("dev.kafkaspark.cli", "dev.kafkaspark.cli.launch", "dev.kafkaspark.testing",
                        I + "bench", I + "demo", I + "tools", I + "web", I + "stream", I + "stream.dstream",
                        I + "stream.structured", I + "delivery", I + "events", I + "harness", I + "spark", I + "spark.standalone", I + "batch",
                        I + "workload", I + "cluster", I + "cluster.zookeeper", I + "cluster.kraft",
                        I + "cluster.auth", I + "support");
    }

    @Test
    void eachLayerDependsOnlyOnTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.kafkaspark.cli..")
                .layer("bench").definedBy(I + "bench..")
                .layer("demo").definedBy(I + "demo..")
                .layer("testing").definedBy("dev.kafkaspark.testing..")
                .layer("harness").definedBy(I + "harness..")
                .layer("tools").definedBy(I + "tools..")
                .layer("web").definedBy(I + "web..")
                .layer("stream").definedBy(I + "stream..")
                .layer("delivery").definedBy(I + "delivery..")
                .layer("spark").definedBy(I + "spark..")
                .layer("events").definedBy(I + "events..")
                .layer("batch").definedBy(I + "batch..")
                .layer("workload").definedBy(I + "workload..")
                .layer("cluster").definedBy(I + "cluster..")
                .layer("support").definedBy(I + "support..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("demo").mayOnlyBeAccessedByLayers("cli", "bench")
                .whereLayer("testing").mayOnlyBeAccessedByLayers("cli", "bench", "demo")
                .whereLayer("harness").mayOnlyBeAccessedByLayers("cli", "bench", "demo", "testing")
                .whereLayer("tools").mayOnlyBeAccessedByLayers("cli", "demo")
                .whereLayer("web").mayOnlyBeAccessedByLayers("cli", "demo", "tools")
                .whereLayer("stream").mayOnlyBeAccessedByLayers("cli", "demo", "testing", "harness")
                .whereLayer("delivery").mayOnlyBeAccessedByLayers("cli", "bench", "demo", "stream")
                .whereLayer("spark").mayOnlyBeAccessedByLayers("cli", "demo", "testing", "harness", "stream")
                .whereLayer("events").mayOnlyBeAccessedByLayers("cli", "bench", "demo", "tools", "web", "stream")
                .whereLayer("batch").mayOnlyBeAccessedByLayers("cli", "demo", "web", "stream", "delivery", "events")
                .whereLayer("workload").mayOnlyBeAccessedByLayers("cli", "bench", "demo", "stream", "delivery",
                        "batch")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli", "demo", "testing", "harness", "tools")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.kafkaspark.internal.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theHarnessSpeaksOnlyInItsOwnTypes() {
        // A user's test imports only dev.kafkaspark.testing: no public signature there may name an internal type.
        List<String> leaks = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!c.getPackageName().equals("dev.kafkaspark.testing") || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaMember m : c.getMembers()) {
                if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                Set<JavaClass> named = new HashSet<>();
                if (m instanceof JavaCodeUnit u) {
                    named.addAll(u.getReturnType().getAllInvolvedRawTypes());
                    u.getParameterTypes().forEach(t -> named.addAll(t.getAllInvolvedRawTypes()));
                } else if (m instanceof JavaField f) {
                    named.addAll(f.getType().getAllInvolvedRawTypes());
                }
                named.stream().filter(t -> t.getPackageName().startsWith(I.substring(0, I.length() - 1)))
                        .forEach(t -> leaks.add(m.getFullName() + " names " + t.getName()));
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void commandsNeverReachAModesOrAnEnginesImplementation() {
        noClasses().that().resideInAPackage("dev.kafkaspark.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(I + "cluster.zookeeper..", I + "cluster.kraft..",
                        I + "stream.dstream..", I + "stream.structured..")
                .check(classes);
    }
}
