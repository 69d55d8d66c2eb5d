package io.glooupgrade.selftest.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The harness keeps no state in static fields (issue 17): what lives as long as a run belongs to
 * the run object, so that two runs (a self-test's nested run, later two scenarios side by side)
 * never share leftovers. Every class under io.glooupgrade on the test classpath, selftest/ aside,
 * is read: a static field fails the rule when it is not final, or when it is final and holds
 * something mutable. The value is judged at run time: immutable are null, strings, primitive
 * wrappers, enums, Pattern, Duration, loggers, paths and a few other value types of the JDK, the JDK's
 * unmodifiable collections of immutables, and records or other objects whose fields are all final
 * and immutable (a lambda's captured values included); mutable are maps, collections, atomics,
 * latches, arrays and anything else. The compiler's synthetic fields ($VALUES, $assertionsDisabled)
 * are not the harness's.
 */
class NoStaticStateTest {

  /**
   * The one field allowed: Cucumber has no run-scoped injection (static BeforeAll/AfterAll hooks,
   * plugins and JUnit listeners made by the frameworks from a class name), so the current run is
   * reached through one static anchor.
   */
  private static final String ANCHOR = "io.glooupgrade.lifecycle.HarnessRun.OPEN";

  private static final String ROOT = "io.glooupgrade";
  private static final String EXCLUDED = "io.glooupgrade.selftest.";

  /** Value types of the JDK, immutable by their contract. */
  private static final List<Class<?>> IMMUTABLE_TYPES = List.of(String.class, Boolean.class, Character.class,
      Number.class, Enum.class, Class.class, java.util.regex.Pattern.class, java.time.Duration.class,
      java.time.Instant.class, java.time.format.DateTimeFormatter.class, java.util.Locale.class, java.net.URI.class,
      java.nio.charset.Charset.class, java.nio.file.Path.class, java.awt.Color.class, org.slf4j.Logger.class,
      java.util.logging.Logger.class,
      System.Logger.class);

  /**
   * Library objects that are thread-safe and configured once where they are made, holding no
   * run's data: a shared Jackson mapper or node factory, the loopback HTTP client, fabric8's
   * resource descriptions (no setters), REST Assured's configuration (every change returns a copy).
   * Listed by name so that any other library object is judged mutable.
   */
  private static final List<String> SHARED_SERVICES = List.of("com.fasterxml.jackson.databind.ObjectMapper",
      "com.fasterxml.jackson.databind.node.JsonNodeFactory", "java.net.http.HttpClient",
      "io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext", "io.restassured.config.RestAssuredConfig");

  @Test
  void noClassOfTheHarnessKeepsStateInAStaticField() throws Exception {
    List<String> classes = harnessClasses();
    assertThat(classes).as("the harness's classes on the test classpath").hasSizeGreaterThan(100);
    List<String> violations = new ArrayList<>();
    boolean anchorSeen = false;
    for (String name : classes) {
      Class<?> type = Class.forName(name, false, getClass().getClassLoader());
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
          continue;
        }
        String id = name + "." + field.getName();
        if (id.equals(ANCHOR)) {
          anchorSeen = true;
          continue;
        }
        if (!Modifier.isFinal(field.getModifiers())) {
          violations.add(id + ": not final");
        } else if (!field.getType().isPrimitive() && !field.isEnumConstant()) {
          field.setAccessible(true);
          Object value = field.get(null);
          if (!immutable(value, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            violations.add(id + ": holds a mutable " + value.getClass().getName());
          }
        }
      }
    }
    assertThat(anchorSeen).as("the anchor %s exists", ANCHOR).isTrue();
    assertThat(violations).as("static state outside the run object (move it into HarnessRun, or make it "
        + "immutable)").isEmpty();
  }

  @Test
  void theRuleTellsStateFromConstants() {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    assertThat(immutable(List.of("a", 1, java.time.Duration.ZERO), seen)).isTrue();
    assertThat(immutable(Map.of("a", List.of()), seen)).isTrue();
    assertThat(immutable(Collections.unmodifiableList(new ArrayList<>(List.of("a"))), seen)).isTrue();
    assertThat(immutable(Optional.of("a"), seen)).isTrue();
    assertThat(immutable(new Point(1, "b"), seen)).isTrue();
    String captured = "x";
    Runnable capturing = () -> captured.length();
    assertThat(immutable(capturing, seen)).isTrue();
    assertThat(immutable(List.of(new ArrayList<>()), seen)).isFalse();
    assertThat(immutable(new ArrayList<>(), seen)).isFalse();
    assertThat(immutable(new java.util.concurrent.ConcurrentHashMap<>(), seen)).isFalse();
    assertThat(immutable(new java.util.concurrent.atomic.AtomicBoolean(), seen)).isFalse();
    assertThat(immutable(new java.util.concurrent.CountDownLatch(1), seen)).isFalse();
    assertThat(immutable(new byte[1], seen)).isFalse();
    assertThat(immutable(new Point(1, new StringBuilder()), seen)).isFalse();
    assertThat(immutable(new Counter(), seen)).isFalse();
  }

  private record Point(int x, Object label) {
  }

  private static final class Counter {
    int count;
  }

  private static boolean immutable(Object value, Set<Object> seen) {
    if (value == null || !seen.add(value)) {
      return true; // nothing, or judged already (a cycle)
    }
    Class<?> type = value.getClass();
    if (IMMUTABLE_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type))) {
      return true;
    }
    if (unmodifiable(type)) {
      if (value instanceof Map<?, ?> map) {
        return map.entrySet().stream().allMatch(e -> immutable(e.getKey(), seen) && immutable(e.getValue(), seen));
      }
      return ((Collection<?>) value).stream().allMatch(element -> immutable(element, seen));
    }
    if (value instanceof Optional<?> optional) {
      return optional.map(content -> immutable(content, seen)).orElse(true);
    }
    if (type.isArray() || value instanceof Map || value instanceof Collection || type.getName().startsWith("java.")
        || type.getName().startsWith("javax.") || type.getName().startsWith("sun.")) {
      return false; // arrays, mutable collections, atomics, latches and every other JDK object
    }
    if (sharedService(type)) {
      return true;
    }
    return allFieldsFinalAndImmutable(value, seen);
  }

  private static boolean unmodifiable(Class<?> type) {
    String name = type.getName();
    return (value(type) && (name.startsWith("java.util.ImmutableCollections$")
        || name.startsWith("java.util.Collections$Unmodifiable") || name.startsWith("java.util.Collections$Empty")
        || name.startsWith("java.util.Collections$Singleton")));
  }

  private static boolean value(Class<?> type) {
    return Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type);
  }

  private static boolean sharedService(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getSuperclass()) {
      if (SHARED_SERVICES.contains(t.getName())) {
        return true;
      }
    }
    return false;
  }

  // A record, a lambda (its captured values) or any object: every field final and immutable.
  private static boolean allFieldsFinalAndImmutable(Object value, Set<Object> seen) {
    for (Class<?> t = value.getClass(); t != null && t != Object.class; t = t.getSuperclass()) {
      for (Field field : t.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        if (!Modifier.isFinal(field.getModifiers()) || !field.trySetAccessible()) {
          return false;
        }
        try {
          if (!field.getType().isPrimitive() && !immutable(field.get(value), seen)) {
            return false;
          }
        } catch (IllegalAccessException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> harnessClasses() throws IOException, URISyntaxException {
    List<String> names = new ArrayList<>();
    for (URL root : Collections.list(NoStaticStateTest.class.getClassLoader()
        .getResources(ROOT.replace('.', '/')))) {
      if (!root.getProtocol().equals("file")) {
        continue;
      }
      Path dir = Path.of(root.toURI());
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
          String relative = dir.relativize(f).toString().replace(java.io.File.separatorChar, '.');
          String name = ROOT + "." + relative.substring(0, relative.length() - ".class".length());
          if (!name.startsWith(EXCLUDED)) {
            names.add(name);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return names;
  }
}
