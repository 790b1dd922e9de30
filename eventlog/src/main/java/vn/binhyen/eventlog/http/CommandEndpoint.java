package vn.binhyen.eventlog.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.eventlog.decider.CommandHandler;

/**
 * What every command endpoint of every service does, written once: the actor from the token, the
 * service's clock, {@code If-Match} as the version the caller expects ({@link ETags}), and the answer
 * carrying the stream's new version as a strong ETag. A resource injects it instead of threading the
 * token, the clock, the request's correlation and the ETag through each method; {@code DomainPurity}
 * refuses a {@code rest/} package that reaches past it to {@link ETags} or {@link RequestMetadata}.
 */
@ApplicationScoped
public class CommandEndpoint {
    private final JsonWebToken token;
    private final Clock clock;

    CommandEndpoint(JsonWebToken token, Clock clock) {
        this.token = token;
        this.clock = clock;
    }

    /** What the answer shows of a state at a version: a resource's view. */
    @FunctionalInterface
    public interface View<S> {
        Object of(S state, long version);
    }

    /** What decides a command on a stream at an expected version: a service's {@code handle}. */
    @FunctionalInterface
    public interface Handler<C, S, E> {
        CommandHandler.Outcome<S, E> handle(String streamId, OptionalLong expectedVersion, C command,
                CommandHandler.Metadata meta);
    }

    /** The caller: the token's principal ({@code upn}). */
    public String actor() {
        return token.getName();
    }

    /** The caller's roles, as the token grants them. */
    public Set<String> roles() {
        return Set.copyOf(token.getGroups());
    }

    /** Now, by the service's clock (a test's fixed one in tests). */
    public Instant now() {
        return clock.instant();
    }

    /** Who asks and under which correlation. */
    public CommandHandler.Metadata meta(ContainerRequestContext request) {
        return meta(request, null);
    }

    /** {@code onBehalfOf}: whom the caller acts for (a bot for a member it saw react), else null. */
    public CommandHandler.Metadata meta(ContainerRequestContext request, String onBehalfOf) {
        return RequestMetadata.of(token, request, onBehalfOf);
    }

    /** The version {@code If-Match} states: empty without one; 400 for anything but a strong version tag. */
    public OptionalLong expected(String ifMatch) {
        return ETags.expectedVersion(ifMatch);
    }

    /**
     * The whole command: decided by {@code handler} on {@code streamId} at the version {@code If-Match}
     * states, answered 200 with {@code view} of the new state and the new version as the ETag.
     */
    public <C, S, E> Response handle(Handler<C, S, E> handler, String streamId, String ifMatch, C command,
            ContainerRequestContext request, View<? super S> view) {
        return ok(handler.handle(streamId, expected(ifMatch), command, meta(request)), view);
    }

    /** 200 with {@code view} of the outcome's state, its version as the ETag. */
    public <S> Response ok(CommandHandler.Outcome<S, ?> outcome, View<? super S> view) {
        return ok(view.of(outcome.state(), outcome.version()), outcome.version());
    }

    /** 200 with {@code entity}, {@code version} as the ETag (a read, or a command's answer). */
    public Response ok(Object entity, long version) {
        return Response.ok(entity).tag(ETags.of(version)).build();
    }

    /** 201 at {@code location} with {@code entity}, {@code version} as the ETag. */
    public Response created(URI location, Object entity, long version) {
        return Response.created(location).tag(ETags.of(version)).entity(entity).build();
    }

    /** {@code answer} with {@code version} as its ETag, for answers of their own shape (a 422 that records). */
    public Response.ResponseBuilder tagged(Response.ResponseBuilder answer, long version) {
        return answer.tag(ETags.of(version));
    }
}
