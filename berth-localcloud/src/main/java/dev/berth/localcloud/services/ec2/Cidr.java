package dev.berth.localcloud.services.ec2;

/** An IPv4 CIDR block such as {@code 10.0.1.0/24}. */
record Cidr(long base, int prefix) {

  /** The block, or null if {@code s} is not a canonical IPv4 CIDR (no host bits set). */
  static Cidr parse(String s) {
    Cidr c = parseLoose(s);
    return c == null || (c.base & ~c.mask() & 0xFFFFFFFFL) != 0 ? null : c;
  }

  /** The block an address/prefix names, allowing host bits (security-group CIDRs). */
  static Cidr parseLoose(String s) {
    if (s == null) {
      return null;
    }
    String[] parts = s.split("/", -1);
    if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
      return null;
    }
    int prefix = Integer.parseInt(parts[1]);
    long ip = parseIp(parts[0]);
    return prefix > 32 || ip < 0 ? null : new Cidr(ip, prefix);
  }

  static long parseIp(String s) {
    String[] octets = s.split("\\.", -1);
    if (octets.length != 4) {
      return -1;
    }
    long ip = 0;
    for (String o : octets) {
      if (!o.matches("\\d{1,3}") || Integer.parseInt(o) > 255) {
        return -1;
      }
      ip = ip << 8 | Integer.parseInt(o);
    }
    return ip;
  }

  static String ip(long ip) {
    return (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
  }

  long mask() {
    return prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
  }

  long size() {
    return 1L << (32 - prefix);
  }

  boolean contains(Cidr other) {
    return other.prefix >= prefix && (other.base & mask()) == (base & mask());
  }

  boolean overlaps(Cidr other) {
    return contains(other) || other.contains(this);
  }

  @Override
  public String toString() {
    return ip(base) + "/" + prefix;
  }
}
