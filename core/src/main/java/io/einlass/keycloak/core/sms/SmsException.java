package io.einlass.keycloak.core.sms;

import java.util.Locale;

/** The gateway did not take the message. The reason is for events and logs; it never carries the text or code. */
public final class SmsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a message was not sent. */
    public enum Reason {
        /** The gateway answered, but not with 2xx. */
        REJECTED,
        TIMEOUT,
        UNREACHABLE,
        /** No gateway configured, or its configuration is incomplete. */
        NOT_CONFIGURED;

        public String value() {
            return "gateway_" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final int status;

    public SmsException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of a REJECTED message, else 0. */
    public int status() {
        return status;
    }
}
