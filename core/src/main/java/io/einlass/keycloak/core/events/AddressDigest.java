package io.einlass.keycloak.core.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What events keep of an address typed on a page when it belongs to no usable account: not the address (it may be
 * a typo of somebody's real address, a person without an account, or even a password typed into the wrong field),
 * but {@code sha256:} and the first 32 hex digits of SHA-256 over {@code einlass:<realm id>:<canonical address>}.
 * Repeated attempts on one address stay recognisable and an administrator can check a given address with the
 * recipe (admin guide), while the event store holds no readable address. Events expire with the realm's event
 * expiration (the shipped realm: 30 days).
 */
public final class AddressDigest {

    public static final String PREFIX = "sha256:";

    private AddressDigest() {
    }

    public static String of(String realmId, String canonicalAddress) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("einlass:" + realmId + ":" + canonicalAddress).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
