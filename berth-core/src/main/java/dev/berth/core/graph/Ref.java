package dev.berth.core.graph;

/**
 * A property value that is another resource's output, known only once that resource exists. A
 * resource that holds a Ref depends on the referenced resource.
 */
public record Ref(String resource, String output) {
  public static Ref to(String resource, String output) {
    return new Ref(resource, output);
  }

  /** The output {@code output} of the resource {@code resource}. */
  public static Ref to(String resource, OutputKey output) {
    return new Ref(resource, output.name());
  }

  @Override
  public String toString() {
    return "${" + resource + "." + output + "}";
  }
}
