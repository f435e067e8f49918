package dev.berth.aws.sweep;

/**
 * Finds DNS records berth created, by the ownership marker its DNS handlers write (DNS records
 * carry no tags): for Route 53 the TXT record {@code _berth.<name>} = {@code "berth stack=<stack>
 * id=<id> lineage=<uuid>"} ({@link Route53Discovery}); for Cloudflare the comment {@code managed by
 * berth stack=<stack> id=<id> lineage=<8 characters>}; neither has the lineage in older stacks (a
 * {@code CloudflareDiscovery} belongs where both berth-cloudflare and berth-aws are visible, the
 * CLI). Each found record's physical id follows its handler's convention, so the handler's {@code
 * delete}, given a context with the record's stack and logical id, removes exactly what berth made.
 */
public interface DnsDiscovery extends Discovery {}
