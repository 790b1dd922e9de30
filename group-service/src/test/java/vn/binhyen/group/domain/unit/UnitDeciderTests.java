package vn.binhyen.group.domain.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.group.UnitEvent;
import vn.binhyen.contracts.group.UnitEvent.UnitEstablished;
import vn.binhyen.contracts.group.UnitEvent.UnitRenamed;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.testing.DeciderFixture;
import vn.binhyen.group.domain.Conflict;
import vn.binhyen.group.domain.unit.UnitCommand.EstablishUnit;
import vn.binhyen.group.domain.unit.UnitCommand.RenameUnit;

/** The unit aggregate's rules (binhyen:units), given/when/then, no database. */
class UnitDeciderTests {
    static final UnitDecider DECIDER = new UnitDecider();
    static final DeciderFixture<UnitCommand, Unit, UnitEvent> FIXTURE = DeciderFixture.of(DECIDER);
    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    static final Set<String> SYSTEM_ADMIN = Set.of(Roles.SYSTEM_ADMIN);
    static final String WARD = "ca-phuong-song-tri";

    static EstablishUnit establish(String unitId, String kind, String parent, boolean parentEstablished,
            Set<String> roles) {
        return new EstablishUnit(unitId, "Công an phường Sông Trí", kind, parent, parentEstablished, "sysadmin-1",
                roles, NOW);
    }

    static UnitEstablished ward() {
        return new UnitEstablished(WARD, "Công an phường Sông Trí", "WARD_POLICE", null, "sysadmin-1");
    }

    @Test
    @DisplayName("binhyen:units — a system administrator establishes a unit, its name stripped")
    void establish_bySystemAdministrator_establishesTheUnit_binhyen_units() {
        var state = FIXTURE.given()
                .when(new EstablishUnit(WARD, "  Công an phường Sông Trí ", "WARD_POLICE", null, false, "sysadmin-1",
                        SYSTEM_ADMIN, NOW))
                .then(ward());
        assertThat(state).isEqualTo(new Unit.Established(WARD, "Công an phường Sông Trí", "WARD_POLICE", null));
    }

    @Test
    @DisplayName("binhyen:units — a commander, whatever unit the token names, does not establish units")
    void establish_byCommander_notPermittedBy_binhyen_units() {
        var rejection = FIXTURE.given()
                .when(establish(WARD, "WARD_POLICE", null, false, Set.of(Roles.COMMANDER)))
                .thenRejectedBy("binhyen:units");
        assertThat(rejection).isInstanceOf(NotPermitted.class);
    }

    @Test
    @DisplayName("binhyen:units — a unit is established once; again is a conflict (409)")
    void establish_again_isAConflict_binhyen_units() {
        var rejection = FIXTURE.given(ward())
                .when(establish(WARD, "WARD_POLICE", null, false, SYSTEM_ADMIN))
                .thenRejectedBy("binhyen:units");
        assertThat(rejection).isInstanceOf(Conflict.class);
        assertThat(rejection.field()).isEqualTo("unitId");
    }

    @Test
    @DisplayName("binhyen:units — a unit id is 2 to 64 of a-z, 0-9 and '-'")
    void establish_withAnIdOutsideLowercaseLettersDigitsAndHyphens_rejectedBy_binhyen_units() {
        for (String id : List.of("x", "Ca-phuong-song-tri", "ca phuong", "ca_phuong", "công-an-phường", "ca.phuong",
                "a".repeat(65))) {
            var rejection = FIXTURE.given().when(establish(id, "WARD_POLICE", null, false, SYSTEM_ADMIN))
                    .thenRejectedBy("binhyen:units");
            assertThat(rejection).as(id).isInstanceOf(InvalidInput.class);
            assertThat(rejection.field()).as(id).isEqualTo("unitId");
        }
        for (String id : List.of("ab", "a".repeat(64), "0-9", "ca-phuong-song-tri")) {
            assertThat(FIXTURE.given().when(establish(id, "WARD_POLICE", null, false, SYSTEM_ADMIN)).thenEvents())
                    .as(id).hasSize(1);
        }
    }

    @Test
    @DisplayName("binhyen:units — the kind of unit is one of UnitEvent.KINDS")
    void establish_ofAnUnknownKind_rejectedBy_binhyen_units() {
        var rejection = FIXTURE.given().when(establish(WARD, "POLICE_STATION", null, false, SYSTEM_ADMIN))
                .thenRejectedBy("binhyen:units");
        assertThat(rejection).isInstanceOf(InvalidInput.class);
        assertThat(rejection.field()).isEqualTo("kind");
    }

    @Test
    @DisplayName("binhyen:units — a unit's name is required")
    void establish_withoutAName_rejectedBy_binhyen_units() {
        assertThat(FIXTURE.given().when(new EstablishUnit(WARD, " ", "WARD_POLICE", null, false, "sysadmin-1",
                SYSTEM_ADMIN, NOW)).thenRejectedBy("binhyen:units").field()).isEqualTo("name");
    }

    @Test
    @DisplayName("binhyen:units — a unit's parent is established before it (422)")
    void establish_belowAParentNotEstablished_rejectedBy_binhyen_units() {
        var rejection = FIXTURE.given()
                .when(establish(WARD, "WARD_POLICE", "ca-tinh-lai-chau", false, SYSTEM_ADMIN))
                .thenRejectedBy("binhyen:units");
        assertThat(rejection).isNotInstanceOf(InvalidInput.class).isNotInstanceOf(Conflict.class);
        assertThat(rejection.field()).isEqualTo("parentUnitId");
    }

    @Test
    @DisplayName("binhyen:units — below an established parent, the parent is recorded")
    void establish_belowAnEstablishedParent_recordsIt_binhyen_units() {
        var state = FIXTURE.given()
                .when(establish(WARD, "WARD_POLICE", "ca-tinh-lai-chau", true, SYSTEM_ADMIN))
                .then(new UnitEstablished(WARD, "Công an phường Sông Trí", "WARD_POLICE", "ca-tinh-lai-chau",
                        "sysadmin-1"));
        assertThat(((Unit.Established) state).parentUnitId()).isEqualTo("ca-tinh-lai-chau");
    }

    @Test
    @DisplayName("binhyen:units — a rename is recorded; the same name again records nothing")
    void rename_recordsTheNewName_andTheSameNameAgainNothing_binhyen_units() {
        var state = FIXTURE.given(ward())
                .when(new RenameUnit("Công an phường Sông Trí mới", "sysadmin-1", SYSTEM_ADMIN, NOW))
                .then(new UnitRenamed(WARD, "Công an phường Sông Trí mới", "sysadmin-1"));
        assertThat(((Unit.Established) state).name()).isEqualTo("Công an phường Sông Trí mới");
        FIXTURE.given(ward()).when(new RenameUnit(" Công an phường Sông Trí ", "sysadmin-1", SYSTEM_ADMIN, NOW))
                .thenNothing();
    }

    @Test
    @DisplayName("binhyen:units — only a system administrator renames a unit")
    void rename_byAuditor_notPermittedBy_binhyen_units() {
        assertThat(FIXTURE.given(ward()).when(new RenameUnit("Tên khác", "auditor-1", Set.of(Roles.AUDITOR), NOW))
                .thenRejectedBy("binhyen:units")).isInstanceOf(NotPermitted.class);
    }

    @Test
    void rename_ofAUnitNeverEstablished_isUnknown() {
        assertThatThrownBy(() -> DECIDER.decide(new RenameUnit("Tên", "sysadmin-1", SYSTEM_ADMIN, NOW),
                DECIDER.initialState())).isInstanceOf(UnknownUnitException.class);
    }
}
