package io.glooupgrade.evidence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The numbered guide steps a step definition encodes, and how. It <em>verifies</em> a step when it
 * observes the target in a way that would differ had the step not worked: {@link #observation}
 * says what it observes and where, and a fault-matrix row must make it fail. It <em>performs</em>
 * a step when it does it, or checks only what the harness itself did or wrote. Ids are the
 * {@code step} values of {@code guides/steps.yaml} ("5.2", "canary-upgrade 7", "rollback 3"); a
 * step definition without this annotation arranges the scenario and encodes no guide step.
 * TRACEABILITY.md and every compliance record are computed from these declarations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Encodes {

  /** Guide steps this step definition verifies by an independent observation of the target. */
  String[] verifies() default {};

  /** What is observed, and where: required with {@link #verifies}. */
  String observation() default "";

  /** Guide steps it performs, with nothing independent observed. */
  String[] performs() default {};
}
