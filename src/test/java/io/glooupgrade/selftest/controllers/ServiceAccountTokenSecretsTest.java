package io.glooupgrade.selftest.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.embedded.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token controller fills a {@code kubernetes.io/service-account-token} Secret with a token the
 * cluster's API issued for the annotated ServiceAccount (what {@code glooctl cluster register} puts
 * in the remote's kubeconfig): requests with it act as that ServiceAccount, may do only what RBAC
 * grants it, and stop authenticating once the ServiceAccount is gone; {@code ca.crt} is the CA of
 * the API's HTTPS port.
 */
class ServiceAccountTokenSecretsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String NS = "gloo-system";
  private EmbeddedCluster cluster;
  private KubernetesClient admin;

  @BeforeEach
  void start() {
    cluster = EmbeddedCluster.start("remote1", "1.31.4");
    admin = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(cluster.url()).build()).build();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
  }

  @AfterEach
  void stop() {
    admin.close();
    cluster.close();
  }

  @Test
  void theTokenActsAsItsServiceAccountUnderRbac() {
    admin.serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata().withName("remote1")
        .endMetadata().build()).create();
    admin.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("remote1-token")
        .addToAnnotations("kubernetes.io/service-account.name", "remote1").endMetadata()
        .withType("kubernetes.io/service-account-token").build()).create();
    Secret filled = await().atMost(TIMEOUT).until(() -> admin.secrets().inNamespace(NS).withName("remote1-token").get(),
        s -> s.getData() != null && s.getData().containsKey("token"));
    String token = decode(filled.getData().get("token"));
    assertThat(decode(filled.getData().get("namespace"))).isEqualTo(NS);
    assertThat(decode(filled.getData().get("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");

    try (KubernetesClient remote1 = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(cluster.url()).withOauthToken(token).withRequestRetryBackoffLimit(0).build()).build()) {
      assertThatThrownBy(() -> remote1.secrets().inNamespace(NS).list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
          .hasMessageContaining("User \"system:serviceaccount:gloo-system:remote1\" cannot list resource \"secrets\" "
              + "in API group \"\" in the namespace \"gloo-system\"");

      admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("secret-reader")
          .endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("").withResources("secrets")
              .withVerbs("list").build()).build()).create();
      admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
          .withName("remote1-secret-reader").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
          .withKind("ClusterRole").withName("secret-reader").endRoleRef().addNewSubject().withKind("ServiceAccount")
          .withName("remote1").withNamespace(NS).endSubject().build()).create();
      assertThat(remote1.secrets().inNamespace(NS).list().getItems()).extracting(s -> s.getMetadata().getName())
          .contains("remote1-token");

      admin.serviceAccounts().inNamespace(NS).withName("remote1").delete();
      await().atMost(TIMEOUT).until(() -> admin.serviceAccounts().inNamespace(NS).withName("remote1").get() == null);
      assertThatThrownBy(() -> remote1.secrets().inNamespace(NS).list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
