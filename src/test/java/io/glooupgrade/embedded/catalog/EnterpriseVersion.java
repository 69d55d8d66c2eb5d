package io.glooupgrade.embedded.catalog;

/**
 * One Gloo Edge Enterprise release and the OSS release its gloo-ee chart pulls in as the
 * {@code gloo} subchart. Major and minor agree, the patch numbers do not (upgrade guide, step 2:
 * "open source might use version x.y.a but enterprise uses version x.y.b"). Gloo Federation is
 * released with the Enterprise numbers: gloo-fed x.y.b ships inside gloo-ee x.y.b and on its own.
 *
 * <p>What the release's API knows (CRDs, RetryPolicy fields) is the OSS subchart's.
 */
public record EnterpriseVersion(GlooVersion enterprise, GlooVersion oss) {

  public EnterpriseVersion {
    if (!enterprise.sameMinorAs(oss)) {
      throw new IllegalArgumentException("Enterprise " + enterprise + " cannot pull in OSS " + oss
          + ": the minors differ");
    }
  }

  /** The gloo-ee (and gloo-fed) chart version and the tag of the {@code -ee} images. */
  public String tag() {
    return enterprise.tag();
  }

  /** The tag of the OSS images and chart, shown as {@code gloo.solo.io/oss-image-tag}. */
  public String ossTag() {
    return oss.tag();
  }

  public String minorVersion() {
    return enterprise.minorVersion();
  }

  @Override
  public String toString() {
    return enterprise + " (OSS " + oss + ")";
  }
}
