package io.glooupgrade.selftest.matrix;

/** A scenario of a feature file, by its name (one per outline; the edition picks the example). */
public record MatrixScenario(String feature, String name, String label) {
}
