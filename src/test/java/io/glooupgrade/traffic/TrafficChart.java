package io.glooupgrade.traffic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The traffic timeline as a PNG (JFreeChart): successful and failed requests per bucket on the
 * left axis, the slowest request of each bucket on the right, every outage window shaded red and
 * every Gherkin step marked where it started.
 */
public final class TrafficChart {

  private static final Color FAILED = new Color(0xD3, 0x2F, 0x2F);

  private TrafficChart() {
  }

  public static byte[] png(TrafficReport report, int width, int height) {
    XYSeries succeeded = new XYSeries("succeeded per " + format(report.bucketMs()) + " ms");
    XYSeries failed = new XYSeries("failed per " + format(report.bucketMs()) + " ms");
    XYSeries latency = new XYSeries("slowest request (ms)");
    for (TrafficReport.Bucket b : report.timeline()) {
      double seconds = b.startMs() / 1000;
      succeeded.add(seconds, b.succeeded());
      failed.add(seconds, b.failed());
      latency.add(seconds, b.maxLatencyMs());
    }
    NumberAxis time = new NumberAxis("seconds since the probe started");
    NumberAxis requests = new NumberAxis("requests");
    XYStepRenderer counts = new XYStepRenderer();
    counts.setSeriesPaint(0, new Color(0x38, 0x8E, 0x3C));
    counts.setSeriesPaint(1, FAILED);
    XYPlot plot = new XYPlot(collection(succeeded, failed), time, requests, counts);
    plot.setDataset(1, collection(latency));
    plot.setRangeAxis(1, new NumberAxis("latency (ms)"));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer slowest = new XYLineAndShapeRenderer(true, false);
    slowest.setSeriesPaint(0, new Color(0x19, 0x76, 0xD2));
    slowest.setSeriesStroke(0, new BasicStroke(0.8f));
    plot.setRenderer(1, slowest);
    plot.setBackgroundPaint(Color.WHITE);
    for (OutageWindow outage : report.outages()) {
      IntervalMarker shade = new IntervalMarker(outage.startMs() / 1000,
          Math.max(outage.endMs(), outage.startMs() + report.bucketMs()) / 1000);
      shade.setPaint(new Color(0xD3, 0x2F, 0x2F, 0x50));
      plot.addDomainMarker(shade);
    }
    int index = 0;
    for (TrafficReport.StepMark step : report.steps()) {
      ValueMarker mark = new ValueMarker(step.atMs() / 1000, Color.DARK_GRAY, new BasicStroke(0.6f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f));
      mark.setLabel(shortened(step.step()));
      mark.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
      mark.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      mark.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      // Steps often start moments apart: stagger their labels so that they stay readable.
      mark.setLabelOffset(new RectangleInsets(4 + 12 * (index++ % 6), 2, 2, 2));
      plot.addDomainMarker(mark);
    }
    JFreeChart chart = new JFreeChart(String.format(java.util.Locale.ROOT,
        "Traffic through the gateway: %d requests, %d failed, %d outage(s), longest %.1f ms",
        report.requestsSent(), report.requestsFailed(), report.outages().size(), report.longestOutageMs()),
        new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static XYSeriesCollection collection(XYSeries... series) {
    XYSeriesCollection collection = new XYSeriesCollection();
    for (XYSeries s : series) {
      collection.addSeries(s);
    }
    return collection;
  }

  private static String shortened(String step) {
    return step.length() <= 48 ? step : step.substring(0, 45) + "...";
  }

  private static String format(double ms) {
    return ms == Math.rint(ms) ? String.valueOf((long) ms) : String.valueOf(ms);
  }
}
