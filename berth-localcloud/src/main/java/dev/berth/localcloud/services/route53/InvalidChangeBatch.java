package dev.berth.localcloud.services.route53;

import java.util.List;

/** The problems found in a change batch, one message each. */
final class InvalidChangeBatch extends RuntimeException {
  private final List<String> messages;

  InvalidChangeBatch(List<String> messages) {
    super(String.join("; ", messages));
    this.messages = List.copyOf(messages);
  }

  List<String> messages() {
    return messages;
  }
}
