package io.glooupgrade.selftest.matrix;

/** A verification step no fault of the twin can make fail, and why: listed in docs/fault-matrix.md, not hidden. */
public record UnreachedCheck(String step, String why) {
}
