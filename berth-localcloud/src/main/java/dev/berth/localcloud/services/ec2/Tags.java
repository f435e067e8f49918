package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateTags, DeleteTags, and the {@code tagSet} every taggable resource renders. */
final class Tags {
  private static final int MAX_TAGS = 50;

  private Tags() {}

  static Response create(Ec2Call c) {
    List<Res> targets = targets(c);
    List<Map<String, String>> tags = Params.structs(c.req.form(), "Tag");
    for (Res r : targets) {
      for (Map<String, String> t : tags) {
        checkKey(t.get("Key"));
      }
      long added = tags.stream().filter(t -> !r.tags.containsKey(t.get("Key"))).count();
      checkCount(r.tags.size() + (int) added);
    }
    for (Res r : targets) {
      tags.forEach(t -> r.tags.put(t.get("Key"), t.getOrDefault("Value", "")));
    }
    return c.returnTrue();
  }

  /** Removes the named tags (only where the value matches, if one is given), or all of them. */
  static Response delete(Ec2Call c) {
    List<Map<String, String>> tags = Params.structs(c.req.form(), "Tag");
    for (Res r : targets(c)) {
      if (tags.isEmpty()) {
        r.tags.clear();
      }
      for (Map<String, String> t : tags) {
        String key = t.get("Key");
        String value = t.get("Value");
        if (value == null || value.equals(r.tags.get(key))) {
          r.tags.remove(key);
        }
      }
    }
    return c.returnTrue();
  }

  private static List<Res> targets(Ec2Call c) {
    List<String> ids = c.req.list("ResourceId");
    if (ids.isEmpty()) {
      throw AwsException.client(
          "MissingParameter", "The request must contain the parameter resourceIdSet");
    }
    List<Res> out = new ArrayList<>();
    for (String id : ids) {
      Kind k =
          Kind.ofId(id)
              .orElseThrow(
                  () -> AwsException.client("InvalidID", "The ID '" + id + "' is not valid"));
      out.add(c.get(k, id));
    }
    return out;
  }

  static String checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw AwsException.client("InvalidParameterValue", "Tag key must not be empty");
    }
    if (key.startsWith("aws:")) {
      throw AwsException.client(
          "InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
    }
    if (key.length() > 127) {
      throw AwsException.client(
          "InvalidParameterValue", "Tag key exceeds the maximum length of 127 characters");
    }
    return key;
  }

  static void checkCount(int count) {
    if (count > MAX_TAGS) {
      throw AwsException.client(
          "TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
    }
  }

  static Xml render(Xml x, Res r) {
    return x.tags("tagSet", "item", "key", "value", r.tags);
  }
}
