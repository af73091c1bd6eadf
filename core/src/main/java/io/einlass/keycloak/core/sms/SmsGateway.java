package io.einlass.keycloak.core.sms;

import org.keycloak.provider.Provider;

/** Delivers one SMS, or says why it could not. */
public interface SmsGateway extends Provider {

    /**
     * Sends {@code text} to {@code to} (E.164, e.g. {@code +41791234567}).
     *
     * @throws SmsException when the gateway did not accept the message (non-2xx answer, timeout, no connection)
     */
    void send(String to, String text) throws SmsException;

    @Override
    default void close() {
    }
}
