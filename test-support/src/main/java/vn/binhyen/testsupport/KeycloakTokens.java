package vn.binhyen.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.binhyen.contracts.Roles;

/**
 * Tokens Keycloak issued (issue 22), for the development tools ({@code bin/stack token}, the demo)
 * and the system tests. A person is a user of the realm (created through the admin API when
 * missing, with a password and a one-time-code device) who signs in by the password grant of the
 * development client {@code binhyen-cli} with password and current code; a bot is a confidential
 * client with the client-credentials grant and the realm role {@code BOT}. Group roles (LEADER,
 * DEPUTY, ADMIN, MEMBER) make a plain member ({@code MEMBER}): rosters say the rest.
 *
 * <p>Development only: the passwords, one-time-code secrets and client secrets of the users and
 * bots made here follow from their names ({@link #password}, {@link #otpSecret}, {@link #botSecret}),
 * so a person or a test can sign in as any of them ({@code bin/stack otp USER}). The realm file in
 * {@code deploy/keycloak/} holds none of them, nor the client {@code binhyen-cli}.
 */
public final class KeycloakTokens implements TokenSource {
    /** The development tools' public client, allowed the password grant (added to the realm by {@link #seedDemo}). */
    public static final String CLI_CLIENT = "binhyen-cli";
    private final Keycloak keycloak;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /**
     * The last 30-second window whose code each user signed in with, in this JVM: a code is good
     * once (the realm's otpPolicyCodeReusable is false), and Keycloak takes the next window's too
     * (otpPolicyLookAheadWindow 1), so a second sign-in within a window uses the next one's code.
     */
    private static final Map<String, Long> CODE_WINDOW_USED = new ConcurrentHashMap<>();

    record Cached(String token, long until) {
    }

    public KeycloakTokens(Keycloak keycloak) {
        this.keycloak = keycloak;
        ensureCliClient(keycloak);
    }

    @Override
    public String token(String role, String subject) {
        return token(role, subject, Tokens.UNIT_ROLES.contains(role) ? Tokens.DEFAULT_UNIT : null);
    }

    /** A token for {@code subject} in {@code role}, its {@code unit} claim naming {@code unit} (none when null). */
    public String token(String role, String subject, String unit) {
        if (!Roles.ALL.contains(role)) {
            throw new IllegalArgumentException("unknown role " + role + "; roles are " + Roles.ALL);
        }
        String realmRole = Roles.PEOPLE.contains(role) ? Roles.MEMBER : role;
        // by the realm role: a leader's and a member's token are the same user's, signed in once
        String key = realmRole + "\u0000" + subject + "\u0000" + unit;
        Cached c = cache.get(key);
        if (c != null && System.currentTimeMillis() < c.until()) {
            return c.token();
        }
        Keycloak.Answer a;
        if (role.equals(Roles.BOT)) {
            ensureBot(keycloak, subject);
            a = keycloak.postForm("/realms/" + Keycloak.REALM + "/protocol/openid-connect/token", Map.of("grant_type",
                    "client_credentials", "client_id", subject, "client_secret", botSecret(subject)));
        } else {
            ensureUser(keycloak, subject, realmRole, unit, null, password(subject));
            a = signIn(subject, password(subject));
        }
        if (a.status() != 200) {
            throw new IllegalStateException("Keycloak issued no token for " + role + " " + subject + ": " + a);
        }
        JsonNode t = a.json();
        String token = t.path("access_token").asText();
        JsonNode claims = claims(token);
        if (!claims.path("groups").toString().contains("\"" + realmRole + "\"")
                || (unit != null && !unit.equals(claims.path("unit").asText()))) {
            // the user existed already, in another role or unit: the realm keeps what it has
            throw new IllegalStateException(subject + " is in Keycloak with " + claims.path("groups") + " and unit "
                    + claims.path("unit") + ", not " + realmRole + (unit == null ? "" : " of " + unit)
                    + ": use another name");
        }
        // kept until a minute before it expires
        cache.put(key, new Cached(token, System.currentTimeMillis() + (t.path("expires_in").asLong() - 60) * 1000));
        return token;
    }

    /** The claims of a token (its payload, not verified: it came straight from Keycloak). */
    static JsonNode claims(String token) {
        try {
            return Keycloak.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("Keycloak's token does not parse", e);
        }
    }

    /** The password grant with the user's next unused one-time code. */
    Keycloak.Answer signIn(String username, String password) {
        return keycloak.postForm("/realms/" + Keycloak.REALM + "/protocol/openid-connect/token", Map.of("grant_type",
                "password", "client_id", CLI_CLIENT, "username", username, "password", password, "otp",
                nextUnusedCode(username), "scope", "openid"));
    }

