package dev.berth.core.engine;

/**
 * Receives the engine's events. Called from the engine's worker threads, concurrently: an
 * implementation must be thread-safe and quick (hand rendering to another thread).
 */
@FunctionalInterface
public interface EventSink {
  void accept(EngineEvent event);

  static EventSink none() {
    return e -> {};
  }
}
