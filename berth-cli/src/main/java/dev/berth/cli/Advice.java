package dev.berth.cli;

import dev.berth.app.StateLocationUnsupportedException;
import dev.berth.aws.failure.CredentialsMissingException;
import dev.berth.aws.failure.CredentialsRefusedException;
import dev.berth.aws.failure.RegionInvalidException;
import dev.berth.aws.failure.RegionMissingException;
import dev.berth.aws.failure.RolloutFailedException;
import dev.berth.aws.failure.StackElsewhereException;
import dev.berth.aws.failure.ZonesUnavailableException;
import dev.berth.core.engine.Failure;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.EndpointUnreachableException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignClaimException;
import dev.berth.core.failure.ForeignRecordException;
import dev.berth.core.failure.NameTakenException;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.SpecProblem;
import dev.berth.core.state.StateFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place a library failure becomes the CLI's answer: its exit code, its message where the
 * CLI names the input differently, and its "What to do" text, in terms of this command line's flags
 * and commands. The library raises failures carrying facts and flag-free advice; only here are they
 * worded with {@code --adopt-dns}, {@code --profile}, {@code berth logs}.
 */
public final class Advice {
  private Advice() {}

  /** 1 the cloud refused or failed, 2 bad input or usage, 3 state locked by another run. */
  public static int exitCode(BerthException e) {
    return exitCode(e.kind());
  }

  static int exitCode(FailureKind kind) {
    return switch (kind) {
      case CLOUD -> 1;
      case BAD_INPUT -> 2;
      case LOCKED -> 3;
    };
  }

  /** The failure's message, where the CLI names its input itself; otherwise the library's. */
  public static String message(BerthException e) {
    if (e instanceof RegionMissingException) {
      return "no AWS region: none in berth.yaml, none given with --region, and none configured";
    }
    if (e instanceof StateLocationUnsupportedException s) {
      return "--state " + s.location() + ": the S3 state store is not available in this version";
    }
    return e.getMessage();
  }

  /** A spec problem's fix in this CLI's terms. */
  public static String fix(SpecProblem p) {
    return switch (p.fix()) {
      case SpecProblem.START_MISSING ->
          "run `berth init` to write one, or point -f at your berth.yaml";
      case SpecProblem.START_EMPTY -> "run `berth init` to write a commented example";
      case SpecProblem.START_OVER -> "start from the example that `berth init` writes";
      default -> p.fix();
    };
  }

  /** What the user should do, in this CLI's terms, or null. */
  public static String whatToDo(BerthException e) {
    if (e instanceof ForeignRecordException f) {
      return foreignRecord(f);
    }
    if (e instanceof ForeignClaimException) {
      return "deploy from the state that owns them (run berth in its folder, or point --state at"
          + " its state file), or give this stack another name; berth never takes over, changes"
          + " or deletes what another state owns";
    }
    if (e instanceof NameTakenException n) {
      return n.berths()
          ? "Deploy from the state that owns it (its folder, or --state FILE), or deploy this"
              + " stack under another name."
          : e.hint();
    }
    if (e instanceof StackElsewhereException s) {
      return stackElsewhere(s);
    }
    if (e instanceof CredentialsRefusedException) {
      return "refresh them (aws sso login, or new access keys) or choose another --profile";
    }
    if (e instanceof CredentialsMissingException) {
      return "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, run aws configure or aws sso login, or"
          + " pass --profile; for a try-out without AWS use --local";
    }
    if (e instanceof RegionInvalidException) {
      return "set region in berth.yaml or --region to one such as us-east-1 or eu-west-1";
    }
    if (e instanceof RegionMissingException) {
      return "add region: us-east-1 (or yours) to berth.yaml, pass --region, or set AWS_REGION";
    }
    if (e instanceof ZonesUnavailableException) {
      return "Deploy to another region (--region), or try again when the region's zones are"
          + " available.";
    }
    if (e instanceof RolloutFailedException r) {
      return rollout(r);
    }
    if (e instanceof EndpointUnreachableException) {
      return "check the endpoint URL (--endpoint-url, AWS_ENDPOINT_URL, CLOUDFLARE_API_BASE_URL),"
          + " the network and any proxy (HTTPS_PROXY); nothing was changed";
    }
    if (e instanceof WaitTimeoutException w && w.what() != null) {
      return e.hint()
          + " If it keeps timing out, look at the resource with the provider's console or CLI"
          + " (or berth status) for the cause.";
    }
    if (e instanceof StateFileException) {
      return e.hint() + " (--state DIR sets the state folder)";
    }
    if (e instanceof StateLocationUnsupportedException) {
      return "omit --state to keep state in .berth/ beside the spec, or give a folder";
    }
    if (e instanceof SpecException) {
      return "fix the problems listed above; `berth init` writes a commented example";
    }
    return e.hint();
  }

  /** As {@link #whatToDo(BerthException)} for a failed step of a run. */
  public static String whatToDo(Failure f) {
    return f.cause() != null ? whatToDo(f.cause()) : f.hint();
  }

  /**
   * Failed steps as {@code -o json} prints them: id, type, action, message, and the advice as
   * {@code hint}. The typed failure behind each stays out: it is for wording advice, not output.
   */
  public static List<Map<String, Object>> forJson(List<Failure> failures) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Failure f : failures) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", f.id());
      m.put("type", f.type());
      m.put("action", f.action());
      m.put("message", f.message());
      m.put("hint", whatToDo(f));
      out.add(m);
    }
    return out;
  }

  private static String foreignRecord(ForeignRecordException f) {
    return switch (f.situation()) {
      case NOT_MADE_BY_BERTH ->
          "delete it, choose another hostname, or run with --adopt-dns to let berth take it over"
              + " (it is then the stack's, and destroy removes it)";
      case OTHER_STATE ->
          "destroy that stack, or deploy from its state (its folder, or --state FILE), or choose"
              + " another hostname; --adopt-dns takes over only records berth did not make, since"
              + " the other stack's destroy would delete this one";
      case REMARKED_BY_OTHER_STATE ->
          "deploy from the state that owns it (its folder, or --state FILE), or choose another"
              + " hostname";
      case MARKER_LOST ->
          "someone changed its marker ("
              + (f.provider().equals("Route 53") ? "the TXT record beside it" : "its comment")
              + "); delete it, choose another hostname, or run with --adopt-dns to take the"
              + " record back";
    };
  }

  private static String stackElsewhere(StackElsewhereException s) {
    return s.where() == StackElsewhereException.Where.REGION
        ? "to move it, remove it first (berth destroy --region "
            + s.recorded()
            + "), then deploy in "
            + s.requested()
            + "; to keep both, deploy "
            + s.requested()
            + " under another name (name: in the spec) or with another state (--state)"
        : "use credentials (or --profile) for account "
            + s.recorded()
            + ", or deploy to "
            + s.requested()
            + " with another state (--state)";
  }

  private static String rollout(RolloutFailedException r) {
    return switch (r.outcome()) {
      case FAILING ->
          "Check the container's logs with `berth logs`, fix the image or its settings and deploy"
              + " again.";
      case ROLLED_BACK_BY_ECS -> r.hint();
      case RETURNED_TO_PREVIOUS ->
          "Check the container's logs with `berth logs`, fix the image or its settings and deploy"
              + " again; the previous version keeps serving meanwhile.";
      case RETURN_FAILED ->
          "Check the service with berth status; deploy a working image to recover.";
    };
  }
}