    /**
     * A code of the user's that this JVM has not signed in with: the current window's, else the
     * next one's (which Keycloak accepts too), else, after two sign-ins in one window, the next
     * one's once the clock reaches it.
     */
    public static String nextUnusedCode(String username) {
        synchronized (CODE_WINDOW_USED) {
            long now = Instant.now().getEpochSecond() / 30;
            Long used = CODE_WINDOW_USED.get(username);
            long window = used == null || used < now ? now : used + 1;
            if (window > now + 1) {
                try {
                    // a one-time code's window is the clock's: nothing to await but the clock itself
                    Thread.sleep(Math.max(0, (window - 1) * 30_000 - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            CODE_WINDOW_USED.put(username, window);
            return totp(otpSecret(username), window);
        }
    }

    /** Development password of a user the tools made: the demo officers' are the README's, others' follow from the name. */
    public static String password(String username) {
        for (String[] o : Demo.OFFICERS) {
            if (o[0].equals(username)) {
                return o[3];
            }
        }
        return "dev-" + username + "-2026";
    }

    /** Development one-time-code secret of a user the tools made (Keycloak's plain secret: its bytes key the HMAC). */
    public static String otpSecret(String username) {
        return "binhyen-demo-otp:" + username;
    }

    /** Development client secret of a bot the tools made. */
    public static String botSecret(String clientId) {
        return "dev-bot-secret:" + clientId;
    }

    /** RFC 6238's code (HMAC-SHA1, 6 digits, 30 s: the realm's otpPolicy) of a plain secret, for window {@code window}. */
    public static String totp(String secret, long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(window).array());
            int o = h[h.length - 1] & 0xf;
            int code = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff))
                    % 1_000_000;
            return String.format("%06d", code);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current code of a user the tools made ({@code bin/stack otp USER}). */
    public static String currentCode(String username) {
        return totp(otpSecret(username), Instant.now().getEpochSecond() / 30);
    }

    static void ensureCliClient(Keycloak k) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", CLI_CLIENT);
        client.put("name", "Bình Yên development tools");
        client.put("description", "bin/stack token and the demo: the password grant with a one-time code. "
                + "Development only; the realm file does not hold it");
        client.put("publicClient", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", true);
        client.put("protocolMappers", userMappers());
        partialImport(k, Map.of("clients", List.of(client)));
    }

    /** The users' token claims, as the realm file's dashboard client has them: audience, upn, groups, unit. */
    static List<Object> userMappers() {
        return List.of(
                mapper("audience binhyen", "oidc-audience-mapper", Map.of("included.custom.audience", "binhyen",
                        "access.token.claim", "true", "id.token.claim", "false")),
                mapper("upn: username", "oidc-usermodel-property-mapper", Map.of("user.attribute", "username",
                        "claim.name", "upn", "jsonType.label", "String", "access.token.claim", "true",
                        "id.token.claim", "true")),
                groupsMapper(),
                mapper("unit: the user's unit", "oidc-usermodel-attribute-mapper", Map.of("user.attribute", "unit",
                        "claim.name", "unit", "jsonType.label", "String", "access.token.claim", "true",
                        "id.token.claim", "true")));
    }

    static Map<String, Object> groupsMapper() {
        return mapper("groups: realm roles", "oidc-usermodel-realm-role-mapper", Map.of("multivalued", "true",
                "claim.name", "groups", "jsonType.label", "String", "access.token.claim", "true", "id.token.claim",
                "true"));
    }

    static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", config);
    }

    static void partialImport(Keycloak k, Map<String, Object> what) {
        Map<String, Object> body = new LinkedHashMap<>(what);
        body.put("ifResourceExists", "SKIP");
        k.adminOk("POST", Keycloak.REALM + "/partialImport", body);
    }

    /**
     * A user of the realm named {@code username} in {@code role} (a group role makes a plain member),
     * unless one of that name exists, with the development password ({@link #password}) and, when
     * {@code withDevice}, a one-time-code device of the development secret ({@link #otpSecret}).
     */
    public void user(String username, String role, String unit, boolean withDevice) {
        ensureUser(keycloak, username, Roles.PEOPLE.contains(role) ? Roles.MEMBER : role, unit, null, password(username),
                withDevice);
    }

    /** The Keycloak these tokens come from. */
    public Keycloak keycloak() {
        return keycloak;
    }

    static void ensureUser(Keycloak k, String username, String role, String unit, String displayName, String password) {
        ensureUser(k, username, role, unit, displayName, password, true);
    }

    /** A user of the realm, unless one of that name exists: the realm role, the unit, a password and a code device. */
    static void ensureUser(Keycloak k, String username, String role, String unit, String displayName, String password,
            boolean withDevice) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        if (displayName != null) {
            user.put("firstName", displayName);
        }
        if (unit != null) {
            user.put("attributes", Map.of("unit", List.of(unit)));
        }
        user.put("realmRoles", List.of(role));
        List<Object> credentials = new ArrayList<>();
        credentials.add(Map.of("type", "password", "value", password, "temporary", false));
        if (withDevice) {
            credentials.add(Map.of("type", "otp", "userLabel", "development device", "secretData",
                    "{\"value\":\"" + otpSecret(username) + "\"}", "credentialData",
                    "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}"));
        }
        user.put("credentials", credentials);
        partialImport(k, Map.of("users", List.of(user)));
    }

