package io.gatefill;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the layering of docs/architecture.md: core knows no UI and no DJL; only engine.djl knows DJL;
 * the DJL classes are named only where the program is assembled (io.gatefill.app), never by the editor
 * or the command line; the patch synthesis is pure Java that knows nothing else of the program.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gatefill");
    }

    @Test
    void coreImportsNoJavaFxNoAwtWindowsAndNoDjl() {
        noClasses().that().resideInAPackage("io.gatefill.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.controlsfx..", "java.awt.event..", "javax.swing..", "ai.djl..")
                .check(production);
    }

    @Test
    void engineImportsNoJavaFxScene() {
        noClasses().that().resideInAPackage("io.gatefill.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..")
                .check(production);
    }

    @Test
    void onlyEngineDjlImportsDjl() {
        noClasses().that().resideOutsideOfPackage("io.gatefill.engine.djl..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .check(production);
    }

    @Test
    void guiAndCliNeverNameTheDjlEngine() {
        noClasses().that().resideInAnyPackage("io.gatefill.gui..", "io.gatefill.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.gatefill.engine.djl..")
                .check(production);
    }

    @Test
    void onlyTheAssemblyBuildsDjlEngines() {
        noClasses().that().resideOutsideOfPackages("io.gatefill.engine.djl..", "io.gatefill.app..")
                .should().dependOnClassesThat().resideInAPackage("io.gatefill.engine.djl..")
                .check(production);
    }

    @Test
    void onlyTheEntryPointsUseTheAssembly() {
        noClasses().that().resideOutsideOfPackage("io.gatefill.app..")
                .and().doNotHaveFullyQualifiedName("io.gatefill.gui.GatefillApp")
                .and().doNotHaveFullyQualifiedName("io.gatefill.cli.EngineArgs")
                .should().dependOnClassesThat().resideInAPackage("io.gatefill.app..")
                .check(production);
    }

    @Test
    void onlyGuiImportsJavaFxSceneAndControlsFx() {
        noClasses().that().resideOutsideOfPackage("io.gatefill.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..")
                .check(production);
    }

    @Test
    void synthesisIsPureJavaAndKnowsNothingElseOfTheProgram() {
        noClasses().that().resideInAPackage("io.gatefill.core.synthesis..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax..", "io.gatefill.core.pipeline..",
                        "io.gatefill.core.io..", "io.gatefill.core.document..", "io.gatefill.engine..", "io.gatefill.gui..",
                        "io.gatefill.cli..")
                .check(production);
    }
}
