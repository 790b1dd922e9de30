package vn.binhyen.group.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.http.AuditStreams;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.domain.unit.Unit;
import vn.binhyen.group.domain.unit.UnknownUnitException;
import vn.binhyen.group.projection.UnitTree;
import vn.binhyen.group.service.GroupCommandService;
import vn.binhyen.group.service.UnitCommandService;

/**
 * group-service's streams for eventlog's audit endpoint: a group as it was at a moment (names and
 * roles, never phones or Zalo ids), only within the auditor's scope (their unit and those below it;
 * else it is unknown, 404); a unit's stream ({@code unit-…}) to any auditor; a stream of something
 * else this service keeps (residents' feedback, auditors' own queries) is no group: unknown.
 */
@ApplicationScoped
public class GroupAuditStreams implements AuditStreams {
    private final GroupCommandService service;
    private final UnitCommandService unitService;
    private final UnitTree units;

    GroupAuditStreams(GroupCommandService service, UnitCommandService unitService, UnitTree units) {
        this.service = service;
        this.unitService = unitService;
        this.units = units;
    }

    @Override
    public boolean visible(JsonWebToken auditor, String streamId, List<Envelope> events) {
        return true; // a group's scope needs its state at the moment: checked as it is folded
    }

    @Override
    public Object fold(JsonWebToken auditor, String streamId, List<Envelope> events, Instant at) {
        if (streamId.startsWith(UnitCommandService.STREAM_PREFIX)) {
            String unitId = streamId.substring(UnitCommandService.STREAM_PREFIX.length());
            if (!(unitService.loadAt(unitId, at).unit() instanceof Unit.Established u)) {
                throw new UnknownUnitException("no unit " + unitId + " at " + at);
            }
            return UnitResource.UnitView.of(u, events.getLast().streamVersion());
        }
        // answered as a group that does not exist, not folded as a group (which failed with a 500)
        if (events.stream().anyMatch(e -> !GroupEvent.TYPES.containsKey(e.eventType()))
                || !(service.loadAt(streamId, at) instanceof Group.Established g)
                || !Access.mayOversee(auditor, g, units)) {
            throw new UnknownGroupException("no group " + streamId + " at " + at);
        }
        return GroupResource.GroupView.of(g, events.getLast().streamVersion());
    }
}
