package vn.binhyen.eventlog.http;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.NewEvent;

/**
 * The audit endpoint every service answers ({@code GET /api/v1/audit/streams/{id}?at=}, role
 * {@code AUDITOR}): a stream as it was at a moment, folded by its owning service from its
 * events up to then, with those events' ids and hashes so the auditor can check them against
 * the Kafka log. Each query is itself recorded, as an {@code AuditQueried} event on the
 * auditor's own stream, so audits are audited. The service supplies the fold (and masks
 * personal data in it: auditors never see reporters or addresses in clear).
 */
public final class AuditQuery {
    public record EventRef(long version, String eventId, String eventType, Instant recordedAt, String hash) {
    }

    public record StreamAt(String streamId, Instant at, long version, Object state, List<EventRef> events) {
    }

    private AuditQuery() {
    }

    /**
     * Answers the query: 400 naming {@code at} when it is not an ISO-8601 instant, 404 when the
     * stream had no events by then; else the state {@code fold} makes of the events up to
     * {@code at} (null where the service keeps no aggregate for that kind of stream) and the
     * query recorded. The fold may throw the service's own not-found exception.
     */
    public static Response answer(EventStore store, Clock clock, String auditor, String streamId, String atText,
            BiFunction<List<Envelope>, Instant, Object> fold) {
        return answer(store, clock, auditor, streamId, atText, events -> true, fold);
    }

    /**
     * As {@link #answer(EventStore, Clock, String, String, String, BiFunction)}, for an auditor who
     * sees only some streams (issue 21: their unit's and the units' below it): a stream
     * {@code visible} refuses is answered as one that does not exist (404), and no query is recorded.
     */
    public static Response answer(EventStore store, Clock clock, String auditor, String streamId, String atText,
            java.util.function.Predicate<List<Envelope>> visible, BiFunction<List<Envelope>, Instant, Object> fold) {
        Instant at;
        try {
            at = atText == null ? clock.instant() : Instant.parse(atText);
        } catch (DateTimeParseException e) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "at must be an ISO-8601 instant").withErrors(List.of(new Problem.FieldError("at", "ISO-8601",
                            "not an instant: " + atText))).toResponse();
        }
        List<Envelope> all = store.read(streamId);
        List<Envelope> events = all.stream().filter(e -> !e.recordedAt().isAfter(at)).toList();
        if (events.isEmpty() || !visible.test(all)) {
            return Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                    "no stream " + streamId + " at " + at).toResponse();
        }
        List<EventRef> refs = events.stream().map(e -> new EventRef(e.streamVersion(), e.eventId().toString(),
                e.eventType(), e.recordedAt(), e.hash())).toList();
        Object state = fold.apply(events, at);
        record(store, clock, auditor, streamId, at);
        return Response.ok(new StreamAt(streamId, at, events.getLast().streamVersion(), state, refs)).build();
    }

    private static void record(EventStore store, Clock clock, String auditor, String streamId, Instant at) {
        var payload = Json.MAPPER.createObjectNode().put("streamId", streamId).put("at", at.toString())
                .put("auditor", auditor);
        String stream = "audit-" + UUID.nameUUIDFromBytes(auditor.getBytes(StandardCharsets.UTF_8));
        store.append(stream, EventStore.ANY_VERSION, List.of(new NewEvent(EventIds.next(), "AuditQueried", 1,
                clock.instant(), Actor.of(auditor, vn.binhyen.contracts.Roles.AUDITOR), "audit-" + EventIds.next(), null, payload)));
    }

    /**
     * Whether an auditor's token sees a stream of a unit's or a group's (issue 21): the unit its
     * first event that names one names ({@code unit}, else {@code groupId}'s unit), within the
     * auditor's unit or below it. A stream that names neither (the platform's own: policies,
     * units, audit queries) is every auditor's.
     */
    public static java.util.function.Predicate<List<Envelope>> scopedTo(org.eclipse.microprofile.jwt.JsonWebToken token,
            vn.binhyen.eventlog.directory.Directory directory) {
        return scopedTo(token, directory, reportId -> java.util.Optional.empty());
    }

    /**
     * As {@link #scopedTo(org.eclipse.microprofile.jwt.JsonWebToken, vn.binhyen.eventlog.directory.Directory)},
     * where an event that names neither names a report: the unit {@code unitOfReport} gives it (who
     * read which report's personal data, in report-intake's access streams, is that report's unit's).
     */
    public static java.util.function.Predicate<List<Envelope>> scopedTo(org.eclipse.microprofile.jwt.JsonWebToken token,
            vn.binhyen.eventlog.directory.Directory directory,
            java.util.function.Function<String, java.util.Optional<String>> unitOfReport) {
        return events -> {
            for (Envelope e : events) {
                String report = e.payload().path("reportId").asText(null);
                if (!e.payload().hasNonNull("unit") && !e.payload().hasNonNull("groupId") && report != null) {
                    var unit = unitOfReport.apply(report);
                    if (unit.isPresent()) {
                        return Callers.unit(token).filter(scope -> directory.within(unit.get(), scope)).isPresent();
                    }
                }
                String unit = e.payload().path("unit").asText(null);
                if (unit != null && !unit.isBlank()) {
                    return Callers.unit(token).filter(scope -> directory.within(unit, scope)).isPresent();
                }
                String group = e.payload().path("groupId").asText(null);
                if (group != null && !group.isBlank()) {
                    return directory.mayOversee(token, group);
                }
            }
            return true;
        };
    }
}
