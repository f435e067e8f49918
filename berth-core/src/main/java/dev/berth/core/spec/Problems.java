package dev.berth.core.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects problems so that every one is reported at once instead of stopping at the first. */
final class Problems {
  private final List<SpecProblem> list = new ArrayList<>();

  void add(String field, String message, String fix) {
    list.add(new SpecProblem(field, message, fix));
  }

  int size() {
    return list.size();
  }

  List<SpecProblem> list() {
    return List.copyOf(list);
  }

  /** Joins a parent path and a key: {@code ("", "name")} is {@code name}. */
  static String path(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }
}
