package io.gatefill.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** MVVM rule: view models hold state and commands only, never controls or scene nodes. */
class MvvmArchitectureTest {
    private static final JavaClasses GUI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatefill.gui");

    @Test
    void viewModelsAndTheirServicesTouchNoSceneClasses() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().haveSimpleName("DialogService").or().haveSimpleName("TaskExecutor")
                .or().haveSimpleName("Viewport").or().haveSimpleName("OverlayRenderer")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..")
                .check(GUI);
    }
}
