package io.einlass.keycloak.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which POSTs Einlass pages refuse as coming from another site, whatever their token. */
class RequestOriginTest {

    private static final String OWN = "https://id.portal.example";
    private static final String BACKEND = "http://10.0.0.5:8080";

    @Test
    void sameOriginPostsAndOldBrowsersPass() {
        assertThat(RequestOrigin.crossSite("same-origin", OWN, OWN, BACKEND)).isFalse();
        assertThat(RequestOrigin.crossSite(null, null, OWN, BACKEND)).as("an old browser: the token decides").isFalse();
        assertThat(RequestOrigin.crossSite("none", null, OWN, BACKEND)).as("typed or bookmarked").isFalse();
        assertThat(RequestOrigin.crossSite("same-origin", "null", OWN, BACKEND)).as("no-referrer pages send Origin: null").isFalse();
        assertThat(RequestOrigin.crossSite(null, BACKEND, OWN, BACKEND)).as("the server's own address").isFalse();
        assertThat(RequestOrigin.crossSite(" Same-Origin ", "HTTPS://ID.PORTAL.EXAMPLE", OWN, BACKEND)).isFalse();
    }

    @Test
    void postsFromOtherSitesAreRefused() {
        assertThat(RequestOrigin.crossSite("cross-site", "https://evil.example", OWN, BACKEND)).isTrue();
        assertThat(RequestOrigin.crossSite("same-site", "https://shop.portal.example", OWN, BACKEND)).as("a sibling subdomain").isTrue();
        assertThat(RequestOrigin.crossSite(null, "https://evil.example", OWN, BACKEND)).as("Origin alone").isTrue();
        assertThat(RequestOrigin.crossSite("cross-site", null, OWN, BACKEND)).as("Sec-Fetch-Site alone").isTrue();
        assertThat(RequestOrigin.crossSite(null, "https://id.portal.example.evil.example", OWN, BACKEND)).isTrue();
    }
}
