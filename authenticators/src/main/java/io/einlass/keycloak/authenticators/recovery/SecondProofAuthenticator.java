package io.einlass.keycloak.authenticators.recovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.keycloak.authentication.Authenticator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "I can't use my authenticator app", in "Forgot password?" only: an ALTERNATIVE next to the authenticator code.
 * The person already proved one confirmed channel (the reset link or the SMS code); this step asks for a second,
 * different one (primary email, recovery email, recovery phone) by a code it sends itself. Only then the reset
 * goes on without the lost app, and a new app must be set up ({@code CONFIGURE_TOTP}) before the sign-in
 * completes; the old one is removed only once the new one works ({@link RecoveryFinishAction}). One channel alone
 * never gets past this step; an account without a second channel gets "contact support".
 */
final class SecondProofAuthenticator implements Authenticator {

    static final String NOTES = "einlass.sp.";
    static final String TRIES = "einlass:sp:try:";
    /** The app(s) to remove once a new one is set up: {@code <user id>|<credential id>,...}. */
    static final String REPLACE_NOTE = "einlass.recovery.replace";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        List<Channel> proven = user == null ? List.of() : RecoveryProofs.of(context.getAuthenticationSession(), user.getId());
        if (proven.isEmpty()) {
            // only after a first proof of a password reset: anywhere else this step must not stand in for the code
            context.getEvent().detail(EinlassEvents.REASON, Reason.NOT_IN_RESET.value()).error(Reason.NOT_IN_RESET.value());
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS,
                    context.form().setError("einlass.recovery-code.not-in-reset").createErrorPage(Response.Status.BAD_REQUEST));
            return;
        }
        RecoveryCodeConfig config = RecoveryCodeConfig.from(context.getAuthenticatorConfig());
        RecoveryCodes codes = new RecoveryCodes(context, NOTES, TRIES);
        if (codes.pending(user) != null) {
            context.challenge(codePage(context, config, codes, user, null, null));
            return;
        }
        context.challenge(choosePage(context, user, proven, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        List<Channel> proven = user == null ? List.of() : RecoveryProofs.of(context.getAuthenticationSession(), user.getId());
        if (proven.isEmpty()) {
            authenticate(context);
            return;
        }
        RecoveryCodeConfig config = RecoveryCodeConfig.from(context.getAuthenticatorConfig());
        RecoveryCodes codes = new RecoveryCodes(context, NOTES, TRIES);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("change")) {
            codes.clear(user);
            context.challenge(choosePage(context, user, proven, null));
            return;
        }
        if (form.containsKey("channel")) {
            Channel chosen = Channel.of(form.getFirst("channel"));
            if (chosen == null || !offered(user, proven).contains(chosen)) {
                context.challenge(choosePage(context, user, proven, new FormMessage(null, "einlass.recovery-code.channel-refused")));
                return;
            }
            send(context, config, codes, user, proven, chosen, null);
            return;
        }
        Optional<Channel> pendingChannel = codes.pendingChannel(user);
        if (pendingChannel.isEmpty()) {
            authenticate(context);
            return;
        }
        if (form.containsKey("resend")) {
            long wait = codes.waitBeforeNext(config);
            if (wait > 0) {
                context.challenge(codePage(context, config, codes, user, new FormMessage(null, "einlass.recovery-code.cooldown", wait), null));
                return;
            }
            send(context, config, codes, user, proven, pendingChannel.get(), "einlass.recovery-code.resent");
            return;
        }
        RecoveryCodes.Check check = codes.check(user, form.getFirst("code"));
        if (check == RecoveryCodes.Check.OK && !proven.contains(pendingChannel.get())) {
            codes.clear(user);
            RecoveryProofs.record(context.getAuthenticationSession(), user.getId(), pendingChannel.get());
            List<Channel> all = RecoveryProofs.of(context.getAuthenticationSession(), user.getId());
            List<String> apps = user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                    .map(CredentialModel::getId).toList();
            context.getAuthenticationSession().setAuthNote(REPLACE_NOTE, user.getId() + "|" + String.join(",", apps));
            context.getAuthenticationSession().addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP.name());
            context.getEvent().detail(EinlassEvents.AUTH_METHOD, SecondProofAuthenticatorFactory.ID)
                    .detail(EinlassEvents.CHANNEL, RecoveryProofs.describe(all));
            context.success();
            return;
        }
        Response challenge = codePage(context, config, codes, user, new FormMessage("code", check.messageKey()), null);
        if (check != RecoveryCodes.Check.WRONG && check != RecoveryCodes.Check.OK) {
            context.challenge(challenge);
            return;
        }
        context.getEvent().user(user).detail(EinlassEvents.AUTH_METHOD, SecondProofAuthenticatorFactory.ID)
                .detail(EinlassEvents.REASON, Reason.WRONG_CODE.value()).error(Errors.INVALID_USER_CREDENTIALS);
        if (UserlessAuthenticator.lockedOut(context, user)) {
            context.forceChallenge(challenge);
        } else {
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
        }
    }

    private void send(AuthenticationFlowContext context, RecoveryCodeConfig config, RecoveryCodes codes, UserModel user,
                      List<Channel> proven, Channel channel, String info) {
        RecoveryCodes.Sent sent = codes.send(config, channel, user, user.getId());
        if (sent == RecoveryCodes.Sent.SENT) {
            context.challenge(codePage(context, config, codes, user, null, info));
        } else if (codes.pending(user) != null) {
            // the realm's SMS budget: the code exists but could not go out
            context.challenge(codePage(context, config, codes, user, new FormMessage(null, "einlass.recovery-code.unavailable"), null));
        } else {
            String key = sent.messageKey() == null ? "einlass.recovery-code.unavailable" : sent.messageKey();
            context.challenge(choosePage(context, user, proven, new FormMessage(null, key)));
        }
    }

    /** The confirmed channels of {@code user} that did not prove the person yet. */
    static List<Channel> offered(UserModel user, List<Channel> proven) {
        List<Channel> offered = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            if (!proven.contains(channel) && RecoveryCodes.target(user, channel).isPresent()) {
                offered.add(channel);
            }
        }
        return offered;
    }

    private static Response choosePage(AuthenticationFlowContext context, UserModel user, List<Channel> proven, FormMessage error) {
        List<Channel> offered = offered(user, proven);
        if (offered.isEmpty()) {
            context.getEvent().clone().user(user).detail(EinlassEvents.AUTH_METHOD, SecondProofAuthenticatorFactory.ID)
                    .detail(EinlassEvents.REASON, Reason.NO_CHANNEL.value()).error(Reason.NO_CHANNEL.value());
            return RecoveryCodePage.render(context, RecoveryCodePage.Step.SUPPORT, "einlass.recovery-code.second.title", null, null,
                    0, 0, false, List.of(), Map.of(), error, null);
        }
        List<Map<String, String>> channels = new ArrayList<>();
        for (Channel channel : offered) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("value", channel.value());
            c.put("labelKey", "einlass.recovery-code.channel." + channel.value());
            c.put("target", RecoveryCodes.masked(channel, RecoveryCodes.target(user, channel).orElseThrow()));
            channels.add(c);
        }
        return RecoveryCodePage.render(context, RecoveryCodePage.Step.CHOOSE, "einlass.recovery-code.second.title", null, null,
                0, 0, false, channels, Map.of(), error, null);
    }

    private static Response codePage(AuthenticationFlowContext context, RecoveryCodeConfig config, RecoveryCodes codes, UserModel user,
                                     FormMessage error, String info) {
        Channel channel = codes.pendingChannel(user).orElse(Channel.PRIMARY_EMAIL);
        String sentTo = RecoveryCodes.target(user, channel).map(t -> RecoveryCodes.masked(channel, t)).orElse("");
        long sends = PendingCode.sends(context.getAuthenticationSession(), NOTES);
        return RecoveryCodePage.render(context, RecoveryCodePage.Step.CODE, "einlass.recovery-code.second.title",
                "einlass.recovery-code.second.sent", sentTo, config.validity().toMinutes(), codes.waitBeforeNext(config),
                sends < RecoveryCodeConfig.CODES_PER_SESSION, List.of(), Map.of(), error, info);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * For users with an authenticator app (who could lose it), whatever their channels: people without a second
     * channel reach the "contact support" page. Users without an app never see the code step at all.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
