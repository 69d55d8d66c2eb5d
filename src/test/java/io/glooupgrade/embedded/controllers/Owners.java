package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Optional;

/** Owner references, the links garbage collection and the controllers follow. */
final class Owners {

  private Owners() {
  }

  static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  static Optional<OwnerReference> controllerOf(HasMetadata object) {
    return object.getMetadata().getOwnerReferences().stream()
        .filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  static boolean isOwnedBy(HasMetadata object, HasMetadata owner) {
    return controllerOf(object).map(r -> r.getUid().equals(owner.getMetadata().getUid())).orElse(false);
  }
}
