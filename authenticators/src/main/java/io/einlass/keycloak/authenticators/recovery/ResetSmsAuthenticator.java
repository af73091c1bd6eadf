package io.einlass.keycloak.authenticators.recovery;

import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Alternatives;
import io.einlass.keycloak.authenticators.flow.Identification;
import io.einlass.keycloak.authenticators.flow.Levels;
import io.einlass.keycloak.authenticators.flow.RecoveryProofs;
import io.einlass.keycloak.authenticators.flow.RecoveryProofs.Channel;
import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import io.einlass.keycloak.core.codes.PendingCode;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Forgot password?", proved by a code by SMS to the account's confirmed recovery phone instead of the mailed link:
 * an ALTERNATIVE next to {@code einlass-reset-email}. The page never says whether the account has a phone ("if your
 * account has a confirmed recovery phone, we sent ..."); no number is shown or taken from the request. A reload
 * never sends; a resend replaces the code after a growing cooldown; 5 tries per code; wrong codes count like wrong
 * passwords.
 */
final class ResetSmsAuthenticator implements UserlessAuthenticator {

    static final String NOTES = "einlass.rs.";
    static final String TRIES = "einlass:rs:try:";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<Identification> identification = Identification.of(context);
        if (identification.isEmpty()) {
            context.failure(AuthenticationFlowError.INTERNAL_ERROR,
                    context.form().setError("einlass.flow.identify-missing").createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            return;
        }
        Alternatives.stickToCurrent(context);
        RecoveryCodeConfig config = RecoveryCodeConfig.from(context.getAuthenticatorConfig());
        RecoveryCodes codes = new RecoveryCodes(context, NOTES, TRIES);
        UserModel user = identification.get().user();
        if (codes.pending(user) == null) {
            RecoveryCodes.Sent sent = codes.send(config, Channel.PHONE, user, identification.get().canonical());
            context.challenge(page(context, config, codes, sent.messageKey() == null ? null : new FormMessage(null, sent.messageKey()), null));
            return;
        }
        // a reload shows the page again and never sends again
        context.challenge(page(context, config, codes, null, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (Alternatives.switchIfRequested(context)) {
            return;
        }
        Optional<Identification> identification = Identification.of(context);
        if (identification.isEmpty()) {
            authenticate(context);
            return;
        }
        UserModel user = identification.get().user();
        RecoveryCodeConfig config = RecoveryCodeConfig.from(context.getAuthenticatorConfig());
        RecoveryCodes codes = new RecoveryCodes(context, NOTES, TRIES);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("resend")) {
            long wait = codes.waitBeforeNext(config);
            if (wait > 0) {
                context.challenge(page(context, config, codes, new FormMessage(null, "einlass.recovery-code.cooldown", wait), null));
                return;
            }
            RecoveryCodes.Sent sent = codes.send(config, Channel.PHONE, user, identification.get().canonical());
            context.challenge(page(context, config, codes, sent.messageKey() == null ? null : new FormMessage(null, sent.messageKey()),
                    sent.messageKey() == null ? "einlass.recovery-code.resent" : null));
            return;
        }
        if (codes.pending(user) == null || !form.containsKey("code")) {
            authenticate(context);
            return;
        }
        RecoveryCodes.Check check = codes.check(user, form.getFirst("code"));
        if (check == RecoveryCodes.Check.OK) {
            codes.clear(user);
            RecoveryProofs.record(context.getAuthenticationSession(), user.getId(), Channel.PHONE);
            context.getEvent().detail(EinlassEvents.AUTH_METHOD, ResetSmsAuthenticatorFactory.ID)
                    .detail(EinlassEvents.CHANNEL, Channel.PHONE.value());
            Levels.reached(context, Levels.FIRST_FACTOR);
            context.success();
            return;
        }
        Response challenge = page(context, config, codes, new FormMessage("code", check.messageKey()), null);
        if (check != RecoveryCodes.Check.WRONG) {
            context.challenge(challenge);
            return;
        }
        context.getEvent().detail(EinlassEvents.AUTH_METHOD, ResetSmsAuthenticatorFactory.ID)
                .detail(EinlassEvents.REASON, Reason.WRONG_CODE.value());
        if (user != null) {
            context.getEvent().user(user);
        }
        context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
        if (user == null || UserlessAuthenticator.lockedOut(context, user)) {
            context.forceChallenge(challenge);
        } else {
            // counted by brute-force detection like a wrong password (the factory's reference category)
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
        }
    }

    private static Response page(AuthenticationFlowContext context, RecoveryCodeConfig config, RecoveryCodes codes,
                                 FormMessage error, String info) {
        long sends = PendingCode.sends(context.getAuthenticationSession(), NOTES);
        return RecoveryCodePage.render(context, RecoveryCodePage.Step.CODE, "einlass.recovery-code.sms.title",
                "einlass.recovery-code.sms.sent", "", config.validity().toMinutes(), codes.waitBeforeNext(config),
                sends < RecoveryCodeConfig.CODES_PER_SESSION, List.of(), Alternatives.others(context), error, info);
    }
}
