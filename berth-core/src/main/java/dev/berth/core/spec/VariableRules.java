package dev.berth.core.spec;

import java.util.Map;
import java.util.regex.Pattern;

/** Rules for the container's environment: plain variables and variables read from secrets. */
final class VariableRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SECRETS_MANAGER_ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[!-~]+");
  private static final Pattern SSM_PARAMETER_ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/[!-~]+");
  private static final String NAME_FIX =
      "use letters, digits and underscores, not starting with a digit, e.g. LOG_LEVEL";

  private VariableRules() {}

  static void check(Map<String, String> env, Map<String, String> secrets, Problems problems) {
    env.forEach(
        (name, value) -> {
          checkName("env", name, problems);
          ControlCharacters.check("env." + name, value, true, problems);
        });
    secrets.forEach(
        (name, arn) -> {
          checkName("secrets", name, problems);
          if (env.containsKey(name)) {
            problems.add(
                "secrets." + name,
                name + " is set in both env and secrets; the container would get only one",
                "remove it from env or from secrets");
          }
          if (!SECRETS_MANAGER_ARN.matcher(arn).matches()
              && !SSM_PARAMETER_ARN.matcher(arn).matches()) {
            problems.add(
                "secrets." + name,
                "the value must be the ARN of a Secrets Manager secret or an SSM parameter",
                "use arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME or"
                    + " arn:aws:ssm:REGION:ACCOUNT:parameter/NAME");
          }
        });
  }

  private static void checkName(String section, String name, Problems problems) {
    if (!NAME.matcher(name).matches()) {
      problems.add(
          section + "." + name,
          "\"" + name + "\" is not a valid environment variable name",
          NAME_FIX);
    }
  }
}
