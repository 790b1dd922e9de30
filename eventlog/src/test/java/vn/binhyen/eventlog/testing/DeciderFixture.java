package vn.binhyen.eventlog.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import vn.binhyen.eventlog.decider.Decider;
import vn.binhyen.eventlog.decider.RuleViolation;

/**
 * Given/when/then for deciders, without a database:
 * <pre>
 * fixture.given(groupEstablished(), adminAssigned(ADMIN))
 *        .when(new AddMember(...))
 *        .thenRejectedBy("ward-binh-phuoc:6.3");
 * </pre>
 * Shipped in eventlog's test-jar.
 */
public final class DeciderFixture<C, S, E> {
    private final Decider<C, S, E> decider;

    private DeciderFixture(Decider<C, S, E> decider) {
        this.decider = decider;
    }

    public static <C, S, E> DeciderFixture<C, S, E> of(Decider<C, S, E> decider) {
        return new DeciderFixture<>(decider);
    }

    @SafeVarargs
    public final Given given(E... history) {
        return new Given(Arrays.asList(history));
    }

    public final class Given {
        private final List<E> history;

        private Given(List<E> history) {
            this.history = history;
        }

        /** More history after what was given (a long history read in parts). */
        @SafeVarargs
        public final Given and(E... more) {
            List<E> all = new java.util.ArrayList<>(history);
            all.addAll(Arrays.asList(more));
            return new Given(all);
        }

        public When when(C command) {
            S state = decider.fold(history);
            try {
                return new When(state, decider.decide(command, state), null);
            } catch (RuleViolation v) {
                return new When(state, null, v);
            }
        }
    }

    public final class When {
        private final S state;
        private final List<E> events;
        private final RuleViolation rejection;

        private When(S state, List<E> events, RuleViolation rejection) {
            this.state = state;
            this.events = events;
            this.rejection = rejection;
        }

        @SafeVarargs
        public final S then(E... expected) {
            if (rejection != null) {
                fail("expected events %s but the command was rejected: %s", Arrays.toString(expected),
                        rejection.getMessage());
            }
            assertThat(events).containsExactly(expected);
            S after = state;
            for (E e : events) {
                after = decider.evolve(after, e);
            }
            return after;
        }

        public List<E> thenEvents() {
            if (rejection != null) {
                fail("expected events but the command was rejected: %s", rejection.getMessage());
            }
            return events;
        }

        /** Accepted, with nothing to record (an idempotent repeat, say). */
        public void thenNothing() {
            assertThat(thenEvents()).as("events decided").isEmpty();
        }

        public RuleViolation thenRejectedBy(String citation) {
            if (rejection == null) {
                fail("expected a rejection by %s but the command produced %s", citation, events);
            }
            assertThat(rejection.citation()).as("citation of the rule that rejected").isEqualTo(citation);
            return rejection;
        }
    }
}
