package io.glooupgrade.selftest.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The harness's architecture rules (issue 17), over every class under {@code io.glooupgrade}. All of
 * the code is test code (src/test/java), so the import keeps test classes and leaves out only jars.
 * The 300-line limit of a harness file is Checkstyle's (.ci/checkstyle.xml); static state is
 * NoStaticStateTest's, which reads each field's value by reflection.
 */
class ArchitectureRulesTest {

  private static final JavaClasses HARNESS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("io.glooupgrade");

  @Test
  void glueHoldsNoFabric8Calls() {
    noClasses().that().resideInAPackage("io.glooupgrade.steps..")
        .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
        .because("step definitions only read the scenario's world and call the harness (world/, gloo/, kube/, helm/): "
            + "how the cluster is read and written stays in one place, testable without Cucumber")
        .check(HARNESS);
  }
}
