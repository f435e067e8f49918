package dev.berth.core.sweep;

import java.util.List;
import java.util.Optional;

/**
 * Lists the resources of one service family that carry berth's ownership marks, whether or not a
 * state knows them. One implementation per family (berth-aws has one per AWS service,
 * berth-cloudflare one for its records): the Resource Groups Tagging API would find most of them in
 * one call, but it misses IAM and is not on every AWS-compatible endpoint, so each service is asked
 * directly, with the SDK's paginators.
 */
@FunctionalInterface
public interface Discovery {

  /**
   * Every marked resource of this family in the clients' account and region.
   *
   * @param stack only this stack's resources, or every stack's when empty
   */
  List<TaggedResource> discover(Optional<String> stack) throws Exception;
}
