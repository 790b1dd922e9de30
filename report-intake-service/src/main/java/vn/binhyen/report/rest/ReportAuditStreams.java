package vn.binhyen.report.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.http.AuditQuery;
import vn.binhyen.eventlog.http.AuditStreams;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.projection.ReportQueue;
import vn.binhyen.report.service.ReporterKeys;

/**
 * report-intake's streams for eventlog's audit endpoint (issue 8): a report folded by
 * {@link vn.binhyen.report.domain.ReportDecider}, its reporter masked as for every role that does not
 * handle reports (a shredded reporter stays shredded; the events still verify); streams that are not
 * reports (personal-data reads, dashboard sessions) with their events only. An auditor sees the
 * reports their unit or a unit below it received (issue 21).
 */
@ApplicationScoped
public class ReportAuditStreams implements AuditStreams {
    private final CommandHandler<ReportCommand, Report, ReportEvent> reports;
    private final ReporterKeys keys;
    private final Directory directory;
    private final ReportQueue queue;

    ReportAuditStreams(CommandHandler<ReportCommand, Report, ReportEvent> reports, ReporterKeys keys,
            Directory directory, ReportQueue queue) {
        this.reports = reports;
        this.keys = keys;
        this.directory = directory;
        this.queue = queue;
    }

    @Override
    public boolean visible(JsonWebToken auditor, String streamId, List<Envelope> events) {
        return AuditQuery.scopedTo(auditor, directory, report -> Optional.ofNullable(queue.placement(report))
                .map(ReportQueue.Placement::unit)).test(events);
    }

    @Override
    public Object fold(JsonWebToken auditor, String streamId, List<Envelope> events, Instant at) {
        if (!streamId.startsWith("report-")) {
            return null;
        }
        Report state = reports.decider().fold(events.stream().map(reports.codec()::decode).toList());
        return state instanceof Report.Open o
                ? ReportResource.ReportView.of(o, keys.mask(o.reportId(), o.reporter()), o.details(), o.content(), at)
                : null;
    }
}
