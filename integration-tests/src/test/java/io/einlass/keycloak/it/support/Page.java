package io.einlass.keycloak.it.support;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** What the browser shows after a request: the final URL, status, headers and the parsed page. */
public final class Page {

    private final Browser browser;
    private final URI uri;
    private final int status;
    private final HttpHeaders headers;
    private final String body;
    private Document document;

    Page(Browser browser, URI uri, int status, HttpHeaders headers, String body) {
        this.browser = browser;
        this.uri = uri;
        this.status = status;
        this.headers = headers;
        this.body = body == null ? "" : body;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public HttpHeaders headers() {
        return headers;
    }

    public Document document() {
        if (document == null) {
            document = Jsoup.parse(body, uri.toString());
        }
        return document;
    }

    /** The visible text of the page. */
    public String text() {
        return document().text();
    }

    public String title() {
        return document().title();
    }

    /** True when the browser was sent away from Keycloak (to the application's redirect URI). */
    public boolean isRedirectAway() {
        return status >= 300 && status < 400 && header("Location").isPresent();
    }

    public String location() {
        return header("Location").orElseThrow(() -> new AssertionError("no Location header; status " + status + "\n" + text()));
    }

    /** The query parameter {@code name} of the redirect target. */
    public Optional<String> redirectParam(String name) {
        return Urls.queryParam(URI.create(location()), name);
    }

    public boolean has(String cssSelector) {
        return !document().select(cssSelector).isEmpty();
    }

    public Element element(String cssSelector) {
        Element e = document().selectFirst(cssSelector);
        if (e == null) {
            throw new AssertionError("no element '" + cssSelector + "' on " + uri + " (status " + status + "):\n" + text());
        }
        return e;
    }

    /** The form matching {@code cssSelector} (e.g. {@code #kc-form-login}). */
    public Form form(String cssSelector) {
        Element form = element(cssSelector);
        if (!"form".equals(form.tagName())) {
            throw new AssertionError(cssSelector + " is no form");
        }
        return new Form(browser, uri, form);
    }

    /** The form {@code form} (an element of this page). */
    public Form formOf(Element form) {
        if (form == null || !"form".equals(form.tagName())) {
            throw new AssertionError("no form: " + form);
        }
        return new Form(browser, uri, form);
    }

    public org.jsoup.select.Elements select(String cssSelector) {
        return document().select(cssSelector);
    }

    /** The first form containing an input or button named {@code name}. */
    public Form formWith(String name) {
        for (Element form : document().select("form")) {
            if (!form.select("[name=" + name + "]").isEmpty()) {
                return new Form(browser, uri, form);
            }
        }
        throw new AssertionError("no form with field '" + name + "' on " + uri + ":\n" + text());
    }

    /** Follows the link whose text contains {@code text}. */
    public Page clickLink(String text) {
        for (Element a : document().select("a[href]")) {
            if (a.text().contains(text)) {
                return browser.open(a.absUrl("href"));
            }
        }
        throw new AssertionError("no link '" + text + "' on " + uri + ":\n" + text());
    }

    @Override
    public String toString() {
        return status + " " + uri + "\n" + text();
    }
}
