package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for the test servers. */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configured port, or a free one when the setting is empty or 0. */
    public static int configuredOrFree(String property) {
        String value = System.getProperty(property, "");
        if (!value.isBlank() && !"0".equals(value.strip())) {
            return Integer.parseInt(value.strip());
        }
        return free();
    }
}
