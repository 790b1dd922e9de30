package vn.binhyen.report.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.report.dashboard.BoardServices;
import vn.binhyen.report.dashboard.Sessions;

/**
 * The boards' console (issue 24, {@code /dashboard/approvals}): for each group the signed-in person
 * sits on the board of (leader, deputy or admin, by the group's roster in group-service), what
 * waits for them — membership proposals (removals proposed by the sanction ladder among them),
 * leave requests, changes to the group's information, directives and who has not acknowledged
 * them, and flagged messages for the board to confirm or overturn (moderation-service). Each read
 * and each step is a call to those services' own APIs as the person ({@link BoardServices}), so
 * their deciders judge it; a refusal is shown with its reason and citation. Steps the roster
 * gives only the leader are offered only to the leader.
 */
@Path("/dashboard/approvals")
@PermitAll
@Tag(name = "Dashboard pages")
public class ApprovalsResource {
    static final Set<String> BOARD = Set.of("LEADER", "DEPUTY", "ADMIN");
    /** What a step that was done says, by the code its redirect carries (a link cannot make the page say more). */
    static final Map<String, String> DONE = Map.of("duyet", "Đã duyệt đề nghị.", "tu-choi", "Đã từ chối đề nghị.",
            "roi-nhom", "Đã đồng ý cho thành viên rời nhóm.", "doi-thong-tin", "Đã đồng ý thay đổi thông tin nhóm.",
            "giu-thong-tin", "Đã từ chối thay đổi thông tin nhóm.", "vi-pham", "Đã xác nhận vi phạm.",
            "khong-vi-pham", "Đã bác kết quả sàng lọc: không vi phạm.");
    /** What each step's OpenAPI entry says of it: the same for every step of the page. */
    static final String BY_THE_SERVICE = "The step is a call to the owning service's API as the person; its refusal "
            + "(403, 404, 409, 412, 422...) is not passed on but shown on the approvals page, so an unknown id "
            + "redirects rather than 404.";
    static final String BACK_TO_THE_PAGE = "To /dashboard/approvals with xong (done) or loi (the service's refusal and "
            + "its reason, an unknown id among them); to /dashboard/login?loi=het-han when the session must sign in "
            + "again; to /dashboard/sign-in without a live session";
    static final String FORGED_FORM = "The form came from another origin, or without the session's CSRF token (_csrf "
            + "field or X-CSRF-Token header); nothing is done";

    /** A post's steps on the console (police-song-tri:13.2), moderation-service's paths, and what each says when done. */
    static final Map<String, String> POST_STEPS = Map.of("verification", "bai-da-kiem-tra", "return", "bai-tra-lai",
            "approval", "bai-da-duyet", "publication", "bai-da-dang");
    static final Map<String, String> POST_DONE = Map.of("bai-da-kiem-tra", "Đã xác nhận kiểm tra bài viết.",
            "bai-tra-lai", "Đã trả lại bài viết cho người soạn để sửa.", "bai-da-duyet", "Đã phê duyệt bài viết.",
            "bai-da-dang", "Đã ghi nhận bài viết được đăng lên nhóm.");

    private final Sessions accounts;
    private final BoardServices services;

    ApprovalsResource(Sessions accounts, BoardServices services) {
        this.accounts = accounts;
        this.services = services;
    }

    /** {@code reason}: why it was proposed (a sanction removal's level and clause among them), as group-service has it. */
    public record Proposal(String proposalId, String change, String memberId, String fullName, String role,
            String proposedBy, String reason) {
    }

    public record Leave(String memberId, String fullName) {
    }

    public record InfoChange(String changeId, String name, String description, String proposedBy) {
    }

    public record Directive(String directiveId, String text, String issuedBy, String acknowledgeBy, int recipients,
            List<String> pending, int rate) {
    }

    public record Review(String reviewId, String messageId, String memberId, String fullName, String decision,
            List<String> rules) {
    }

    /** One group's waiting work, or why it could not be read. */
    /** A post of the police group's workflow waiting for its board (police-song-tri:13.2). */
    public record PostItem(String postId, String authorId, String authorName, String stage, String text, String source,
            long version) {
    }

