"""A small OpenID Connect identity provider on 127.0.0.1 for the tests: discovery, an
authorisation endpoint that signs in whoever the test says and redirects back with a code, a
token endpoint that returns an ID token, and the userinfo endpoint. No internet is needed."""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt

CLIENT_ID = "grants-test-client"
CLIENT_SECRET = "grants-test-secret-of-at-least-32-bytes"


class LocalProvider:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.person = {}  # the claims of whoever signs in next
        self.amr = ["pwd"]
        self.codes = {}
        self.token_requests = []

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def id_token(self, nonce=None):
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "jti": secrets.token_hex(8),
            "amr": self.amr,
            **self.person,
        }
        if nonce:
            claims["nonce"] = nonce
        return jwt.encode(claims, CLIENT_SECRET, algorithm="HS256")

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, payload, status=200):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                parts = urlsplit(self.path)
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                if parts.path == "/.well-known/openid-configuration":
                    return self._json(
                        {
                            "issuer": provider.url,
                            "authorization_endpoint": f"{provider.url}/authorize",
                            "token_endpoint": f"{provider.url}/token",
                            "userinfo_endpoint": f"{provider.url}/userinfo",
                            "jwks_uri": f"{provider.url}/jwks",
                            "token_endpoint_auth_methods_supported": ["client_secret_post"],
                        }
                    )
                if parts.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query.get("nonce")
                    target = (
                        query["redirect_uri"]
                        + "?"
                        + urlencode({"code": code, "state": query.get("state", "")})
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                    return None
                if parts.path == "/userinfo":
                    return self._json(provider.person)
                if parts.path == "/jwks":
                    return self._json({"keys": []})
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.token_requests.append(form)
                if urlsplit(self.path).path != "/token" or form.get("code") not in provider.codes:
                    return self._json({"error": "invalid_grant"}, 400)
                if form.get("client_secret") != CLIENT_SECRET:
                    return self._json({"error": "invalid_client"}, 401)
                nonce = provider.codes.pop(form["code"])
                return self._json(
                    {
                        "access_token": secrets.token_urlsafe(16),
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(nonce),
                    }
                )

        return Handler
