package io.glooupgrade.embedded.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Helm chart repository over HTTP on a loopback port, serving {@code /index.yaml} and the
 * chart archives it lists, so that {@code helm repo add}, {@code repo update},
 * {@code search repo} and {@code install --version} run through real Helm exactly as against the
 * public Gloo repositories ({@link GlooHelmRepository}: one repository per alias, each with its own
 * port and index). Cheap to start (the archives are packaged once per JVM), so each
 * scenario may have its own.
 */
public final class EmbeddedHelmRepository implements AutoCloseable {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService workers;
  private final String url;
  private final List<ChartArchive> charts;
  private final byte[] index;
  private final Map<String, ChartArchive> archivesByPath = new LinkedHashMap<>();

  private EmbeddedHelmRepository(List<ChartArchive> charts) throws IOException {
    this.charts = List.copyOf(charts);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    url = "http://127.0.0.1:" + server.getAddress().getPort();
    index = HelmRepositoryIndex.render(this.charts, url).getBytes(StandardCharsets.UTF_8);
    for (ChartArchive chart : this.charts) {
      archivesByPath.put("/" + chart.fileName(), chart);
    }
    workers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "helm-repository-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.createContext("/", this::serve);
    server.start();
  }

  /** The {@code gloo} repository: the gloo chart of every catalog release. */
  public static EmbeddedHelmRepository start() {
    return start(GlooHelmRepository.OSS);
  }

  /**
   * One of the public Gloo repositories on its own loopback port: {@code gloo} (chart gloo),
   * {@code glooe} (gloo-ee) or {@code gloo-fed} (gloo-fed), every catalog release of its chart.
   */
  public static EmbeddedHelmRepository start(GlooHelmRepository repository) {
    return start(repository.charts());
  }

  /** A repository serving exactly these charts (for example a faulty variant of one release). */
  public static EmbeddedHelmRepository start(List<ChartArchive> charts) {
    try {
      return new EmbeddedHelmRepository(charts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Helm repository", e);
    }
  }

  /** The repository URL to {@code helm repo add}, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /** The charts this repository serves. */
  public List<ChartArchive> charts() {
    return charts;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(exchange, 405, "text/plain", ("method not allowed: " + method + "\n").getBytes(StandardCharsets.UTF_8));
        return;
      }
      // Helm joins the repository URL and "index.yaml" itself; tolerate a doubled slash.
      String path = exchange.getRequestURI().getPath().replaceAll("/{2,}", "/");
      if (path.equals("/index.yaml")) {
        send(exchange, 200, "application/x-yaml", index);
        return;
      }
      ChartArchive archive = archivesByPath.get(path);
      if (archive != null) {
        send(exchange, 200, "application/gzip", archive.contentForServing());
        return;
      }
      send(exchange, 404, "text/plain", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