    public record Board(String groupId, String name, String role, boolean leader, String version,
            List<Proposal> proposals, List<Leave> leaves, List<InfoChange> infoChanges, List<Directive> directives,
            List<Review> reviews, boolean posting, List<PostItem> posts, String error) {
        public int waiting() {
            return proposals.size() + leaves.size() + infoChanges.size() + reviews.size() + posts.size();
        }
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance approvals(Sessions.Officer officer, List<Board> boards, String error,
                String done);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "What waits for the person's boards: proposals, leave requests, info changes, directives, reviews")
    @APIResponse(responseCode = "200", description = "The approvals page (a service that cannot be read is named on it)", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "No live session: to /dashboard/sign-in; the session must sign in again: "
            + "to /dashboard/login?loi=het-han")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response page(@CookieParam(DashboardResource.COOKIE) String cookie, @QueryParam("loi") @Size(max = 500)
            String error, @QueryParam("ky") @Size(max = 64) String signature,
            @QueryParam("xong") @Size(max = 500) String done) {
        // the refusal of the last step, shown only when it is signed for this session (a crafted link shows nothing)
        return DashboardResource.signedIn(accounts, cookie, officer -> approvals(cookie, officer,
                vn.binhyen.report.dashboard.RefusalLinks.verified(error, signature, officer.csrf()), done));
    }

    private Response approvals(String cookie, Sessions.Officer officer, String error, String done) {
        List<Board> boards = new ArrayList<>();
        String problem = error;
        try {
            var mine = services.group(cookie, (api, auth) -> api.memberGroups(auth, officer.username()));
            if (!mine.ok()) {
                problem = "Không đọc được các nhóm của anh/chị: " + mine.problem();
            } else {
                for (JsonNode g : mine.body()) {
                    String role = g.path("role").asText();
                    if (BOARD.contains(role) && !"DISSOLVED".equals(g.path("status").asText())) {
                        boards.add(board(cookie, g.path("groupId").asText(), g.path("name").asText(), role));
                    }
                }
            }
        } catch (BoardServices.SignInAgain e) {
            return Response.seeOther(URI.create("/dashboard/login?loi=het-han")).build();
        } catch (BoardServices.Unreachable e) {
            problem = "Hệ thống quản lý nhóm chưa phản hồi; vui lòng thử lại sau ít phút.";
        }
        return Response.ok(Templates.approvals(officer, boards, problem, done == null ? null
                : DONE.getOrDefault(done, POST_DONE.get(done)))).build();
    }

