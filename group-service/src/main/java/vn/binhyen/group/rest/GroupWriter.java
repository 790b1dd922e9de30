package vn.binhyen.group.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.http.CommandEndpoint;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.projection.UnitTree;
import vn.binhyen.group.service.GroupCommandService;

/**
 * What every group endpoint does: the command itself through eventlog's {@link CommandEndpoint} (the
 * token's actor, the clock, If-Match, the ETag), and who may read or command the group ({@link Access}).
 */
@ApplicationScoped
class GroupWriter {
    private final GroupCommandService service;
    private final JsonWebToken token;
    private final CommandEndpoint endpoint;
    private final UnitTree units;

    GroupWriter(GroupCommandService service, JsonWebToken token, CommandEndpoint endpoint, UnitTree units) {
        this.service = service;
        this.token = token;
        this.endpoint = endpoint;
        this.units = units;
    }

    /** The command endpoint's plumbing, for answers that are not a group's (a feedback thread's, say). */
    CommandEndpoint endpoint() {
        return endpoint;
    }

    String subject() {
        return endpoint.actor();
    }

    Instant now() {
        return endpoint.now();
    }

    CommandHandler.Metadata meta(ContainerRequestContext request) {
        return meta(request, null);
    }

    /** {@code onBehalfOf}: the member a bot acts for (a reaction it saw in Zalo), else null. */
    CommandHandler.Metadata meta(ContainerRequestContext request, String onBehalfOf) {
        return endpoint.meta(request, onBehalfOf);
    }

    /** Handles the command and answers with the group and its new version as the ETag. */
    Response write(String groupId, String ifMatch, GroupCommand command, ContainerRequestContext request) {
        return write(groupId, ifMatch, command, meta(request));
    }

    Response write(String groupId, String ifMatch, GroupCommand command, CommandHandler.Metadata meta) {
        return writeAt(groupId, endpoint.expected(ifMatch), command, meta);
    }

    /** At {@code expectedVersion} (empty: whatever the group's version is). */
    Response writeAt(String groupId, java.util.OptionalLong expectedVersion, GroupCommand command,
            CommandHandler.Metadata meta) {
        var outcome = service.handle(groupId, expectedVersion, command, meta);
        return endpoint.ok(GroupResource.GroupView.of(outcome.state(), outcome.version()), outcome.version());
    }

    /**
     * The group now, for reads; 404 when there is none, or when an oversight role reads beyond its
     * scope; 403 for a person not on its roster.
     */
    Group.Established readable(String groupId) {
        return (Group.Established) readableLoaded(groupId).group();
    }

    /** {@link #readable}, with the version the group was read at. */
    GroupCommandService.Loaded readableLoaded(String groupId) {
        var loaded = service.load(groupId);
        if (!(loaded.group() instanceof Group.Established g)) {
            throw new UnknownGroupException("no group " + groupId);
        }
        if (g.seat(token.getName()).isEmpty() && !oversees(g)) {
            throw outsider(groupId, "only the group's members, and oversight roles within their unit, read it");
        }
        return loaded;
    }

    /**
     * The group now, for its superior authority's commands (suspension, resumption, termination,
     * profile change): 404 when there is none or the caller's unit is another; 403 when the caller
     * may read it but not command it (an auditor who is also a commander elsewhere, say).
     */
    Group.Established commandable(String groupId) {
        if (!(service.load(groupId).group() instanceof Group.Established g)) {
            throw new UnknownGroupException("no group " + groupId);
        }
        if (!Access.mayCommand(token, g)) {
            if (oversees(g)) {
                throw new Access.Forbidden("only a commander of the group's unit, or a system administrator, "
                        + "suspends, resumes, terminates or re-profiles it");
            }
            throw new UnknownGroupException("no group " + groupId);
        }
        return g;
    }

    /** Whether the caller may read {@code g} without being on its roster ({@link Access#mayOversee}). */
    boolean oversees(Group.Established g) {
        return Access.mayOversee(token, g, units);
    }

    /**
     * The refusal of someone who may not read the group: "unknown group" (404) for an oversight
     * role, whose scope is another unit's, so the group's existence is not revealed; 403 for a person.
     */
    RuntimeException outsider(String groupId, String detail) {
        return Access.oversight(token) ? new UnknownGroupException("no group " + groupId) : new Access.Forbidden(detail);
    }

    /** The units whose groups the caller lists (null: every unit's; {@link Access#listScope}). */
    java.util.Set<String> listScope() {
        return Access.listScope(token, units);
    }
}
