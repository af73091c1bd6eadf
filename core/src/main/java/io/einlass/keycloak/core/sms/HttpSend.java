package io.einlass.keycloak.core.sms;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** One HTTP call of a gateway: anything but a 2xx answer, a timeout or no connection becomes an {@link SmsException}. */
final class HttpSend {

    private HttpSend() {
    }

    static void send(HttpClient client, HttpRequest request) throws SmsException {
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new SmsException(SmsException.Reason.REJECTED, response.statusCode(), "HTTP " + response.statusCode());
            }
        } catch (HttpTimeoutException e) {
            throw new SmsException(SmsException.Reason.TIMEOUT, 0, "timeout");
        } catch (ConnectException e) {
            throw new SmsException(SmsException.Reason.UNREACHABLE, 0, "connection failed");
        } catch (IOException e) {
            throw new SmsException(SmsException.Reason.UNREACHABLE, 0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException(SmsException.Reason.UNREACHABLE, 0, "interrupted");
        }
    }
}
