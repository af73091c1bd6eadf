package io.einlass.keycloak.core.sms;

import java.util.List;

import io.einlass.keycloak.core.phone.PhoneNumbers;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@code log}: writes each SMS to the server log instead of sending it, for development ({@code ./dev.sh}). It prints
 * the whole text, code included, so it refuses to start unless Keycloak runs in development mode or
 * {@code --spi-einlass-sms--log--allow-production=true} is set.
 */
public final class LogSmsGatewayFactory implements SmsGatewayFactory {

    public static final String ID = "log";
    private static final Logger LOG = Logger.getLogger("io.einlass.sms");

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        if (active() && !Environment.isDevMode() && !config.getBoolean("allow-production", false)) {
            throw new IllegalStateException("The Einlass SMS gateway 'log' writes codes into the server log and only runs in "
                    + "development mode (kc.sh start-dev). Configure a real gateway (--spi-einlass-sms--provider=http or twilio), "
                    + "or set --spi-einlass-sms--log--allow-production=true to override.");
        }
    }

    @Override
    public SmsGateway create(KeycloakSession session) {
        return (to, text) -> LOG.infof("Einlass SMS (log gateway, not sent) to %s: %s", PhoneNumbers.mask(to), text);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("allow-production").label("Allow in production")
                .helpText("Let the log gateway run outside development mode. It writes every code into the server log: never on a real system.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build();
    }
}
