import type express from 'express';
import helmet from 'helmet';

/** A Host header as a browser sends it (name or address, optional port): anything else is left out of the policy. */
const plainHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The WebSocket origin of this server as the browser reached it: `connect-src` names it beside 'self'. */
function socketOrigin(request: express.Request): string {
  const host = request.headers.host ?? '';
  if (!plainHost.test(host)) return "'self'";
  return `${request.secure ? 'wss' : 'ws'}://${host}`;
}

/**
 * Headers that keep a hostile page from using the app: a strict Content-Security-Policy (scripts only from this
 * origin, no framing, connections only to this API and its WebSocket), `nosniff`, no Referer (the socket URL carries
 * a token), no framing for older browsers. HSTS only on requests that arrived over HTTPS (directly or, per
 * TRUST_PROXY, at the proxy), so a plain-HTTP development server never pins a browser to HTTPS.
 * Styles allow 'unsafe-inline': Angular adds its component styles as <style> elements at run time.
 */
export function securityHeaders(): express.RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", (request) => socketOrigin(request as express.Request)],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  const hsts: express.RequestHandler = (request, response, next) => {
    if (request.secure) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
  return [headers, hsts];
}
