package dev.berth.cli.commands;

import dev.berth.cli.Advice;
import dev.berth.cli.CtrlC;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.core.engine.Cancellation;
import dev.berth.core.engine.DestroyResult;
import dev.berth.core.engine.Failure;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth destroy}: removes everything the stack owns. */
@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    description = {
      "Remove everything the stack owns, dependents first.",
      "Never touches what berth did not create (an existing VPC, adopted DNS records are the exception only when adopted, the ECS service-linked role)."
    })
public final class DestroyCommand extends StackCommand {
  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (required without a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    if (!yes && !environment.terminal()) {
      throw new BerthException(
          "destroy needs confirmation and there is no terminal to ask on",
          "pass --yes to destroy without asking",
          FailureKind.BAD_INPUT,
          null);
    }
    Cancellation cancel = new Cancellation();
    try (var s = open();
        var ctrlC = CtrlC.install(err, cancel)) {
      s.stack.cancellation(cancel);
      int count = s.stack.state().map(st -> st.resources().size()).orElse(0);
      if (count == 0) {
        if (global.json()) {
          json(Map.of("stack", s.spec.name(), "succeeded", true, "remaining", 0));
        } else {
          out.println("Nothing to destroy: no state records resources of " + s.spec.name() + ".");
        }
        return 0;
      }
      confirm(s.spec.name(), count);
      Instant start = s.clock.instant();
      DestroyResult r = s.stack.destroy();
      if (cancel.isCancelled()) {
        return interrupted(
            "Destroy",
            s.spec.name(),
            r.remaining(),
            r.failures(),
            Duration.between(start, s.clock.instant()));
      }
      if (global.json()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("stack", s.spec.name());
        j.put("succeeded", r.succeeded());
        j.put("remaining", r.remaining().resources().size());
        j.put("failures", Advice.forJson(r.failures()));
        j.put("stateError", r.stateError());
        j.put("unrecorded", Unsaved.json(r.unrecorded()));
        json(j);
      } else if (r.succeeded()) {
        out.println("Destroyed " + s.spec.name() + ": " + count + " resources removed.");
      } else {
        int left = r.remaining().resources().size();
        err.println(
            "Destroy of "
                + s.spec.name()
                + " removed "
                + (count - left)
                + " of "
                + count
                + " resources and left "
                + left
                + ":");
        for (Failure f : r.failures()) {
          err.println(
              "  " + f.id() + " (" + f.type() + "): " + Printable.block(f.message(), "    "));
          if (Advice.whatToDo(f) != null) {
            err.println("    what to do: " + Printable.block(Advice.whatToDo(f), "      "));
          }
        }
        if (r.stateError() != null) {
          List<String> notStarted =
              r.remaining().resources().keySet().stream()
                  .filter(id -> r.failures().stream().noneMatch(f -> f.id().equals(id)))
                  .sorted()
                  .toList();
          if (!notStarted.isEmpty()) {
            err.println(
                "  not deleted, since the state cannot record it: "
                    + String.join(", ", notStarted));
          }
        }
        Unsaved.print(err, r.stateError(), r.unrecorded(), s.store);
        if (r.stateError() != null || !r.unrecorded().isEmpty()) {
          err.println("What to do: " + Unsaved.fix(s.store, "destroy"));
        } else {
          err.println("They stay in the state; run berth destroy again to retry.");
        }
      }
      return r.succeeded() ? 0 : 1;
    }
  }

  private void confirm(String stack, int count) {
    if (yes) {
      return;
    }
    String answer =
        ask(
            "destroy",
            "pass --yes to destroy " + stack + " without asking",
            "Destroy stack %s and its %d resources? Type the stack name to confirm: ",
            stack,
            count);
    if (!answer.equals(stack)) {
      throw new BerthException("destroy cancelled", null, FailureKind.BAD_INPUT, null);
    }
  }
}
