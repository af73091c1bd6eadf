package io.einlass.keycloak.core.sms;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@code http}: any SMS gateway with an HTTP API. POSTs a body made from a template whose placeholders
 * {@code ${to}} (E.164) and {@code ${text}} are JSON-escaped; sends the {@code authorization} value as the
 * {@code Authorization} header. A non-2xx answer, a timeout or no connection is a failure.
 */
public final class HttpSmsGatewayFactory implements SmsGatewayFactory {

    public static final String ID = "http";
    public static final String DEFAULT_TEMPLATE = "{\"to\": \"${to}\", \"text\": \"${text}\"}";
    private static final Logger LOG = Logger.getLogger(HttpSmsGatewayFactory.class);

    private volatile HttpSmsRequest.Settings settings;
    private volatile HttpClient client;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        Duration timeout = Duration.ofSeconds(Math.max(1, Math.min(30, config.getInt("timeout-seconds", 5))));
        settings = new HttpSmsRequest.Settings(config.get("url"), config.get("authorization"),
                config.get("body-template", DEFAULT_TEMPLATE), config.get("content-type", "application/json"), timeout);
        client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        if (active() && (settings.url() == null || settings.url().isBlank())) {
            LOG.warn("Einlass SMS gateway 'http' is active but --spi-einlass-sms--http--url is not set: no SMS can be sent");
        }
    }

    @Override
    public SmsGateway create(KeycloakSession session) {
        HttpSmsRequest.Settings resolved = settings.withAuthorization(Vault.resolve(session, settings.authorization()));
        return (to, text) -> send(resolved, to, text);
    }

    private void send(HttpSmsRequest.Settings settings, String to, String text) throws SmsException {
        if (settings.url() == null || settings.url().isBlank()) {
            throw new SmsException(SmsException.Reason.NOT_CONFIGURED, 0, "no URL configured");
        }
        HttpSend.send(client, HttpSmsRequest.build(settings, to, text));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("url").label("Gateway URL").helpText("Where the message is POSTed (https://...).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name("authorization").label("Authorization header")
                .helpText("Sent as the Authorization header, e.g. 'Bearer <key>'. A vault reference (${vault.sms-key}) is resolved.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name("body-template").label("Body template")
                .helpText("The request body; ${to} (E.164) and ${text} are replaced, JSON-escaped. Default: " + DEFAULT_TEMPLATE)
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_TEMPLATE).add()
                .property().name("content-type").label("Content type").helpText("Content-Type of the request, default application/json.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("application/json").add()
                .property().name("timeout-seconds").label("Timeout (seconds)").helpText("Connect and answer timeout, 1 to 30, default 5.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("5").add()
                .build();
    }
}
