package io.glooupgrade.gloo.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.helm.HelmCommandException;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The note of Upgrade Steps, step 5: where the cluster ignores {@code ttlSecondsAfterFinished}, the
 * completed {@code gateway-certgen} Job stays, and an upgrade that changes it fails because a Job's
 * template is immutable. The documented fix: delete the completed Job and apply the upgrade again.
 * Only that failure is handled; any other one stands.
 */
final class CompletedCertgenJob {

  static final String NAME = "gateway-certgen";
  private static final Logger LOG = LoggerFactory.getLogger(CompletedCertgenJob.class);

  private final KubernetesClient client;
  private final String namespace;

  CompletedCertgenJob(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Runs the upgrade; if it fails on the immutable certgen Job, deletes the Job and runs it once more. */
  void upgradeDeletingItIfImmutable(Runnable upgrade) {
    try {
      upgrade.run();
    } catch (HelmCommandException e) {
      if (!isImmutableJobFailure(e)) {
        throw e;
      }
      LOG.warn("the upgrade failed on the completed {} Job in {}, which is immutable: deleting it and upgrading again",
          NAME, namespace);
      Evidence.text("upgrade failed: completed " + NAME + " Job is immutable", e.getMessage()
          + "\n\nAs the guide's note in step 5 says: the completed Job is deleted and the upgrade applied again.");
      delete();
      upgrade.run();
      Evidence.text(NAME + " Job deleted and upgrade applied again", "The upgrade succeeded after `kubectl delete job "
          + NAME + " -n " + namespace + "`.");
    }
  }

  static boolean isImmutableJobFailure(HelmCommandException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains(NAME) && message.contains("field is immutable");
  }

  private void delete() {
    Evidence.documentedCommand("kubectl delete job " + NAME + " -n " + namespace);
    client.batch().v1().jobs().inNamespace(namespace).withName(NAME).delete();
    Waits.until("the completed " + NAME + " Job in " + namespace + " to be deleted", WaitTimeout.ROLLOUT,
        () -> client.batch().v1().jobs().inNamespace(namespace).withName(NAME).get(), job -> job == null,
        job -> "  still there: " + job.getMetadata().getName() + " (deletion requested at "
            + job.getMetadata().getDeletionTimestamp() + ")");
  }
}
