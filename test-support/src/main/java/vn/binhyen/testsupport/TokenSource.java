package vn.binhyen.testsupport;

/**
 * Where a caller's bearer token comes from: Keycloak under {@code bin/stack} and in the system
 * tests ({@link KeycloakTokens}, issue 22), the development key in the services' own tests
 * ({@link #DEVELOPMENT}). Staff roles name the demo's unit ({@link Tokens#DEFAULT_UNIT}).
 */
@FunctionalInterface
public interface TokenSource {
    /** A token for {@code subject} (a username, or a bot's client id) in {@code role}. */
    String token(String role, String subject);

    /** Tokens signed with the committed development key, which only the services' tests accept. */
    TokenSource DEVELOPMENT = Tokens::forRole;
}
