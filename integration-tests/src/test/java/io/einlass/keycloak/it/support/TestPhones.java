package io.einlass.keycloak.it.support;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh, valid phone numbers for each test (per-number SMS limits never leak between tests). */
public final class TestPhones {

    private TestPhones() {
    }

    /** A Swiss mobile number in E.164, e.g. {@code +41791234567}. */
    public static String swissMobile() {
        return "+4179" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** The same number as a person in Switzerland types it: {@code 079 123 45 67}. */
    public static String national(String e164) {
        String n = "0" + e164.substring(3);
        return n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6, 8) + " " + n.substring(8);
    }
}
