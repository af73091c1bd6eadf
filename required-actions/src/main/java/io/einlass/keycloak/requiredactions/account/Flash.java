package io.einlass.keycloak.requiredactions.account;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.accountpage.AccountView;
import org.keycloak.models.UserSessionModel;

/** The message shown once after a button or a return from Keycloak (post/redirect/get), kept in the SSO session. */
final class Flash {

    static final String NOTE = "einlass.account.flash";
    private static final String SEPARATOR = "\u001f";

    private Flash() {
    }

    static void set(UserSessionModel userSession, AccountView.Result result) {
        StringBuilder sb = new StringBuilder(result.done() ? "ok" : "no").append(SEPARATOR).append(result.messageKey());
        for (String argument : result.arguments()) {
            sb.append(SEPARATOR).append(argument.replace(SEPARATOR, " "));
        }
        userSession.setNote(NOTE, sb.toString());
    }

    /** The pending message, removed. */
    static Optional<AccountView.Result> take(UserSessionModel userSession) {
        String note = userSession.getNote(NOTE);
        if (note == null) {
            return Optional.empty();
        }
        userSession.removeNote(NOTE);
        List<String> parts = Arrays.asList(note.split(SEPARATOR, -1));
        if (parts.size() < 2) {
            return Optional.empty();
        }
        String[] arguments = parts.subList(2, parts.size()).toArray(String[]::new);
        return Optional.of("ok".equals(parts.get(0)) ? AccountView.Result.done(parts.get(1), arguments)
                : AccountView.Result.refused(parts.get(1), arguments));
    }
}
