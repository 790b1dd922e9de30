package vn.binhyen.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import vn.binhyen.eventlog.http.Matches;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.report.dashboard.Accounts;

/** A system administrator sets up the officers who sign in to the dashboard. */
@Path("/api/v1/dashboard/users")
@Consumes(MediaType.APPLICATION_JSON)
public class DashboardUsersResource {
    static final List<String> OFFICER_ROLES = List.of(Roles.DUTY_OFFICER, Roles.PCTP_OFFICER, Roles.COMMANDER,
            Roles.LEADER, Roles.DEPUTY);

    private final Accounts accounts;
    private final vn.binhyen.eventlog.directory.Directory directory;

    DashboardUsersResource(Accounts accounts, vn.binhyen.eventlog.directory.Directory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    /** {@code password}: at least 12 characters; {@code unit}: the officer's unit (default: this deployment's). */
    public record OfficerRequest(@NotBlank @Size(max = 200) String displayName,
            @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 32) String> roles,
            @NotBlank @Size(min = 12, max = 200) String password, @Size(max = 64) String unit) {
    }

    @PUT
    @Path("/{username}")
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public Response put(@PathParam("username") @Matches(regexp = "[a-z0-9._-]{3,64}") String username,
            @Valid OfficerRequest r) {
        if (r == null) {
            return invalid("body", "required", "the officer is required");
        }
        for (String role : r.roles()) {
            if (!OFFICER_ROLES.contains(role)) {
                return invalid("roles", "officer-role", "not a dashboard role: " + role + "; one of " + OFFICER_ROLES);
            }
        }
        if (r.unit() != null && !r.unit().isBlank() && !directory.known(r.unit())) {
            return invalid("unit", "known-unit", "no unit " + r.unit() + " is established");
        }
        accounts.create(username, r.displayName().strip(), r.roles(), r.password(), r.unit());
        return Response.noContent().build();
    }

    private static Response invalid(String field, String rule, String message) {
        return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                "the officer was not saved").withErrors(List.of(new Problem.FieldError(field, rule, message)))
                .toResponse();
    }
}
