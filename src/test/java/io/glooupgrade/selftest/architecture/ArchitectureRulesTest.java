package io.glooupgrade.selftest.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The harness's architecture rules (issue 17), over every class under {@code io.glooupgrade}. All of
 * the code is test code (src/test/java), so the import keeps test classes and leaves out only jars.
 * The 300-line limit of a harness file is Checkstyle's (.checkstyle/checkstyle.xml), not checked here.
 */
class ArchitectureRulesTest {

  private static final JavaClasses HARNESS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("io.glooupgrade");

  /** The embedded cluster and the self-tests may keep state of their own; the rest is the harness. */
  private static final String[] NOT_HARNESS = {"io.glooupgrade.embedded..", "io.glooupgrade.selftest.."};

  /** Runtime classes of the JDK's unmodifiable collections (List.of, Map.copyOf, Stream.toList, ...). */
  private static final List<String> IMMUTABLE_PREFIXES = List.of("java.util.ImmutableCollections",
      "java.util.Collections$Unmodifiable", "java.util.Collections$Empty", "java.util.Collections$Singleton");

  @Test
  void glueHoldsNoFabric8Calls() {
    noClasses().that().resideInAPackage("io.glooupgrade.steps..")
        .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
        .because("step definitions only read the scenario's world and call the harness (world/, gloo/, kube/, helm/): "
            + "how the cluster is read and written stays in one place, testable without Cucumber")
        .check(HARNESS);
  }

  @Test
  @Disabled("enabled when the run object lands (issue 17); offenders seen (21): "
      + "evidence.Plan.NOTES (ArrayList), Plan.listener, Plan.plannedUrls, Plan.target (not final), "
      + "evidence.RunEnvironment.FACTS (TreeMap), "
      + "evidence.compliance.RunFacts.BY_SCENARIO (ConcurrentHashMap), RunFacts.SECRETS (ConcurrentHashMap key set), "
      + "gloo.GlooctlCheck.KINDS (LinkedHashMap), kube.ApiRetries.RECORDED (CopyOnWriteArrayList), "
      + "lifecycle.Preflight.CHECKED (ArrayList), Preflight.failure (not final), "
      + "lifecycle.RunInterruption.EXIT_HANDLERS (ConcurrentHashMap), RunInterruption.HELM_CALLS (AtomicInteger), "
      + "RunInterruption.HOOKED, RunInterruption.INTERRUPTED (AtomicBoolean), "
      + "RunInterruption.RUNNING (ConcurrentHashMap key set), RunInterruption.incompleteReport, "
      + "RunInterruption.reason, RunInterruption.reportWritten (not final), "
      + "lifecycle.SelectedScenarios.selected (not final), traffic.StepTimeline.STARTS (ArrayDeque)")
  void harnessClassesKeepNoMutableStaticState() {
    fields().that().areStatic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackages(NOT_HARNESS)
        .should(holdNoMutableState())
        .because("a run's state lives in objects a run creates, not in static fields that outlive it: "
            + "two runs in one JVM (the self-tests) or a plan beside a run must not see each other's state")
        .check(HARNESS);
  }

  /**
   * A static field is final; and when its declared type is a mutable holder (a collection, a map, an
   * atomic or a latch), the value it was given is one of the JDK's unmodifiable collections. ArchUnit
   * sees no initialiser, so the value is read by reflection (which initialises the class).
   */
  private static ArchCondition<JavaField> holdNoMutableState() {
    return new ArchCondition<>("be final and hold no mutable collection or holder") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        if (field.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        if (!field.getModifiers().contains(JavaModifier.FINAL)) {
          events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is static and not final"));
          return;
        }
        if (!isMutableHolderType(field.getRawType())) {
          return;
        }
        String held = heldClassName(field);
        if (held != null && IMMUTABLE_PREFIXES.stream().noneMatch(held::startsWith)) {
          events.add(SimpleConditionEvent.violated(field,
              field.getFullName() + " is static final but holds a mutable " + held));
        }
      }
    };
  }

  private static boolean isMutableHolderType(JavaClass type) {
    return type.isAssignableTo(Collection.class) || type.isAssignableTo(Map.class)
        || type.isAssignableTo(CountDownLatch.class)
        || type.getPackageName().equals("java.util.concurrent.atomic");
  }

  /** The runtime class name of the field's value; null when it holds null (nothing to mutate). */
  private static String heldClassName(JavaField field) {
    try {
      Field reflected = field.reflect();
      reflected.setAccessible(true);
      Object value = reflected.get(null);
      return value == null ? null : value.getClass().getName();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return "value that could not be read (" + e + ")";
    }
  }
}
