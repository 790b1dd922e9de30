package vn.binhyen.report.rest;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.report.domain.UnknownReportException;

/** An unknown report, or a register the caller may not see, is a 404 problem document; a shredded one a 409. */
public class ReportProblemMappers {
    @ServerExceptionMapper
    public Response unknownReport(UnknownReportException e) {
        return Problem.of("unknown-report", "Không tìm thấy tin báo / Unknown report", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
    }

    /** 409: the report's personal data was shredded, and nothing more is recorded for it (issue 21, F8). */
    @ServerExceptionMapper
    public Response shredded(vn.binhyen.report.service.ReporterKeys.Shredded e) {
        return Problem.of("reporter-shredded", "Dữ liệu cá nhân đã bị hủy / Personal data shredded",
                Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownRegister(RegisterResource.UnknownRegister e) {
        return Problem.of("unknown-register", "Không tìm thấy sổ / Unknown register", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
    }
}
