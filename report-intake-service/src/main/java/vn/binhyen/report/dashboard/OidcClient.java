package vn.binhyen.report.dashboard;

import vn.binhyen.report.config.ReportIntakeConfig;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.Roles;

/**
 * The dashboard as an OpenID Connect relying party of Keycloak (issue 22), with Nimbus's SDK:
 * the authorization-code flow with PKCE (S256), state and nonce; the code exchanged with the
 * client's secret; the ID token validated (signature by the realm's JWKS, issuer, audience,
 * expiry, nonce); the back-channel logout token validated the same way; the end-session request.
 * The provider's addresses come from its discovery document, read on first use and kept.
 */
@ApplicationScoped
public class OidcClient {
    private static final Logger LOG = Logger.getLogger(OidcClient.class);
    static final int CONNECT_TIMEOUT_MS = 3_000;
    static final int READ_TIMEOUT_MS = 10_000;

    private final Issuer issuer;
    private final ClientID clientId;
    private final Secret secret;
    private final URI callback;
    private final URI signedOut;
    private volatile Provider provider;

    /** The provider's endpoints and the validators of its tokens. */
    record Provider(OIDCProviderMetadata metadata, IDTokenValidator idTokens, LogoutTokenValidator logoutTokens) {
    }

    /** A sign-in under way: where the browser goes, and what the callback must find again. */
    public record Start(URI redirect, String state, String codeVerifier, String nonce) {
    }

    /** Who signed in, as the ID token says: Bình Yên's roles only, the unit claim, Keycloak's session id. */
    public record Identity(String username, String displayName, Set<String> roles, String unit, String providerSession,
            String idToken, Grant grant) {
    }

    /** Keycloak could not be reached, or answered nothing usable: the sign-in cannot go on now. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the provider answered does not sign anybody in (a bad code, a bad token). */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final java.time.Clock clock;

    OidcClient(ReportIntakeConfig.Dashboard dashboard, java.time.Clock clock) {
        String issuer = dashboard.oidc().issuer();
        String clientId = dashboard.oidc().clientId();
        String secret = dashboard.oidc().clientSecret();
        String dashboardUrl = dashboard.url();
        this.clock = clock;
        this.issuer = new Issuer(issuer);
        this.clientId = new ClientID(clientId);
        this.secret = new Secret(secret);
        String base = dashboardUrl.endsWith("/") ? dashboardUrl.substring(0, dashboardUrl.length() - 1) : dashboardUrl;
        this.callback = URI.create(base + "/dashboard/callback");
        this.signedOut = URI.create(base + "/dashboard/login?ra=1");
    }

