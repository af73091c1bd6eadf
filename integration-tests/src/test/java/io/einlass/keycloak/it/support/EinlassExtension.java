package io.einlass.keycloak.it.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link EinlassEnvironment} once per test JVM (root store; closed when the run ends) and hands its
 * parts to test constructors and methods. Without Docker, the Testcontainers backend skips the tests with a
 * message instead of failing them.
 */
public final class EinlassExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final String NO_DOCKER = "Skipped: the Testcontainers backend (-Ptestcontainers) needs a Docker engine "
            + "and none is reachable here. Run without -Ptestcontainers to test against the Keycloak distribution.";
    private static volatile boolean toldNoDocker;

    /** Without Docker, the Testcontainers backend skips every test class with a message (never fails). */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("testcontainers".equals(EinlassEnvironment.backend()) && !ContainerServer.dockerAvailable()) {
            if (!toldNoDocker) {
                toldNoDocker = true;
                System.err.println("[einlass] " + NO_DOCKER);
            }
            return ConditionEvaluationResult.disabled(NO_DOCKER);
        }
        return ConditionEvaluationResult.enabled("backend " + EinlassEnvironment.backend());
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EinlassExtension.class);

    /** Holds the environment, or why it could not start (so a broken start fails fast for every class). */
    private static final class Startup implements AutoCloseable {
        final EinlassEnvironment environment;
        final RuntimeException failure;

        Startup(EinlassEnvironment environment, RuntimeException failure) {
            this.environment = environment;
            this.failure = failure;
        }

        @Override
        public void close() {
            if (environment != null) {
                environment.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    static EinlassEnvironment environment(ExtensionContext context) {
        if ("testcontainers".equals(EinlassEnvironment.backend()) && !ContainerServer.dockerAvailable()) {
            Assumptions.abort(NO_DOCKER);
        }
        Startup startup = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Startup.class, k -> {
            try {
                return new Startup(EinlassEnvironment.start(), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }, Startup.class);
        if (startup.failure != null) {
            throw new IllegalStateException("The Einlass test environment did not start", startup.failure);
        }
        return startup.environment;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EinlassEnvironment.class || type == Mailbox.class || type == AdminClient.class
                || type == SmsGatewayStub.class || type == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        EinlassEnvironment env = environment(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == EinlassEnvironment.class) return env;
        if (type == Mailbox.class) return env.mailbox();
        if (type == AdminClient.class) return env.admin();
        if (type == SmsGatewayStub.class) return env.sms();
        return env.browser();
    }
}
