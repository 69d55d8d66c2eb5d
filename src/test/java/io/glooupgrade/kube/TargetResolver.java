package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.embedded.EmbeddedWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The one place that turns the configured target into clusters. Only here does the harness know
 * whether a cluster is embedded; everything after this talks to a kubeconfig context.
 */
public final class TargetResolver {

  private TargetResolver() {
  }

  public static Target resolve(HarnessSettings settings) {
    Target target = switch (settings.target()) {
      case "embedded" -> embedded(settings);
      case "kubeconfig" -> kubeconfig(settings);
      default -> throw new TargetUnreachableException("target '" + settings.target()
          + "' is not available in this version of the harness; use harness.target=embedded or kubeconfig");
    };
    try {
      return target.reachedAt(checkReachable(target.cluster()));
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  private static Target embedded(HarnessSettings settings) {
    EmbeddedWorld world = EmbeddedWorld.start(settings.kubernetesVersion());
    return new Target("embedded", new KubeContext(world.contextName(), world.kubeconfig()),
        world.helmRepositoryUrls(), List.of(world));
  }

  private static Target kubeconfig(HarnessSettings settings) {
    Path kubeconfig = settings.kubeconfig();
    if (!Files.isReadable(kubeconfig)) {
      throw new TargetUnreachableException("kubeconfig " + kubeconfig + " does not exist or cannot be read");
    }
    try {
      Map<String, Object> config = new Yaml().load(Files.readString(kubeconfig));
      String context = settings.context() != null ? settings.context() : (String) config.get("current-context");
      if (context == null) {
        throw new TargetUnreachableException("kubeconfig " + kubeconfig
            + " has no current-context; set harness.context to one of its contexts");
      }
      config.put("current-context", context);
      Path copy = Files.createTempFile("harness-kubeconfig-", ".yaml",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(copy, new Yaml().dump(config));
      return new Target("kubeconfig", new KubeContext(context, copy),
          settings.helmRepositories(), List.of(() -> Files.deleteIfExists(copy)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    } catch (ClassCastException | org.yaml.snakeyaml.error.YAMLException e) {
      throw new TargetUnreachableException("kubeconfig " + kubeconfig + " is not a valid kubeconfig: "
          + e.getMessage());
    }
  }

  /** Fails fast, before any change, when the cluster cannot be reached. */
  private static String checkReachable(KubeContext context) {
    try (KubernetesClient client = context.newClient()) {
      try {
        return client.getKubernetesVersion().getGitVersion();
      } catch (KubernetesClientException e) {
        throw new TargetUnreachableException("cannot reach the Kubernetes API of context '" + context.name()
            + "' at " + client.getMasterUrl() + ": " + rootMessage(e));
      }
    } catch (IllegalArgumentException e) {
      throw new TargetUnreachableException("the kubeconfig context '" + context.name() + "' cannot be used: "
          + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
  }
}
