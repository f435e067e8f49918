package dev.berth.app.matrix;

import dev.berth.localcloud.core.Server;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Feeds every AWS call to a {@link CrashSwitch}: refuses calls after the crash, fires after one.
 */
final class CrashInterceptor implements ExecutionInterceptor {
  private final CrashSwitch crash;

  CrashInterceptor(CrashSwitch crash) {
    this.crash = crash;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    crash.checkAlive();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (Server.isMutating(op, context.httpRequest().method().name())) {
      crash.completed(op);
    }
  }
}
