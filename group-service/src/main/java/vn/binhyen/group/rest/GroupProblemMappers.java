package vn.binhyen.group.rest;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.group.domain.UnknownGroupException;

/** An unknown group is a 404 problem document; a read by an outsider, 403. */
public class GroupProblemMappers {
    @ServerExceptionMapper
    public Response unknownGroup(UnknownGroupException e) {
        return Problem.of("unknown-group", "Không tìm thấy nhóm / Unknown group", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
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
