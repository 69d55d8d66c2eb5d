package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Plays kube-controller-manager and the kubelet for one embedded cluster. It watches through
 * fabric8 informers over the cluster's own HTTP API, like any other client, and queues one
 * reconcile per changed object.
 */
public final class ControllerManager implements AutoCloseable {

  private final KubernetesClient client;
  private final ReconcileQueue queue = new ReconcileQueue("embedded-controller-manager");
  private static final long RESYNC_MILLIS = 2_000;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final DeploymentController deployments;
  private final ReplicaSetController replicaSets;
  private final Kubelet kubelet;
  private final JobController jobs;
  private final ServiceController services;
  private final GarbageCollector garbage;
  private final TokenController tokens;
  private final ContainerRuntime runtime;
  private final TtlController ttl;
  private final ServiceAccountController serviceAccounts;

  /**
   * The controllers of one cluster; {@code node} says how its kubelet reaches the API (as the pods'
   * ServiceAccounts, over HTTPS with the API's certificate authority) and where the pods' logs go.
   */
  public ControllerManager(KubernetesClient client, PodReadiness readiness, LoadBalancerAddresses addresses,
      EmbeddedNode node) {
    this.client = client;
    this.deployments = new DeploymentController(client);
    this.replicaSets = new ReplicaSetController(client);
    this.runtime = new ContainerRuntime(client, node, this::recheckPod);
    this.kubelet = new Kubelet(client, readiness, runtime, new PodVolumes(client, node.tokens()));
    this.ttl = new TtlController(client);
    this.jobs = new JobController(client, ttl, this::reconcileJobAfter);
    this.services = new ServiceController(client, addresses);
    this.garbage = new GarbageCollector(client);
    this.serviceAccounts = new ServiceAccountController(client);
    this.tokens = new TokenController(client, node.tokens(), node::certificateAuthority);
  }

  public ControllerManager start() {
    // The workload informers resync, as kube-controller-manager's do: every object is reconciled
    // again now and then, so a change whose event came while the machine was too busy still lands.
    informers.add(client.apps().deployments().inAnyNamespace().inform(handler("deployment", deployments::reconcile),
        RESYNC_MILLIS));
    informers.add(client.apps().replicaSets().inAnyNamespace().inform(handler("replicaset", (ns, name) -> {
      replicaSets.reconcile(ns, name);
      ownerOf("replicaset", ns, name);
    }), RESYNC_MILLIS));
    informers.add(client.pods().inAnyNamespace().inform(handler("pod", (ns, name) -> {
      kubelet.reconcile(ns, name);
      ownerOf("pod", ns, name);
    }), RESYNC_MILLIS));
    informers.add(client.batch().v1().jobs().inAnyNamespace().inform(handler("job", jobs::reconcile), RESYNC_MILLIS));
    informers.add(client.services().inAnyNamespace().inform(handler("service", services::reconcile)));
    informers.add(client.secrets().inAnyNamespace().inform(handler("secret", tokens::reconcile)));
    informers.add(client.namespaces().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(io.fabric8.kubernetes.api.model.Namespace ns) {
        String name = ns.getMetadata().getName();
        queue.enqueue("namespace-added/" + name, () -> serviceAccounts.namespaceAdded(name));
      }

      @Override
      public void onUpdate(io.fabric8.kubernetes.api.model.Namespace old, io.fabric8.kubernetes.api.model.Namespace ns) {
      }

      @Override
      public void onDelete(io.fabric8.kubernetes.api.model.Namespace ns, boolean unknown) {
        String name = ns.getMetadata().getName();
        queue.enqueue("namespace-deleted/" + name, () -> garbage.namespaceDeleted(name));
      }
    }));
    return this;
  }

  // A Job waiting out its back-off is looked at again once it is over.
  private void reconcileJobAfter(String job, long delayMillis) {
    String[] parts = job.split("/", 2);
    queue.enqueueAfter("job/" + job, delayMillis, () -> jobs.reconcile(parts[0], parts[1]));
  }

  /** Asks the kubelet to look at a pod again, for example when its readiness rules changed. */
  public void recheckPod(String namespace, String name) {
    queue.enqueue("pod/" + namespace + "/" + name, () -> kubelet.reconcile(namespace, name));
  }

  /** Re-reads the LoadBalancer ingress of a Service, for example when its listener moved. */
  public void recheckService(String namespace, String name) {
    queue.enqueue("service/" + namespace + "/" + name, () -> services.reconcile(namespace, name));
  }

  // A change to a pod or ReplicaSet is also news for the object that controls it.
  private void ownerOf(String kind, String namespace, String name) {
    HasMetadata object = kind.equals("pod")
        ? client.pods().inNamespace(namespace).withName(name).get()
        : client.apps().replicaSets().inNamespace(namespace).withName(name).get();
    if (object == null) {
      return;
    }
    Owners.controllerOf(object).ifPresent(owner -> {
      switch (owner.getKind()) {
        case "ReplicaSet" -> queue.enqueue("replicaset/" + namespace + "/" + owner.getName(),
            () -> {
              if (client.apps().replicaSets().inNamespace(namespace).withName(owner.getName()).get() == null) {
                garbage.ownerGone(object); // as the garbage collector deletes a dependent whose owner is gone
                return;
              }
              replicaSets.reconcile(namespace, owner.getName());
              ownerOf("replicaset", namespace, owner.getName());
            });
        case "Deployment" -> queue.enqueue("deployment/" + namespace + "/" + owner.getName(),
            () -> deployments.reconcile(namespace, owner.getName()));
        case "Job" -> queue.enqueue("job/" + namespace + "/" + owner.getName(),
            () -> jobs.reconcile(namespace, owner.getName()));
        default -> {
        }
      }
    });
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(String kind, BiConsumer<String, String> reconcile) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        enqueue(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        enqueue(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        String ns = obj.getMetadata().getNamespace();
        String name = obj.getMetadata().getName();
        queue.enqueue(kind + "-deleted/" + ns + "/" + name, () -> {
          if (kind.equals("pod")) {
            kubelet.podDeleted(ns, name);
          }
          garbage.ownerDeleted(obj);
          if (!kind.equals("deployment") && !kind.equals("job")) {
            Owners.controllerOf(obj).ifPresent(owner -> {
              if (owner.getKind().equals("ReplicaSet")) {
                replicaSets.reconcile(ns, owner.getName());
              }
            });
          }
        });
      }

      private void enqueue(T obj) {
        String ns = obj.getMetadata().getNamespace();
        String name = obj.getMetadata().getName();
        queue.enqueue(kind + "/" + ns + "/" + name, () -> reconcile.accept(ns, name));
      }
    };
  }

  /** The images of Job containers the embedded node ran as inert, exiting 0: what it did not model. */
  public java.util.Set<String> unmodelledImages() {
    return runtime.unmodelledImages();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    queue.close();
    ttl.close();
    runtime.close();
  }
}
