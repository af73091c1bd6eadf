package io.einlass.keycloak.core.sms;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;

/** The log gateway writes codes into the log: it refuses to start on a production server unless told explicitly. */
class LogSmsGatewayFactoryTest {

    private static final String PROVIDER = "keycloak.einlass-sms.provider";
    private static final String ALLOW = "keycloak.einlass-sms.log.allow-production";

    @BeforeEach
    void configure() {
        Config.init(new Config.SystemPropertiesConfigProvider());
    }

    @AfterEach
    void clear() {
        System.clearProperty(PROVIDER);
        System.clearProperty(ALLOW);
        System.clearProperty(Environment.PROFILE);
    }

    private static void start() {
        new LogSmsGatewayFactory().init(Config.scope("einlass-sms", "log"));
    }

    @Test
    void refusesToStartAsTheActiveGatewayOfAProductionServer() {
        System.setProperty(PROVIDER, "log");
        System.setProperty(Environment.PROFILE, "prod");
        assertThatThrownBy(LogSmsGatewayFactoryTest::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only runs in development mode").hasMessageContaining("allow-production");
    }

    @Test
    void startsInDevelopmentModeOrWhenProductionIsAllowedExplicitly() {
        System.setProperty(PROVIDER, "log");
        System.setProperty(Environment.PROFILE, "dev");
        assertThatCode(LogSmsGatewayFactoryTest::start).doesNotThrowAnyException();
        System.setProperty(Environment.PROFILE, "prod");
        System.setProperty(ALLOW, "true");
        assertThatCode(LogSmsGatewayFactoryTest::start).doesNotThrowAnyException();
    }

    @Test
    void aProductionServerWithAnotherGatewayIsNotBotheredByTheInstalledLogGateway() {
        System.setProperty(PROVIDER, "http");
        System.setProperty(Environment.PROFILE, "prod");
        assertThatCode(LogSmsGatewayFactoryTest::start).doesNotThrowAnyException();
    }
}
