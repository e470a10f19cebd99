package org.causerie.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The page's login across reloads, with no password kept anywhere: the session token that the page got
 * over the socket ({@code /token}) is handed once to {@code POST /session}, which puts it in an HttpOnly,
 * SameSite=Strict cookie (Secure over HTTPS) that no script can read; the WebSocket upgrade carries the
 * cookie and the server resumes the login with it. {@code DELETE /session} clears it (the page's
 * logout). Both check the Origin as the socket does: a cross-site page can neither set nor clear it.
 */
final class SessionCookie {
    static final String NAME = "causerie_token";
    /** As long as the token lives on the server by default; the server's expiry is what counts. */
    private static final Duration MAX_AGE = Duration.ofDays(30);
    private static final int MAX_BODY = 512;

    private final Origins origins;

    SessionCookie(Origins origins) {
        this.origins = origins;
    }

    /** The token the request's cookie holds, or null; only tokens of the expected shape are taken. */
    static String token(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(NAME) && wellFormed(cookie.getValue())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static boolean wellFormed(String token) {
        return token != null && token.length() >= 16 && token.length() <= 256 && token.chars().allMatch(
                c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                        || c == '.' || c == '~');
    }

    /** {@code POST /session} with the token as the body, or {@code DELETE /session}. */
    void handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!origins.allows(origin, request.getHttpURI().getScheme(), request.getHeaders().get(HttpHeader.HOST))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "cross-site request refused");
            return;
        }
        boolean secure = request.isSecure();
        if (HttpMethod.DELETE.is(request.getMethod())) {
            Response.addCookie(response, cookie("", Duration.ZERO, secure));
            response.setStatus(HttpStatus.NO_CONTENT_204);
            callback.succeeded();
            return;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "POST or DELETE");
            return;
        }
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        String token = body == null ? "" : body.trim();
        if (body == null || body.length() > MAX_BODY || !wellFormed(token)) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "the body is a session token");
            return;
        }
        Response.addCookie(response, cookie(token, MAX_AGE, secure));
        response.setStatus(HttpStatus.NO_CONTENT_204);
        callback.succeeded();
    }

    private static HttpCookie cookie(String value, Duration maxAge, boolean secure) {
        return HttpCookie.build(NAME, value).path("/").httpOnly(true).sameSite(HttpCookie.SameSite.STRICT)
                .secure(secure).maxAge(maxAge.toSeconds()).build();
    }
}
