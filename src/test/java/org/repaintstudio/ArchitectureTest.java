package org.repaintstudio;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The project's shape, checked on the compiled classes (not on source text): the engine under
 * both front ends, the front ends apart, no package cycles, no JavaFX in the engine, and
 * view-models that could be tested without a scene.
 */
@AnalyzeClasses(packages = "org.repaintstudio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** core ← cli and core ← app; cli and app never touch; only the launcher sees both. */
    @ArchTest
    static final ArchRule engineUnderBothFrontEnds = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Core").definedBy("org.repaintstudio.core..")
            .layer("Cli").definedBy("org.repaintstudio.cli..")
            .layer("App").definedBy("org.repaintstudio.app..")
            .layer("Desktop").definedBy("org.repaintstudio.desktop..")
            .layer("Launcher").definedBy("org.repaintstudio")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Cli", "App", "Launcher")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("App").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Desktop").mayOnlyBeAccessedByLayers("App", "Launcher");

    /** Every package is its own slice, and no two slices depend on each other in a circle. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.repaintstudio.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreIsFreeOfJavaFx = noClasses().that().resideInAPackage("org.repaintstudio.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noFields()
            .that().areDeclaredInClassesThat().haveSimpleNameEndingWith("ViewModel")
            .should().haveRawType(describe("a JavaFX Node",
                    (JavaClass type) -> type.isAssignableTo("javafx.scene.Node")));

    @ArchTest
    static final ArchRule viewModelsUseNoNodes = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().areAssignableTo("javafx.scene.Node");
}
