package vn.binhyen.group;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.ConcurrencyException;
import vn.binhyen.eventlog.decider.RuleViolation;
import vn.binhyen.eventlog.decider.StaleVersionException;
import vn.binhyen.eventlog.http.ETags;

/** Test-only endpoints that raise each kind of failure, so the problem mappers are checked over HTTP. */
@Path("/test/problems")
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class ProblemProbeResource {
    // bounded like every request field (OpenApiBoundsTests reads this one too: test classes are in the document)
    public record Probe(@NotBlank @Size(max = 200) String name, @Size(max = 3) List<@Size(max = 20) String> tags,
            int count) {
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public String validate(@Valid Probe probe) {
        return "ok";
    }

    @GET
    @Path("/{kind}")
    public String raise(@PathParam("kind") String kind, @HeaderParam("If-Match") String ifMatch) {
        return switch (kind) {
            case "conflict" -> throw new ConcurrencyException("group-1", 3, 4);
            case "stale" -> throw new StaleVersionException("group-1", ETags.expectedVersion(ifMatch).orElse(0), 9);
            case "rule" -> throw new RuleViolation("ward-binh-phuoc:6.3", "name",
                    "only the leader approves adding a member");
            case "bug" -> throw new IllegalStateException("a bug must stay a 500");
            default -> "nothing";
        };
    }
}