    /** One group's waiting work, as group-service and moderation-service tell the person. */
    private Board board(String cookie, String groupId, String name, String role) {
        var group = services.group(cookie, (api, auth) -> api.group(auth, groupId));
        if (!group.ok()) {
            return new Board(groupId, name, role, false, null, List.of(), List.of(), List.of(), List.of(), List.of(),
                    false, List.of(), "Không đọc được nhóm: " + group.problem());
        }
        JsonNode view = group.body();
        Map<String, String> names = new HashMap<>();
        view.path("roster").forEach(s -> names.put(s.path("memberId").asText(), s.path("fullName").asText()));
        List<Proposal> proposals = new ArrayList<>();
        view.path("proposals").forEach(p -> proposals.add(new Proposal(p.path("proposalId").asText(),
                p.path("change").asText(), p.path("memberId").asText(), p.path("fullName").asText(),
                p.path("role").asText(null), p.path("proposedBy").asText(), p.path("reason").asText(null))));
        List<Leave> leaves = new ArrayList<>();
        view.path("leaveRequests").forEach(m -> leaves.add(new Leave(m.asText(), names.getOrDefault(m.asText(), m.asText()))));
        List<InfoChange> changes = new ArrayList<>();
        view.path("infoChanges").forEach(c -> changes.add(new InfoChange(c.path("changeId").asText(),
                c.path("name").asText(null), c.path("description").asText(null), c.path("proposedBy").asText())));
        List<Directive> directives = new ArrayList<>();
        var ds = services.group(cookie, (api, auth) -> api.directives(auth, groupId));
        if (ds.ok() && ds.body() != null) {
            ds.body().forEach(d -> {
                List<String> pending = new ArrayList<>();
                d.path("pending").forEach(p -> pending.add(names.getOrDefault(p.asText(), p.asText())));
                if (!pending.isEmpty()) {
                    directives.add(new Directive(d.path("directiveId").asText(), d.path("text").asText(),
                            d.path("issuedBy").asText(), d.hasNonNull("acknowledgeBy") ? when(d.path("acknowledgeBy").asText())
                            : null, d.path("recipients").asInt(), pending,
                            (int) Math.round(d.path("acknowledgementRate").asDouble() * 100)));
                }
            });
        }
        List<Review> reviews = new ArrayList<>();
        String error = null;
        var rs = services.moderation(cookie, (api, auth) -> api.reviews(auth, groupId));
        if (rs.ok() && rs.body() != null) {
            rs.body().forEach(r -> {
                List<String> rules = new ArrayList<>();
                r.path("ruleIds").forEach(x -> rules.add(x.asText()));
                reviews.add(new Review(r.path("reviewId").asText(), r.path("messageId").asText(),
                        r.path("memberId").asText(), names.getOrDefault(r.path("memberId").asText(), ""),
                        r.path("decision").asText(), rules));
            });
        } else if (!rs.ok()) {
            error = "Không đọc được tin nhắn chờ xem xét: " + rs.problem();
        }
        // the police group's posts waiting for the board (13.2); a group whose regulation makes no such workflow
        // answers 422 and shows no such section (no other body's clause on its page), and a board
        // moderation-service has not seen yet answers 404: nothing to show, not an error
        List<PostItem> posts = new ArrayList<>();
        var ps = services.moderation(cookie, (api, auth) -> api.posts(auth, groupId));
        boolean posting = ps.ok();
        if (ps.ok() && ps.body() != null) {
            ps.body().forEach(p -> posts.add(new PostItem(p.path("postId").asText(), p.path("authorId").asText(),
                    names.getOrDefault(p.path("authorId").asText(), ""), p.path("stage").asText(),
                    p.path("text").asText(), p.path("source").asText(null), p.path("version").asLong())));
        } else if (!ps.ok() && ps.status() != 404 && ps.status() != 422) {
            error = (error == null ? "" : error + " ") + "Không đọc được bài viết chờ duyệt: " + ps.problem();
        }
        return new Board(groupId, view.path("name").asText(name), role, "LEADER".equals(role),
                group.body().path("version").asText(), proposals, leaves, changes, directives, reviews, posting, posts,
                error);
    }

    /** A membership proposal decided by the leader (group-service, If-Match to the version the page showed). */
    @POST
    @Path("/{groupId}/proposals/{proposalId}")
    @Operation(summary = "Decide a membership proposal (the leader; If-Match to the version the page showed)",
            description = BY_THE_SERVICE)
    @APIResponse(responseCode = "303", description = BACK_TO_THE_PAGE)
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = FORGED_FORM, content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response decide(@CookieParam(DashboardResource.COOKIE) String cookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("groupId") String groupId,
            @PathParam("proposalId") String proposalId, @RestForm @Size(max = 8) String approve,
            @RestForm @Size(max = 1000) String reason, @RestForm @Size(max = 40) String version,
            @RestForm("_csrf") @Size(max = 100) String csrf,
            @HeaderParam(DashboardResource.CSRF_HEADER) @Size(max = 100) String csrfHeader) {
        Response bad = oneOf("approve", approve, "1", "0");
        if (bad != null) {
            return bad;
        }
        return step(cookie, origin, host, csrf != null ? csrf : csrfHeader, () -> services.group(cookie, (api, auth) -> api.decideProposal(auth,
                etag(version), groupId, proposalId, Map.of("approve", "1".equals(approve), "reason",
                        reason == null || reason.isBlank() ? ("1".equals(approve) ? "Đồng ý" : "Không đồng ý") : reason))),
                "1".equals(approve) ? "duyet" : "tu-choi");
    }

