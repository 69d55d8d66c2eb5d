package io.glooupgrade.selftest.matrix;

/** One scenario run with no fault at all: it must pass, or it is a false positive. */
public record NoFaultResult(String feature, String scenario, String edition, boolean passed, String failedStep,
    String message) {
}
