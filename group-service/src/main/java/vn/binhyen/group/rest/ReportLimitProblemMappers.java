package vn.binhyen.group.rest;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.group.domain.CompromisedReportLimits;

/**
 * The limits on reports of hijacked accounts (audit F13) as problem documents naming the limit: a
 * duplicate is 409 (nothing recorded; the group was told already), a report beyond a reporter's or
 * the group's share is 429 with {@code Retry-After}. More specific than the 422 of a rule violation.
 */
public class ReportLimitProblemMappers {
    @ServerExceptionMapper
    public Response alreadyReported(CompromisedReportLimits.AlreadyReported e) {
        return Problem.of("already-reported", "Đã được báo / Already reported", Response.Status.CONFLICT, e.reason())
                .withCitation(e.citation())
                .withErrors(java.util.List.of(new Problem.FieldError(e.field(), e.citation(), e.reason())))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response tooManyReports(CompromisedReportLimits.TooManyReports e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(Problem.of("too-many-reports", "Quá nhiều lần báo / Too many reports", 429,
                e.reason()).withCitation(e.citation()).toResponse()).header("Retry-After", seconds).build();
    }
}
