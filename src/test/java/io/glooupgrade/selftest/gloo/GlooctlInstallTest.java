package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.LicenceKey;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.canary.CanaryNamespace;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.glooctl.GlooctlInstall;
import io.glooupgrade.gloo.MissingLicenceKeyException;
import io.glooupgrade.kube.CleanupStack;
import io.glooupgrade.kube.ClusterChanges;
import io.glooupgrade.selftest.support.TwinWorld;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glooctl install gateway [enterprise]} as the canary guide runs it: Enterprise without a
 * licence key is refused before anything changes, a namespace that already holds Gloo is
 * refused as glooctl refuses it, and the undo it records leaves nothing of the install behind.
 */
class GlooctlInstallTest {

  @TempDir
  Path workDir;
  private TwinWorld world;
  private final CleanupStack undo = new CleanupStack();

  @BeforeEach
  void start() {
    ProxyStartup.Gate gate = new ProxyStartup.Gate();
    gate.open();
    world = new TwinWorld(workDir, gate);
  }

  @AfterEach
  void stop() {
    undo.runAll();
    world.close();
  }

  @Test
  void enterpriseWithoutALicenceKeyIsRefusedBeforeAnyChange() {
    String namespace = CanaryNamespace.of("1.19.9");
    GlooInstallation withoutKey = new GlooInstallation(Edition.ENTERPRISE, namespace, "1.19.9", "1.19.20",
        Optional.empty());

    assertThatThrownBy(() -> new GlooctlInstall(world.gloo).run(withoutKey, changes(undo)))
        .isInstanceOf(MissingLicenceKeyException.class)
        .hasMessageContaining("glooctl install gateway enterprise needs a Gloo Edge Enterprise licence key")
        .hasMessageContaining("set the environment variable LICENSE_KEY")
        .hasMessageContaining("Nothing was installed in gloo-system-1-19-9");
    assertThat(world.client.namespaces().withName(namespace).get()).as("namespace created anyway").isNull();
    assertThat(world.gloo.helm().list(namespace)).isEmpty();
    assertThat(undo.runAll()).as("undos recorded for nothing").isEmpty();
  }

  @Test
  void theDocumentedCommandMasksTheLicenceKey() {
    GlooInstallation installation = new GlooInstallation(Edition.ENTERPRISE, "gloo-system-1-19-9", "1.19.9",
        "1.19.20", Optional.of(new LicenceKey("secret-trial-key")));

    assertThat(GlooctlInstall.command(installation)).isEqualTo("glooctl install gateway enterprise "
        + "--create-namespace -n gloo-system-1-19-9 --version 1.19.9 --license-key ********");
  }

  @Test
  void aSecondInstallIntoTheSameNamespaceIsRefusedAndTheUndoLeavesNothingBehind() {
    String namespace = CanaryNamespace.of("1.19.20");
    GlooInstallation installation = new GlooInstallation(namespace, "1.19.20");
    new GlooctlInstall(world.gloo).run(installation, changes(undo));
    assertThat(world.gloo.helm().list(namespace)).extracting(r -> r.getName()).containsExactly("gloo");
    assertThat(webhookOf(namespace)).as("the release's validation webhook").isNotNull();

    assertThatThrownBy(() -> new GlooctlInstall(world.gloo).run(installation, changes(new CleanupStack())))
        .hasMessageContaining("Gloo has already been installed to namespace gloo-system-1-19-20");

    assertThat(undo.runAll()).as("failed undos").isEmpty();
    assertThat(world.gloo.helm().list(namespace)).isEmpty();
    assertThat(webhookOf(namespace)).as("the release's validation webhook, a Helm hook uninstall leaves").isNull();
    assertThat(world.client.rbac().clusterRoleBindings().list().getItems())
        .noneMatch(b -> b.getMetadata().getName().endsWith("-" + namespace));
  }

  private Object webhookOf(String namespace) {
    return world.client.admissionRegistration().v1().validatingWebhookConfigurations()
        .withName("gloo-gateway-validation-webhook-" + namespace).get();
  }

  private ClusterChanges changes(CleanupStack stack) {
    return new ClusterChanges(stack, world.gloo.client(), world.gloo.cluster().name());
  }
}
