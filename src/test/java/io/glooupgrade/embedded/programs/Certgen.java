package io.glooupgrade.embedded.programs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.embedded.pki.ServingCertificates;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@code quay.io/solo-io/certgen} image runs (Gloo's {@code jobs/certgen}), for the
 * kubelet of the embedded cluster: it makes or rotates the validation webhook's TLS Secret and
 * writes its CA into the ValidatingWebhookConfiguration, through the Kubernetes API only, as the
 * pod's ServiceAccount. GLOO_CHARTS.md §6, "gateway-certgen":
 * <ol>
 *   <li>Read the Secret: another type than {@code kubernetes.io/tls} fails; missing, expired or not
 *       yet valid, or valid for none of the Service's names counts as none.</li>
 *   <li>None: a new self-signed CA and serving certificate, written as a new Secret ({@code tls.key},
 *       {@code tls.crt}, {@code ca.crt}); on AlreadyExists, Get then Update.</li>
 *   <li>Expiring within {@code --renew-before}, or {@code --force-rotation}: rotate in three
 *       updates (both CAs; the new certificate and key; the new CA only).</li>
 *   <li>Set {@code caBundle} to the Secret's {@code ca.crt} on every webhook of
 *       {@code --validating-webhook-configuration-name} that calls the Service.</li>
 * </ol>
 * Any refused API call (403 Forbidden once RBAC is enforced, 404, 409) is printed and ends the
 * program with exit code 1, as zap's Fatal does.
 */
public final class Certgen {

  /**
   * The tick of the pause between the rotation's updates. The real program waits for its 1 s ticker
   * (with the default {@code --rotation-duration=0s}, about a second per pause); the embedded world
   * compresses time, and only the order of the three updates matters to what others observe.
   */
  public static final Duration EMBEDDED_TICK = Duration.ofMillis(100);

  private final Duration tick;
  private final Clock clock;

  /** @param tick the settling pause's tick, 1 s in the real program */
  public Certgen(Duration tick) {
    this(tick, Clock.systemUTC());
  }

  Certgen(Duration tick, Clock clock) {
    this.tick = Objects.requireNonNull(tick, "tick");
    this.clock = clock;
  }

  /**
   * Runs certgen as a container would: {@code args} as in the pod spec, {@code env} the container's
   * environment (POD_NAMESPACE), {@code client} authenticated as the pod's ServiceAccount, and
   * {@code log} the container's output. Returns the exit code.
   */
  public static int run(List<String> args, Map<String, String> env, KubernetesClient client, PrintStream log) {
    return new Certgen(EMBEDDED_TICK).execute(args, env, client, log);
  }

  /** {@link #run}, with this instance's pause. */
  public int execute(List<String> args, Map<String, String> env, KubernetesClient client, PrintStream out) {
    ZapLog log = new ZapLog(out, "gencert", clock);
    CertgenOptions options;
    try {
      options = CertgenOptions.parse(args, env);
    } catch (CertgenOptions.UsageError e) {
      log.plain("Error: " + e.getMessage());
      log.plain(CertgenOptions.usage(env));
      log.fatal("execution failed");
      return 1;
    }
    if (options.help()) {
      log.plain("generate kube secrets with self-signed certs. certgen can also patch admission webhook "
          + "configurations with the matching ca bundle for the generated certs..\n");
      log.plain(CertgenOptions.usage(env));
      return 0;
    }
    try {
      new Run(client, log, options).run();
      return 0;
    } catch (CertgenFailure e) {
      log.plain("Error: " + e.getMessage());
      log.plain(CertgenOptions.usage(env));
      log.fatal("execution failed");
      return 1;
    } catch (KubernetesClientException e) {
      // Not expected (every call above is wrapped), but a program that fails exits non-zero all the same.
      log.plain("Error: " + ApiErrors.message(e));
      log.fatal("execution failed");
      return 1;
    }
  }

  /** One run of Go's run.Run. */
  private final class Run {

    private final KubernetesClient client;
    private final ZapLog log;
    private final CertgenOptions options;

    Run(KubernetesClient client, ZapLog log, CertgenOptions options) {
      this.client = client;
      this.log = log;
      this.options = options;
    }

    void run() throws CertgenFailure {
      String missing = options.missing();
      if (!missing.isEmpty()) {
        throw new CertgenFailure(missing);
      }
      Duration renewBefore = duration(options.renewBefore());
      Duration rotationDuration = duration(options.rotationDuration());
      log.info("starting certgen job, validated inputs");

      Optional<ExistingTlsSecret.Found> existing;
      try {
        existing = new ExistingTlsSecret(client, log).find(options, renewBefore, clock.instant());
      } catch (CertgenFailure e) {
        throw CertgenFailure.wrap("failed validating existing secret", e);
      }
      TlsSecretWriter writer = new TlsSecretWriter(client, log,
          TlsSecretWriter.GracePeriod.of(rotationDuration, tick, log));
      Secret secret;
      if (existing.isEmpty()) {
        log.info("no existing valid secret, generating a new one...");
        ServingCertificates certificates = ServingCertificates.forService(options.svcName(), options.svcNamespace());
        try {
          secret = writer.create(TlsSecret.of(options, certificates.keyPem(), certificates.certificatePem(),
              certificates.caPem()));
        } catch (CertgenFailure e) {
          throw CertgenFailure.wrap("failed creating secret", e);
        }
      } else if (existing.get().expiringSoon() || options.forceRotation()) {
        log.info("secret exists but need to rotate...");
        Secret current = existing.get().secret();
        ServingCertificates next = ServingCertificates.forService(options.svcName(), options.svcNamespace());
        try {
          secret = writer.rotate(TlsSecret.read(current, options), current.getMetadata().getResourceVersion(),
              next.caPem(), next.certificatePem(), next.keyPem());
        } catch (CertgenFailure e) {
          throw CertgenFailure.wrap("failed to rotate certs", e);
        }
      } else {
        secret = existing.get().secret();
        log.info("existing TLS secret found, skipping update to TLS secret since the old TLS secret is still valid",
            "secretName", options.secretName(), "secretNamespace", options.secretNamespace());
      }
      persistWebhook(secret);
    }

    private void persistWebhook(Secret secret) throws CertgenFailure {
      String configuration = options.validatingWebhookConfigurationName();
      if (configuration.isEmpty()) {
        log.info("no ValidatingWebhookConfiguration provided. finished successfully.");
        return;
      }
      try {
        new WebhookCaBundle(client, log).patch(configuration, options.svcName(), options.svcNamespace(),
            TlsSecret.data(secret, options.caKey()));
      } catch (CertgenFailure e) {
        throw CertgenFailure.wrap("failed patching validating webhook config", e);
      }
      log.info("finished successfully.");
    }

    private Duration duration(String text) throws CertgenFailure {
      try {
        return GoDuration.parse(text);
      } catch (IllegalArgumentException e) {
        throw new CertgenFailure(e.getMessage());
      }
    }
  }
}
