package vn.binhyen.moderation.rest;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.moderation.service.ScreeningService;

/** moderation-service's own refusals as problem documents. */
public class ModerationProblemMappers {
    @ServerExceptionMapper
    public Response conflictingMessage(ScreeningService.ConflictingMessage e) {
        return Problem.of("message-id-reused", "Mã tin nhắn đã dùng / Message id reused", Response.Status.CONFLICT,
                e.getMessage()).toResponse();
    }

    /** The group's profile has no policy here: the server's gap, not the bot's; it may retry later. */
    @ServerExceptionMapper
    public Response noPolicy(vn.binhyen.moderation.service.PolicyRegistry.NoPolicyInForce e) {
        return Problem.of("policy-not-in-force", "Chưa có quy chế cho nhóm / No policy in force",
                Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownReview(vn.binhyen.moderation.service.ReviewService.UnknownReview e) {
        return Problem.of("unknown-review", "Không tìm thấy / Unknown review", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownPost(vn.binhyen.moderation.service.PostingService.UnknownPost e) {
        return Problem.of("unknown-post", "Không tìm thấy bài viết / Unknown post", Response.Status.NOT_FOUND,
                e.getMessage()).toResponse();
    }
}
