package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferencesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "nginx",
        "nginx:1.27",
        "library/nginx:latest",
        "public.ecr.aws/nginx/nginx:1.27",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1.2.3_rc-1",
        "localhost:5000/app",
        "ghcr.io/acme/my__app/sub-part:TAG",
        "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void problem_whenReferenceIsValid_isEmpty(String reference) {
    assertEquals(java.util.Optional.empty(), ImageReferences.problem(reference));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Nginx:1.27 | lower case",
        "acme/App | lower case",
        "nginx:1.27! | tag",
        "nginx:.hidden | tag",
        "nginx@sha256:abc | digest",
        "nginx@md5:0123456789abcdef0123456789abcdef | digest",
        "acme//app | empty part",
        "acme/app-/x | repository part",
        "my_registry.io:port/app | registry",
        "' ' | empty",
        "'nginx :1' | whitespace"
      })
  void problem_whenReferenceIsInvalid_saysWhy(String reference, String why) {
    String problem = ImageReferences.problem(reference).orElseThrow();
    assertTrue(problem.contains(why), problem);
  }
}
