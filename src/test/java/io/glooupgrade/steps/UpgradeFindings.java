package io.glooupgrade.steps;

import io.glooupgrade.gloo.install.ChartChanges;
import io.glooupgrade.gloo.HelmValues;
import io.glooupgrade.gloo.install.UpgradePreparation;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the preparing steps of one scenario found (Upgrade Steps, steps 1 to 4), for the steps
 * after them: the preparation report, the changes between the two charts, glooctl's client
 * version and the Helm values in use. Picocontainer gives each scenario a fresh one.
 */
public final class UpgradeFindings {

  private UpgradePreparation.Report preparation;
  private ChartChanges changes;
  private String glooctlClientVersion;
  private HelmValues valuesInUse;

  UpgradePreparation.Report preparation() {
    return required(preparation, "the upgrade was not prepared: a When step must prepare it first");
  }

  void preparation(UpgradePreparation.Report report) {
    this.preparation = report;
  }

  /** The changes between the two charts, reviewed once per scenario. */
  ChartChanges changes(Supplier<ChartChanges> review) {
    if (changes == null) {
      changes = review.get();
    }
    return changes;
  }

  String glooctlClientVersion() {
    return required(glooctlClientVersion, "glooctl was not upgraded: a When step must upgrade it first");
  }

  void glooctlClientVersion(String version) {
    this.glooctlClientVersion = version;
  }

  HelmValues valuesInUse() {
    return required(valuesInUse, "the Helm values in use were not saved: a When step must save them first");
  }

  void valuesInUse(HelmValues values) {
    this.valuesInUse = values;
  }

  private static <T> T required(T value, String missing) {
    return Optional.ofNullable(value).orElseThrow(() -> new IllegalStateException(missing));
  }
}