    /** A leave request consented to by the leader. */
    @POST
    @Path("/{groupId}/leave-requests/{memberId}")
    @Operation(summary = "Consent to a member's leave request (the leader)",
            description = BY_THE_SERVICE)
    @APIResponse(responseCode = "303", description = BACK_TO_THE_PAGE)
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = FORGED_FORM, content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response consent(@CookieParam(DashboardResource.COOKIE) String cookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("groupId") String groupId,
            @PathParam("memberId") String memberId, @RestForm @Size(max = 40) String version,
            @RestForm("_csrf") @Size(max = 100) String csrf,
            @HeaderParam(DashboardResource.CSRF_HEADER) @Size(max = 100) String csrfHeader) {
        return step(cookie, origin, host, csrf != null ? csrf : csrfHeader, () -> services.group(cookie, (api, auth) -> api.consentToLeave(auth,
                etag(version), groupId, memberId)), "roi-nhom");
    }

    /** A change to the group's information directed by the leader. */
    @POST
    @Path("/{groupId}/info-changes/{changeId}")
    @Operation(summary = "Approve or reject a change to the group's information (the leader)",
            description = BY_THE_SERVICE)
    @APIResponse(responseCode = "303", description = BACK_TO_THE_PAGE)
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = FORGED_FORM, content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response infoChange(@CookieParam(DashboardResource.COOKIE) String cookie,
            @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("groupId") String groupId, @PathParam("changeId") String changeId,
            @RestForm @Size(max = 8) String approve, @RestForm @Size(max = 40) String version,
            @RestForm("_csrf") @Size(max = 100) String csrf,
            @HeaderParam(DashboardResource.CSRF_HEADER) @Size(max = 100) String csrfHeader) {
        Response bad = oneOf("approve", approve, "1", "0");
        if (bad != null) {
            return bad;
        }
        return step(cookie, origin, host, csrf != null ? csrf : csrfHeader, () -> services.group(cookie, (api, auth) -> api.decideInfoChange(auth,
                etag(version), groupId, changeId, Map.of("approve", "1".equals(approve), "reason",
                        "1".equals(approve) ? "Đồng ý" : "Không đồng ý"))), "1".equals(approve) ? "doi-thong-tin" : "giu-thong-tin");
    }

    /** A flagged message's review: the board confirms or overturns the screening (moderation-service). */
    @POST
    @Path("/reviews/{reviewId}")
    @Operation(summary = "Confirm or overturn the screening of a flagged message (the board)",
            description = BY_THE_SERVICE)
    @APIResponse(responseCode = "303", description = BACK_TO_THE_PAGE)
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = FORGED_FORM, content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response review(@CookieParam(DashboardResource.COOKIE) String cookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("reviewId") String reviewId,
            @RestForm @Size(max = 20) String outcome, @RestForm @Size(max = 2000) String note,
            @RestForm("_csrf") @Size(max = 100) String csrf,
            @HeaderParam(DashboardResource.CSRF_HEADER) @Size(max = 100) String csrfHeader) {
        Response bad = oneOf("outcome", outcome, "CONFIRMED", "OVERTURNED");
        if (bad != null) {
            return bad;
        }
        String o = outcome;
        return step(cookie, origin, host, csrf != null ? csrf : csrfHeader, () -> services.moderation(cookie, (api, auth) -> api.decideReview(auth,
                reviewId, note == null || note.isBlank() ? Map.of("outcome", o) : Map.of("outcome", o, "note", note))),
                o.equals("CONFIRMED") ? "vi-pham" : "khong-vi-pham");
    }

