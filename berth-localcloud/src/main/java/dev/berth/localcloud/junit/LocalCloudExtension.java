package dev.berth.localcloud.junit;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a fresh localcloud on a free loopback port for each test and injects it as a {@link
 * LocalCloud} parameter. Register with {@code @RegisterExtension static LocalCloudExtension cloud =
 * new LocalCloudExtension()} to choose the clock and profile, or {@code @ExtendWith} for an instant
 * profile on a {@link MutableClock}.
 */
public final class LocalCloudExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Clock clock;
  private final Profile profile;
  private LocalCloud cloud;

  public LocalCloudExtension() {
    this(new MutableClock(), Profile.instant());
  }

  public LocalCloudExtension(Clock clock, Profile profile) {
    this.clock = clock;
    this.profile = profile;
  }

  public LocalCloud cloud() {
    return cloud;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cloud = LocalCloud.builder().clock(clock).profile(profile).start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return pc.getParameter().getType() == LocalCloud.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    return cloud;
  }
}
