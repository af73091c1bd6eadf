package io.einlass.keycloak.core.account;

import java.util.Comparator;

import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.email.CanonicalEmail;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * A fingerprint of what makes a link issued to a user still valid: the same account, the same (canonical) email,
 * still enabled, the same password. A link or grant carries the stamp of its issue; any change rejects it.
 */
public final class UserStamp {

    private UserStamp() {
    }

    public static String of(UserModel user) {
        StringBuilder sb = new StringBuilder(user.getId()).append('|')
                .append(CanonicalEmail.of(user.getEmail()).orElse("")).append('|')
                .append(user.isEnabled());
        user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .sorted(Comparator.comparing(CredentialModel::getId))
                .forEach(c -> sb.append('|').append(c.getId()).append(':').append(c.getCreatedDate())
                        .append(':').append(SecureCodes.hash(String.valueOf(c.getSecretData()))));
        return SecureCodes.hash(sb.toString());
    }

    public static boolean matches(UserModel user, String stamp) {
        return user != null && user.isEnabled() && SecureCodes.constantTimeEquals(of(user), stamp);
    }
}