    /** A step of a post's workflow (police-song-tri:13.2), taken in moderation-service as the person. */
    @POST
    @Path("/posts/{postId}/{step}")
    @Operation(summary = "Take a step of a post's workflow (police-song-tri:13.2): verification, return, approval, "
            + "publication", description = "The step is a call to moderation-service's API as the person, If-Match "
            + "to the version the page showed; its refusal (403, 404, 409, 412, 422...) is not passed on but shown on "
            + "the approvals page, so an unknown post redirects rather than 404.")
    @APIResponse(responseCode = "303", description = "To /dashboard/approvals with xong (done) or loi (the service's "
            + "refusal and its reason); to /dashboard/login?loi=het-han when the session must sign in again; to "
            + "/dashboard/sign-in without a live session")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = FORGED_FORM, content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response postStep(@CookieParam(DashboardResource.COOKIE) String cookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("postId") String postId, @PathParam("step") String step,
            @RestForm @Size(max = 2000) String comments, @RestForm @Size(max = 40) String version,
            @RestForm("_csrf") @Size(max = 100) String csrf,
            @HeaderParam(DashboardResource.CSRF_HEADER) @Size(max = 100) String csrfHeader) {
        Response bad = oneOf("step", step, "verification", "return", "approval", "publication");
        if (bad == null && step.equals("return") && (comments == null || comments.isBlank())) {
            bad = vn.binhyen.eventlog.http.Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value",
                    Response.Status.BAD_REQUEST, "comments: a post is returned with what to change")
                    .withErrors(List.of(new vn.binhyen.eventlog.http.Problem.FieldError("comments", "required",
                            "cần ghi rõ nội dung cần sửa"))).toResponse();
        }
        if (bad != null) {
            return bad;
        }
        Map<String, Object> body = switch (step) {
            case "return" -> Map.of("comments", comments.strip());
            case "approval" -> Map.of();
            default -> null;
        };
        return step(cookie, origin, host, csrf != null ? csrf : csrfHeader, () -> services.moderation(cookie,
                (api, auth) -> body == null ? api.postStep(auth, etag(version), postId, step)
                        : api.postStepWith(auth, etag(version), postId, step, body)), POST_STEPS.get(step));
    }

    /** An instant as the pages show times (Vietnam's), or the text as it came when it is not one. */
    static String when(String instant) {
        try {
            return DashboardResource.WHEN.format(java.time.Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /**
     * A decision's field must say which decision: a missing or other value is a 400 naming it, and
     * nothing is sent (never read as "no").
     */
    static Response oneOf(String field, String value, String... allowed) {
        if (value != null && java.util.List.of(allowed).contains(value)) {
            return null;
        }
        return vn.binhyen.eventlog.http.Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value",
                Response.Status.BAD_REQUEST, field + " must be one of " + java.util.List.of(allowed))
                .withErrors(List.of(new vn.binhyen.eventlog.http.Problem.FieldError(field, "one-of",
                        "một trong " + java.util.List.of(allowed)))).toResponse();
    }

    private static String etag(String version) {
        return version == null || version.isBlank() || !version.chars().allMatch(Character::isDigit) ? null
                : "\"" + version + "\"";
    }

    private Response step(String cookie, String origin, String host, String csrf,
            java.util.function.Supplier<BoardServices.Answer> call, String done) {
        return DashboardResource.posted(accounts, cookie, origin, host, csrf, officer -> carryOut(call, done,
                officer.csrf()));
    }

    private static Response carryOut(java.util.function.Supplier<BoardServices.Answer> call, String done,
            String session) {
        try {
            var answer = call.get();
            if (answer.ok()) {
                return Response.seeOther(URI.create("/dashboard/approvals?xong=" + enc(done))).build();
            }
            String why = answer.status() == 412 ? "nhóm vừa thay đổi; xem lại rồi làm lại" : answer.problem();
            return Response.seeOther(URI.create("/dashboard/approvals?" + vn.binhyen.report.dashboard.RefusalLinks
                    .query("Không thực hiện được: " + why, session))).build();
        } catch (BoardServices.SignInAgain e) {
            return Response.seeOther(URI.create("/dashboard/login?loi=het-han")).build();
        } catch (BoardServices.Unreachable e) {
            return Response.seeOther(URI.create("/dashboard/approvals?" + vn.binhyen.report.dashboard.RefusalLinks
                    .query("Hệ thống chưa phản hồi; bước này chưa được thực hiện. Vui lòng thử lại.", session)))
                    .build();
        }
    }

    private static String enc(String s) {
        String bounded = s.length() > 400 ? s.substring(0, 400) + "…" : s;
        return URLEncoder.encode(bounded, StandardCharsets.UTF_8);
    }
}
