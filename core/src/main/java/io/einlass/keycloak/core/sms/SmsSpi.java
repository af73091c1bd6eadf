package io.einlass.keycloak.core.sms;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * SPI {@code einlass-sms}: the gateway that delivers SMS. Einlass ships {@code http} (any HTTP API), {@code twilio}
 * and {@code log} (development); others add a gateway in their own JAR. Server configuration only (secrets never in
 * realm JSON): {@code --spi-einlass-sms--provider=<id>} and {@code --spi-einlass-sms--<id>--<key>=<value>}.
 */
public final class SmsSpi implements Spi {

    public static final String NAME = "einlass-sms";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SmsGateway.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmsGatewayFactory.class;
    }
}
