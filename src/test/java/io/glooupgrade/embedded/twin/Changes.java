package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.BiPredicate;

/** An informer handler for components that recompute everything on any change they care about. */
final class Changes {

  private Changes() {
  }

  /** Runs {@code react} on every add and delete, and on the updates {@code matters} accepts. */
  static <T> ResourceEventHandler<T> handler(Runnable react, BiPredicate<T, T> matters) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        react.run();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (matters.test(oldObj, newObj)) {
          react.run();
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        react.run();
      }
    };
  }
}
