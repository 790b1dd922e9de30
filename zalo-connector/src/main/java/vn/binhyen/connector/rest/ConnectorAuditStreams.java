package vn.binhyen.connector.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.eventlog.http.AuditStreams;

/**
 * zalo-connector's streams for eventlog's audit endpoint: a group's binding ({@code binding-…}:
 * bound, accounts mapped, strangers seen, joins nobody approved) and the actions carried into Zalo
 * (requested, carried out with Zalo's reference, or not possible and why), with their events; the
 * connector keeps no aggregate of them, so no state is folded. An auditor sees the streams of
 * their unit's groups and the units' below it (issue 21).
 */
@ApplicationScoped
public class ConnectorAuditStreams implements AuditStreams {
    private final Directory directory;

    ConnectorAuditStreams(Directory directory) {
        this.directory = directory;
    }

    @Override
    public boolean visible(JsonWebToken auditor, String streamId, List<Envelope> events) {
        return AuditQuery.scopedTo(auditor, directory).test(events);
    }

    @Override
    public Object fold(JsonWebToken auditor, String streamId, List<Envelope> events, Instant at) {
        return null;
    }
}
