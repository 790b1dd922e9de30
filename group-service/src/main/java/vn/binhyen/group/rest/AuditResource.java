package vn.binhyen.group.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.service.GroupCommandService;

/**
 * For auditors: a group as it was at a moment, folded from its events up to then, with the
 * hashes of those events so the auditor can check them against the Kafka log. The view carries
 * names and roles, never phones or Zalo ids. Each query is itself recorded, as an
 * {@code AuditQueried} event.
 */
@Path("/api/v1/audit/streams")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final GroupCommandService service;
    private final EventStore store;
    private final JsonWebToken token;
    private final Clock clock;

    AuditResource(GroupCommandService service, EventStore store, JsonWebToken token, Clock clock) {
        this.service = service;
        this.store = store;
        this.token = token;
        this.clock = clock;
    }

    public record EventRef(long version, String eventId, String eventType, Instant recordedAt, String hash) {
    }

    public record StreamAt(String streamId, Instant at, long version, GroupResource.GroupView state,
            List<EventRef> events) {
    }

    @GET
    @Path("/{streamId}")
    @RolesAllowed(Roles.AUDITOR)
    public Response at(@PathParam("streamId") String streamId, @QueryParam("at") String atText) {
        Instant at;
        try {
            at = atText == null ? clock.instant() : Instant.parse(atText);
        } catch (DateTimeParseException e) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "at must be an ISO-8601 instant").withErrors(List.of(new Problem.FieldError("at", "ISO-8601",
                            "not an instant: " + atText))).toResponse();
        }
        var events = store.read(streamId).stream().filter(e -> !e.recordedAt().isAfter(at))
                .map(e -> new EventRef(e.streamVersion(), e.eventId().toString(), e.eventType(), e.recordedAt(),
                        e.hash())).toList();
        if (!(service.loadAt(streamId, at) instanceof Group.Established g)) {
            throw new UnknownGroupException("no group " + streamId + " at " + at);
        }
        long version = events.isEmpty() ? 0 : events.getLast().version();
        GroupResource.GroupView view = GroupResource.GroupView.of(g, version);
        record(streamId, at);
        return Response.ok(new StreamAt(streamId, at, version, view, events)).build();
    }

    private void record(String streamId, Instant at) {
        var payload = Json.MAPPER.createObjectNode().put("streamId", streamId).put("at", at.toString())
                .put("auditor", token.getSubject());
        String stream = "audit-" + UUID.nameUUIDFromBytes(token.getSubject().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        store.append(stream, EventStore.ANY_VERSION, List.of(new NewEvent(EventIds.next(), "AuditQueried", 1,
                clock.instant(), Actor.of(token.getSubject(), Roles.AUDITOR), "audit-" + EventIds.next(), null, payload)));
    }
}
