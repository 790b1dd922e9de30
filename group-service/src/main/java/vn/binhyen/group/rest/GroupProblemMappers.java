package vn.binhyen.group.rest;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.group.domain.Conflict;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.domain.unit.UnknownUnitException;

/**
 * An unknown group or unit is a 404 problem document; a read by an outsider, 403; a command asking
 * for what already holds (a unit established again, a bot bound twice), 409 with the rule's
 * citation: more specific than the 422 of a rule violation.
 */
public class GroupProblemMappers {
    @ServerExceptionMapper
    public Response unknownGroup(UnknownGroupException e) {
        return Problem.of("unknown-group", "Không tìm thấy nhóm / Unknown group", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownUnit(UnknownUnitException e) {
        return Problem.of("unknown-unit", "Không tìm thấy đơn vị / Unknown unit", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownFeedback(vn.binhyen.group.domain.feedback.UnknownFeedbackException e) {
        return Problem.of("unknown-feedback", "Không tìm thấy phản ánh / Unknown feedback", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e) {
        Problem p = Problem.of("state-conflict", "Xung đột trạng thái / State conflict", Response.Status.CONFLICT,
                e.getMessage()).withCitation(e.citation());
        if (e.field() != null) {
            p = p.withErrors(List.of(new Problem.FieldError(e.field(), e.citation(), e.reason())));
        }
        return p.toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(Access.Forbidden e) {
        return Access.forbidden(e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(Access.NotFound e) {
        return Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND, e.getMessage())
                .toResponse();
    }
}
