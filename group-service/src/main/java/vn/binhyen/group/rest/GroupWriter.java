package vn.binhyen.group.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.http.RequestMetadata;
import vn.binhyen.eventlog.http.ETags;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.service.GroupCommandService;

/** What every group write endpoint does: the token's actor, the clock, If-Match, the ETag. */
@ApplicationScoped
class GroupWriter {
    private final GroupCommandService service;
    private final JsonWebToken token;
    private final Clock clock;

    GroupWriter(GroupCommandService service, JsonWebToken token, Clock clock) {
        this.service = service;
        this.token = token;
        this.clock = clock;
    }

    String subject() {
        return token.getSubject();
    }

    Instant now() {
        return clock.instant();
    }

    CommandHandler.Metadata meta(ContainerRequestContext request) {
        return meta(request, null);
    }

    /** {@code onBehalfOf}: the member a bot acts for (a reaction it saw in Zalo), else null. */
    CommandHandler.Metadata meta(ContainerRequestContext request, String onBehalfOf) {
        return RequestMetadata.of(token, request, onBehalfOf);
    }

    /** Handles the command and answers with the group and its new version as the ETag. */
    Response write(String groupId, String ifMatch, GroupCommand command, ContainerRequestContext request) {
        return write(groupId, ifMatch, command, meta(request));
    }

    Response write(String groupId, String ifMatch, GroupCommand command, CommandHandler.Metadata meta) {
        return writeAt(groupId, ETags.expectedVersion(ifMatch), command, meta);
    }

    /** At {@code expectedVersion} (empty: whatever the group's version is). */
    Response writeAt(String groupId, java.util.OptionalLong expectedVersion, GroupCommand command,
            CommandHandler.Metadata meta) {
        var outcome = service.handle(groupId, expectedVersion, command, meta);
        return Response.ok(GroupResource.GroupView.of(outcome.state(), outcome.version()))
                .tag(ETags.of(outcome.version())).build();
    }

    /** The group now, for reads; 404 when there is none; 403 unless a member or an oversight role. */
    Group.Established readable(String groupId) {
        if (!(service.load(groupId).group() instanceof Group.Established g)) {
            throw new UnknownGroupException("no group " + groupId);
        }
        if (!Access.oversight(token) && g.seat(token.getSubject()).isEmpty()) {
            throw new Access.Forbidden("only the group's members, and oversight roles, read it");
        }
        return g;
    }
}
