package io.einlass.keycloak.authenticators.magiclink;

import java.util.Locale;

import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import jakarta.ws.rs.core.Response;

/**
 * What a link's landing page shows: each state with its HTTP status and the suffix of its message keys
 * ({@code einlass.magic-link.landing.title.<key>} and {@code .text.<key>}), and the event reason where the state
 * is a refusal.
 */
enum LinkState {
    /** Valid: the page asks to confirm. */
    CONFIRM(Response.Status.OK, null),
    /** Confirmed from another device: the waiting browser continues. */
    APPROVED(Response.Status.OK, null),
    USED(Response.Status.GONE, Reason.USED),
    EXPIRED(Response.Status.GONE, Reason.EXPIRED),
    SUPERSEDED(Response.Status.GONE, Reason.SUPERSEDED),
    INVALID(Response.Status.BAD_REQUEST, Reason.INVALID),
    DENIED(Response.Status.GONE, Reason.DENIED),
    MISMATCH(Response.Status.GONE, Reason.WRONG_MATCH),
    WRONG_DEVICE(Response.Status.GONE, Reason.INVALID);

    private final Response.Status status;
    private final Reason reason;

    LinkState(Response.Status status, Reason reason) {
        this.status = status;
        this.reason = reason;
    }

    Response.Status status() {
        return status;
    }

    /** Why the link did not work (null for CONFIRM and APPROVED). */
    Reason reason() {
        return reason;
    }

    /** The message key suffix and the page's {@code data-einlass-state}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the page offers "request a new link". */
    boolean offersNewLink() {
        return this != CONFIRM && this != APPROVED;
    }
}
