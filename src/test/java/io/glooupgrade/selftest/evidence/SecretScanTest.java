package io.glooupgrade.selftest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.selftest.support.ScenarioRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A licence key never reaches the evidence: the Enterprise scenarios run with the Allure adapter
 * on, each with a licence key of its own (the embedded world issues a unique one), and then every
 * file under reports/ and target/, and everything the run printed, is searched for each key, as
 * it is and base64-encoded (as a Secret would hold it).
 */
class SecretScanTest {

  private static final String UPGRADE = "CRDs first, then the Helm upgrade with the values in use "
      + "(Upgrade Steps, steps 4 and 5)";
  private static final String CANARY = "The new version runs beside the current one, then takes over "
      + "(Canary upgrade, steps 1 to 8)";

  @Test
  void noLicenceKeyAppearsInReportsTargetOrTheConsole() throws IOException {
    Set<String> keys = ConcurrentHashMap.newKeySet();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    List<ScenarioRun.Outcome> outcomes = new ArrayList<>();
    try {
      System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
      outcomes.addAll(ScenarioRun.runRecordingEvidence("upgrade-steps.feature", UPGRADE, "@enterprise",
          world -> keys.add(world.licenceKey())));
      outcomes.addAll(ScenarioRun.runRecordingEvidence("canary-upgrade.feature", CANARY, "@enterprise",
          world -> keys.add(world.licenceKey())));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(outcomes).as("the Enterprise scenarios ran and passed").hasSize(2).allMatch(ScenarioRun.Outcome::passed);
    assertThat(keys).as("one licence key per scenario").hasSize(2);
    List<String> leaks = new ArrayList<>();
    for (String key : keys) {
      List<byte[]> forms = List.of(key.getBytes(StandardCharsets.UTF_8),
          Base64.getEncoder().encode(key.getBytes(StandardCharsets.UTF_8)));
      if (containsAny(console.toByteArray(), forms)) {
        leaks.add("the console output");
      }
      for (Path root : List.of(Path.of("reports"), Path.of("target"))) {
        leaks.addAll(filesContaining(root, forms));
      }
    }
    assertThat(leaks).as("files or output holding a licence key").isEmpty();
  }

  @Test
  void theScanFindsAKeyPlantedAsItIsOrInBase64(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    String key = "planted-" + java.util.UUID.randomUUID();
    List<byte[]> forms = List.of(key.getBytes(StandardCharsets.UTF_8),
        Base64.getEncoder().encode(key.getBytes(StandardCharsets.UTF_8)));
    Files.writeString(dir.resolve("clean.txt"), "nothing to see");
    assertThat(filesContaining(dir, forms)).isEmpty();
    Files.writeString(dir.resolve("values.yaml"), "license_key: " + key + "\n");
    Files.createDirectories(dir.resolve("secrets"));
    Files.write(dir.resolve("secrets/license.json"), ("{\"license-key\":\"" + new String(forms.get(1),
        StandardCharsets.UTF_8) + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(filesContaining(dir, forms)).hasSize(2);
  }

  private static List<String> filesContaining(Path root, List<byte[]> forms) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      List<String> holding = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (Files.size(file) < 50_000_000 && containsAny(Files.readAllBytes(file), forms)) {
          holding.add(file.toString());
        }
      }
      return holding;
    }
  }

  private static boolean containsAny(byte[] content, List<byte[]> forms) {
    for (byte[] form : forms) {
      outer:
      for (int i = 0; i <= content.length - form.length; i++) {
        for (int j = 0; j < form.length; j++) {
          if (content[i + j] != form[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }

  /** Writes to two streams: the console as usual, and the buffer the test searches. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
