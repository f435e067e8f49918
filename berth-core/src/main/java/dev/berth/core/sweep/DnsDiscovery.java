package dev.berth.core.sweep;

/**
 * Finds DNS records berth created, by the ownership marker its DNS handlers write (DNS records
 * carry no tags): for Route 53 the TXT record {@code _berth.<name>} = {@code "berth stack=<stack>
 * id=<id> lineage=<uuid>"} (berth-aws's Route53Discovery); for Cloudflare the comment {@code
 * managed by berth stack=<stack> id=<id> lineage=<8 characters>}; neither has the lineage in older
 * stacks (Route 53's in berth-aws, Cloudflare's in berth-cloudflare). Each found record's physical
 * id follows its handler's convention, so the handler's {@code delete}, given a context with the
 * record's stack and logical id, removes exactly what berth made.
 */
public interface DnsDiscovery extends Discovery {

  /** Whether a record is a certificate's validation record ({@code _<token>.<name>}). */
  static boolean isValidationRecord(String name) {
    return name.startsWith("_");
  }
}
