package io.glooupgrade.evidence;

import io.cucumber.core.resource.ClasspathScanner;
import io.cucumber.cucumberexpressions.Expression;
import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterType;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The step definitions of the glue package, with their expressions compiled as Cucumber compiles
 * them (Cucumber Expressions or regular expressions, the glue's own parameter types included): which
 * method a Gherkin step's text runs, and what that method declares it encodes ({@link Encodes}).
 */
public final class StepDefinitions {

  public static final String GLUE = "io.glooupgrade.steps";

  /** One step definition: its expression, its method, and its declaration (empty if it has none). */
  public record Definition(String expression, Method method, Optional<Encodes> encodes) {

    /** e.g. "UpgradeSteps.theHelmReleaseIsUpgraded". */
    public String name() {
      return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
  }

  private record Compiled(Expression expression, Definition definition) {
  }

  private final List<Compiled> compiled;

  private StepDefinitions(List<Compiled> compiled) {
    this.compiled = compiled;
  }

  /** The glue package's step definitions. */
  public static StepDefinitions ofGlue() {
    List<Class<?>> classes = new ClasspathScanner(StepDefinitions.class::getClassLoader)
        .scanForClassesInPackage(GLUE);
    ParameterTypeRegistry registry = new ParameterTypeRegistry(Locale.ENGLISH);
    for (Class<?> glue : classes) {
      for (Method m : glue.getDeclaredMethods()) {
        io.cucumber.java.ParameterType type = m.getAnnotation(io.cucumber.java.ParameterType.class);
        if (type != null) {
          String name = type.name().isEmpty() ? m.getName() : type.name();
          registry.defineParameterType(new ParameterType<>(name, type.value(), String.class,
              (String s) -> s));
        }
      }
    }
    ExpressionFactory expressions = new ExpressionFactory(registry);
    List<Compiled> compiled = new ArrayList<>();
    for (Class<?> glue : classes) {
      for (Method m : glue.getDeclaredMethods()) {
        expressionOf(m).ifPresent(e -> compiled.add(new Compiled(expressions.createExpression(e),
            new Definition(e, m, Optional.ofNullable(m.getAnnotation(Encodes.class))))));
      }
    }
    return new StepDefinitions(List.copyOf(compiled));
  }

  public List<Definition> all() {
    return compiled.stream().map(Compiled::definition).toList();
  }

  /** The definition a Gherkin step's text (without its keyword) runs; a step no definition matches fails. */
  public Definition bind(String stepText) {
    List<Definition> matching = compiled.stream().filter(c -> c.expression().match(stepText) != null)
        .map(Compiled::definition).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException((matching.isEmpty() ? "no step definition matches" : "ambiguous step: "
          + matching.stream().map(Definition::name).toList() + " match") + " \"" + stepText + "\"");
    }
    return matching.get(0);
  }

  private static Optional<String> expressionOf(Method m) {
    return List.<Function<Method, String>>of(
            x -> x.isAnnotationPresent(Given.class) ? x.getAnnotation(Given.class).value() : null,
            x -> x.isAnnotationPresent(When.class) ? x.getAnnotation(When.class).value() : null,
            x -> x.isAnnotationPresent(Then.class) ? x.getAnnotation(Then.class).value() : null)
        .stream().map(f -> f.apply(m)).filter(java.util.Objects::nonNull).findFirst();
  }
}
