package dev.kafkaspark;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers, each depending only on those below: cli -> app (with bench and the console tools) -> testing (the
 * public harness) -> pipeline -> cluster, and the small helpers of support beneath them all. An import that runs
 * against them fails here.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kafkaspark");
        // Rules over no classes pass vacuously: make sure every layer is really there.
        assertThat(classes.stream().map(c -> c.getPackageName().replaceFirst("^dev\\.kafkaspark\\.([a-z]+).*", "$1")))
                .contains("cli", "app", "testing", "pipeline", "cluster", "support");
    }

    @Test
    void eachLayerDependsOnlyOnTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.kafkaspark.cli..")
                .layer("app").definedBy("dev.kafkaspark.app..", "dev.kafkaspark.bench..", "dev.kafkaspark.tools..")
                .layer("testing").definedBy("dev.kafkaspark.testing..")
                .layer("pipeline").definedBy("dev.kafkaspark.pipeline..")
                .layer("cluster").definedBy("dev.kafkaspark.cluster..")
                .layer("support").definedBy("dev.kafkaspark.support..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("testing").mayOnlyBeAccessedByLayers("cli", "app")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("cli", "app", "testing")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli", "app", "testing", "pipeline")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.kafkaspark.(*)..").should().beFreeOfCycles().check(classes);
    }
}
