package dev.berth.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.sweep.Owner;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading berth's Cloudflare comments in the forms old and new berth versions write. */
class CloudflareMarkerTest {
  private static final String LINEAGE = "3f2a9c1e-7b4d-4e0a-9f1c-2d5e8a7b6c4d";

  @Test
  void cloudflareComment_inTheOldAndTheNewForm_namesStackIdAndShortLineage() {
    assertEquals(
        Optional.of(new Owner("hello", "dns-record")),
        CloudflareDiscovery.owner("managed by berth stack=hello id=dns-record"));
    assertEquals(
        Optional.of(new Owner("hello", "dns-record", "3f2a9c1e", null)),
        CloudflareDiscovery.owner("managed by berth stack=hello id=dns-record lineage=3f2a9c1e"));
    assertEquals(Optional.empty(), CloudflareDiscovery.owner("my record"));
    assertEquals(Optional.empty(), CloudflareDiscovery.owner(null));
  }
}
