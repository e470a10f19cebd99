package org.causerie.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The page's files, served from the jar ({@code web/} on the class path) with headers that keep them
 * safe: a Content-Security-Policy that allows scripts, styles and sockets from this origin only (so no
 * inline script runs, whatever a message contains), no sniffing of types, no framing, no referrer.
 * Only plain file names are served; anything else is 404.
 */
final class PageHandler extends Handler.Abstract {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Pattern FILE = Pattern.compile("/[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final SessionCookie cookie;

    PageHandler(SessionCookie cookie) {
        this.cookie = cookie;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/session")) {
            cookie.handle(request, response, callback);
            return true;
        }
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        String file = path.equals("/") ? "/index.html" : path;
        byte[] body = FILE.matcher(file).matches() ? read("web" + file) : null;
        if (body == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        headers.put("Content-Security-Policy", POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        // HEAD must announce GET's length (Jetty would say 0 for the empty write): checked by PageHeadTest
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.setStatus(HttpStatus.OK_200);
        response.write(true, HttpMethod.HEAD.is(request.getMethod()) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body),
                callback);
        return true;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = PageHandler.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
