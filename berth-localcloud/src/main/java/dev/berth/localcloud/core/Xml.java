package dev.berth.localcloud.core;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A tiny XML writer for responses: {@code new Xml().open("CreateVpcResponse", NS).leaf("requestId",
 * id).close()}. Null leaves are skipped.
 */
public final class Xml {
  private final StringBuilder sb =
      new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  private final java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();

  public Xml open(String name) {
    sb.append('<').append(name).append('>');
    stack.push(name);
    return this;
  }

  public Xml open(String name, String xmlns) {
    sb.append('<').append(name).append(" xmlns=\"").append(xmlns).append("\">");
    stack.push(name);
    return this;
  }

  public Xml close() {
    sb.append("</").append(stack.pop()).append('>');
    return this;
  }

  public Xml leaf(String name, Object value) {
    if (value != null) {
      sb.append('<')
          .append(name)
          .append('>')
          .append(escape(String.valueOf(value)))
          .append("</")
          .append(name)
          .append('>');
    }
    return this;
  }

  /** {@code <name><item>...</item>...</name>}, with {@code each} writing one item's content. */
  public <T> Xml list(String name, String itemName, Collection<T> items, BiConsumer<Xml, T> each) {
    open(name);
    for (T item : items) {
      open(itemName);
      each.accept(this, item);
      close();
    }
    return close();
  }

  /** A tag set: {@code <name><item|member><Key/><Value/></...></name>}. */
  public Xml tags(
      String name, String itemName, String keyTag, String valueTag, Map<String, String> tags) {
    return list(
        name,
        itemName,
        tags.entrySet(),
        (x, e) -> x.leaf(keyTag, e.getKey()).leaf(valueTag, e.getValue()));
  }

  public String build() {
    while (!stack.isEmpty()) {
      close();
    }
    return sb.toString();
  }

  public Response response() {
    return Response.xml(200, build());
  }

  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
