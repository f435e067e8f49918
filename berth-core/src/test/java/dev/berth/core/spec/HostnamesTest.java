package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostnamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"app.example.com", "a.b", "x-1.example.co.uk", "1password.com"})
  void problem_whenHostnameIsValid_isEmpty(String hostname) {
    assertEquals(Optional.empty(), Hostnames.problem(hostname));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "foo..com",
        ".example.com",
        "example",
        "-app.example.com",
        "app-.example.com",
        "app_1.example.com",
        "*.example.com",
        "10.0.0.1",
        "app.example.com."
      })
  void problem_whenHostnameIsInvalid_explains(String hostname) {
    assertTrue(Hostnames.problem(hostname).isPresent(), hostname);
  }

  @Test
  void problem_whenLongerThan253_explains() {
    String name = ("a".repeat(63) + ".").repeat(4) + "com";
    assertTrue(Hostnames.problem(name).orElseThrow().contains("253"));
  }

  @Test
  void domainSpec_normalisesCaseAndTrailingDot() {
    DomainSpec d = new DomainSpec("App.Example.COM.", DnsProvider.ROUTE53, "Example.com.");
    assertEquals("app.example.com", d.hostname());
    assertEquals("example.com", d.zone());
  }

  @Test
  void asciiForm_whenNameIsInternationalised_givesPunycode() {
    assertEquals(
        Optional.of("xn--bcher-kva.example.com"), Hostnames.asciiForm("bücher.example.com"));
  }

  @Test
  void asciiForm_whenNameIsDecomposed_givesTheSamePunycode() {
    assertEquals(
        Optional.of("xn--bcher-kva.example.com"), Hostnames.asciiForm("bu\u0308cher.example.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"app.example.com", "straße.de", "bü..example.com", "bücher"})
  void asciiForm_whenNameIsAsciiOrHasNoFaithfulAsciiHostname_isEmpty(String name) {
    assertEquals(Optional.empty(), Hostnames.asciiForm(name));
  }
}
