package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.pki.ServingKey;
import java.util.Optional;
import java.util.function.Supplier;

/** An Enterprise component: it runs only while its licence holds, and crash-loops saying why otherwise. */
final class LicensedWorkload implements Workload {

  private final Licence licence;
  private final Supplier<Workload> component;
  private Workload running;

  LicensedWorkload(Licence licence, Supplier<Workload> component) {
    this.licence = licence;
    this.component = component;
    refresh();
  }

  /** Starts or stops the component as the licence now allows. */
  synchronized void refresh() {
    boolean valid = licence.problem().isEmpty();
    if (valid && running == null) {
      running = component.get();
    } else if (!valid && running != null) {
      running.close();
      running = null;
    }
  }

  @Override
  public synchronized boolean listens(int port) {
    return running != null && running.listens(port);
  }

  @Override
  public Optional<String> crashReason() {
    Optional<String> problem = licence.problem();
    if (problem.isPresent()) {
      return problem;
    }
    Workload current;
    synchronized (this) {
      current = running;
    }
    return current == null ? Optional.empty() : current.crashReason();
  }

  @Override
  public Optional<HttpAnswer> handle(int port, HttpCall call) {
    Workload current;
    synchronized (this) {
      current = running;
    }
    return current == null ? Optional.empty() : current.handle(port, call);
  }

  @Override
  public Optional<ServingKey> tlsCertificate(int port) {
    Workload current;
    synchronized (this) {
      current = running;
    }
    return current == null ? Optional.empty() : current.tlsCertificate(port);
  }

  Optional<Workload> component() {
    synchronized (this) {
      return Optional.ofNullable(running);
    }
  }

  @Override
  public synchronized void close() {
    if (running != null) {
      running.close();
      running = null;
    }
  }
}
