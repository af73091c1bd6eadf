package io.einlass.keycloak.core.sms;

import java.util.Map;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.Config;

/**
 * Factory of an {@link SmsGateway}. With {@code --spi-einlass-sms--provider=<id>} Keycloak loads only that gateway and
 * Server Info shows it with {@code einlass-sms-active=true}; without it every installed gateway is listed with
 * {@code false} and no SMS is sent (the action shows its failure page).
 */
public interface SmsGatewayFactory extends EinlassProviderFactory<SmsGateway> {

    /** Whether this gateway is the one the server is configured to use ({@code --spi-einlass-sms--provider}). */
    default boolean active() {
        return getId().equals(Config.getProvider(SmsSpi.NAME));
    }

    @Override
    default Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>(EinlassProviderFactory.super.getOperationalInfo());
        info.put("einlass-sms-active", String.valueOf(active()));
        return info;
    }
}