    /**
     * The provider's metadata and validators, read once. While one request reads them, others are
     * answered Unavailable at once rather than queued behind it; a failed read is remembered for
     * {@link #RETRY_AFTER_MS}, so that an unreachable Keycloak costs each request nothing.
     */
    private Provider provider() {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        if (System.currentTimeMillis() < failedUntil || !reading.tryLock()) {
            throw new Unavailable("the identity provider " + issuer + " is not answering", null);
        }
        try {
            if (provider == null) {
                try {
                    OIDCProviderMetadata md = OIDCProviderMetadata.resolve(issuer, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
                    var keys = JWKSourceBuilder.<SecurityContext>create(md.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, 51_200)).retrying(true)
                            .build();
                    provider = new Provider(md, new IDTokenValidator(issuer, clientId,
                            new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys), null),
                            // typed: Keycloak's logout tokens say typ logout+jwt, so an ID token cannot pass for one
                            new LogoutTokenValidator(issuer, clientId, true,
                                    new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys), null));
                } catch (Exception e) {
                    failedUntil = System.currentTimeMillis() + RETRY_AFTER_MS;
                    LOG.warnf("dashboard sign-in: the identity provider %s could not be read: %s", issuer,
                            e.getMessage());
                    throw new Unavailable("the identity provider " + issuer + " could not be read: " + e.getMessage(), e);
                }
            }
            return provider;
        } finally {
            reading.unlock();
        }
    }

    static final long RETRY_AFTER_MS = 15_000;
    private final java.util.concurrent.locks.ReentrantLock reading = new java.util.concurrent.locks.ReentrantLock();
    private volatile long failedUntil;

    /** A new sign-in: the authorization request's address, with a new state, nonce and PKCE verifier. */
    public Start start() {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI redirect = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid"), clientId, callback).endpointURI(provider().metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        return new Start(redirect, state.getValue(), verifier.getValue(), nonce.getValue());
    }

    /** The code exchanged (with the verifier of its start), its ID token validated (with its nonce). */
    public Identity finish(String code, String codeVerifier, String nonce) {
        Provider p = provider();
        TokenResponse response;
        try {
            HTTPRequest request = new TokenRequest(p.metadata().getTokenEndpointURI(), new ClientSecretBasic(clientId,
                    secret), new AuthorizationCodeGrant(new AuthorizationCode(code), callback,
                            new CodeVerifier(codeVerifier))).toHTTPRequest();
            request.setConnectTimeout(CONNECT_TIMEOUT_MS);
            request.setReadTimeout(READ_TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(request.send());
        } catch (java.io.IOException e) {
            LOG.warnf("dashboard sign-in: the token endpoint could not be reached: %s", e.getMessage());
            throw new Unavailable("the identity provider's token endpoint could not be reached: " + e.getMessage(), e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            LOG.warnf("dashboard sign-in: the token endpoint's answer does not parse: %s", e.getMessage());
            throw new Unavailable("the identity provider's token answer does not parse: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new Refused("the code is malformed");
        }
        if (!response.indicatesSuccess()) {
            var error = response.toErrorResponse().getErrorObject();
            if (error.getHTTPStatusCode() >= 500) {
                LOG.warnf("dashboard sign-in: the token endpoint answered %d", error.getHTTPStatusCode());
                throw new Unavailable("the identity provider answered " + error.getHTTPStatusCode(), null);
            }
            LOG.infof("dashboard sign-in: a code was refused: %s", error.getCode());
            throw new Refused("the code was refused: " + error.getCode());
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims;
        try {
            claims = p.idTokens().validate(idToken, new Nonce(nonce));
        } catch (com.nimbusds.jose.KeySourceException e) {
            LOG.warnf("dashboard sign-in: the realm's keys could not be read: %s", e.getMessage());
            throw new Unavailable("the identity provider's keys could not be read: " + e.getMessage(), e);
        } catch (Exception e) {
            LOG.warnf("dashboard sign-in: an ID token did not validate: %s", e.getMessage());
            throw new Refused("the ID token did not validate");
        }
        String username = Optional.ofNullable(claims.getStringClaim("upn"))
                .or(() -> Optional.ofNullable(claims.getStringClaim("preferred_username")))
                .orElseThrow(() -> new Refused("the ID token names nobody (no upn, no preferred_username)"));
        List<String> groups = Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
        String name = Optional.ofNullable(claims.getStringClaim("name")).filter(n -> !n.isBlank()).orElse(username);
        Object sid = claims.getClaim("sid");
        var tokens = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        return new Identity(username, name, groups.stream().filter(Roles.ALL::contains).collect(Collectors.toSet()),
                claims.getStringClaim(Roles.UNIT_CLAIM), sid == null ? null : sid.toString(), idToken.serialize(),
                granted(tokens));
    }

    /** The access token Keycloak granted the session, its refresh token, and when the access token ends. */
    public record Grant(String accessToken, String refreshToken, java.time.Instant accessExpiresAt) {
    }

    private Grant granted(com.nimbusds.oauth2.sdk.token.Tokens tokens) {
        long lifetime = tokens.getAccessToken().getLifetime();
        return new Grant(tokens.getAccessToken().getValue(), tokens.getRefreshToken() == null ? null
                : tokens.getRefreshToken().getValue(), clock.instant().plusSeconds(lifetime > 0 ? lifetime : 60));
    }

    /**
     * A new access token for a session, by its refresh token (OAuth 2.0's refresh grant, as the
     * dashboard's confidential client); {@link Refused} when Keycloak no longer honours it (the
     * session ended there, or idled out): the officer signs in again.
     */
    public Grant refresh(String refreshToken) {
        Provider p = provider();
        TokenResponse response;
        try {
            HTTPRequest request = new TokenRequest(p.metadata().getTokenEndpointURI(), new ClientSecretBasic(clientId,
                    secret), new com.nimbusds.oauth2.sdk.RefreshTokenGrant(
                            new com.nimbusds.oauth2.sdk.token.RefreshToken(refreshToken))).toHTTPRequest();
            request.setConnectTimeout(CONNECT_TIMEOUT_MS);
            request.setReadTimeout(READ_TIMEOUT_MS);
            response = com.nimbusds.oauth2.sdk.TokenResponse.parse(request.send());
        } catch (java.io.IOException e) {
            throw new Unavailable("the identity provider's token endpoint could not be reached: " + e.getMessage(), e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new Unavailable("the identity provider's token answer does not parse: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            var error = response.toErrorResponse().getErrorObject();
            if (error.getHTTPStatusCode() >= 500) {
                throw new Unavailable("the identity provider answered " + error.getHTTPStatusCode(), null);
            }
            throw new Refused("the refresh token was refused: " + error.getCode());
        }
        return granted(response.toSuccessResponse().getTokens());
    }

    /** The Keycloak session a back-channel logout token ends (its {@code sid}), once it validated. */
    public String loggedOutSession(String logoutToken) {
        try {
            LogoutTokenClaimsSet claims = provider().logoutTokens().validate(JWTParser.parse(logoutToken));
            if (claims.getSessionID() == null) {
                throw new Refused("the logout token names no session (sid)");
            }
            return claims.getSessionID().getValue();
        } catch (Unavailable | Refused e) {
            throw e;
        } catch (com.nimbusds.jose.KeySourceException e) {
            LOG.warnf("back-channel logout: the realm's keys could not be read: %s", e.getMessage());
            throw new Unavailable("the identity provider's keys could not be read: " + e.getMessage(), e);
        } catch (Exception e) {
            LOG.infof("back-channel logout: a logout token did not validate: %s", e.getMessage());
            throw new Refused("the logout token did not validate: " + e.getMessage());
        }
    }

    /** Where the browser signs out of Keycloak too, then comes back to the dashboard's sign-in page. */
    public URI endSession(String idToken) {
        try {
            return new LogoutRequest(provider().metadata().getEndSessionEndpointURI(), JWTParser.parse(idToken),
                    signedOut, null).toURI();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a stored ID token does not parse", e);
        }
    }
}
