package io.einlass.keycloak.core.sms;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@code twilio}: Twilio's Messages REST API with basic authentication (account SID and auth token), no SDK. The
 * sender is a number ({@code from}) or a messaging service ({@code messaging-service-sid}).
 */
public final class TwilioSmsGatewayFactory implements SmsGatewayFactory {

    public static final String ID = "twilio";

    private volatile TwilioSmsRequest.Settings settings;
    private volatile HttpClient client;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        Duration timeout = Duration.ofSeconds(Math.max(1, Math.min(30, config.getInt("timeout-seconds", 5))));
        settings = new TwilioSmsRequest.Settings(config.get("base-url", TwilioSmsRequest.DEFAULT_BASE_URL), config.get("account-sid"),
                config.get("auth-token"), config.get("from"), config.get("messaging-service-sid"), timeout);
        client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public SmsGateway create(KeycloakSession session) {
        TwilioSmsRequest.Settings resolved = settings.withAuthToken(Vault.resolve(session, settings.authToken()));
        return (to, text) -> {
            if (!resolved.complete()) {
                throw new SmsException(SmsException.Reason.NOT_CONFIGURED, 0, "account-sid, auth-token and from or messaging-service-sid are needed");
            }
            HttpSend.send(client, TwilioSmsRequest.build(resolved, to, text));
        };
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("account-sid").label("Account SID").helpText("The Twilio account SID (AC...).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name("auth-token").label("Auth token").helpText("The account's auth token; a vault reference is resolved.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name("from").label("Sender number").helpText("The sending number in E.164, or use messaging-service-sid.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name("messaging-service-sid").label("Messaging service SID").helpText("Send through a messaging service (MG...) instead of a number.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name("base-url").label("API base URL").helpText("Default " + TwilioSmsRequest.DEFAULT_BASE_URL + ".")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(TwilioSmsRequest.DEFAULT_BASE_URL).add()
                .property().name("timeout-seconds").label("Timeout (seconds)").helpText("1 to 30, default 5.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("5").add()
                .build();
    }
}
