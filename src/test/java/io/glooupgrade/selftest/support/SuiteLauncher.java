package io.glooupgrade.selftest.support;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.glooupgrade.suite.AcceptanceSuiteIT;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The acceptance suite as failsafe runs it (the JUnit Platform, the suite class, a tag expression
 * like -Dgroups, installed-release left out), in a JVM of its own: exits 1 when a test or
 * container failed, as mvn verify would.
 */
public final class SuiteLauncher {

  private SuiteLauncher() {
  }

  /** args: the tag expression to include, or none for the default run. */
  public static void main(String[] args) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(AcceptanceSuiteIT.class))
        .configurationParameter("junit.platform.execution.listeners.deactivate",
            "io.qameta.allure.junitplatform.AllureJunitPlatform")
        .filters(TagFilter.excludeTags("installed-release"));
    if (args.length > 0) {
      request.filters(TagFilter.includeTags(args[0]));
    }
    LauncherDiscoveryRequest built = request.build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(built, summary);
    System.out.println("suite: " + summary.getSummary().getTotalFailureCount() + " failed, "
        + summary.getSummary().getTestsSkippedCount() + " skipped, " + summary.getSummary().getTestsSucceededCount()
        + " passed");
    System.exit(summary.getSummary().getTotalFailureCount() > 0 ? 1 : 0);
  }
}
