package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.gloo.install.KubernetesSupport;
import org.junit.jupiter.api.Test;

/** The support table of GLOO_FACTS.md, read the way step 1 reads it: by the minor upgraded to. */
class KubernetesSupportTest {

  @Test
  void kubernetesIsSupportedWithinTheMinorsRangeInclusive() {
    assertThat(KubernetesSupport.kubernetes("1.19.20", "v1.28.0").supported()).isTrue();
    assertThat(KubernetesSupport.kubernetes("1.19.9", "v1.32.7").supported()).isTrue();
    assertThat(KubernetesSupport.kubernetes("1.19.20", "v1.30.2+k3s1").supported()).isTrue();
    assertThat(KubernetesSupport.kubernetes("1.19.20", "v1.31.4-eks-2f008fe").supported()).isTrue();
    assertThat(KubernetesSupport.kubernetes("1.19.20", "v1.27.9").supported()).isFalse();
    assertThat(KubernetesSupport.kubernetes("1.19.20", "v1.33.0").explanation())
        .isEqualTo("Kubernetes v1.33.0 is not supported by Gloo Edge 1.19 (supported: 1.28-1.32): upgrade the"
            + " cluster's Kubernetes first (Upgrade Steps, step 1, Upgrade dependencies)");
    assertThat(KubernetesSupport.kubernetes("1.22.1", "1.36.0").supported()).isTrue();
  }

  @Test
  void helmMustBeAtLeastTheMinorsOldestSupported() {
    assertThat(KubernetesSupport.helm("1.19.20", "v3.12.0").supported()).isTrue();
    assertThat(KubernetesSupport.helm("1.19.20", "v3.11.3").supported()).isFalse();
    assertThat(KubernetesSupport.helm("1.21.13", "v3.18.0").explanation())
        .isEqualTo("Helm v3.18.0 is not supported by Gloo Edge 1.21 (supported: >=3.19)");
  }

  @Test
  void aMinorOutsideTheTableIsNotConfirmedAsSupported() {
    assertThat(KubernetesSupport.kubernetes("1.13.30", "v1.31.4").supported()).isFalse();
    assertThat(KubernetesSupport.kubernetes("1.13.30", "v1.31.4").explanation()).contains("not in the support table");
    assertThat(KubernetesSupport.table()).startsWith("| minor | Kubernetes supported | Helm |")
        .contains("| 1.16 | 1.24-1.28 | >=3.12 |").endsWith("| 1.22 | 1.31-1.36 | >=3.19 |\n");
  }
}
