package io.glooupgrade.selftest.support;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Allure attachments a piece of harness code makes, captured in memory by a test case of its
 * own, so a self-test can read what a reviewer would see (titles and contents).
 */
public final class CapturedEvidence implements AutoCloseable {

  private final AllureLifecycle previous = Allure.getLifecycle();
  private final Map<String, String> contentBySource = new ConcurrentHashMap<>();
  private final List<Attachment> attachments = new CopyOnWriteArrayList<>();
  private final String uuid = UUID.randomUUID().toString();
  private final AllureLifecycle lifecycle = new AllureLifecycle(new AllureResultsWriter() {
    @Override
    public void write(TestResult result) {
      attachments.addAll(result.getAttachments());
    }

    @Override
    public void write(TestResultContainer container) {
    }

    @Override
    public void write(String source, InputStream attachment) {
      try {
        contentBySource.put(source, new String(attachment.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  });
  private boolean stopped;

  private CapturedEvidence() {
  }

  /** Captures from now until {@link #close()} on this thread. */
  public static CapturedEvidence start() {
    CapturedEvidence captured = new CapturedEvidence();
    Allure.setLifecycle(captured.lifecycle);
    TestResult result = new TestResult();
    result.setUuid(captured.uuid);
    result.setName("captured evidence");
    captured.lifecycle.scheduleTestCase(result);
    captured.lifecycle.startTestCase(captured.uuid);
    return captured;
  }

  /** Every attachment so far, title to content, in the order made. */
  public Map<String, String> attachments() {
    if (!stopped) {
      lifecycle.stopTestCase(uuid);
      lifecycle.writeTestCase(uuid);
      stopped = true;
    }
    Map<String, String> byTitle = new LinkedHashMap<>();
    attachments.forEach(a -> byTitle.put(a.getName(), contentBySource.get(a.getSource())));
    return byTitle;
  }

  @Override
  public void close() {
    attachments();
    Allure.setLifecycle(previous);
  }
}
