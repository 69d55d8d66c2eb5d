package io.glooupgrade.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.glooupgrade.evidence.Evidence;
import java.util.LinkedHashMap;
import java.util.Map;

/** A traffic report as a reviewer reads it: the summary, the timeline plot, and the numbers as JSON. */
public final class TrafficEvidence {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrafficEvidence() {
  }

  public static void attach(TrafficReport report) {
    Evidence.text("traffic summary", report.summary());
    Evidence.png("traffic timeline", TrafficChart.png(report, 1200, 500));
    Map<String, Object> numbers = new LinkedHashMap<>();
    numbers.put("requestsPerSecond", Math.round(report.requestsPerSecond()));
    numbers.put("successRatio", report.successRatio());
    numbers.put("longestOutageMs", report.longestOutageMs());
    numbers.put("report", report);
    try {
      Evidence.json("traffic numbers", JSON.writeValueAsString(numbers));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the traffic report as JSON", e);
    }
  }
}
