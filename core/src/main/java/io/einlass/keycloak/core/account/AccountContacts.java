package io.einlass.keycloak.core.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.email.CanonicalEmail;
import org.keycloak.models.UserModel;

/**
 * The confirmed ways to reach a user, as user attributes: the primary email, the confirmed recovery email, the
 * verified phone. Features that confirm a channel write these attributes (and nothing else does); features that need
 * to reach the person (notifications, recovery) read them here. Pending (unconfirmed) values are never stored in
 * these attributes.
 */
public final class AccountContacts {

    /** User attribute: the confirmed recovery email address, in canonical form. */
    public static final String RECOVERY_EMAIL = "recoveryEmail";
    /** User attribute: the verified phone number in E.164 (Keycloak's {@code phone} scope maps it). */
    public static final String PHONE_NUMBER = "phoneNumber";
    /** User attribute: "true" when {@link #PHONE_NUMBER} was verified by a code. */
    public static final String PHONE_NUMBER_VERIFIED = "phoneNumberVerified";
    /**
     * Request-scoped session attribute: the recovery address a change just replaced or removed, for the notification
     * of that very request (events carry only a masked form).
     */
    public static final String PREVIOUS_RECOVERY_EMAIL = "einlass.previous-recovery-email";
    /** Request-scoped session attribute: the phone number a change just replaced or removed. */
    public static final String PREVIOUS_PHONE_NUMBER = "einlass.previous-phone-number";

    private AccountContacts() {
    }

    /** The confirmed recovery address, if any. */
    public static Optional<String> recoveryEmail(UserModel user) {
        String value = user.getFirstAttribute(RECOVERY_EMAIL);
        return value == null || value.isBlank() ? Optional.empty() : CanonicalEmail.of(value);
    }

    /** The verified phone number (E.164), if any. */
    public static Optional<String> verifiedPhone(UserModel user) {
        String number = user.getFirstAttribute(PHONE_NUMBER);
        return number != null && !number.isBlank() && "true".equals(user.getFirstAttribute(PHONE_NUMBER_VERIFIED))
                ? Optional.of(number) : Optional.empty();
    }

    /** Every confirmed address of the user, the primary one first, each once. */
    public static List<String> addresses(UserModel user) {
        List<String> addresses = new ArrayList<>();
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            addresses.add(user.getEmail().strip());
        }
        recoveryEmail(user).filter(r -> addresses.stream().noneMatch(a -> CanonicalEmail.same(a, r))).ifPresent(addresses::add);
        return addresses;
    }
}
