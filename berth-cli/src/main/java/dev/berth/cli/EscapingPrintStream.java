package dev.berth.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A {@link PrintStream} that passes every string printed through it through {@link Printable#text}
 * before the target sees it, so that no command can print a control character from the spec or the
 * cloud by forgetting to escape it. Line breaks stay; values printed inside a line still need
 * {@link Printable#of}, which escapes those too. Raw bytes ({@code write}) pass unchanged.
 */
final class EscapingPrintStream extends PrintStream {
  private final PrintStream target;

  EscapingPrintStream(PrintStream target) {
    super(target, true);
    this.target = target;
  }

  @Override
  public void print(String s) {
    target.print(Printable.text(String.valueOf(s)));
  }

  @Override
  public void print(Object o) {
    print(String.valueOf(o));
  }

  @Override
  public void print(char c) {
    print(String.valueOf(c));
  }

  @Override
  public void print(char[] s) {
    print(new String(s));
  }

  @Override
  public void println() {
    target.println();
  }

  @Override
  public void println(String s) {
    target.println(Printable.text(String.valueOf(s)));
  }

  @Override
  public void println(Object o) {
    println(String.valueOf(o));
  }

  @Override
  public void println(char c) {
    println(String.valueOf(c));
  }

  @Override
  public void println(char[] s) {
    println(new String(s));
  }

  @Override
  public PrintStream format(String format, Object... args) {
    print(String.format(format, args));
    return this;
  }

  @Override
  public PrintStream format(Locale l, String format, Object... args) {
    print(String.format(l, format, args));
    return this;
  }

  @Override
  public PrintStream printf(String format, Object... args) {
    return format(format, args);
  }

  @Override
  public PrintStream printf(Locale l, String format, Object... args) {
    return format(l, format, args);
  }

  @Override
  public PrintStream append(CharSequence csq) {
    print(String.valueOf(csq));
    return this;
  }

  @Override
  public PrintStream append(CharSequence csq, int start, int end) {
    return append(csq == null ? "null".subSequence(start, end) : csq.subSequence(start, end));
  }

  @Override
  public PrintStream append(char c) {
    print(c);
    return this;
  }

  @Override
  public void flush() {
    target.flush();
  }

  @Override
  public boolean checkError() {
    return target.checkError();
  }
}
