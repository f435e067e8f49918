package dev.berth.cli;

import dev.berth.core.engine.Cancellation;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGINT during a deploy or destroy: the first asks the run to stop ({@link Cancellation}: no new
 * step, calls in flight finish and are recorded); the second exits at once with 130, which the
 * state journal makes safe (every call is recorded before it is made).
 *
 * <p>A shutdown hook cannot do this: by the time it runs the JVM is exiting and cannot wait for
 * calls in flight to be answered and recorded. Java has no public signal API, so this uses {@code
 * sun.misc.Signal} (module jdk.unsupported, present in every JDK 17 build), through reflection
 * because javac's warning on that class cannot be suppressed and the build treats warnings as
 * errors. Where it is missing, Ctrl-C keeps the JVM's default behaviour (exit at once).
 */
public final class CtrlC implements AutoCloseable {
  /** The exit code of a run stopped by SIGINT (128 + 2), as shells report it. */
  public static final int EXIT_CODE = 130;

  private final Object previous;
  private final PrintStream err;
  private final Cancellation cancellation;
  private int count;

  private CtrlC(PrintStream err, Cancellation cancellation, boolean install) {
    this.err = err;
    this.cancellation = cancellation;
    this.previous = install ? handle(this::interrupted) : null;
  }

  /** Handles SIGINT until closed, then restores the previous handler. */
  public static CtrlC install(PrintStream err, Cancellation cancellation) {
    return new CtrlC(err, cancellation, true);
  }

  /** What one SIGINT does (also called by tests). */
  synchronized void interrupted() {
    count++;
    if (count == 1) {
      err.println();
      err.println(
          "Interrupted: starting nothing new and letting the calls in flight finish, so that"
              + " the state records them. Press Ctrl-C again to exit at once.");
      err.flush();
      cancellation.cancel();
      return;
    }
    err.println(
        "Interrupted again: exiting now. The state records every call made so far: berth deploy"
            + " continues, berth destroy removes what exists.");
    err.flush();
    Runtime.getRuntime().halt(EXIT_CODE);
  }

  @Override
  public void close() {
    if (previous != null) {
      try {
        set(previous);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // The process is ending anyway; the default handler exits on SIGINT.
      }
    }
  }

  /** Installs {@code action} as the SIGINT handler; returns the previous handler, or null. */
  private static Object handle(Runnable action) {
    try {
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              CtrlC.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  action.run();
                  return null;
                }
                if (method.getName().equals("toString")) {
                  return "berth Ctrl-C handler";
                }
                if (method.getName().equals("hashCode")) {
                  return System.identityHashCode(proxy);
                }
                if (method.getName().equals("equals")) {
                  return proxy == args[0];
                }
                return null;
              });
      return set(handler);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // no sun.misc.Signal, or SIGINT is not ours to handle (ignored by a parent)
    }
  }

  private static Object set(Object handler) throws ReflectiveOperationException {
    Class<?> signalType = Class.forName("sun.misc.Signal");
    Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
    Object sigint = signalType.getConstructor(String.class).newInstance("INT");
    Method handle = signalType.getMethod("handle", signalType, handlerType);
    return handle.invoke(null, sigint, handler);
  }
}
