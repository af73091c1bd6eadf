package io.einlass.keycloak.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** A mail as the recipient sees it: subject, plain text and HTML body, and the links in it. */
public record Mail(String to, String subject, String text, String html) {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");

    /** Every link of the HTML body (the buttons), in order. */
    public List<String> htmlLinks() {
        List<String> links = new ArrayList<>();
        if (html != null) {
            for (Element a : Jsoup.parse(html).select("a[href]")) {
                links.add(a.attr("href"));
            }
        }
        return links;
    }

    /** Every URL written out in the text body, in order. */
    public List<String> textLinks() {
        List<String> links = new ArrayList<>();
        if (text != null) {
            Matcher m = URL.matcher(text);
            while (m.find()) {
                links.add(m.group());
            }
        }
        return links;
    }

    /** The first link (text body) containing {@code fragment}. */
    public String link(String fragment) {
        return textLinks().stream().filter(l -> l.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no link containing '" + fragment + "' in mail '" + subject + "':\n" + text));
    }

    /** The first group of {@code pattern} in the text body. */
    public Optional<String> find(Pattern pattern) {
        Matcher m = pattern.matcher(text == null ? "" : text);
        return m.find() ? Optional.of(m.groupCount() > 0 ? m.group(1) : m.group()) : Optional.empty();
    }

    /** Text of the HTML body as a reader sees it. */
    public String htmlText() {
        return html == null ? "" : Jsoup.parse(html).text();
    }
}
