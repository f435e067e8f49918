package dev.berth.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.Ref;
import dev.berth.core.graph.SecretRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateJsonTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static State sample() {
    ResourceState secret =
        new ResourceState(
            "secret",
            "aws.secretsmanager.secret",
            ResourceState.Status.CREATED,
            "arn:secret",
            Map.of(
                "name",
                "hello-registry",
                "password",
                new SecretRef("registry.password", "fp-123"),
                "nested",
                Map.of("z", 1, "a", List.of(true, 2.5, "x"))),
            Map.of("arn", "arn:secret"),
            Set.of("role", "key"),
            T0,
            null);
    ResourceState creating =
        new ResourceState(
            "lb~old",
            "aws.elbv2.load-balancer",
            ResourceState.Status.DELETE_FAILED,
            "arn:lb",
            Map.of("name", "hello"),
            Map.of(),
            Set.of(),
            T0,
            "ELBv2 ResourceInUse: in use");
    return new State(
        "hello", 7, "lineage-1", T0, Map.of("secret", secret, "lb~old", creating), "s");
  }

  @Test
  void writeThenRead_roundTrips() {
    State s = sample();
    assertEquals(s, StateJson.read(StateJson.write(s)));
  }

  @Test
  void write_storesSecretsAsKeyAndFingerprintOnly_withStableSortedKeys() {
    String json = StateJson.write(sample());

    assertTrue(
        json.contains(
            "\"password\": {\n"
                + "          \"$secret\": \"registry.password\",\n"
                + "          \"fingerprint\": \"fp-123\"\n"
                + "        }"),
        json);
    assertTrue(json.startsWith("{\n  \"version\": 1,\n  \"stack\": \"hello\",\n"), json);
    assertTrue(json.indexOf("\"lb~old\"") < json.indexOf("\"secret\": {"), "resources sorted");
    assertTrue(json.indexOf("\"a\": [") < json.indexOf("\"z\": 1"), "property keys sorted");
    assertTrue(
        json.contains("\"dependsOn\": [\n        \"key\",\n        \"role\"\n      ]"), json);
    assertEquals(json, StateJson.write(StateJson.read(json)));
  }

  @Test
  void resourceState_whenPropertiesHoldARef_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ResourceState(
                    "lb",
                    "t",
                    ResourceState.Status.CREATING,
                    null,
                    Map.of("subnets", List.of(Ref.to("subnet", "subnetId"))),
                    Map.of(),
                    Set.of(),
                    T0,
                    null));
    assertTrue(e.getMessage().contains("unresolved reference"), e.getMessage());
  }

  @Test
  void read_whenVersionUnknown_refuses() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StateJson.read("{\"version\": 99, \"stack\":\"x\"}"));
    assertTrue(e.getMessage().contains("unsupported state version 99"), e.getMessage());
  }

  @Test
  void write_omitsErrorWhenNone() {
    State s = sample().without("lb~old");
    assertFalse(StateJson.write(s).contains("\"error\""));
  }

  @Test
  void fingerprints_dependOnSaltAndValue_andRevealNeither() {
    String a = Fingerprints.of("salt-1", "hunter2");
    assertEquals(a, Fingerprints.of("salt-1", "hunter2"));
    assertEquals(22, a.length());
    assertFalse(a.equals(Fingerprints.of("salt-2", "hunter2")));
    assertFalse(a.equals(Fingerprints.of("salt-1", "hunter3")));
    assertTrue(a.matches("[A-Za-z0-9_-]+"));
    assertFalse(Fingerprints.newSalt().equals(Fingerprints.newSalt()));
  }

  @Test
  void inMemoryStore_comparesAndSwapsAndLocks() {
    InMemoryStateStore store = new InMemoryStateStore("hello");
    State s0 = State.initial("hello", T0);
    State s1 = s0.successor(T0);
    store.save(s0, s1);
    assertThrows(StateConflictException.class, () -> store.save(s0, s1));
    assertThrows(IllegalArgumentException.class, () -> store.save(s1, s1));
    assertEquals(List.of(s1), store.history());

    StateStore.Lock lock = store.lock("berth deploy");
    StateLockedException e = assertThrows(StateLockedException.class, () -> store.lock("other"));
    assertEquals("berth deploy", e.holder().command());
    lock.close();
    store.lock("other").close();
  }
}
