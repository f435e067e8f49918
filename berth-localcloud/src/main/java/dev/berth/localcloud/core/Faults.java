package dev.berth.localcloud.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Injected failures: exact rules by action, and random throttling. */
public final class Faults {

  /**
   * Fails {@code count} calls of {@code action} (any service unless {@code service} is set) after
   * letting {@code after} of them through. {@code count} ≤ 0 means every call from then on.
   */
  public static final class Rule {
    public String action;
    public String service;
    public String error = "InternalFailure";
    public int status = 500;
    public int count = 1;
    public int after = 0;
    public String message;

    /**
     * The {@code Retry-After} header (seconds) of the answer, or null: Cloudflare's rate limits
     * (429) answer with one unless a rule says otherwise.
     */
    public String retryAfter;

    int seen;
    int fired;

    boolean exhausted() {
      return count > 0 && fired >= count;
    }
  }

  private static final Map<String, String[]> THROTTLE =
      Map.of(
          "ec2", new String[] {"503", "RequestLimitExceeded"},
          "s3", new String[] {"503", "SlowDown"},
          "iam", new String[] {"400", "Throttling"},
          "sts", new String[] {"400", "Throttling"},
          "elasticloadbalancing", new String[] {"400", "Throttling"},
          "route53", new String[] {"400", "Throttling"},
          "cloudflare", new String[] {"429", "971"});

  /**
   * The {@code Retry-After} of an injected Cloudflare rate limit: Cloudflare answers 429 with one
   * (seconds); one second keeps fault runs short.
   */
  static final String CLOUDFLARE_RETRY_AFTER = "1";

  private final List<Rule> rules = new ArrayList<>();
  private double throttleProbability;
  private Random random = new Random(7);

  public synchronized void add(Rule r) {
    rules.add(r);
  }

  public synchronized void clear() {
    rules.clear();
    throttleProbability = 0;
  }

  public synchronized void throttle(double probability, Long seed) {
    this.throttleProbability = probability;
    if (seed != null) {
      random = new Random(seed);
    }
  }

  /** The error to answer instead of handling this call, if any. */
  public synchronized Optional<AwsException> match(String service, String action) {
    for (Rule r : rules) {
      if (r.exhausted() || action == null || !action.equals(r.action)) {
        continue;
      }
      if (r.service != null && !r.service.equals(service)) {
        continue;
      }
      r.seen++;
      if (r.seen > r.after) {
        r.fired++;
        String retryAfter =
            r.retryAfter != null || r.status != 429 || !"cloudflare".equals(service)
                ? r.retryAfter
                : CLOUDFLARE_RETRY_AFTER;
        return Optional.of(
            new AwsException(
                r.status,
                r.error,
                r.message != null ? r.message : "Injected fault for " + action,
                retryAfter));
      }
    }
    if (throttleProbability > 0 && random.nextDouble() < throttleProbability) {
      String[] t = THROTTLE.getOrDefault(service, new String[] {"400", "ThrottlingException"});
      String msg = "cloudflare".equals(service) ? "Rate limited" : "Rate exceeded";
      int status = Integer.parseInt(t[0]);
      String retryAfter =
          status == 429 && "cloudflare".equals(service) ? CLOUDFLARE_RETRY_AFTER : null;
      return Optional.of(new AwsException(status, t[1], msg, retryAfter));
    }
    return Optional.empty();
  }
}