    /**
     * A token Keycloak issued to a bot client {@code clientId} made like any other (its {@code BOT}
     * role, its {@code upn}) but for another audience than Bình Yên's: no service may accept it.
     */
    public String botTokenForAnotherAudience(String clientId) {
        ensureBot(keycloak, clientId, "another-service");
        Keycloak.Answer a = keycloak.postForm("/realms/" + Keycloak.REALM + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", botSecret(clientId)));
        if (a.status() != 200) {
            throw new IllegalStateException("Keycloak issued no token for " + clientId + ": " + a);
        }
        return a.json().path("access_token").asText();
    }

    static void ensureBot(Keycloak k, String clientId) {
        ensureBot(k, clientId, "binhyen");
    }

    /** A bot: a confidential client of the client-credentials grant for {@code audience}, its service account holding {@code BOT}. */
    static void ensureBot(Keycloak k, String clientId, String audience) {
        JsonNode found = k.adminOk("GET", Keycloak.REALM + "/clients?clientId="
                + java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8), null).json();
        if (!found.isEmpty()) {
            return;
        }
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("name", "Bot " + clientId);
        client.put("publicClient", false);
        client.put("secret", botSecret(clientId));
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("serviceAccountsEnabled", true);
        List<Object> mappers = new ArrayList<>();
        mappers.add(mapper("audience " + audience, "oidc-audience-mapper", Map.of("included.custom.audience", audience,
                "access.token.claim", "true", "id.token.claim", "false")));
        mappers.add(groupsMapper());
        mappers.add(mapper("upn: the bot's id", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "upn",
                "claim.value", clientId, "jsonType.label", "String", "access.token.claim", "true")));
        client.put("protocolMappers", mappers);
        k.adminOk("POST", Keycloak.REALM + "/clients", client, 409);
        String id = k.adminOk("GET", Keycloak.REALM + "/clients?clientId="
                + java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8), null).json().path(0).path("id").asText();
        String account = k.adminOk("GET", Keycloak.REALM + "/clients/" + id + "/service-account-user", null).json()
                .path("id").asText();
        JsonNode bot = k.adminOk("GET", Keycloak.REALM + "/roles/" + Roles.BOT, null).json();
        k.adminOk("POST", Keycloak.REALM + "/users/" + account + "/role-mappings/realm", List.of(bot));
    }

    /** The demo's people and bot ({@link Demo}): its officers with the README's passwords, its system administrator. */
    public static void seedDemo(Keycloak k) {
        ensureCliClient(k);
        for (String[] o : Demo.OFFICERS) {
            ensureUser(k, o[0], Roles.PEOPLE.contains(o[1]) ? Roles.MEMBER : o[1],
                    Tokens.UNIT_ROLES.contains(o[1]) ? Tokens.DEFAULT_UNIT : null, o[2], o[3]);
        }
        ensureUser(k, "sysadmin-1", Roles.SYSTEM_ADMIN, null, "Quản trị hệ thống", password("sysadmin-1"));
        ensureBot(k, Demo.BOT);
    }

    /**
     * {@code KeycloakTokens token ROLE [--subject ID] [--unit UNIT] [--keycloak URL]} prints a token
     * Keycloak issued ({@code bin/stack token}); {@code KeycloakTokens otp USER} prints the user's
     * current one-time code ({@code bin/stack otp}).
     */
    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("otp")) {
            System.out.println(currentCode(args[1]));
            return;
        }
        if (args.length < 2 || !args[0].equals("token")) {
            System.err.println("usage: KeycloakTokens token ROLE [--subject ID] [--unit UNIT] [--keycloak URL] | otp USER");
            System.exit(2);
        }
        String role = args[1].toUpperCase();
        String subject = role.toLowerCase() + "-1";
        String unit = null;
        String base = "http://127.0.0.1:8180";
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--subject" -> subject = args[++i];
                case "--unit" -> unit = args[++i];
                case "--keycloak" -> base = args[++i];
                case "--hours" -> {
                    i++;
                    System.err.println("--hours: Keycloak's realm decides a token's lifetime (15 minutes); ignored");
                }
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!Roles.ALL.contains(role)) {
            System.err.println("unknown role " + role + "; roles are " + Roles.ALL);
            System.exit(2);
        }
        if (unit == null && Tokens.UNIT_ROLES.contains(role)) {
            unit = Tokens.DEFAULT_UNIT;
        }
        System.out.println(new KeycloakTokens(Keycloak.at(base)).token(role, subject, unit));
    }
}
