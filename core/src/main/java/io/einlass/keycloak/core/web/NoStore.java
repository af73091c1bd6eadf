package io.einlass.keycloak.core.web;

import jakarta.ws.rs.core.Response;

/** Headers for every Einlass page or answer that refers to a link, code or pending sign-in. */
public final class NoStore {

    private NoStore() {
    }

    public static Response.ResponseBuilder apply(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store, must-revalidate, max-age=0")
                .header("Pragma", "no-cache")
                .header("Referrer-Policy", "no-referrer");
    }

    public static Response apply(Response response) {
        response.getHeaders().putSingle("Cache-Control", "no-store, must-revalidate, max-age=0");
        response.getHeaders().putSingle("Pragma", "no-cache");
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
        return response;
    }
}
