package vn.binhyen.eventlog.decider;

import java.util.List;

/**
 * An aggregate as two pure functions: {@code decide(command, state) -> events} and
 * {@code evolve(state, event) -> state}, from {@code initialState()}. Rejections are
 * {@link RuleViolation}s naming the rule's citation.
 */
public interface Decider<C, S, E> {
    S initialState();

    List<E> decide(C command, S state);

    S evolve(S state, E event);

    default S fold(Iterable<? extends E> events) {
        S state = initialState();
        for (E e : events) {
            state = evolve(state, e);
        }
        return state;
    }
}
