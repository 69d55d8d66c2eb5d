package io.glooupgrade.embedded.programs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * certgen's command line, parsed as cobra/pflag parse it: {@code --name=value} or
 * {@code --name value}, a boolean flag alone meaning true; namespaces default to the pod's
 * {@code POD_NAMESPACE}. The flags, defaults and help are the real program's.
 */
record CertgenOptions(String svcName, String svcNamespace, String secretName, String secretNamespace,
    String certKey, String keyKey, String caKey, String validatingWebhookConfigurationName,
    boolean forceRotation, String renewBefore, String rotationDuration, boolean help) {

  /** A command line cobra refuses, with its wording ("unknown flag: --x"). */
  static final class UsageError extends Exception {

    UsageError(String message) {
      super(message);
    }
  }

  private record Flag(String name, String type, String defaultValue, String help) {
  }

  private static List<Flag> flags(String podNamespace) {
    return List.of(
        new Flag("force-rotation", "bool", "false", "if set, will create new certs even if the old one are still valid"),
        new Flag("renew-before", "string", "2160h",
            "time duration string value which specifies how long before expiry a certificate should be renewed"),
        new Flag("rotation-duration", "string", "0s", "time duration string value indicating the "
            + "(environment-specific) expected time for all pods to pick up a secret update via SDS. if this duration "
            + "is too short, secret changes may not have time to propagate to all pods, and some requests may be "
            + "dropped during cert rotation. since we do 2 secret updates during a cert rotation, the certgen job is "
            + "expected to run for at least twice this amount of time. if activeDeadlineSeconds is set on the job, "
            + "make sure it is at least twice as long as the rotation duration, otherwise the certgen job might time out."),
        new Flag("secret-cert-name", "string", "tls.crt", "name of the server cert as it will be stored in the secret data"),
        new Flag("secret-name", "string", "", "name of the secret to create which holds the certs"),
        new Flag("secret-namespace", "string", podNamespace, "namespace of the secret to create which holds the certs"),
        new Flag("server-ca-name", "string", "ca.crt",
            "name of the server cert authority as it will be stored in the secret data"),
        new Flag("server-key-name", "string", "tls.key", "name of the server key as it will be stored in the secret data"),
        new Flag("svc-name", "string", "", "name of the service for which to generate the certs"),
        new Flag("svc-namespace", "string", podNamespace, "namespace of the service for which to generate the certs"),
        new Flag("validating-webhook-configuration-name", "string", "", "name of the ValidatingWebhookConfiguration to "
            + "patch with the generated CA bundle. leave empty to skip this step."));
  }

  static CertgenOptions parse(List<String> args, Map<String, String> env) throws UsageError {
    String podNamespace = env.getOrDefault("POD_NAMESPACE", "");
    Map<String, Flag> known = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (Flag f : flags(podNamespace)) {
      known.put(f.name(), f);
      values.put(f.name(), f.defaultValue());
    }
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        continue; // positional arguments: the root command accepts and ignores them
      }
      if (!arg.startsWith("--")) {
        throw new UsageError("unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg);
      }
      String body = arg.substring(2);
      int equals = body.indexOf('=');
      String name = equals < 0 ? body : body.substring(0, equals);
      Flag flag = known.get(name);
      if (flag == null) {
        throw new UsageError("unknown flag: --" + name);
      }
      String value;
      if (equals >= 0) {
        value = body.substring(equals + 1);
      } else if (flag.type().equals("bool")) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageError("flag needs an argument: --" + name);
      }
      if (flag.type().equals("bool")) {
        value = String.valueOf(parseBool(value, name));
      }
      values.put(name, value);
    }
    return new CertgenOptions(values.get("svc-name"), values.get("svc-namespace"), values.get("secret-name"),
        values.get("secret-namespace"), values.get("secret-cert-name"), values.get("server-key-name"),
        values.get("server-ca-name"), values.get("validating-webhook-configuration-name"),
        Boolean.parseBoolean(values.get("force-rotation")), values.get("renew-before"),
        values.get("rotation-duration"), help);
  }

  /** What cobra prints after an error, and for --help. */
  static String usage(Map<String, String> env) {
    StringBuilder text = new StringBuilder("Usage:\n  certgen [flags]\n\nFlags:\n");
    for (Flag f : flags(env.getOrDefault("POD_NAMESPACE", ""))) {
      String left = "      --" + f.name() + (f.type().equals("bool") ? "" : " " + f.type());
      String dflt = f.type().equals("bool") || f.defaultValue().isEmpty() ? "" : " (default \"" + f.defaultValue() + "\")";
      text.append(String.format(Locale.ROOT, "%-52s %s%s%n", left, f.help(), dflt));
    }
    text.append(String.format(Locale.ROOT, "%-52s %s%n", "  -h, --help", "help for certgen"));
    return text.toString();
  }

  // Go's strconv.ParseBool, with pflag's wording around its error.
  private static boolean parseBool(String value, String flag) throws UsageError {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new UsageError("invalid argument \"" + value + "\" for \"--" + flag
          + "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
    };
  }

  /** Go's Run: the required values, in its order and words; empty when all are there. */
  String missing() {
    if (svcNamespace.isEmpty()) {
      return "must provide svc-namespace";
    }
    if (svcName.isEmpty()) {
      return "must provide svc-name";
    }
    if (secretNamespace.isEmpty()) {
      return "must provide secret-namespace";
    }
    if (secretName.isEmpty()) {
      return "must provide secret-name";
    }
    if (certKey.isEmpty()) {
      return "must provide name for the server cert entry in the secret data";
    }
    if (caKey.isEmpty()) {
      return "must provide name for the cert authority entry in the secret data";
    }
    if (keyKey.isEmpty()) {
      return "must provide name for the server key entry in the secret data";
    }
    return "";
  }
}
