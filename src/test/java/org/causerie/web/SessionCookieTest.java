package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.TlsConfig;
import org.causerie.WebConfig;
import org.causerie.net.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page over HTTP and HTTPS (the TLS door's certificate), its safety headers, and the session
 * cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, refused to a cross-site page.
 */
class SessionCookieTest {
    private static final String TOKEN = "abcdefghijklmnop0123456789_-";

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder()
            .tls(new TlsConfig(0, null, null, true))
            .web(new WebConfig(0, 0, -1, "127.0.0.1", List.of(), List.of())).build());

    private HttpClient https() throws Exception {
        var certificates = CertificateFactory.getInstance("X.509");
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(SelfSigned.certificateFile(server.dataDir()))) {
            trust.setCertificateEntry("server", certificates.generateCertificate(in));
        }
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        var context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageOverHttpsWithItsHeadersAndASecureCookie() throws Exception {
        var client = https();
        String base = "https://localhost:" + server.server().httpsPort();
        var page = send(client, HttpRequest.newBuilder(URI.create(base + "/")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("server")).as("no version for scanners").isEmpty();
        var set = send(client, HttpRequest.newBuilder(URI.create(base + "/session"))
                .header("Origin", base).POST(HttpRequest.BodyPublishers.ofString(TOKEN)));
        assertThat(set.statusCode()).isEqualTo(204);
        String cookie = set.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("causerie_token=" + TOKEN + ";").contains("HttpOnly", "Secure", "Path=/")
                .containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void overHttpTheCookieIsNotSecureACrossSitePageIsRefusedAndLogoutClearsIt() throws Exception {
        var client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.server().httpPort();
        var set = send(client, HttpRequest.newBuilder(URI.create(base + "/session")).header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(TOKEN)));
        assertThat(set.statusCode()).isEqualTo(204);
        assertThat(set.headers().firstValue("set-cookie").orElseThrow()).contains("HttpOnly").doesNotContain("Secure");
        var crossSite = send(client, HttpRequest.newBuilder(URI.create(base + "/session"))
                .header("Origin", "https://evil.example.com").POST(HttpRequest.BodyPublishers.ofString(TOKEN)));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("set-cookie")).isEmpty();
        var notAToken = send(client, HttpRequest.newBuilder(URI.create(base + "/session")).header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("<script>")));
        assertThat(notAToken.statusCode()).isEqualTo(400);
        var logout = send(client, HttpRequest.newBuilder(URI.create(base + "/session")).header("Origin", base).DELETE());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("set-cookie").orElseThrow()).startsWith("causerie_token=;")
                .contains("Expires=Thu, 01 Jan 1970");
        assertThat(send(client, HttpRequest.newBuilder(URI.create(base + "/pom.xml"))).statusCode()).isEqualTo(404);
        assertThat(send(client, HttpRequest.newBuilder(URI.create(base + "/../pom.xml"))).statusCode()).isIn(400, 404);
        assertThat(send(client, HttpRequest.newBuilder(URI.create(base + "/logback.xml"))).statusCode()).isEqualTo(404);
        assertThat(send(client, HttpRequest.newBuilder(URI.create(base + "/app.js"))).headers()
                .firstValue("content-type").orElseThrow()).startsWith("text/javascript");
    }
}
