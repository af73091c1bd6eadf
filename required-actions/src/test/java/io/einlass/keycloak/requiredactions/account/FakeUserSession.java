package io.einlass.keycloak.requiredactions.account;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.UserSessionModel;

/** A user session that only keeps notes (what the page's intents, tokens and messages use). */
final class FakeUserSession {

    private FakeUserSession() {
    }

    static UserSessionModel create() {
        Map<String, String> notes = new HashMap<>();
        return (UserSessionModel) Proxy.newProxyInstance(UserSessionModel.class.getClassLoader(), new Class<?>[] {UserSessionModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getNote" -> notes.get((String) args[0]);
                    case "setNote" -> notes.put((String) args[0], (String) args[1]);
                    case "removeNote" -> notes.remove((String) args[0]);
                    case "getNotes" -> Map.copyOf(notes);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
