package io.glooupgrade.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who ran the suite, for the report's Executor panel: a CI system (GitHub Actions, GitLab CI,
 * Jenkins), with its build's name and URL, or a local run.
 */
public record Executor(String name, String type, String buildName, String buildUrl) {

  public static Executor fromEnvironment(Map<String, String> env) {
    if ("true".equals(env.get("GITHUB_ACTIONS"))) {
      String url = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
          + "/actions/runs/" + env.get("GITHUB_RUN_ID");
      return new Executor("GitHub Actions", "github", env.get("GITHUB_WORKFLOW") + " #" + env.get("GITHUB_RUN_NUMBER"),
          url);
    }
    if (env.containsKey("GITLAB_CI")) {
      return new Executor("GitLab CI", "gitlab", env.get("CI_JOB_NAME") + " #" + env.get("CI_JOB_ID"),
          env.get("CI_JOB_URL"));
    }
    if (env.containsKey("JENKINS_URL")) {
      return new Executor("Jenkins", "jenkins", env.get("JOB_NAME") + " #" + env.get("BUILD_NUMBER"),
          env.get("BUILD_URL"));
    }
    if (env.containsKey("CI")) {
      return new Executor("CI", "ci", env.get("BUILD_NAME"), env.get("BUILD_URL"));
    }
    return new Executor("local run", "local", "by " + env.getOrDefault("USER", System.getProperty("user.name"))
        + " on " + env.getOrDefault("HOSTNAME", hostName()), null);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "this machine";
    }
  }

  public String json() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("type", type);
    fields.put("buildName", buildName);
    if (buildUrl != null) {
      fields.put("buildUrl", buildUrl);
      fields.put("reportUrl", buildUrl);
    }
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
