package dev.berth.core.spec;

import java.util.List;

/** An existing VPC and its public subnets to deploy into, instead of a VPC made by berth. */
public record NetworkSpec(String vpc, List<String> subnets) {
  public NetworkSpec {
    subnets = subnets == null ? List.of() : List.copyOf(subnets);
  }
}
