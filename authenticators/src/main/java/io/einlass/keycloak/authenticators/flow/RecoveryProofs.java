package io.einlass.keycloak.authenticators.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.einlass.keycloak.core.account.PasswordReset;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Which of the account's confirmed channels proved the person in this password reset: the primary email, the
 * recovery email, the recovery phone. Written only by a step that itself verified a proof (a confirmed link, a
 * right code), read by "I can't use my authenticator app" (which needs a second, different channel) and by the
 * end of the reset (events, notifications). Bound to the user it was made for: a reset for another user sees
 * nothing. Recording a proof also schedules the reset's closing action {@link #FINISH_ACTION}.
 */
public final class RecoveryProofs {

    /** The channels of a person: where a reset link or code can go. */
    public enum Channel {
        PRIMARY_EMAIL, RECOVERY_EMAIL, PHONE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Channel of(String value) {
            for (Channel c : values()) {
                if (c.value().equals(value)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** The required action that closes every reset (ends other sessions, replaces a lost authenticator, events). */
    public static final String FINISH_ACTION = "einlass-recovery-finish";
    static final String NOTE_USER = "einlass.proof.user";
    static final String NOTE_CHANNELS = "einlass.proof.channels";

    private RecoveryProofs() {
    }

    /** Records that {@code channel} proved {@code userId} in this reset, and schedules the closing action. */
    public static void record(AuthenticationSessionModel authSession, String userId, Channel channel) {
        List<Channel> proven = new ArrayList<>(of(authSession, userId));
        if (!proven.contains(channel)) {
            proven.add(channel);
        }
        authSession.setAuthNote(NOTE_USER, userId);
        authSession.setAuthNote(NOTE_CHANNELS, String.join(",", proven.stream().map(Channel::value).toList()));
        authSession.addRequiredAction(FINISH_ACTION);
        PasswordReset.mark(authSession);
    }

    /** The channels that proved {@code userId} in this reset, in the order they did. */
    public static List<Channel> of(AuthenticationSessionModel authSession, String userId) {
        String user = authSession.getAuthNote(NOTE_USER);
        String channels = authSession.getAuthNote(NOTE_CHANNELS);
        if (userId == null || !userId.equals(user) || channels == null || channels.isEmpty()) {
            return List.of();
        }
        List<Channel> proven = new ArrayList<>();
        for (String value : channels.split(",")) {
            Channel c = Channel.of(value);
            if (c != null && !proven.contains(c)) {
                proven.add(c);
            }
        }
        return List.copyOf(proven);
    }

    /** For events: {@code primary_email+phone}. */
    public static String describe(List<Channel> channels) {
        return String.join("+", channels.stream().map(Channel::value).toList());
    }
}
