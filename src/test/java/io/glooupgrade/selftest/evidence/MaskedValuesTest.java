package io.glooupgrade.selftest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.evidence.MaskedValues;
import org.junit.jupiter.api.Test;

/** Values shown as evidence never carry a licence key, token, password or secret. */
class MaskedValuesTest {

  @Test
  void secretValuesAreMaskedAndTheRestIsKept() {
    String values = "license_key: embedded-trial-1234\ngloo:\n  settings:\n    writeNamespace: gloo-system\n"
        + "  auth:\n    apiToken: \"abc\"\n    adminPassword: hunter2\n    clientSecret:\n      name: x\n";

    String masked = MaskedValues.of(values);

    assertThat(masked).doesNotContain("embedded-trial-1234").doesNotContain("abc").doesNotContain("hunter2")
        .contains("license_key: ********").contains("apiToken: ********").contains("adminPassword: ********")
        .contains("writeNamespace: gloo-system").contains("clientSecret:\n      name: x");
  }
}
